package io.imgfilter.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottledLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final Logger logger = new Logger() {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    };

    @Test
    void aFloodGivesAFewLinesAndACount() {
        ThrottledLog log = new ThrottledLog(logger, "failed renders", 3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 1000; i++) {
            log.log(Level.INFO, "failure " + i);
        }
        assertEquals(List.of("failure 0", "failure 1", "failure 2"), lines);
        millis.addAndGet(Duration.ofMinutes(1).toMillis());
        log.log(Level.INFO, "next minute");
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(3).contains("997 more failed renders"), lines.get(3));
        assertEquals("next minute", lines.get(4));
    }
}
