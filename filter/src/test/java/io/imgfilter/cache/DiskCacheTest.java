package io.imgfilter.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.render.RenderedImage;
import io.imgfilter.request.OutputFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCacheTest {

    @TempDir
    Path directory;

    @Test
    void keepsFormatSizeAndBytesAcrossRestarts() throws Exception {
        byte[] data = {1, 2, 3, 4, 5};
        new DiskCache(directory, 1 << 20).put("key", new RenderedImage(data, OutputFormat.JPEG, 30, 20));
        RenderedImage back = new DiskCache(directory, 1 << 20).get("key").orElseThrow();
        assertArrayEquals(data, back.data());
        assertEquals(OutputFormat.JPEG, back.format());
        assertEquals(30, back.width());
        assertEquals(20, back.height());
        assertTrue(new DiskCache(directory, 1 << 20).get("other").isEmpty());
    }

    @Test
    void staysWithinItsBoundDroppingTheLeastRecentlyUsed() throws Exception {
        DiskCache cache = new DiskCache(directory, 10_000);
        cache.put("old", new RenderedImage(new byte[2000], OutputFormat.PNG, 1, 1));
        cache.put("used", new RenderedImage(new byte[2000], OutputFormat.PNG, 1, 1));
        age(directory, Instant.now().minusSeconds(600));
        assertTrue(cache.get("used").isPresent()); // touched: now more recent than "old"
        for (int i = 1; i <= 3; i++) {
            cache.put("new" + i, new RenderedImage(new byte[2000], OutputFormat.PNG, 1, 1));
        }
        // five files of 2013 bytes pass the bound of 10000: the oldest one goes
        assertTrue(cache.size() <= 10_000, "size " + cache.size());
        assertTrue(cache.get("old").isEmpty(), "the least recently used went first");
        assertTrue(cache.get("used").isPresent());
        assertTrue(cache.get("new3").isPresent());
    }

    @Test
    void ignoresDamagedFilesAndLeftoverPartials() throws Exception {
        DiskCache cache = new DiskCache(directory, 1 << 20);
        cache.put("k", new RenderedImage(new byte[10], OutputFormat.PNG, 1, 1));
        Path stored = files(directory).stream().filter(p -> p.toString().endsWith(".img")).findFirst().orElseThrow();
        Files.write(stored, new byte[] {9, 9});
        assertTrue(cache.get("k").isEmpty());
        assertFalse(Files.exists(stored), "a damaged file is deleted");

        Path partial = directory.resolve("tmp/crashed.part");
        Files.write(partial, new byte[100]);
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(7200)));
        new DiskCache(directory, 1 << 20);
        assertFalse(Files.exists(partial), "a crash's leftover is cleaned at start");
    }

    @Test
    void purgeDeletesEveryVariantOfOneOriginalWrittenByAnyInstance() throws Exception {
        DiskCache cache = new DiskCache(directory, 1 << 20);
        cache.put("\"a1\"", "2024/café.jpg", new RenderedImage(new byte[100], OutputFormat.JPEG, 1, 1));
        long a1 = cache.size();
        cache.put("\"b1\"", "2024/other.jpg", new RenderedImage(new byte[100], OutputFormat.JPEG, 1, 1));
        cache.put("\"u1\"", new RenderedImage(new byte[100], OutputFormat.JPEG, 1, 1)); // source unknown
        // another JVM sharing the directory
        new DiskCache(directory, 1 << 20).put("\"a2\"", "2024/café.jpg",
                new RenderedImage(new byte[100], OutputFormat.PNG, 1, 1));
        long before = cache.size();

        assertEquals(java.util.Set.of("\"a1\"", "\"a2\""), cache.purge("2024/café.jpg"));
        assertTrue(cache.get("\"a1\"").isEmpty());
        assertTrue(cache.get("\"a2\"").isEmpty());
        assertTrue(cache.get("\"b1\"").isPresent());
        assertTrue(cache.get("\"u1\"").isPresent());
        assertEquals(before - a1, cache.size(), "only this JVM's files are counted");
        assertEquals(java.util.Set.of(), cache.purge("2024/café.jpg"));
    }

    private static void age(Path directory, Instant when) throws Exception {
        for (Path file : files(directory)) {
            Files.setLastModifiedTime(file, FileTime.from(when));
        }
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
