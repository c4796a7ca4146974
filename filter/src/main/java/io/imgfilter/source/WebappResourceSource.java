package io.imgfilter.source;

import io.imgfilter.request.SourcePath;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.time.Instant;
import java.util.Optional;

/**
 * Originals packed in the webapp itself, under a base path such as {@code /WEB-INF/originals}
 * that the container never serves directly. Read through {@link ServletContext#getResource} so
 * it works the same from an unpacked WAR, an exploded directory or resource jars.
 */
public final class WebappResourceSource implements ImageSource {

    private final ServletContext context;
    private final String base;
    private final long maxBytes;

    /**
     * @param base a context-relative directory starting with '/', without a trailing '/'
     */
    public WebappResourceSource(ServletContext context, String base, long maxBytes) {
        this.context = context;
        this.base = base;
        this.maxBytes = maxBytes;
    }

    /** True when the base directory exists in the webapp. */
    public boolean baseExists() {
        try {
            return context.getResource(base + "/") != null || isNonEmptyDirectory(base);
        } catch (java.net.MalformedURLException e) {
            return false;
        }
    }

    @Override
    public Optional<Original> fetch(SourcePath path) throws IOException {
        URLConnection connection = open(path);
        if (connection == null) {
            return Optional.empty();
        }
        long modified = connection.getLastModified();
        byte[] content;
        try (InputStream in = connection.getInputStream()) {
            content = BoundedReader.readAll(in, maxBytes);
        }
        return Optional.of(new Original(content, modified > 0 ? Instant.ofEpochMilli(modified) : null,
                tag(modified, content.length)));
    }

    @Override
    public Optional<SourceVersion> version(SourcePath path) throws IOException {
        URLConnection connection = open(path);
        if (connection == null) {
            return Optional.empty();
        }
        long length = connection.getContentLengthLong();
        long modified = connection.getLastModified();
        // Neither call reads the content; a jar: connection opened to answer them is closed here.
        connection.getInputStream().close();
        if (modified <= 0 || length < 0) {
            return fetch(path).map(original -> new SourceVersion(original.lastModified(), original.version()));
        }
        return Optional.of(new SourceVersion(Instant.ofEpochMilli(modified), tag(modified, length)));
    }

    /**
     * A connection to the original, its declared size already checked, or null when there is no
     * file at that path.
     */
    private URLConnection open(SourcePath path) throws IOException {
        String resource = base + "/" + path.decoded();
        URL url = context.getResource(resource);
        if (url == null || isDirectory(resource, url)) {
            return null;
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false); // keeps jar: URLs from pinning the WAR file open
        if (connection.getContentLengthLong() > maxBytes) {
            connection.getInputStream().close(); // releases a jar: connection's file
            throw new OriginalTooLargeException(maxBytes);
        }
        return connection;
    }

    private static String tag(long modified, long length) {
        return Long.toHexString(modified) + "-" + Long.toHexString(length);
    }

    /** Directories are not images; containers differ in how they tell one, so ask twice. */
    private boolean isDirectory(String resource, URL url) {
        if ("file".equals(url.getProtocol())) {
            try {
                return !Files.isRegularFile(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return true;
            }
        }
        return isNonEmptyDirectory(resource);
    }

    private boolean isNonEmptyDirectory(String resource) {
        Set<String> children = context.getResourcePaths(resource + "/");
        return children != null && !children.isEmpty();
    }

    @Override
    public String describe() {
        return "webapp resources under " + base;
    }
}
