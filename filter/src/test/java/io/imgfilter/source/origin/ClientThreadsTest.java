package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imgfilter.request.SourcePathParser;
import io.imgfilter.source.OriginException;
import io.imgfilter.testing.TestImages;
import io.imgfilter.testing.TestOrigin;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client's own SelectorManager thread, which Java 17 cannot stop: it must not hold the
 * class loader of the webapp that made the client (Tomcat reports that as a leak when the webapp
 * is undeployed), and it must end once the source is closed and forgotten.
 */
class ClientThreadsTest {

    static final byte[] PHOTO = TestImages.jpeg(64, 48);
    static final OriginOptions OPTIONS = new OriginOptions(Duration.ofSeconds(3), Duration.ofSeconds(10), 4, 1 << 20, 1 << 20, false);
    static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

    @Test
    void theSelectorThreadHasNotTheWebappsClassLoaderAndEndsAfterClose() throws Exception {
        try (TestOrigin origin = TestOrigin.start();
                URLClassLoader webapp = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
            origin.on("/photo.jpg", (request, response) -> {
                response.setContentType("image/jpeg");
                response.getOutputStream().write(PHOTO);
            });
            Set<Thread> before = selectorThreads();

            Thread selector = useAndClose(origin, webapp, before);

            assertNotSame(webapp, selector.getContextClassLoader());
            // Java 21 and later: close() has stopped it. Java 17: it stops once the client is collected.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (selector.isAlive() && System.nanoTime() < deadline) {
                System.gc();
                selector.join(250);
            }
            assertEquals(false, selector.isAlive(), selector + " still runs after the source was closed");
        }
    }

    /** A source made as a filter makes it (the webapp's class loader as context loader), used and closed. */
    private static Thread useAndClose(TestOrigin origin, ClassLoader webapp, Set<Thread> before) throws Exception {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        HttpOriginSource source;
        current.setContextClassLoader(webapp);
        try {
            source = HttpOriginSource.http(HttpBaseUrl.parse(origin.url()), OriginHeaders.NONE, OPTIONS);
            assertArrayEquals(PHOTO, source.fetch(SourcePathParser.parse("photo.jpg")).orElseThrow().content());
        } finally {
            current.setContextClassLoader(previous);
        }
        Set<Thread> started = selectorThreads();
        started.removeAll(before);
        assertEquals(1, started.size(), started::toString);

        source.close();
        // closed means closed: nothing is fetched through the client it let go of
        HttpOriginSource closed = source;
        assertThrows(OriginException.class, () -> closed.fetch(SourcePathParser.parse("other.jpg")));
        return List.copyOf(started).get(0);
    }

    private static Set<Thread> selectorThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (SELECTOR.matcher(thread.getName()).matches()) {
                threads.add(thread);
            }
        }
        return threads;
    }
}
