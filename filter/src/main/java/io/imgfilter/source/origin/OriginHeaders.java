package io.imgfilter.source.origin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Headers sent with every request to the origin, from the init-param {@code origin-headers}:
 * one {@code Name: value} per line, such as {@code Authorization: Bearer ${env:ORIGIN_TOKEN}} or
 * {@code Cookie: session=${env:ORIGIN_SESSION}}. A header whose value is empty is not sent, so
 * {@code Authorization: ${env:ORIGIN_AUTH:-}} sends nothing while the variable is unset.
 *
 * <p>Values are secrets: no error message and no {@link #toString()} ever holds one.
 */
public final class OriginHeaders implements RequestAuthenticator {

    /** Headers the HTTP client or the source itself writes. */
    private static final Set<String> MANAGED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "http2-settings",
            "if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "if-range", "range",
            "accept-encoding");

    public static final OriginHeaders NONE = new OriginHeaders(List.of());

    private final List<Map.Entry<String, String>> entries;

    private OriginHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @throws IllegalArgumentException naming the line and, when it is a valid name, the header;
     *                                  never a value
     */
    public static OriginHeaders parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (colon <= 0 || !isToken(name)) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not Name: value (a header name of letters,"
                        + " digits and -, then ':')");
            }
            if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the filter itself and cannot be configured");
            }
            try {
                java.net.http.HttpRequest.newBuilder().header(name, "x");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header " + name + " cannot be sent by the JDK's HTTP client");
            }
            String value = line.substring(colon + 1).strip();
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
                    throw new IllegalArgumentException("the value of header " + name + " holds a control character");
                }
            }
            if (!value.isEmpty()) {
                entries.add(Map.entry(name, value));
            }
        }
        return entries.isEmpty() ? NONE : new OriginHeaders(entries);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The names of the headers that are sent, in order. */
    public List<String> names() {
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    /** True when one of the headers sent has this name (case-insensitive). */
    public boolean has(String name) {
        return entries.stream().anyMatch(e -> e.getKey().equalsIgnoreCase(name));
    }

    @Override
    public List<Map.Entry<String, String>> headers(String method, URI uri, List<Map.Entry<String, String>> headers) {
        return entries;
    }

    /**
     * Any configured header counts as a credential: a site that sends headers to its origin
     * does so to be let in.
     */
    @Override
    public boolean sendsCredentials() {
        return !entries.isEmpty();
    }

    /** The header names only, e.g. {@code [Authorization]}. */
    @Override
    public String toString() {
        return names().toString();
    }
}
