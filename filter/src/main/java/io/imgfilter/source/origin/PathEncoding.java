package io.imgfilter.source.origin;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Percent-encodes path segments for origin URLs: every UTF-8 byte except the RFC 3986 unreserved
 * characters ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX} with upper-case hex digits. A
 * segment so encoded can hold no separator, query, fragment or authority character, so it can
 * never change where a request goes; it is also exactly the form AWS Signature Version 4 signs.
 */
public final class PathEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoding() {
    }

    /** One decoded segment, encoded: {@code café terrace.jpg} → {@code caf%C3%A9%20terrace.jpg}. */
    public static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 16);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Decoded segments, each encoded, joined with '/' (no leading or trailing '/'). */
    public static String encodeSegments(List<String> segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(encodeSegment(segment));
        }
        return out.toString();
    }

    static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * Decodes {@code %XX} escapes of one raw segment as UTF-8 (malformed escapes are kept as
     * they are); used to check configured base paths and to canonicalise signed paths.
     */
    static String decodeSegment(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 3;
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
