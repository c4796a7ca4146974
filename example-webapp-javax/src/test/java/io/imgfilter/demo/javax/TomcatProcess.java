package io.imgfilter.demo.javax;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A real Tomcat (the distribution the build unpacked into target/tomcat9, its CATALINA_HOME) run as
 * {@code bin/catalina.sh run} in a CATALINA_BASE of its own: conf copied from the distribution,
 * HTTP on a free loopback port, no shutdown port, and one webapp, webapps/ROOT.war. Its console
 * output (stdout and stderr) is read line by line as it comes, as the demo's DemoProcess does.
 */
final class TomcatProcess implements AutoCloseable {

    private final Process process;
    private final Path base;
    private final int port;
    private final List<String> lines = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ended;

    private TomcatProcess(Process process, Path base, int port) {
        this.process = process;
        this.base = base;
        this.port = port;
        Thread reader = new Thread(this::readOutput, "tomcat-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Lays out {@code base} as a CATALINA_BASE with {@code war} as its ROOT webapp and starts
     * Tomcat in it, with the given environment variables added (JAVA_HOME is this JVM's).
     */
    static TomcatProcess start(Path home, Path base, Path war, Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(home.resolve("bin/catalina.sh"))) {
            throw new IllegalStateException(home + " is no Tomcat: run the integration tests with 'mvn verify'");
        }
        copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : List.of("logs", "temp", "webapps", "work")) {
            Files.createDirectories(base.resolve(dir));
        }
        Files.copy(war, base.resolve("webapps/ROOT.war"));

        int port = freePort();
        Path serverXml = base.resolve("conf/server.xml");
        String server = Files.readString(serverXml);
        server = replaceOnce(server, "<Server port=\"8005\"", "<Server port=\"-1\"");
        server = replaceOnce(server, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, server);
        // Validate web.xml and every TLD against the schemas Tomcat 9 ships (Servlet 4.0, JSP 2.x):
        // a descriptor the transformer got wrong stops the webapp instead of being read leniently.
        Path contextXml = base.resolve("conf/context.xml");
        Files.writeString(contextXml, replaceOnce(Files.readString(contextXml), "<Context>",
                "<Context xmlValidation=\"true\" xmlNamespaceAware=\"true\" tldValidation=\"true\">"));

        ProcessBuilder builder = new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run");
        builder.directory(base.toFile());
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // nothing from the developer's shell should change what the tests see
        for (String name : List.of("JAVA_OPTS", "CATALINA_OPTS", "JRE_HOME", "CATALINA_PID", "CATALINA_OUT",
                "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "JPDA_OPTS", "IMAGE_SIGNING_KEY", "IMAGE_ORIGINALS_DIR",
                "IMAGE_ORIGIN_URL", "IMAGE_ORIGIN_AUTHORIZATION", "IMAGE_ORIGIN_INDEX")) {
            env.remove(name);
        }
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CATALINA_HOME", home.toString());
        env.put("CATALINA_BASE", base.toString());
        env.put("CATALINA_TMPDIR", base.resolve("temp").toString());
        env.put("CATALINA_OPTS", "-Djava.awt.headless=true");
        env.putAll(environment);
        return new TomcatProcess(builder.start(), base, port);
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lock.lock();
                try {
                    lines.add(line);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is destroyed
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until Tomcat prints another line or ends, or {@code timeout} passes, whichever is first:
     * the pause between two polls, over as soon as there is something new to look at.
     */
    void awaitOutput(Duration timeout) {
        lock.lock();
        try {
            int seen = lines.size();
            long left = timeout.toNanos();
            while (!ended && lines.size() == seen && left > 0) {
                left = changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    /** The console output, then every log file Tomcat wrote (the webapp's errors go to localhost.*.log only). */
    String diagnostics() {
        StringBuilder text = new StringBuilder("--- console\n").append(String.join("\n", lines()));
        try (Stream<Path> logs = Files.list(base.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                text.append("\n--- ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        } catch (IOException e) {
            text.append("\n(logs unreadable: ").append(e).append(')');
        }
        return text.toString();
    }

    /** Stops Tomcat (SIGTERM, so it shuts down as a service manager would stop it), forcibly if it takes too long. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("expected exactly one " + from + " in Tomcat's configuration");
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
