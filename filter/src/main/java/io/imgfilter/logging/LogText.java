package io.imgfilter.logging;

/** Turns client-controlled text into something safe for one log line. */
public final class LogText {

    /** How much of a request path a log line keeps. */
    public static final int MAX_PATH_CHARS = 200;

    private LogText() {
    }

    /**
     * The path as it may go into a log line: at most {@value #MAX_PATH_CHARS} characters of it, with
     * backslashes and control or line-separator characters escaped so that one request is one line.
     */
    public static String path(String rawPath) {
        if (rawPath == null) {
            return "(no path)";
        }
        int end = Math.min(rawPath.length(), MAX_PATH_CHARS);
        if (end < rawPath.length() && Character.isHighSurrogate(rawPath.charAt(end - 1))) {
            end--;
        }
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = rawPath.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < rawPath.length()) {
            out.append("...(").append(rawPath.length() - end).append(" more chars)");
        }
        return out.toString();
    }
}
