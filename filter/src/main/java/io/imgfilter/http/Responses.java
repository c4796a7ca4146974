package io.imgfilter.http;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the filter's own answers: short plain-text errors and the headers every answer carries. */
public final class Responses {

    private Responses() {
    }

    /** What an answer of the filter may do when a browser opens it as a page: nothing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    /**
     * Headers for any answer of the filter: the browser must never guess a type, and an answer
     * opened on its own runs nothing.
     */
    public static void hardenHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    /**
     * {@code inline} with a file name a browser can save the image under: the original's name
     * with the output format's extension, in ASCII (anything else becomes '_') and, for the
     * others, RFC 6266's UTF-8 form.
     */
    public static String contentDisposition(String originalName, String extension) {
        int dot = originalName.lastIndexOf('.');
        String name = (dot > 0 ? originalName.substring(0, dot) : originalName) + "." + extension;
        StringBuilder ascii = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(isFileNameSafe(c) ? c : '_');
        }
        if (ascii.toString().equals(name)) {
            return "inline; filename=\"" + name + "\"";
        }
        StringBuilder encoded = new StringBuilder(name.length() + 16);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isFileNameSafe((char) c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static boolean isFileNameSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    }

    /**
     * Sends the problem as a short text/plain body, replacing anything buffered. Error pages of
     * the container are bypassed on purpose: they may be HTML and echo the request.
     */
    public static void sendProblem(HttpServletResponse response, HttpProblem problem, boolean withBody) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(problem.status());
        hardenHeaders(response);
        response.setHeader("Cache-Control", "no-store");
        if (problem.status() == 503) {
            response.setHeader("Retry-After", "1"); // busy or out of time: worth another try soon
        }
        response.setContentType("text/plain;charset=UTF-8");
        byte[] body = (problem.clientMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        if (problem.status() == 405) {
            response.setHeader("Allow", "GET, HEAD");
        }
        if (withBody) {
            response.getOutputStream().write(body);
        }
    }

    /**
     * {@code Server-Timing}: where the variant came from ({@code memory}, {@code disk},
     * {@code store} or {@code render}, a render shared with a concurrent request included) and how long the
     * request took until its bytes were ready, in milliseconds.
     */
    public static String serverTiming(io.imgfilter.cache.RenderCache.Origin origin, long nanos) {
        String source = switch (origin) {
            case MEMORY -> "memory";
            case DISK -> "disk";
            case STORE -> "store";
            case RENDERED, SHARED -> "render";
        };
        return source + ";dur=" + String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    /** The Cache-Control value with its {@code max-age} no longer than {@code seconds}. */
    public static String capMaxAge(String cacheControl, long seconds) {
        java.util.regex.Matcher maxAge = java.util.regex.Pattern.compile("max-age=(\\d+)").matcher(cacheControl);
        if (!maxAge.find()) {
            return cacheControl;
        }
        long current = Long.parseLong(maxAge.group(1));
        return current <= seconds ? cacheControl
                : cacheControl.substring(0, maxAge.start(1)) + seconds + cacheControl.substring(maxAge.end(1));
    }
}
