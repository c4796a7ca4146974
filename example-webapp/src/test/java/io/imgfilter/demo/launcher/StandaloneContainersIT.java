package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The WAR the build made, deployed as an operator deploys it into the standalone distributions
 * that the build unpacked into {@code target/containers} (Tomcat 10.1, Tomcat 11, Jetty 12): each
 * gets a base directory of its own, a free port, the WAR as {@code webapps/ROOT.war} and the demo's
 * settings in its environment only ({@code IMAGE_SIGNING_KEY}, and {@code IMAGE_ORIGINALS_DIR} or
 * {@code IMAGE_ORIGIN_URL}). web.xml reads them as {@code ${env:...|...}}, which no container's own
 * placeholder syntax touches, so the filter and the gallery see the operator's values.
 *
 * <p>Tomcat runs as {@code bin/catalina.sh run} with a CATALINA_BASE of its own (conf/ copied from
 * the distribution, server.xml given the port); Jetty as {@code java -jar start.jar} in a jetty-base
 * made by {@code --add-modules=http,ee10-deploy,ee10-jsp} (the WAR brings JSTL in WEB-INF/lib).
 * On Tomcat the WAR is then undeployed by deleting it, as an operator does, and Tomcat's checks for
 * threads and thread-locals left behind must have found nothing.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "catalina.sh, and SIGTERM to stop the containers")
class StandaloneContainersIT {

    static final String SIGNING_KEY = DemoLauncherIT.SIGNING_KEY;
    /** The one original of each deployment; the WAR's bundled samples have other names. */
    static final String ONLY_HERE = "only-here.jpg";
    static final Duration STARTUP = Duration.ofSeconds(90);
    static final Duration STOP = Duration.ofSeconds(60);
    /** What Tomcat logs when a stopped webapp left a thread running or a ThreadLocal set. */
    static final Pattern LEAK = Pattern.compile("appears to have started a thread|memory leak", Pattern.CASE_INSENSITIVE);
    static final Pattern BIND_FAILED = Pattern.compile("Address already in use|Failed to bind");

    enum Container {
        TOMCAT_10("standalone.tomcat10"),
        TOMCAT_11("standalone.tomcat11"),
        JETTY_12("standalone.jetty12");

        final String property;

        Container(String property) {
            this.property = property;
        }

        boolean tomcat() {
            return this != JETTY_12;
        }

        /** The unpacked distribution; failsafe passes its path as a system property. */
        Path home() {
            String configured = System.getProperty(property);
            if (configured == null) {
                throw new IllegalStateException("system property " + property
                        + " is not set: run the integration tests with 'mvn verify'");
            }
            Path home = Path.of(configured).toAbsolutePath();
            Path marker = home.resolve(tomcat() ? "bin/catalina.sh" : "start.jar");
            if (!Files.isRegularFile(marker)) {
                throw new IllegalStateException(marker + " is missing: 'mvn verify' unpacks it into target/containers");
            }
            return home;
        }
    }

    /** Where the deployment's originals come from. */
    enum Source {
        /** {@code IMAGE_ORIGINALS_DIR}: a directory holding {@value #ONLY_HERE} only. */
        DIRECTORY,
        /** {@code IMAGE_ORIGIN_URL}: an HTTP origin on loopback serving it (and {@code IMAGE_ORIGIN_INDEX} naming it). */
        HTTP_ORIGIN
    }

    @TempDir
    static Path tmp;

    static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    static byte[] original;

    @BeforeAll
    static void makeTheOriginal() throws IOException {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, 640, 480, Color.BLUE));
        graphics.fillRect(0, 0, 640, 480);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpg", bytes));
        original = bytes.toByteArray();
    }

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of(Container.TOMCAT_10, Source.DIRECTORY),
                Arguments.of(Container.TOMCAT_11, Source.DIRECTORY),
                Arguments.of(Container.JETTY_12, Source.DIRECTORY),
                // the origin's HttpClient has threads of its own, which must end with the webapp
                Arguments.of(Container.TOMCAT_10, Source.HTTP_ORIGIN),
                Arguments.of(Container.TOMCAT_11, Source.HTTP_ORIGIN));
    }

    @ParameterizedTest(name = "{0}, originals from {1}")
    @MethodSource("deployments")
    void theWarRunsAsDeployedAndLeavesNothingBehind(Container container, Source source) throws Exception {
        String name = (container + "-" + source).toLowerCase(Locale.ROOT);
        Map<String, String> environment = new HashMap<>();
        environment.put("IMAGE_SIGNING_KEY", SIGNING_KEY);
        List<String> originRequests = new CopyOnWriteArrayList<>();
        HttpServer origin = null;
        if (source == Source.DIRECTORY) {
            Path originals = Files.createDirectories(tmp.resolve(name).resolve("originals"));
            Files.write(originals.resolve(ONLY_HERE), original);
            environment.put("IMAGE_ORIGINALS_DIR", originals.toString());
        } else {
            origin = origin(originRequests);
            environment.put("IMAGE_ORIGIN_URL", "http://127.0.0.1:" + origin.getAddress().getPort() + "/");
            environment.put("IMAGE_ORIGIN_INDEX", ONLY_HERE);
        }
        try (Deployment deployment = Deployment.start(container, tmp.resolve(name), environment)) {
            URI root = deployment.root;

            // (a) the gallery lists what the environment points at, not the bundled samples
            HttpResponse<byte[]> gallery = get(root, "/");
            assertEquals(200, gallery.statusCode(), () -> text(gallery));
            String html = text(gallery);
            assertFalse(html.contains("<c:") || html.contains("${"), html);
            assertEquals(1, DemoLauncherIT.count(html, "<li class=\"card\">"), html);
            assertTrue(html.contains("src=\"/images/thumb/" + ONLY_HERE + "\""), html);
            assertFalse(html.contains("lighthouse"), html);

            // (b) the public preset
            BufferedImage thumb = image(get(root, "/images/thumb/" + ONLY_HERE));
            assertEquals(150, thumb.getWidth());
            assertEquals(150, thumb.getHeight());
            if (source == Source.HTTP_ORIGIN) {
                assertTrue(originRequests.contains("/" + ONLY_HERE), originRequests::toString);
            }

            // (c) a signed preset, signed with the key from the environment
            String small = "/images/small/" + ONLY_HERE;
            assertEquals(403, get(root, small).statusCode(), "unsigned " + small);
            BufferedImage resized = image(get(root, DemoLauncherIT.SIGNER.sign(small, Duration.ofMinutes(5))));
            assertEquals(300, resized.getWidth());
            assertEquals(225, resized.getHeight());

            // (d) errors: what reaches the webapp gets web.xml's short text page
            for (String path : List.of("/WEB-INF/web.xml", "/no-such-page.jsp", "/images/thumb/no-such-picture.jpg")) {
                HttpResponse<byte[]> response = get(root, path);
                assertEquals(404, response.statusCode(), path);
                assertEquals("text/plain", mediaType(response), path);
                assertEquals("not found", text(response).strip(), path);
            }
            // Tomcat normalises %2e%2e and hands the request to the webapp; Jetty refuses it first.
            HttpResponse<byte[]> dotDot = get(root, "/css/%2e%2e/WEB-INF/web.xml");
            if (container.tomcat()) {
                assertEquals(404, dotDot.statusCode());
                assertEquals("not found", text(dotDot).strip());
            } else {
                assertContainersOwnPage(container, dotDot);
            }
            // What the connector refuses before any webapp is mapped gets the container's own page
            // (HTML with its name and version), which only the container's configuration changes.
            for (String path : List.of("/css/..%2fWEB-INF/web.xml", "/a%00b")) {
                assertContainersOwnPage(container, get(root, path));
            }

            if (container.tomcat()) {
                deployment.undeployTomcat();
            }
            deployment.stop();
            List<String> leaks = deployment.process.lines().stream().filter(line -> LEAK.matcher(line).find()).toList();
            assertEquals(List.of(), leaks, deployment.process::output);
        } finally {
            if (origin != null) {
                origin.stop(0);
            }
        }
    }

    /**
     * A filter that cannot start (IMAGE_ORIGINALS_DIR names no directory) leaves Tomcat running
     * without the webapp. Tomcat's console (catalina.sh run, and so catalina.out) only says that a
     * filter failed; the filter's own message, naming the init-param and the value, is in
     * logs/localhost.DATE.log.
     */
    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"TOMCAT_10", "TOMCAT_11"})
    void aFilterThatCannotStartIsExplainedInTomcatsLocalhostLog(Container container) throws Exception {
        Path dir = tmp.resolve(container.toString().toLowerCase(Locale.ROOT) + "-failed-start");
        Path missing = dir.resolve("no-such-directory");
        Map<String, String> environment = Map.of("IMAGE_SIGNING_KEY", SIGNING_KEY, "IMAGE_ORIGINALS_DIR", missing.toString());
        try (Deployment deployment = Deployment.startTomcatExpectingFailure(container, dir, environment)) {
            DemoProcess tomcat = deployment.process;
            tomcat.awaitLine(Pattern.compile("Context \\[\\] startup failed due to previous errors"), STARTUP);
            tomcat.awaitLine(Pattern.compile("One or more Filters failed to start"), Duration.ZERO);
            assertTrue(tomcat.lines().stream().noneMatch(line -> line.contains(missing.toString())), tomcat::output);

            Path logs = deployment.base.resolve("logs");
            String expected = "init-param [source]:[" + missing + "] is not valid";
            // the file handler writes asynchronously
            String localhostLog = awaitValue(() -> {
                try (Stream<Path> files = Files.list(logs)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        if (file.getFileName().toString().startsWith("localhost.") && Files.readString(file).contains(expected)) {
                            return file.getFileName().toString();
                        }
                    }
                }
                return null;
            }, "a log in " + logs + " with " + expected);
            assertTrue(localhostLog.matches("localhost\\.\\d{4}-\\d{2}-\\d{2}\\.log"), localhostLog);
        }
    }

    private static void assertContainersOwnPage(Container container, HttpResponse<byte[]> response) {
        String body = text(response);
        String uri = response.uri().toString();
        assertEquals(400, response.statusCode(), () -> uri + ": " + body);
        assertEquals("text/html", mediaType(response), uri);
        assertTrue(body.contains(container.tomcat() ? "Apache Tomcat/" : "Powered by Jetty"), () -> uri + ": " + body);
        assertFalse(body.contains("web-app") || body.contains("<filter>"), body);
    }

    /** An origin on loopback serving {@value #ONLY_HERE} and nothing else. */
    private static HttpServer origin(List<String> requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getRawPath());
            if (!exchange.getRequestURI().getRawPath().equals("/" + ONLY_HERE)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
            exchange.getResponseHeaders().add("ETag", "\"only-here-1\"");
            exchange.sendResponseHeaders(200, original.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(original);
            }
        });
        server.start();
        return server;
    }

    static HttpResponse<byte[]> get(URI root, String rawPath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(rawPath)).timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String mediaType(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    static BufferedImage image(HttpResponse<byte[]> response) throws IOException {
        assertEquals(200, response.statusCode(), () -> response.uri() + ": " + text(response));
        assertEquals("image/jpeg", mediaType(response), response.uri()::toString);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(image, response.uri()::toString);
        return image;
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code probe} until it gives a value, for at most {@link #STARTUP}. */
    static <T> T awaitValue(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + STARTUP);
            }
            Thread.sleep(200);
        }
    }

    static void await(BooleanSupplier condition, String what) throws Exception {
        awaitValue(() -> condition.getAsBoolean() ? Boolean.TRUE : null, what);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** One container process with its own base directory, started as its distribution's scripts start it. */
    static final class Deployment implements AutoCloseable {

        final Container container;
        final Path base;
        final DemoProcess process;
        final URI root;

        private Deployment(Container container, Path base, DemoProcess process, URI root) {
            this.container = container;
            this.base = base;
            this.process = process;
            this.root = root;
        }

        /**
         * A fresh base directory under {@code dir} with the WAR as webapps/ROOT.war, the container
         * started on a free loopback port, and its answer to GET / awaited. A port taken between
         * choosing and binding it means another try with another port.
         */
        static Deployment start(Container container, Path dir, Map<String, String> environment) throws Exception {
            for (int attempt = 1;; attempt++) {
                Path base = dir.resolve("base-" + attempt);
                int port = freePort();
                DemoProcess process = launch(container, base, port, environment);
                try {
                    URI root = URI.create("http://127.0.0.1:" + port + "/");
                    if (awaitHttp(process, root)) {
                        return new Deployment(container, base, process, root);
                    }
                } catch (Exception | Error e) {
                    process.close();
                    throw e;
                }
                process.close();
                if (attempt == 3) {
                    throw new AssertionError("no free port after 3 tries:\n" + process.output());
                }
            }
        }

        /** As {@link #start}, without waiting for the webapp to answer: it is not expected to. */
        static Deployment startTomcatExpectingFailure(Container container, Path dir, Map<String, String> environment)
                throws Exception {
            Path base = dir.resolve("base");
            int port = freePort();
            return new Deployment(container, base, launch(container, base, port, environment),
                    URI.create("http://127.0.0.1:" + port + "/"));
        }

        private static DemoProcess launch(Container container, Path base, int port, Map<String, String> environment)
                throws Exception {
            Path home = container.home();
            Files.createDirectories(base);
            ProcessBuilder command;
            if (container.tomcat()) {
                prepareCatalinaBase(home, base, port);
                command = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run");
            } else {
                prepareJettyBase(home, base);
                command = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + base.resolve("temp"),
                        "-jar", home.resolve("start.jar").toString(),
                        "jetty.home=" + home, "jetty.base=" + base,
                        "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
            }
            Files.copy(war(), base.resolve("webapps/ROOT.war"));
            command.directory(base.toFile());
            Map<String, String> env = cleanEnvironment(command);
            if (container.tomcat()) {
                env.put("CATALINA_HOME", home.toString());
                env.put("CATALINA_BASE", base.toString());
            }
            env.putAll(environment);
            return DemoProcess.start(command);
        }

        /** conf/ copied from the distribution, with the port changed; empty logs, temp, webapps and work. */
        private static void prepareCatalinaBase(Path home, Path base, int port) throws IOException {
            Path conf = Files.createDirectories(base.resolve("conf"));
            try (Stream<Path> files = Files.list(home.resolve("conf"))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file)) {
                        Files.copy(file, conf.resolve(file.getFileName().toString()));
                    }
                }
            }
            for (String directory : List.of("logs", "temp", "webapps", "work")) {
                Files.createDirectories(base.resolve(directory));
            }
            Path serverXml = conf.resolve("server.xml");
            String xml = Files.readString(serverXml);
            String changed = replaceOnce(xml, "<Server port=\"8005\"", "<Server port=\"-1\"");
            changed = replaceOnce(changed, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                    "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
            // autoDeploy looks at webapps/ every second rather than every ten
            changed = replaceOnce(changed, "<Engine name=\"Catalina\" defaultHost=\"localhost\">",
                    "<Engine name=\"Catalina\" defaultHost=\"localhost\" backgroundProcessorDelay=\"1\">");
            Files.writeString(serverXml, changed);
        }

        /** A jetty-base made by start.jar --add-modules, as Jetty's documentation makes one. */
        private static void prepareJettyBase(Path home, Path base) throws Exception {
            ProcessBuilder addModules = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                    "jetty.home=" + home, "jetty.base=" + base, "--add-modules=http,ee10-deploy,ee10-jsp");
            addModules.directory(base.toFile());
            cleanEnvironment(addModules);
            try (DemoProcess process = DemoProcess.start(addModules)) {
                assertEquals(0, process.awaitExit(STARTUP), process::output);
            }
            assertTrue(Files.isDirectory(base.resolve("webapps")), "--add-modules made webapps/");
            Files.createDirectories(base.resolve("temp"));
            Files.createDirectories(base.resolve("work")); // where Jetty unpacks the WAR
        }

        private static Map<String, String> cleanEnvironment(ProcessBuilder builder) {
            Map<String, String> env = builder.environment();
            // nothing from the developer's shell should change what the tests see
            for (String name : List.of("PORT", "IMAGE_SIGNING_KEY", "IMAGE_ORIGINALS_DIR", "IMAGE_ORIGIN_URL",
                    "IMAGE_ORIGIN_AUTHORIZATION", "IMAGE_ORIGIN_INDEX", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                    "_JAVA_OPTIONS", "JAVA_OPTS", "JRE_HOME", "CLASSPATH", "DISPLAY", "CATALINA_HOME",
                    "CATALINA_BASE", "CATALINA_OPTS", "CATALINA_PID", "CATALINA_TMPDIR", "CATALINA_OUT",
                    "JETTY_HOME", "JETTY_BASE")) {
                env.remove(name);
            }
            env.put("JAVA_HOME", System.getProperty("java.home"));
            return env;
        }

        private static String replaceOnce(String text, String target, String replacement) {
            int at = text.indexOf(target);
            if (at < 0 || text.indexOf(target, at + 1) >= 0) {
                throw new IllegalStateException("expected one [" + target + "] in server.xml");
            }
            return text.replace(target, replacement);
        }

        /**
         * Polls GET / until it answers 200 (true), or the container says its port was taken
         * (false); fails when the process ends or {@link #STARTUP} passes first.
         */
        private static boolean awaitHttp(DemoProcess process, URI root) throws Exception {
            long deadline = System.nanoTime() + STARTUP.toNanos();
            while (true) {
                if (process.lines().stream().anyMatch(line -> BIND_FAILED.matcher(line).find())) {
                    return false;
                }
                if (!process.alive()) {
                    throw new AssertionError("the container ended before it answered:\n" + process.output());
                }
                try {
                    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(root)
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() == 200) {
                        return true;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("GET " + root + " did not answer 200 within " + STARTUP + ":\n"
                            + process.output());
                }
                Thread.sleep(250);
            }
        }

        /**
         * Deletes webapps/ROOT.war, as an operator undeploys, and waits until Tomcat has stopped the
         * webapp: it says "Undeploying context", stops it (and checks for leaks), then deletes the
         * directory it had unpacked the WAR into.
         */
        void undeployTomcat() throws Exception {
            Files.delete(base.resolve("webapps/ROOT.war"));
            process.awaitLine(Pattern.compile("Undeploying context \\[\\]"), STARTUP);
            await(() -> !Files.exists(base.resolve("webapps/ROOT")), "removal of webapps/ROOT after undeploying");
        }

        /** Stops the container as a service manager does (SIGTERM) and waits for the last of its output. */
        void stop() {
            process.terminate();
            process.awaitExit(STOP);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The WAR the build made; failsafe passes its path as the system property demo.war. */
    static Path war() {
        String configured = System.getProperty("demo.war");
        Path war = Path.of(configured != null ? configured : "target/example-webapp.war").toAbsolutePath();
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " is missing: run the integration tests with 'mvn verify'");
        }
        return war;
    }
}
