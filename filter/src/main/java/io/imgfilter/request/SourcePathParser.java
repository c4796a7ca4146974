package io.imgfilter.request;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw, percent-encoded source part of a request path into a {@link SourcePath}, or
 * refuses it. This is the one gate between a URL and the originals, so it refuses anything it
 * does not understand rather than trying to clean it up: dot segments in any encoding, encoded
 * or literal separators, double encoding, malformed or overlong UTF-8, path parameters, NUL and
 * control characters, empty segments (and so absolute paths), drive letters and hidden files.
 * It works on the raw path because containers differ in what they decode and normalize before
 * a filter sees {@code getServletPath()}.
 */
public final class SourcePathParser {

    public static final int MAX_RAW_LENGTH = 1024;
    public static final int MAX_SEGMENTS = 32;

    /** Thrown for any path that is refused; the message is for logs, not for clients. */
    public static final class UnsafePathException extends Exception {
        UnsafePathException(String reason) {
            super(reason, null, false, false);
        }
    }

    private SourcePathParser() {
    }

    public static SourcePath parse(String raw) throws UnsafePathException {
        if (raw == null || raw.isEmpty()) {
            throw new UnsafePathException("empty path");
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            throw new UnsafePathException("path longer than " + MAX_RAW_LENGTH);
        }
        for (int i = 0; i < raw.length(); i++) {
            if (!isAllowedRawChar(raw.charAt(i))) {
                throw new UnsafePathException("character not allowed in a raw path at " + i);
            }
        }
        String[] rawSegments = raw.split("/", -1);
        if (rawSegments.length > MAX_SEGMENTS) {
            throw new UnsafePathException("more than " + MAX_SEGMENTS + " segments");
        }
        List<String> segments = new ArrayList<>(rawSegments.length);
        for (String rawSegment : rawSegments) {
            String segment = decode(rawSegment);
            checkSegment(segment);
            // Some file systems and stores fold compatibility forms (a fullwidth dot becomes '.'):
            // the folded name must be just as safe.
            String folded = Normalizer.normalize(segment, Normalizer.Form.NFKC);
            if (!folded.equals(segment)) {
                checkSegment(folded);
            }
            segments.add(segment);
        }
        return new SourcePath(segments, raw);
    }

    /**
     * Checks a decoded source path, as an operator writes it (e.g. {@code 2024/café.jpg}), by
     * the same rules as a URL's: each segment is percent-encoded as a browser would and the
     * result {@link #parse parsed}, so exactly the paths that a URL may name are accepted.
     */
    public static SourcePath parseDecoded(String decoded) throws UnsafePathException {
        if (decoded == null || decoded.isEmpty()) {
            throw new UnsafePathException("empty path");
        }
        List<String> encoded = new ArrayList<>();
        for (String segment : decoded.split("/", -1)) {
            encoded.add(io.imgfilter.source.origin.PathEncoding.encodeSegment(segment));
        }
        SourcePath path = parse(String.join("/", encoded));
        if (!path.decoded().equals(decoded)) {
            throw new UnsafePathException("not valid Unicode");
        }
        return path;
    }

    /**
     * Unreserved and sub-delimiter characters of RFC 3986 plus ':' '@' and '%', without ';'
     * (path parameters) and without anything a browser would have percent-encoded.
     */
    private static boolean isAllowedRawChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', '=', '@', '%', '/' -> true;
            default -> false;
        };
    }

    private static String decode(String rawSegment) throws UnsafePathException {
        if (rawSegment.indexOf('%') < 0) {
            return rawSegment;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawSegment.length());
        for (int i = 0; i < rawSegment.length(); i++) {
            char c = rawSegment.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawSegment.length()) {
                    throw new UnsafePathException("truncated percent-escape");
                }
                int high = Character.digit(rawSegment.charAt(i + 1), 16);
                int low = Character.digit(rawSegment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new UnsafePathException("malformed percent-escape");
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new UnsafePathException("not valid UTF-8 (malformed or overlong)");
        }
    }

    private static void checkSegment(String segment) throws UnsafePathException {
        if (segment.isEmpty()) {
            throw new UnsafePathException("empty segment (double or leading slash)");
        }
        if (segment.charAt(0) == '.') {
            throw new UnsafePathException("dot segment or hidden file");
        }
        char last = segment.charAt(segment.length() - 1);
        if (last == '.' || last == ' ') {
            throw new UnsafePathException("segment ends with a dot or space");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == ';' || c == '\u2215' || c == '\u2044') {
                throw new UnsafePathException("separator, NUL or control character in a segment");
            }
            if (c == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                throw new UnsafePathException("double percent-encoding");
            }
        }
    }
}
