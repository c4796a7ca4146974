package io.imgfilter.demo;

/**
 * One original, by its path relative to the originals root ({@code 2024/café terrace.jpg}).
 * A JavaBean rather than a record so that EL 5 (Servlet 6 containers) can read its properties.
 */
public final class OriginalImage {

    private final String path;

    public OriginalImage(String path) {
        this.path = path;
    }

    /** The path below the originals root, '/'-separated, not encoded. */
    public String getPath() {
        return path;
    }

    /** The path ready to append to a URL: each segment percent-encoded as UTF-8. */
    public String getEncodedPath() {
        return Originals.encodePath(path);
    }

    /** The file name, without its folder. */
    public String getName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The folder below the originals root, or "" at the top. */
    public String getFolder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    @Override
    public String toString() {
        return path;
    }
}
