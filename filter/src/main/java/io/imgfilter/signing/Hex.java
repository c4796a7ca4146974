package io.imgfilter.signing;

/** Lower-case hexadecimal, the only form a {@code sig} may take. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String encode(byte[] bytes) {
        char[] chars = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            chars[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(chars);
    }

    /**
     * Decodes {@code text[from, to)} into {@code out} when it is exactly {@code 2 * out.length}
     * lower-case hex digits.
     *
     * @return false (with {@code out} partly overwritten) for any other length or character
     */
    static boolean decodeLowerCase(String text, int from, int to, byte[] out) {
        if (to - from != 2 * out.length) {
            return false;
        }
        for (int i = 0; i < out.length; i++) {
            int high = lowerCaseDigit(text.charAt(from + 2 * i));
            int low = lowerCaseDigit(text.charAt(from + 2 * i + 1));
            if ((high | low) < 0) {
                return false;
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return true;
    }

    private static int lowerCaseDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
