package io.imgfilter.demo.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built launcher, {@code java -jar target/example-webapp.jar}, as a child process: its output
 * (stdout and stderr merged) is read line by line as it comes, and tests wait for a line rather
 * than for a length of time.
 */
final class DemoProcess implements AutoCloseable {

    static final Pattern RUNNING = Pattern.compile("imgfilter demo running at (http://\\S+/)");
    static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ended;

    private DemoProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "demo-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** The jar the build made; failsafe passes its path as the system property demo.jar. */
    static Path jar() {
        String configured = System.getProperty("demo.jar");
        Path jar = Path.of(configured != null ? configured : "target/example-webapp.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with 'mvn verify'");
        }
        return jar;
    }

    /**
     * Starts the launcher with the given changes to this JVM's environment (a {@code null} value
     * removes a variable) and its own temporary directory.
     */
    static DemoProcess start(Map<String, String> environment, Path tmpDir) throws IOException {
        return start(environment, tmpDir, List.of());
    }

    /** As {@link #start(Map, Path)}, with more options for the JVM (-Dname=value). */
    static DemoProcess start(Map<String, String> environment, Path tmpDir, List<String> jvmOptions)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + tmpDir));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // nothing from the developer's shell should change what the tests see
        for (String name : List.of("PORT", "IMAGE_SIGNING_KEY", "IMAGE_ORIGINALS_DIR", "IMAGE_ORIGIN_URL",
                "IMAGE_ORIGIN_AUTHORIZATION", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS")) {
            env.remove(name);
        }
        environment.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return new DemoProcess(builder.start());
    }

    /**
     * Any other command (a servlet container's start script, say) as a child process, its output
     * read in the same way; stdout and stderr are merged.
     */
    static DemoProcess start(ProcessBuilder builder) throws IOException {
        builder.redirectErrorStream(true);
        return new DemoProcess(builder.start());
    }

    /** Starts the launcher and waits until it says where it runs. */
    static DemoProcess startAndAwaitRunning(Map<String, String> environment, Path tmpDir) throws IOException {
        DemoProcess demo = start(environment, tmpDir);
        try {
            demo.baseUri();
            return demo;
        } catch (RuntimeException | Error e) {
            demo.close();
            throw e;
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                append(line);
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

    private void append(String line) {
        lock.lock();
        try {
            lines.add(line);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for an output line matching {@code pattern} (searched with {@link Matcher#find()}).
     * Fails when the output ends, or the time runs out, first.
     */
    Matcher awaitLine(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                if (ended) {
                    throw new AssertionError("the demo's output ended without a line matching /" + pattern
                            + "/:\n" + output());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line matching /" + pattern + "/ within " + timeout
                            + ":\n" + output());
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /** The base URI from the "running at" line, e.g. http://localhost:41234/. */
    URI baseUri() {
        return URI.create(awaitLine(RUNNING, STARTUP).group(1));
    }

    /** Waits for the process to end and for all its output to be read; returns the exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the demo did not exit within " + timeout + ":\n" + output());
            }
            lock.lock();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!ended && System.nanoTime() < deadline) {
                    changed.awaitNanos(deadline - System.nanoTime());
                }
            } finally {
                lock.unlock();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Asks the launcher to stop as a service manager would (SIGTERM on Unix). Through the process
     * handle, because {@link Process#destroy()} also closes our end of its output, and what it says
     * while stopping would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    /** True while the process runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** The launcher's process id. */
    long pid() {
        return process.pid();
    }

    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(lines);
        } finally {
            lock.unlock();
        }
    }

    String output() {
        return String.join("\n", lines());
    }

    /** Ends the process and anything it started, forcibly if it does not stop in time. */
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
}
