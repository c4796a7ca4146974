package io.imgfilter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginalsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "photo.jpg                | photo.jpg",
            "2024/café terrace.jpg    | 2024/caf%C3%A9%20terrace.jpg",
            "a+b=c,d;e.jpg            | a%2Bb%3Dc%2Cd%3Be.jpg",
            "100% real?#frag.png      | 100%25%20real%3F%23frag.png",
            "日本/猫.png              | %E6%97%A5%E6%9C%AC/%E7%8C%AB.png",
            "~user/x_y-z.jpeg         | ~user/x_y-z.jpeg"})
    void encodesEachSegmentAsUtf8(String path, String expected) {
        assertEquals(expected, Originals.encodePath(path));
    }

    @Test
    void recognisesImagesByExtension() {
        for (String image : List.of("a.jpg", "b.JPEG", "c/d.png", "e.gif", "f.webp", "g.bmp")) {
            assertTrue(Originals.isImage(image), image);
        }
        for (String other : List.of("notes.txt", "jpg", ".jpg", "dir.jpg/readme", "noextension")) {
            assertFalse(Originals.isImage(other), other);
        }
    }

    @Test
    void listsWebappResourcesRecursively() {
        Map<String, Set<String>> tree = Map.of(
                "/WEB-INF/originals/", Set.of("/WEB-INF/originals/b.png", "/WEB-INF/originals/2024/",
                        "/WEB-INF/originals/readme.txt", "/WEB-INF/originals/.hidden.png",
                        "/WEB-INF/originals/.git/"),
                "/WEB-INF/originals/.git/", Set.of("/WEB-INF/originals/.git/x.png"),
                "/WEB-INF/originals/2024/", Set.of("/WEB-INF/originals/2024/café terrace.jpg",
                        "/WEB-INF/originals/2024/deeper/"),
                "/WEB-INF/originals/2024/deeper/", Set.of("/WEB-INF/originals/2024/deeper/a.JPG"));

        List<OriginalImage> found = Originals.fromWebapp(context(tree, null), "/WEB-INF/originals");

        assertEquals(List.of("2024/café terrace.jpg", "2024/deeper/a.JPG", "b.png"),
                found.stream().map(OriginalImage::getPath).toList());
        OriginalImage cafe = found.get(0);
        assertEquals("café terrace.jpg", cafe.getName());
        assertEquals("2024", cafe.getFolder());
        assertEquals("2024/caf%C3%A9%20terrace.jpg", cafe.getEncodedPath());
        assertEquals("", found.get(2).getFolder());
    }

    @Test
    void noOriginalsFolderMeansAnEmptyList() {
        assertEquals(List.of(), Originals.list(context(Map.of(), null)));
    }

    @Test
    void listsWhatTheFiltersSourceSays(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("own.jpg"), "");
        Map<String, Set<String>> tree = Map.of(
                "/WEB-INF/originals/", Set.of("/WEB-INF/originals/bundled.jpg"),
                "/WEB-INF/elsewhere/", Set.of("/WEB-INF/elsewhere/other.png"));
        String property = "originals.test." + System.nanoTime();

        assertEquals(List.of("bundled.jpg"), paths(Originals.list(context(tree, null))));
        assertEquals(List.of("other.png"), paths(Originals.list(context(tree, "webapp:/WEB-INF/elsewhere"))));
        assertEquals(List.of("own.jpg"), paths(Originals.list(context(tree, root.toString()))));
        assertEquals(List.of("own.jpg"), paths(Originals.list(context(tree, root.toUri().toString()))));
        assertEquals(List.of("bundled.jpg"),
                paths(Originals.list(context(tree, "${sys:" + property + "|webapp:/WEB-INF/originals}"))));
        System.setProperty(property, root.toString());
        try {
            assertEquals(List.of("own.jpg"),
                    paths(Originals.list(context(tree, "${sys:" + property + "|webapp:/WEB-INF/originals}"))));
        } finally {
            System.clearProperty(property);
        }
    }

    private static List<String> paths(List<OriginalImage> originals) {
        return originals.stream().map(OriginalImage::getPath).toList();
    }

    @Test
    void listsADirectorySkippingHiddenFilesAndNonImages(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("2024/.thumbs"));
        Files.createDirectories(root.resolve(".git"));
        for (String file : List.of("z.jpg", "2024/ü x.png", "2024/.hidden.jpg", "2024/.thumbs/t.jpg",
                ".git/object.png", "notes.txt")) {
            Files.writeString(root.resolve(file), "");
        }

        assertEquals(List.of("2024/ü x.png", "z.jpg"),
                Originals.fromDirectory(root).stream().map(OriginalImage::getPath).toList());
        assertEquals(List.of(), Originals.fromDirectory(root.resolve("missing")));
    }

    @Test
    void listsOnlyWhatTheFilterCanServeAndNothingOutsideTheRoot(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("originals"));
        for (String name : List.of("ok.jpg", "x%20y.jpg", "caf%C3%A9.jpg", "100%.jpg", "a\\b.jpg", "c:d.jpg", "e;f.jpg",
                "tab\tname.jpg", "cr\rlf\n.jpg", "trailing .jpg", "café terrace.jpg")) {
            Files.writeString(root.resolve(name), "");
        }
        Path outside = Files.writeString(tmp.resolve("secret.jpg"), "");
        Files.createSymbolicLink(root.resolve("link-out.jpg"), outside);
        Files.createSymbolicLink(root.resolve("link-in.jpg"), root.resolve("ok.jpg"));
        assertEquals(List.of("café terrace.jpg", "link-in.jpg", "ok.jpg", "trailing .jpg"), paths(Originals.fromDirectory(root)));
        for (OriginalImage image : Originals.fromDirectory(root)) {
            assertEquals(image.getPath(), java.net.URLDecoder.decode(image.getEncodedPath().replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.UTF_8), "each listed name has a URL");
        }
    }

    /**
     * A ServletContext that answers getResourcePaths from a map and, when {@code source} is not null,
     * has a filter "imageResizer" with that source.
     */
    private static ServletContext context(Map<String, Set<String>> tree, String source) {
        FilterRegistration filter = source == null ? null : (FilterRegistration) Proxy.newProxyInstance(
                OriginalsTest.class.getClassLoader(), new Class<?>[] {FilterRegistration.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getInitParameter")) {
                        return "source".equals(args[0]) ? source : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (ServletContext) Proxy.newProxyInstance(OriginalsTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getResourcePaths":
                            return tree.get((String) args[0]);
                        case "getFilterRegistration":
                            return "imageResizer".equals(args[0]) ? filter : null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
