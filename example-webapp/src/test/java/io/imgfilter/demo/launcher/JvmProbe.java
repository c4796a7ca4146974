package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the soak tests read of the demo's JVM from outside: its threads, and its heap after a full GC. */
final class JvmProbe {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private JvmProbe() {
    }

    /** The process's thread count, from {@code /proc/<pid>/status}. */
    static long threads(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring("Threads:".length()).strip());
            }
        }
        throw new AssertionError("no thread count for " + pid);
    }

    /** Heap in use after a full collection, in bytes, from the JDK's own jcmd. */
    static long heapAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        assertTrue(used.find(), "jcmd GC.heap_info");
        return Long.parseLong(used.group(1)) << 10;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "jcmd " + command);
        return new String(output, StandardCharsets.UTF_8);
    }
}
