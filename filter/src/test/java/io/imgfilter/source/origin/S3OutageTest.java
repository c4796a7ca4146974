package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.source.OriginException;
import io.imgfilter.source.Original;
import io.imgfilter.source.SourceVersion;
import io.imgfilter.testing.S3ProxyServer;
import io.imgfilter.testing.TestImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 source behaves as an HTTP one under load and outage: its download counts in the render
 * budget and is handed on, a 304 confirms a kept ETag, and when the store goes away the last
 * confirmed version comes with the failure (stale-if-error) until the window has passed.
 */
class S3OutageTest {

    @TempDir
    Path work;

    @Test
    void anS3StoreThatGoesAwayLeavesTheLastConfirmedVersion() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        MemoryBudget memory = new MemoryBudget(64L << 20);
        S3ProxyServer s3 = S3ProxyServer.start(work);
        HttpOriginSource source = null;
        try {
            s3.createBucket("outage");
            s3.putObject("outage", "photos/photo.jpg", TestImages.jpeg(640, 480));
            S3Location location = S3Location.parse("s3://outage/photos", s3.endpoint(), S3ProxyServer.REGION, null);
            SigV4Signer signer = new SigV4Signer(S3ProxyServer.ACCESS_KEY_ID, S3ProxyServer.SECRET_KEY, null,
                    S3ProxyServer.REGION, "s3", Clock.systemUTC());
            source = HttpOriginSource.s3(location, OriginHeaders.NONE, signer, new OriginOptions(Duration.ofSeconds(1),
                    Duration.ofSeconds(5), 4, 1 << 20, 0, false, Duration.ofHours(2)), memory, now::get);

            AtomicReference<Original> downloaded = new AtomicReference<>();
            SourceVersion known = source.version(SourcePathParser.parse("photo.jpg"), downloaded::set).orElseThrow();
            assertNotNull(downloaded.get(), "the first version check downloads the object, for the render");
            assertTrue(memory.usedBytes() > 0);
            downloaded.get().release();
            assertEquals(0, memory.usedBytes());
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertEquals(known, source.version(SourcePathParser.parse("photo.jpg"), original -> {
                throw new AssertionError("S3 answers 304 to the kept ETag, although no bytes are kept");
            }).orElseThrow());

            s3.close();
            now.addAndGet(Duration.ofSeconds(2).toNanos());
            HttpOriginSource closedOver = source;
            OriginException down = assertThrows(OriginException.class,
                    () -> closedOver.version(SourcePathParser.parse("photo.jpg")));
            assertTrue(down.isTransient());
            assertEquals(Optional.of(known), down.lastKnownVersion(), "variants of the last confirmed version may be served");
            now.addAndGet(Duration.ofHours(2).toNanos());
            assertEquals(Optional.empty(), assertThrows(OriginException.class,
                    () -> closedOver.version(SourcePathParser.parse("photo.jpg"))).lastKnownVersion(),
                    "not past origin-stale-if-error");
        } finally {
            if (source != null) {
                source.close();
            }
            s3.close();
        }
    }
}
