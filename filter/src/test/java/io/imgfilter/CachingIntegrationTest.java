package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result cache and the statistics, through a real Jetty and JMX. */
class CachingIntegrationTest {

    @TempDir
    Path root;

    private Map<String, String> params(Path originals, String... more) {
        java.util.HashMap<String, String> params = new java.util.HashMap<>(Map.of(
                "source", originals.toString(), "presets", "small: width=200"));
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    private static ObjectName mbean(String context, String filter) throws Exception {
        return new ObjectName("io.imgfilter:type=ImageResizingFilter,context=" + ObjectName.quote(context)
                + ",name=" + ObjectName.quote(filter));
    }

    private static long attribute(ObjectName name, String attribute) throws Exception {
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute)).longValue();
    }

    @Test
    void secondRequestIsAHitAndARevalidationCostsNoRender() throws Exception {
        Path originals = Files.createDirectories(root.resolve("a"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        try (JettyHarness jetty = JettyHarness.start("/cache1", false,
                c -> JettyHarness.addFilter(c, "images", "/images/*", params(originals)))) {
            ObjectName name = mbean("/cache1", "images");
            HttpResponse<byte[]> first = jetty.get("/cache1/images/small/photo.jpg");
            HttpResponse<byte[]> second = jetty.get("/cache1/images/small/photo.jpg");
            assertArrayEquals(first.body(), second.body());
            assertEquals(1, attribute(name, "Renders"));
            assertEquals(1, attribute(name, "CacheMisses"));
            assertEquals(1, attribute(name, "CacheHits"));
            assertTrue(attribute(name, "MemoryCacheBytes") >= first.body().length);

            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, jetty.get("/cache1/images/small/photo.jpg", "If-None-Match", etag).statusCode());
            assertEquals(1, attribute(name, "Renders"), "a 304 renders nothing");
            assertEquals(1, attribute(name, "NotModified"));

            assertEquals(400, jetty.get("/cache1/images/huge/photo.jpg").statusCode());
            @SuppressWarnings("unchecked")
            Map<String, Long> rejections = (Map<String, Long>) toMap(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Rejections"));
            assertEquals(1L, rejections.get("400 invalid size"));
        }
        assertTrue(ManagementFactory.getPlatformMBeanServer().queryNames(mbean("/cache1", "images"), null).isEmpty(),
                "unregistered when the filter is destroyed");
    }

    @Test
    void everyVariantOfAnOriginalCarriesTheSameCacheTag() throws Exception {
        Path originals = Files.createDirectories(root.resolve("tags"));
        Files.write(originals.resolve("photo one.jpg"), TestImages.jpeg(800, 600));
        Files.write(originals.resolve("other.jpg"), TestImages.jpeg(800, 600));
        try (JettyHarness jetty = JettyHarness.start("/tags", false, c -> JettyHarness.addFilter(c, "images", "/images/*",
                params(originals, "presets", "small: width=200; tiny: width=50", "cache-tag-header", "Surrogate-Key")))) {
            HttpResponse<byte[]> small = jetty.get("/tags/images/small/photo%20one.jpg");
            String tag = small.headers().firstValue("Surrogate-Key").orElseThrow();
            assertEquals(io.imgfilter.http.CacheTags.of("photo one.jpg"), tag);
            assertTrue(tag.matches("imgfilter-[A-Za-z0-9_-]{16}"), tag);
            assertEquals(tag, jetty.get("/tags/images/tiny/photo%20one.jpg").headers().firstValue("Surrogate-Key").orElseThrow(),
                    "every size of one original");
            assertEquals(tag, jetty.get("/tags/images/small/photo%20one.jpg", "If-None-Match",
                    small.headers().firstValue("ETag").orElseThrow()).headers().firstValue("Surrogate-Key").orElseThrow(),
                    "and its 304s");
            String other = jetty.get("/tags/images/small/other.jpg").headers().firstValue("Surrogate-Key").orElseThrow();
            assertTrue(!other.equals(tag), "another original, another tag");
        }
    }

    @Test
    void aChangedOriginalIsNeverServedStale() throws Exception {
        Path originals = Files.createDirectories(root.resolve("b"));
        Path photo = originals.resolve("photo.jpg");
        Files.write(photo, TestImages.jpeg(800, 600));
        Files.setLastModifiedTime(photo, FileTime.from(Instant.now().minusSeconds(3600)));
        try (JettyHarness jetty = JettyHarness.start("/cache2", false,
                c -> JettyHarness.addFilter(c, "images", "/images/*", params(originals)))) {
            HttpResponse<byte[]> before = jetty.get("/cache2/images/small/photo.jpg");
            assertEquals(150, TestImages.decode(before.body()).getHeight());
            Files.write(photo, TestImages.jpeg(400, 400)); // replaced: new size, new time
            HttpResponse<byte[]> after = jetty.get("/cache2/images/small/photo.jpg");
            assertEquals(200, TestImages.decode(after.body()).getHeight());
            assertNotEquals(before.headers().firstValue("ETag"), after.headers().firstValue("ETag"));
            assertEquals(2, attribute(mbean("/cache2", "images"), "Renders"));
        }
    }

    @Test
    void theDiskCacheIsReusedAfterARestart() throws Exception {
        Path originals = Files.createDirectories(root.resolve("c"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        Path cacheDirectory = root.resolve("variants");
        Map<String, String> params = params(originals, "cache-directory", cacheDirectory.toString(), "cache-size", "0");
        byte[] rendered;
        try (JettyHarness jetty = JettyHarness.start("/cache3", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params))) {
            rendered = jetty.get("/cache3/images/small/photo.jpg").body();
        }
        try (JettyHarness restarted = JettyHarness.start("/cache3", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params))) {
            assertArrayEquals(rendered, restarted.get("/cache3/images/small/photo.jpg").body());
            ObjectName name = mbean("/cache3", "images");
            assertEquals(0, attribute(name, "Renders"), "served from the disk cache");
            assertEquals(1, attribute(name, "CacheHits"));
            assertTrue(attribute(name, "DiskCacheBytes") > rendered.length);
        }
    }

    @Test
    void anotherDefaultQualityIsAnotherVariant() throws Exception {
        Path originals = Files.createDirectories(root.resolve("e"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        Path cacheDirectory = root.resolve("shared-variants");
        String etag;
        byte[] before;
        try (JettyHarness jetty = JettyHarness.start("/cache5", false, c -> JettyHarness.addFilter(c, "images", "/images/*",
                params(originals, "cache-directory", cacheDirectory.toString(), "default-quality", "90")))) {
            HttpResponse<byte[]> response = jetty.get("/cache5/images/small/photo.jpg");
            etag = response.headers().firstValue("ETag").orElseThrow();
            before = response.body();
        }
        try (JettyHarness jetty = JettyHarness.start("/cache5", false, c -> JettyHarness.addFilter(c, "images", "/images/*",
                params(originals, "cache-directory", cacheDirectory.toString(), "default-quality", "40")))) {
            HttpResponse<byte[]> response = jetty.get("/cache5/images/small/photo.jpg", "If-None-Match", etag);
            assertEquals(200, response.statusCode(), "the old ETag no longer matches");
            assertTrue(response.body().length < before.length, "rendered again at the new quality, not read from the disk cache");
        }
    }

    @Test
    void statisticsAreReadableFromJava() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> before = server.queryNames(new ObjectName("io.imgfilter:*"), null);
        Path originals = Files.createDirectories(root.resolve("d"));
        try (JettyHarness jetty = JettyHarness.start("/cache4", false,
                c -> JettyHarness.addFilter(c, "images", "/images/*", params(originals)))) {
            ImageResizingFilter filter = (ImageResizingFilter) jetty.context().getServletHandler()
                    .getFilter("images").getFilter();
            jetty.get("/cache4/images/small/missing.jpg");
            assertEquals(Map.of("404 not found", 1L), filter.statistics().getRejections());
            assertEquals(before.size() + 1, server.queryNames(new ObjectName("io.imgfilter:*"), null).size());
        }
    }

    private static Map<?, ?> toMap(Object tabular) {
        // MXBeans expose Map<String, Long> as TabularData of (key, value) rows
        Map<String, Long> map = new java.util.TreeMap<>();
        for (Object row : ((javax.management.openmbean.TabularData) tabular).values()) {
            javax.management.openmbean.CompositeData data = (javax.management.openmbean.CompositeData) row;
            map.put((String) data.get("key"), (Long) data.get("value"));
        }
        return map;
    }
}
