package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded soak of the real demo (launched with {@code -Xmx256m}, or {@code -Dsoak.heap}) whose
 * originals come from a hidden HTTP origin on loopback that misbehaves, run by this test: six
 * large valid JPEGs of 18 to 22 MB (a 3000x2000 photo whose header is padded with comment
 * segments), a few small photos, an answer that declares 25 MB and then drips a byte every half
 * second, a 500, a connection dropped in the middle of a body and a 404. Every original has an
 * ETag and answers {@code If-None-Match} with 304; the origin counts its full downloads and its
 * 304s. Six clients mix, for {@code -Dsoak.seconds} (36 by default): cached hits of a public thumb,
 * cold renders of the large originals at widths never asked for before, repeats of large variants
 * already rendered, drips and failures. Halfway through, the origin goes away for ten seconds: five
 * of 503 for every request, then five of refused connections (it is stopped, then started again on
 * the same port).
 *
 * <p>It proves that the origin's trouble stays the origin's:
 * <ol>
 *   <li>no answer other than 200, 304, 4xx, 502, 503 or 504, never a 500;</li>
 *   <li>no OutOfMemoryError in the demo's output;</li>
 *   <li>the cached thumb answers 200 throughout, the outage included;</li>
 *   <li>large variants rendered before the outage answer 200 during it (served stale, kind
 *       {@code STALE_DURING_OUTAGE});</li>
 *   <li>fewer than {@value #MAX_WARNING_LINES} warning or error lines in the demo's output (warm-up
 *       included): origin failures are rate-limited;</li>
 *   <li>the heap after a full GC grew by at most 48 MB between the warm-up and the end;</li>
 *   <li>within {@code CONNECTIONS_SETTLE} of the end of the load, at most
 *       {@value #MAX_IDLE_CONNECTIONS} connections from the demo to the origin stay open;</li>
 *   <li>each large original crossed the network at most once per new width rendered (too large
 *       to keep in memory, its bytes are read again for a new variant, but the version check's
 *       download is the render's, and a cached variant costs a 304 or nothing).</li>
 * </ol>
 * Every assertion is checked and reported together. Prints a one-line summary starting with
 * {@code origin soak -Xmx}, which {@code src/bench/origin-soak.sh} records, and writes the demo's
 * output to {@code target/origin-soak-<heap>.log}.
 */
class OriginSoakIT {

    static final int CLIENTS = 6;
    static final int LARGE_ORIGINALS = 6;
    static final int SMALL_ORIGINALS = 3;
    static final String CACHED_HIT = "/images/thumb/photo0.jpg";
    /** Close to the demo's max-source-bytes (25 MB), so that a drip is not refused before its first byte. */
    static final long DRIP_DECLARED_BYTES = 25_000_000;
    static final Duration DRIP_PACE = Duration.ofMillis(500);
    /** A drip that the filter never abandons ends by itself after this (its origin-timeout is 10 s). */
    static final Duration DRIP_GIVES_UP = Duration.ofSeconds(60);
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final Duration UNAVAILABLE_PHASE = Duration.ofSeconds(5);
    static final Duration REFUSED_PHASE = Duration.ofSeconds(5);
    /**
     * After the origin is back, the filter asks it again once its wait since the last refused
     * connection is over (1 s, doubling while it stays refused): requests this long after it came
     * back still count as during the outage.
     */
    static final Duration RECOVERY = Duration.ofSeconds(8);
    static final int MAX_WARNING_LINES = 200;
    static final long MAX_HEAP_GROWTH = 48L << 20;
    /** The demo's origin-max-connections: the JDK client keeps idle keep-alive connections, at most that many. */
    static final int MAX_IDLE_CONNECTIONS = 16;
    static final Duration CONNECTIONS_SETTLE = Duration.ofSeconds(15);
    static final Pattern WARNING_LINE = Pattern.compile("\\b(WARN|WARNING|ERROR|SEVERE)\\b");
    /**
     * The filter logs origin failures a few times a minute, so an OutOfMemoryError caught during a
     * download may never reach the log: the JVM says so itself, on its output, at the first one.
     */
    static final String REPORT_OUT_OF_MEMORY = "-XX:OnOutOfMemoryError=echo OutOfMemoryError in the demo, pid %p";
    /** What a request that got no HTTP answer at all (reset, timeout) is counted as. */
    static final int NO_ANSWER = 0;

    /** What a client asks for, and how often (weights out of their sum). */
    enum Kind {
        CACHED_HIT(30), COLD_LARGE(20), REPEAT_LARGE(25), DRIP(5), ORIGIN_500(5), DROPPED(5), MISSING(5);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One request: the URL to send, the unsigned path, and which large original it renders (-1: none). */
    record Target(String url, String path, int large) {
    }

    @TempDir
    Path tmp;

    private Origin origin;
    private HttpClient client;
    private URI base;
    private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
    /** Unsigned paths of the large variants served with 200, in the order they were first rendered. */
    private final List<String> renderedLarge = Collections.synchronizedList(new ArrayList<>());
    /** Per large original, the widths it was rendered at (cold renders served with 200). */
    /** The distinct variants of each large original served 200: each needed its bytes once. */
    @SuppressWarnings("unchecked")
    private final Set<String>[] widthsRendered = new Set[LARGE_ORIGINALS];
    private final AtomicInteger nextCold = new AtomicInteger();
    /** At most two drips at a time: each holds a client for the filter's origin-timeout. */
    private final Semaphore dripSlots = new Semaphore(2);
    /** The large variants that were rendered when the outage began. */
    private volatile List<String> renderedBeforeOutage = List.of();

    @Test
    void aMisbehavingOriginLeavesTheDemoHealthy() throws Exception {
        int seconds = Integer.getInteger("soak.seconds", 36);
        String heap = System.getProperty("soak.heap", "256m");
        assertTrue(seconds >= 30, "-Dsoak.seconds must leave room for the 10 s outage and its recovery: " + seconds);
        Arrays.setAll(widthsRendered, i -> ConcurrentHashMap.newKeySet());

        try (Origin hidden = new Origin(largeOriginals(), smallOriginals());
                DemoProcess demo = DemoProcess.start(Map.of("PORT", "0", "IMAGE_SIGNING_KEY", DemoLauncherIT.SIGNING_KEY,
                        "IMAGE_ORIGIN_URL", hidden.baseUrl()), Files.createDirectories(tmp.resolve("jvm")),
                        List.of("-Xmx" + heap, REPORT_OUT_OF_MEMORY))) {
            origin = hidden;
            base = demo.baseUri();
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

            warmUp();
            statuses.clear();
            long heapBefore = JvmProbe.heapAfterGc(demo.pid());

            Duration run = Duration.ofSeconds(seconds);
            Duration outageStart = run.minus(UNAVAILABLE_PHASE).minus(REFUSED_PHASE).dividedBy(2);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            Instant start = Instant.now();
            long requests;
            try {
                List<ScheduledFuture<Void>> outage = scheduleOutage(timer, outageStart);
                requests = runClients(run);
                for (ScheduledFuture<Void> step : outage) {
                    step.get(30, TimeUnit.SECONDS); // each step ran, and without an exception
                }
            } finally {
                timer.shutdownNow();
            }
            double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;

            int connectionsAtEnd = establishedConnectionsTo(origin.port());
            long settleStart = System.nanoTime();
            int connectionsAfter = awaitFewConnectionsTo(origin.port());
            double settleSeconds = (System.nanoTime() - settleStart) / 1e9;
            long heapAfter = demo.alive() ? JvmProbe.heapAfterGc(demo.pid()) : -1;
            long warningLines = demo.lines().stream().filter(line -> WARNING_LINE.matcher(line).find()).count();
            Figures figures = new Figures(heap, requests, elapsed, table(), heapBefore, heapAfter, warningLines,
                    connectionsAtEnd, connectionsAfter, settleSeconds, downloadsPerLargeOriginal());
            System.out.println(figures.summary());

            String output = demo.output();
            Path log = Path.of("target", "origin-soak-" + heap + ".log").toAbsolutePath();
            Files.writeString(log, output);
            System.out.println("origin soak: the demo's output is in " + log);
            assertHealthy(figures, output, demo.alive());
        }
    }

    /** What the run measured. */
    record Figures(String heap, long requests, double seconds, Map<String, Map<Integer, Long>> statuses, long heapBefore,
            long heapAfter, long warningLines, int connectionsAtEnd, int connectionsAfter, double settleSeconds,
            Map<String, String> downloads) {

        String summary() {
            return String.format(Locale.ROOT, "origin soak -Xmx%s: %d requests in %.1f s (%.0f/s); statuses %s;"
                    + " heap after GC %d -> %d MB; warning/error log lines %d;"
                    + " origin connections %d at the end of the load, %d after %.1f s;"
                    + " large originals (200 downloads/304s/widths rendered) %s; outage %d s of 503s then %d s refused",
                    heap, requests, seconds, requests / seconds, statuses, heapBefore >> 20, heapAfter >> 20, warningLines,
                    connectionsAtEnd, connectionsAfter, settleSeconds, downloads,
                    UNAVAILABLE_PHASE.toSeconds(), REFUSED_PHASE.toSeconds());
        }
    }

    /** The product's requirements, all checked and reported together. */
    private void assertHealthy(Figures figures, String output, boolean demoAlive) {
        Map<String, Map<Integer, Long>> table = figures.statuses();
        assertAll("origin soak -Xmx" + figures.heap() + ": " + table,
                () -> assertEquals(Map.of(), unexpectedStatuses(table), "statuses other than 200, 304, 4xx, 502, 503, 504"),
                () -> assertEquals(List.of(), linesContaining(output, "OutOfMemoryError"), "OutOfMemoryError in the demo's output"),
                () -> assertTrue(demoAlive, "the demo is still running"),
                () -> assertOnly(table, "CACHED_HIT", Set.of(200)),
                () -> assertOnly(table, "CACHED_HIT_DURING_OUTAGE", Set.of(200)),
                () -> assertOnly(table, "STALE_DURING_OUTAGE", Set.of(200)),
                () -> assertOnly(table, "REPEAT_LARGE", Set.of(200, 503)),
                () -> assertTrue(table.getOrDefault("COLD_LARGE", Map.of()).getOrDefault(200, 0L) > 0,
                        "some cold renders of large originals were served: " + table.get("COLD_LARGE")),
                () -> assertOnly(table, "DRIP", Set.of(502, 504)),
                () -> assertOnly(table, "ORIGIN_500", Set.of(502, 504)),
                () -> assertOnly(table, "DROPPED", Set.of(502, 504)),
                () -> assertOnly(table, "MISSING", Set.of(404)),
                () -> assertTrue(figures.warningLines() < MAX_WARNING_LINES,
                        figures.warningLines() + " warning or error lines in the demo's output"),
                () -> assertTrue(figures.heapAfter() >= 0 && figures.heapAfter() <= figures.heapBefore() + MAX_HEAP_GROWTH,
                        "heap after GC grew: " + (figures.heapBefore() >> 20) + " -> " + (figures.heapAfter() >> 20) + " MB"),
                () -> assertTrue(figures.connectionsAfter() <= MAX_IDLE_CONNECTIONS, String.format(Locale.ROOT,
                        "%d connections from the demo to the origin still open %.1f s after the load",
                        figures.connectionsAfter(), figures.settleSeconds())),
                () -> assertAll("large originals downloaded at most once per new variant (200 downloads/304s/widths rendered) "
                        + figures.downloads(), fewDownloadsOfEachLargeOriginal()));
    }

    // ---------------------------------------------------------------- the load

    /** The thumbs and one render of each large original answer 200, then the mix runs for a while. */
    private void warmUp() throws Exception {
        for (int i = 0; i < SMALL_ORIGINALS; i++) {
            String thumb = "/images/thumb/photo" + i + ".jpg";
            assertEquals(200, status(thumb), thumb);
        }
        for (int i = 0; i < LARGE_ORIGINALS; i++) {
            Target cold = target(Kind.COLD_LARGE, false);
            assertEquals(200, send(cold), "a large original renders: " + cold.path());
        }
        runClients(WARM_UP);
    }

    /** {@value #CLIENTS} clients for the given time; returns how many requests they made. */
    private long runClients(Duration time) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    long count = 0;
                    while (System.nanoTime() < end) {
                        oneRequest();
                        count++;
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> future : done) {
                total += future.get(time.toSeconds() + 120, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            clients.shutdownNow();
        }
    }

    private void oneRequest() throws InterruptedException {
        Kind kind = pickKind();
        int transitionsBefore = origin.transitions();
        boolean outAtStart = origin.isOut();
        Target target = target(kind, outAtStart);
        int status;
        try {
            status = send(target);
        } finally {
            if (kind == Kind.DRIP) {
                dripSlots.release();
            }
        }
        boolean duringOutage = outAtStart || origin.isOut() || origin.transitions() != transitionsBefore;
        statuses.computeIfAbsent(label(kind, duringOutage), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** A random kind by weight; a drip (holding a drip slot) only when fewer than two run, else a cached hit. */
    private Kind pickKind() {
        int total = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
        int pick = ThreadLocalRandom.current().nextInt(total);
        for (Kind kind : Kind.values()) {
            pick -= kind.weight;
            if (pick < 0) {
                return kind != Kind.DRIP || dripSlots.tryAcquire() ? kind : Kind.CACHED_HIT;
            }
        }
        throw new AssertionError("weights");
    }

    /**
     * What to ask for. A cold render takes the next width of the next large original (never asked
     * for before); a repeat takes a variant already rendered, during the outage one rendered before it.
     */
    private Target target(Kind kind, boolean duringOutage) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (kind) {
            case CACHED_HIT -> unsigned(CACHED_HIT);
            case COLD_LARGE -> {
                int n = nextCold.getAndIncrement();
                int large = n % LARGE_ORIGINALS;
                yield signed("/images/width=" + (100 + (n / LARGE_ORIGINALS) % 901) + "/large" + large + ".jpg", large);
            }
            case REPEAT_LARGE -> {
                List<String> candidates = duringOutage ? renderedBeforeOutage : snapshot(renderedLarge);
                yield candidates.isEmpty() ? target(Kind.COLD_LARGE, duringOutage)
                        : signed(candidates.get(random.nextInt(candidates.size())), -1);
            }
            case DRIP -> unsigned("/images/thumb/drip.jpg");
            case ORIGIN_500 -> unsigned("/images/thumb/fail.jpg");
            case DROPPED -> unsigned("/images/thumb/dropped.jpg");
            case MISSING -> unsigned("/images/thumb/missing.jpg");
        };
    }

    private static Target unsigned(String path) {
        return new Target(path, path, -1);
    }

    private static Target signed(String path, int large) {
        return new Target(DemoLauncherIT.SIGNER.sign(path, Duration.ofMinutes(30)), path, large);
    }

    /** Sends the request; a cold render served is remembered as rendered. */
    private int send(Target target) throws InterruptedException {
        int status = status(target.url());
        if (target.large() >= 0 && status == 200) {
            renderedLarge.add(target.path());
            widthsRendered[target.large()].add(target.path());
        }
        return status;
    }

    private int status(String url) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(base.resolve(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        }
    }

    /** The kind's name, or for a request during the outage (any part of it) the kind it counts as then. */
    private static String label(Kind kind, boolean duringOutage) {
        if (!duringOutage) {
            return kind.name();
        }
        return kind == Kind.REPEAT_LARGE ? "STALE_DURING_OUTAGE" : kind.name() + "_DURING_OUTAGE";
    }

    /** 503s from {@code after} on, then refused connections, then the origin back on its port. */
    private List<ScheduledFuture<Void>> scheduleOutage(ScheduledExecutorService timer, Duration after) {
        Callable<Void> unavailable = () -> {
            renderedBeforeOutage = snapshot(renderedLarge);
            origin.answer503s();
            return null;
        };
        Callable<Void> refused = () -> {
            origin.refuseConnections();
            return null;
        };
        Callable<Void> back = () -> {
            origin.comeBack();
            return null;
        };
        Duration refusedAt = after.plus(UNAVAILABLE_PHASE);
        Duration backAt = refusedAt.plus(REFUSED_PHASE);
        return List.of(timer.schedule(unavailable, after.toMillis(), TimeUnit.MILLISECONDS),
                timer.schedule(refused, refusedAt.toMillis(), TimeUnit.MILLISECONDS),
                timer.schedule(back, backAt.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static List<String> snapshot(List<String> synchronizedList) {
        synchronized (synchronizedList) {
            return List.copyOf(synchronizedList);
        }
    }

    // ---------------------------------------------------------------- the figures

    private Map<String, Map<Integer, Long>> table() {
        Map<String, Map<Integer, Long>> table = new TreeMap<>();
        statuses.forEach((kind, counts) -> {
            Map<Integer, Long> row = new TreeMap<>();
            counts.forEach((status, count) -> row.put(status, count.sum()));
            table.put(kind, row);
        });
        return table;
    }

    private static Map<String, Map<Integer, Long>> unexpectedStatuses(Map<String, Map<Integer, Long>> table) {
        Map<String, Map<Integer, Long>> unexpected = new TreeMap<>();
        table.forEach((kind, row) -> row.forEach((status, count) -> {
            boolean allowed = status == 200 || status == 304 || (status >= 400 && status < 500)
                    || status == 502 || status == 503 || status == 504;
            if (!allowed) {
                unexpected.computeIfAbsent(kind, k -> new TreeMap<>()).put(status, count);
            }
        }));
        return unexpected;
    }

    private static List<String> linesContaining(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).limit(10).toList();
    }

    private static void assertOnly(Map<String, Map<Integer, Long>> table, String kind, Set<Integer> allowed) {
        Map<Integer, Long> row = table.get(kind);
        assertTrue(row != null && !row.isEmpty(), "no requests of kind " + kind);
        assertTrue(allowed.containsAll(row.keySet()), kind + " answered " + row + ", expected only " + allowed);
    }

    /** large0 → "200 downloads/304s/widths rendered". */
    private Map<String, String> downloadsPerLargeOriginal() {
        Map<String, String> downloads = new LinkedHashMap<>();
        for (int i = 0; i < LARGE_ORIGINALS; i++) {
            String name = "large" + i + ".jpg";
            downloads.put("large" + i, origin.downloads(name) + "/" + origin.notModified(name) + "/" + widthsRendered[i].size());
        }
        return downloads;
    }

    private Executable[] fewDownloadsOfEachLargeOriginal() {
        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < LARGE_ORIGINALS; i++) {
            String name = "large" + i + ".jpg";
            long downloads = origin.downloads(name);
            long renders = widthsRendered[i].size();
            // a few more for renders given up (503) after their download, and the warm-up's
            checks.add(() -> assertTrue(downloads <= renders + 4,
                    name + " was downloaded in full " + downloads + " times for " + renders + " widths rendered"));
        }
        return checks.toArray(Executable[]::new);
    }

    /**
     * ESTABLISHED TCP connections (IPv4 and IPv6) whose remote port is {@code port}: with the origin
     * on loopback and nothing else connecting to it, the demo's connections to the origin.
     */
    static int establishedConnectionsTo(int port) throws IOException {
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file);
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.strip().split("\\s+");
                String remote = fields[2];
                int remotePort = Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1), 16);
                if (remotePort == port && fields[3].equals("01")) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Polls the connection count until it is small or {@link #CONNECTIONS_SETTLE} has passed; returns the last count. */
    static int awaitFewConnectionsTo(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CONNECTIONS_SETTLE.toNanos();
        int open = establishedConnectionsTo(port);
        while (open > MAX_IDLE_CONNECTIONS && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100); // poll interval
            open = establishedConnectionsTo(port);
        }
        return open;
    }

    // ---------------------------------------------------------------- the originals

    /** large0.jpg … large5.jpg, of about 18, 18.8, … 22 MB. */
    private static Map<String, LargeOriginal> largeOriginals() throws IOException {
        Map<String, LargeOriginal> large = new LinkedHashMap<>();
        for (int i = 0; i < LARGE_ORIGINALS; i++) {
            String name = "large" + i + ".jpg";
            large.put(name, LargeOriginal.padded(photo(3000, 2000, 10 + i), (18 << 20) + i * (4L << 20) / 5, "\"" + name + "-v1\""));
        }
        return large;
    }

    private static Map<String, byte[]> smallOriginals() throws IOException {
        Map<String, byte[]> small = new LinkedHashMap<>();
        for (int i = 0; i < SMALL_ORIGINALS; i++) {
            small.put("photo" + i + ".jpg", photo(1200, 800, i));
        }
        return small;
    }

    /**
     * A valid JPEG of about the size asked for, produced on the fly: the photo's SOI, then as many
     * full COM segments as it takes, then the rest of the photo. Only the photo is kept in memory.
     */
    record LargeOriginal(byte[] photo, int commentSegments, String etag) {

        /** FF FE, length 65535 (its two bytes included), 65533 bytes of text. */
        static final byte[] COMMENT_SEGMENT = commentSegment();

        static LargeOriginal padded(byte[] photo, long size, String etag) {
            return new LargeOriginal(photo, (int) Math.max(0, (size - photo.length) / COMMENT_SEGMENT.length), etag);
        }

        long length() {
            return photo.length + (long) commentSegments * COMMENT_SEGMENT.length;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(photo, 0, 2);
            for (int i = 0; i < commentSegments; i++) {
                out.write(COMMENT_SEGMENT);
            }
            out.write(photo, 2, photo.length - 2);
        }

        private static byte[] commentSegment() {
            byte[] text = "imgfilter origin soak: padding that makes a large original. ".getBytes(StandardCharsets.US_ASCII);
            byte[] segment = new byte[4 + 65533];
            segment[0] = (byte) 0xFF;
            segment[1] = (byte) 0xFE;
            segment[2] = (byte) 0xFF;
            segment[3] = (byte) 0xFF;
            for (int i = 4; i < segment.length; i++) {
                segment[i] = text[(i - 4) % text.length];
            }
            return segment;
        }
    }

    private static byte[] photo(int width, int height, int seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(20 * seed % 255, 90, 160), width, height, new Color(240, (200 + 10 * seed) % 255, 80)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(0xFFFFFF)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 5 + random.nextInt(width / 20), 5 + random.nextInt(height / 20));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- the origin

    /**
     * The hidden origin under {@code /origin/}: the large and small originals with their ETags
     * (304 for a matching If-None-Match), {@code drip.jpg} (25 MB declared, a byte every
     * {@code DRIP_PACE} until the client goes away), {@code fail.jpg} (500), {@code dropped.jpg}
     * (the connection closed after 64 KB of a 1 MB body) and 404 for anything else. It can answer
     * 503 to everything, stop listening, and listen again on the same port.
     */
    static final class Origin implements AutoCloseable {

        enum Mode { UP, UNAVAILABLE, REFUSING }

        private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0};

        private final Map<String, LargeOriginal> large;
        private final Map<String, byte[]> small;
        private final ExecutorService handlers = Executors.newFixedThreadPool(64, task -> {
            Thread thread = new Thread(task, "soak-origin");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<String, LongAdder> downloads = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> notModified = new ConcurrentHashMap<>();
        private final AtomicInteger transitions = new AtomicInteger();
        private final int port;
        private volatile HttpServer server;
        private volatile Mode mode = Mode.UP;
        private volatile long backAt = System.nanoTime() - RECOVERY.toNanos();
        private volatile boolean closed;

        Origin(Map<String, LargeOriginal> large, Map<String, byte[]> small) throws IOException {
            this.large = Map.copyOf(large);
            this.small = Map.copyOf(small);
            this.server = listen(0);
            this.port = server.getAddress().getPort();
        }

        private HttpServer listen(int onPort) throws IOException {
            HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            listening.createContext("/origin/", this::handle);
            listening.setExecutor(handlers);
            listening.start();
            return listening;
        }

        int port() {
            return port;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port + "/origin";
        }

        /** True from the first 503 until {@link #RECOVERY} after the origin listens again. */
        boolean isOut() {
            return mode != Mode.UP || System.nanoTime() - backAt < RECOVERY.toNanos();
        }

        /** How many times the mode changed. */
        int transitions() {
            return transitions.get();
        }

        long downloads(String name) {
            return count(downloads, name).sum();
        }

        long notModified(String name) {
            return count(notModified, name).sum();
        }

        void answer503s() {
            mode = Mode.UNAVAILABLE;
            transitions.incrementAndGet();
        }

        /** Stops listening and closes every connection: connections are refused from now on. */
        void refuseConnections() {
            mode = Mode.REFUSING;
            transitions.incrementAndGet();
            server.stop(0);
        }

        /** Listens again, on the same port. */
        void comeBack() throws IOException {
            server = listen(port);
            backAt = System.nanoTime();
            mode = Mode.UP;
            transitions.incrementAndGet();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String name = exchange.getRequestURI().getPath().substring("/origin/".length());
            try {
                LargeOriginal big = large.get(name);
                byte[] photo = small.get(name);
                if (mode != Mode.UP) {
                    exchange.sendResponseHeaders(503, -1);
                } else if (big != null) {
                    serve(exchange, name, big.etag(), big.length(), big::writeTo);
                } else if (photo != null) {
                    serve(exchange, name, "\"" + name + "-" + photo.length + "\"", photo.length, out -> out.write(photo));
                } else if (name.equals("drip.jpg")) {
                    drip(exchange);
                } else if (name.equals("fail.jpg")) {
                    byte[] body = "internal error".getBytes(StandardCharsets.US_ASCII);
                    exchange.sendResponseHeaders(500, body.length);
                    exchange.getResponseBody().write(body);
                } else if (name.equals("dropped.jpg")) {
                    exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
                    exchange.sendResponseHeaders(200, 1 << 20);
                    OutputStream out = exchange.getResponseBody();
                    out.write(JPEG_START);
                    out.write(new byte[64 << 10]);
                    out.flush(); // and closed below, short of its length: the server drops the connection
                } else {
                    exchange.sendResponseHeaders(404, -1);
                }
            } finally {
                exchange.close();
            }
        }

        interface Body {
            void writeTo(OutputStream out) throws IOException;
        }

        private void serve(HttpExchange exchange, String name, String etag, long length, Body body) throws IOException {
            exchange.getResponseHeaders().add("ETag", etag);
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
                count(notModified, name).increment();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            count(downloads, name).increment();
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, length);
            body.writeTo(exchange.getResponseBody());
        }

        /** A JPEG's first bytes, then a byte every {@link #DRIP_PACE} until the client goes away. */
        private void drip(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.sendResponseHeaders(200, DRIP_DECLARED_BYTES);
            OutputStream out = exchange.getResponseBody();
            long givesUp = System.nanoTime() + DRIP_GIVES_UP.toNanos();
            try {
                out.write(JPEG_START);
                out.flush();
                while (!closed && System.nanoTime() < givesUp) {
                    TimeUnit.MILLISECONDS.sleep(DRIP_PACE.toMillis()); // pacing the drip
                    out.write(0);
                    out.flush();
                }
            } catch (IOException clientLeft) {
                // what the filter should do after its origin-timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static LongAdder count(Map<String, LongAdder> counts, String name) {
            return counts.computeIfAbsent(name, n -> new LongAdder());
        }

        @Override
        public void close() {
            closed = true;
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
