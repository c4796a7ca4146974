package io.imgfilter.source.origin;

import io.imgfilter.request.SourcePath;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL of a hidden HTTP(S) origin, such as {@code https://secret.example.com/hidden-directory},
 * to which source paths are appended one encoded segment at a time. Checked once at start-up:
 * http or https, a host, no user info, query or fragment, and a base path without empty or dot
 * segments. Default ports are dropped so the URL is written the way the request's Host header is.
 */
public final class HttpBaseUrl implements OriginLocator {

    private final String scheme;
    private final String host;
    private final int port;
    /** The raw base path without trailing '/': empty, or "/a/b". */
    private final String basePath;
    private final String prefix;

    private HttpBaseUrl(String scheme, String host, int port, String basePath) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.basePath = basePath;
        this.prefix = scheme + "://" + host + (port == -1 ? "" : ":" + port) + basePath + "/";
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, never repeating the value (it may
     *                                  hold a password in its user info)
     */
    public static HttpBaseUrl parse(String spec) {
        URI uri;
        try {
            uri = new URI(spec.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL (characters such as spaces must be percent-encoded)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the URL must start with http:// or https://");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("credentials in the URL are not supported; send them with"
                    + " [origin-headers], e.g. Authorization: Basic ${env:ORIGIN_BASIC_AUTH}");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the URL has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the URL may not have a query (?…) or fragment (#…)");
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("the port must be from 1 to 65535");
        }
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.isEmpty()) {
            for (String raw : path.substring(1).split("/", -1)) {
                String segment = PathEncoding.decodeSegment(raw);
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                        || segment.contains("/") || segment.contains("\\")) {
                    throw new IllegalArgumentException("the base path may not have empty, '.' or '..' segments");
                }
            }
        }
        return new HttpBaseUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path);
    }

    @Override
    public URI locate(SourcePath path) {
        for (String segment : path.segments()) {
            // SourcePathParser has refused all of these already; never trust a single wall.
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a dot or empty segment cannot be appended to an origin URL");
            }
        }
        URI uri = URI.create(prefix + PathEncoding.encodeSegments(path.segments()));
        if (!contains(uri)) {
            throw new IllegalArgumentException("the source path would leave the origin's base URL");
        }
        return uri;
    }

    @Override
    public boolean contains(URI target) {
        if (target.getScheme() == null || !scheme.equals(target.getScheme().toLowerCase(Locale.ROOT))
                || target.getHost() == null || !host.equals(target.getHost().toLowerCase(Locale.ROOT))
                || target.getRawUserInfo() != null) {
            return false;
        }
        int targetPort = target.getPort();
        if ((scheme.equals("http") && targetPort == 80) || (scheme.equals("https") && targetPort == 443)) {
            targetPort = -1;
        }
        String path = target.getRawPath();
        if (targetPort != port || path == null || !path.startsWith(basePath + "/")) {
            return false;
        }
        for (String raw : path.substring(basePath.length() + 1).split("/", -1)) {
            String segment = PathEncoding.decodeSegment(raw);
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                    || segment.contains("/") || segment.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    /** True for https: the client offers HTTP/2 there (by ALPN) and falls back to HTTP/1.1. */
    boolean secure() {
        return scheme.equals("https");
    }

    /** True when the URL has a path below the host. */
    boolean hasPath() {
        return !basePath.isEmpty();
    }

    /** {@code scheme://host[:port]} without path. */
    String scheme() {
        return scheme;
    }

    /** {@code host[:port]}, as the Host header carries it. */
    String authority() {
        return host + (port == -1 ? "" : ":" + port);
    }

    /** The host name, for choosing a default and for warnings; no path, no credentials. */
    String host() {
        return host;
    }

    /** The host name (lower case; an IPv6 address in brackets), for warnings. */
    public String hostName() {
        return host;
    }

    /** The full base URL; for debug-level logs only. */
    @Override
    public String toString() {
        return prefix;
    }
}
