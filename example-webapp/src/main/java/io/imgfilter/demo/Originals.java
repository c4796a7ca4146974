package io.imgfilter.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.servlet.ServletContext;

/**
 * Lists the original images the gallery shows: those in the directory named by the environment
 * variable {@code IMAGE_ORIGINALS_DIR} when it is set (the same setting web.xml gives the filter as its
 * {@code source}), otherwise the webapp's own resources under {@code /WEB-INF/originals}.
 *
 * <p>Used from index.jsp as {@code ${Originals.list(pageContext.servletContext)}}.
 */
public final class Originals {

    /** Where the bundled samples live inside the WAR; never served as they are. */
    public static final String WEBAPP_ROOT = "/WEB-INF/originals/";
    public static final String DIRECTORY_VARIABLE = "IMAGE_ORIGINALS_DIR";

    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "bmp");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Originals() {
    }

    public static List<OriginalImage> list(ServletContext context) {
        String directory = System.getenv(DIRECTORY_VARIABLE);
        if (directory != null && !directory.isBlank()) {
            return fromDirectory(directory.startsWith("file:") ? Path.of(URI.create(directory)) : Path.of(directory));
        }
        return fromWebapp(context);
    }

    /** Every image below {@link #WEBAPP_ROOT}, depth first, sorted by path. */
    public static List<OriginalImage> fromWebapp(ServletContext context) {
        List<OriginalImage> found = new ArrayList<>();
        collect(context, WEBAPP_ROOT, found);
        found.sort(Comparator.comparing(OriginalImage::getPath));
        return found;
    }

    private static void collect(ServletContext context, String folder, List<OriginalImage> found) {
        var children = context.getResourcePaths(folder);
        if (children == null) {
            return;
        }
        for (String child : children) {
            if (child.endsWith("/")) {
                collect(context, child, found);
            } else if (isImage(child)) {
                found.add(new OriginalImage(child.substring(WEBAPP_ROOT.length())));
            }
        }
    }

    /** Every image below {@code root} (hidden files and folders skipped), sorted by path. */
    public static List<OriginalImage> fromDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(relative -> !isHidden(relative))
                    .map(relative -> relative.toString().replace(relative.getFileSystem().getSeparator(), "/"))
                    .filter(Originals::isImage)
                    .sorted()
                    .map(OriginalImage::new)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the originals directory", e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImage(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1
                && IMAGE_EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Percent-encodes each segment of a '/'-separated path as UTF-8, leaving only RFC 3986 unreserved
     * characters as they are: {@code 2024/café terrace.jpg} becomes {@code 2024/caf%C3%A9%20terrace.jpg}.
     */
    public static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isUnreserved(c) || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
