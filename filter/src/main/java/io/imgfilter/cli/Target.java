package io.imgfilter.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The URL or path given on the command line, split into what is signed ({@code /path?query}) and
 * what is carried along unsigned: the {@code scheme://host} origin and a {@code #fragment}.
 *
 * @param origin       {@code http://host:port}, or empty for a bare path
 * @param pathAndQuery the raw path and query, starting with {@code '/'}
 * @param fragment     {@code #...}, or empty
 */
record Target(String origin, String pathAndQuery, String fragment) {

    private static final Pattern URL_START = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");

    static Target parse(String text) {
        String origin = "";
        String rest = text;
        var scheme = URL_START.matcher(text);
        if (scheme.find()) {
            int pathStart = indexOfAny(text, "/?#", scheme.end());
            if (pathStart < 0) {
                pathStart = text.length();
            }
            origin = text.substring(0, pathStart);
            rest = text.substring(pathStart);
            if (!rest.startsWith("/")) {
                rest = "/" + rest;
            }
        } else if (!text.startsWith("/")) {
            throw new UsageException("[" + text + "] is neither a path starting with '/' nor an http(s) URL");
        }
        int hash = rest.indexOf('#');
        return hash < 0 ? new Target(origin, rest, "") : new Target(origin, rest.substring(0, hash), rest.substring(hash));
    }

    /** The path without the query. */
    String rawPath() {
        int question = pathAndQuery.indexOf('?');
        return question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    }

    /** True when a segment of the path is {@code .} or {@code ..}, written plainly or percent-encoded. */
    boolean hasDotSegment() {
        for (String segment : rawPath().split("/", -1)) {
            String decoded;
            try {
                decoded = percentDecode(segment);
            } catch (UsageException e) {
                decoded = segment;
            }
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Rebuilds the full URL around a signed path and query. */
    String around(String signedPathAndQuery) {
        return origin + signedPathAndQuery + fragment;
    }

    /**
     * Under {@code prefix}, the path reads {@code {prefix}/{variant}/{image id}}: returns the variant
     * segment as is and the image id percent-decoded (UTF-8).
     */
    ImageVariant imageVariantUnder(String prefix) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        String path = rawPath();
        if (!path.startsWith(base)) {
            throw new UsageException("the path " + path + " does not start with --prefix " + base);
        }
        String rest = path.substring(base.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new UsageException("the path " + path + " is not " + base + "{variant}/{image id}");
        }
        return new ImageVariant(percentDecode(rest.substring(slash + 1)), rest.substring(0, slash));
    }

    static String percentDecode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%') {
                int high = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? hexDigit(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    throw new UsageException("bad percent-encoding in " + raw);
                }
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("the image id in " + raw + " is not percent-encoded UTF-8");
        }
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static int indexOfAny(String text, String chars, int from) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
