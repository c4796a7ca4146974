package io.imgfilter.taglib;

import java.io.IOException;
import java.io.Writer;

/**
 * Escapes text for HTML attribute values and element content: {@code & < > " '} become
 * character references, everything else is written as is (the page's encoding carries it).
 * Writes straight into the page's writer, copying runs of plain characters in one call, so
 * escaping allocates nothing.
 */
final class Html {

    private Html() {
    }

    /** Writes {@code text} escaped. */
    static void escape(String text, Writer out) throws IOException {
        int length = text.length();
        int start = 0;
        for (int i = 0; i < length; i++) {
            String replacement = replacement(text.charAt(i));
            if (replacement != null) {
                if (i > start) {
                    out.write(text, start, i - start);
                }
                out.write(replacement);
                start = i + 1;
            }
        }
        if (start < length) {
            out.write(text, start, length - start);
        }
    }

    /** {@code text} escaped, for callers that need a String. */
    static String escape(String text) {
        int first = 0;
        while (first < text.length() && replacement(text.charAt(first)) == null) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Writes {@code " name=\"value\""} with the value escaped. */
    static void attribute(String name, String value, Writer out) throws IOException {
        out.write(' ');
        out.write(name);
        out.write("=\"");
        escape(value, out);
        out.write('"');
    }

    private static String replacement(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
