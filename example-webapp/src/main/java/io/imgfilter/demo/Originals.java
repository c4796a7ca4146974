package io.imgfilter.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.PlaceholderResolver;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

/**
 * Lists the original images the gallery shows: those of the {@code source} that web.xml gives the
 * filter {@value #FILTER_NAME}, resolved as the filter resolves it ({@code ${env:...}} references
 * included), so the page always shows what the filter serves. {@code webapp:/path} lists webapp
 * resources below that path; anything else is a directory (a path or a {@code file:} URI). Without
 * such a filter, the resources under {@value #WEBAPP_ROOT} are listed.
 *
 * <p>Used from index.jsp as {@code ${Originals.list(pageContext.servletContext)}}.
 */
public final class Originals {

    /** The filter in web.xml whose source is listed. */
    public static final String FILTER_NAME = "imageResizer";
    /** The environment variable listing the originals of a remote origin, which cannot be listed. */
    public static final String ORIGIN_INDEX = "IMAGE_ORIGIN_INDEX";
    /** Where the bundled samples live inside the WAR; never served as they are. */
    public static final String WEBAPP_ROOT = "/WEB-INF/originals/";

    private static final System.Logger LOG = System.getLogger(Originals.class.getName());
    private static final String WEBAPP_PREFIX = "webapp:";
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "webp", "bmp");

    private Originals() {
    }

    public static List<OriginalImage> list(ServletContext context) {
        String source = configuredSource(context);
        if (source == null) {
            return fromWebapp(context, WEBAPP_ROOT);
        }
        if (source.startsWith(WEBAPP_PREFIX)) {
            return fromWebapp(context, source.substring(WEBAPP_PREFIX.length()));
        }
        if (isRemote(source)) {
            return fromIndex(System.getenv(ORIGIN_INDEX));
        }
        return fromDirectory(source.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source));
    }

    /**
     * True when the filter's source is a remote origin ({@code http(s)://}, {@code s3://}), which
     * cannot be listed: the gallery then shows the paths of {@value #ORIGIN_INDEX}, if any.
     */
    public static boolean remoteSource(ServletContext context) {
        String source = configuredSource(context);
        return source != null && isRemote(source);
    }

    static boolean isRemote(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("s3:");
    }

    /**
     * The originals named in an index such as {@code 2024/cat.jpg, lighthouse.jpg}: source paths,
     * comma-separated, as they are in the origin (not encoded); blanks and non-images skipped.
     */
    public static List<OriginalImage> fromIndex(String index) {
        if (index == null || index.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(index.split(","))
                .map(String::strip)
                .map(path -> path.startsWith("/") ? path.substring(1) : path)
                .filter(path -> !path.isEmpty() && isImage(path))
                .distinct()
                .sorted()
                .map(OriginalImage::new)
                .toList();
    }

    /** The filter's {@code source} init-param with its references resolved, or null without the filter. */
    static String configuredSource(ServletContext context) {
        FilterRegistration filter = context.getFilterRegistration(FILTER_NAME);
        String source = filter == null ? null : filter.getInitParameter("source");
        return source == null ? null : PlaceholderResolver.forThisProcess().resolve(source.strip());
    }

    /** Every image below the webapp folder {@code base} (hidden files and folders skipped), sorted by path. */
    public static List<OriginalImage> fromWebapp(ServletContext context, String base) {
        String root = base.endsWith("/") ? base : base + "/";
        List<OriginalImage> found = new ArrayList<>();
        collect(context, root, root, found);
        found.sort(Comparator.comparing(OriginalImage::getPath));
        return found;
    }

    private static void collect(ServletContext context, String root, String folder, List<OriginalImage> found) {
        var children = context.getResourcePaths(folder);
        if (children == null) {
            return;
        }
        for (String child : children) {
            String name = child.substring(folder.length());
            if (name.startsWith(".")) {
                continue;
            }
            if (child.endsWith("/")) {
                collect(context, root, child, found);
            } else if (isImage(child) && servable(child.substring(root.length()))) {
                found.add(new OriginalImage(child.substring(root.length())));
            }
        }
    }

    /**
     * Every image below {@code root} that the filter can serve, sorted by path: hidden files and
     * folders, names no URL can carry (see {@link ImageUrls#isServable}) and links that lead out
     * of the root are skipped, each with a debug line.
     */
    public static List<OriginalImage> fromDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(Files::isRegularFile)
                    .filter(file -> inside(realRoot, file))
                    .map(root::relativize)
                    .filter(relative -> !isHidden(relative))
                    .map(relative -> relative.toString().replace(relative.getFileSystem().getSeparator(), "/"))
                    .filter(Originals::isImage)
                    .filter(Originals::servable)
                    .sorted()
                    .map(OriginalImage::new)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the originals directory", e);
        }
    }

    /** A file whose real location is below the root: a link out of it would be a 404 anyway. */
    private static boolean inside(Path realRoot, Path file) {
        try {
            if (file.toRealPath().startsWith(realRoot)) {
                return true;
            }
        } catch (IOException e) {
            // a dangling link: not listed either
        }
        LOG.log(System.Logger.Level.DEBUG, "imgfilter demo: not listed, it leads out of the originals: " + file);
        return false;
    }

    private static boolean servable(String path) {
        if (ImageUrls.isServable(path)) {
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, "imgfilter demo: not listed, no URL can carry its name: " + path);
        return false;
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
     * Percent-encodes each segment of a '/'-separated path as UTF-8, as the filter expects:
     * {@code 2024/café terrace.jpg} becomes {@code 2024/caf%C3%A9%20terrace.jpg}.
     */
    public static String encodePath(String path) {
        return ImageUrls.encodePath(path);
    }
}
