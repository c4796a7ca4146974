package io.imgfilter.signing;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * A buffer that collects the UTF-8 bytes of a string-to-sign from pieces of the request and
 * computes its HMAC, so that verifying a request builds no intermediate strings. One per
 * message: a per-thread cache would save half a kilobyte at the price of a ThreadLocal whose
 * value pins the webapp's class loader in the container's threads after a redeploy.
 * Encodes exactly like {@code String.getBytes(UTF_8)} (an unpaired surrogate becomes {@code '?'}).
 */
final class MessageBuffer {

    private static final int INITIAL_CAPACITY = 256;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;

    /** Scratch space for a computed MAC, and for a decoded {@code sig}. */
    final byte[] computed = new byte[HmacSha256.LENGTH];
    final byte[] provided = new byte[HmacSha256.LENGTH];

    private MessageBuffer() {
    }

    /** A new, empty buffer. */
    static MessageBuffer empty() {
        return new MessageBuffer();
    }

    MessageBuffer append(String text) {
        return append(text, 0, text.length());
    }

    /** Appends the UTF-8 encoding of {@code text[from, to)}. */
    MessageBuffer append(String text, int from, int to) {
        ensureRoom(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                i = appendNonAscii(text, i, to);
            }
        }
        return this;
    }

    MessageBuffer append(char asciiChar) {
        ensureRoom(1);
        bytes[length++] = (byte) asciiChar;
        return this;
    }

    /** HMAC of the bytes collected so far, written into {@link #computed}. */
    byte[] macInto(HmacSha256 hmac) {
        Mac mac = hmac.mac();
        mac.update(bytes, 0, length);
        try {
            mac.doFinal(computed, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // cannot happen: computed holds exactly one MAC
        }
        return computed;
    }

    /** Encodes one non-ASCII character (or surrogate pair) at {@code i}; returns the last index used. */
    private int appendNonAscii(String text, int i, int to) {
        char c = text.charAt(i);
        ensureRoom(4 + (to - i));
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, text.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | (cp >> 18));
            bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            bytes[length++] = (byte) '?';
            return i;
        }
        bytes[length++] = (byte) (0xE0 | (c >> 12));
        bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    private void ensureRoom(int more) {
        if (length + more > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, length + more)];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
    }

    /** A copy of the collected bytes, for tests. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
