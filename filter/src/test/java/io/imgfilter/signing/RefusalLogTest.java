package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.signing.Verdict.Outcome;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Verdict BAD = new Verdict.Refused(Outcome.BAD_SIGNATURE, "bad signature");
    private static final Verdict EXPIRED = new Verdict.Expired(START.minusSeconds(120), Duration.ofSeconds(120));

    private final CapturingLogger logger = new CapturingLogger(Level.INFO);
    private final MutableClock clock = new MutableClock(START);
    private final RefusalLog log = new RefusalLog(logger, 3, Duration.ofMinutes(1), clock);

    @Test
    void logsReasonAndPathAtALevelByOutcome() {
        log.refused(BAD, "/images/small/cat.jpg");
        log.refused(EXPIRED, "/images/small/dog.jpg");
        assertEquals(List.of(
                "WARNING image request refused (bad signature): /images/small/cat.jpg",
                "INFO image request refused (expired 120s ago): /images/small/dog.jpg"), logger.lines);
    }

    @Test
    void validVerdictsAreNotLogged() {
        log.refused(new Verdict.Valid(START, Duration.ofHours(1)), "/a.jpg");
        assertEquals(List.of(), logger.lines);
    }

    @Test
    void atMostNLinesPerIntervalThenASummary() {
        for (int i = 0; i < 10; i++) {
            log.refused(BAD, "/a" + i + ".jpg");
        }
        assertEquals(3, logger.lines.size());
        assertEquals(7, log.suppressedCount());

        clock.advance(Duration.ofSeconds(59));
        log.refused(BAD, "/still-suppressed.jpg");
        assertEquals(3, logger.lines.size());

        clock.advance(Duration.ofSeconds(1));
        log.refused(BAD, "/next-interval.jpg");
        assertEquals(List.of(
                "WARNING suppressed 8 more image request refusals (at most 3 lines every 60s)",
                "WARNING image request refused (bad signature): /next-interval.jpg"),
                logger.lines.subList(3, 5));
        assertEquals(0, log.suppressedCount());
    }

    @Test
    void flushReportsWhatIsPending() {
        for (int i = 0; i < 4; i++) {
            log.refused(BAD, "/a.jpg");
        }
        log.flush();
        assertEquals("WARNING suppressed 1 more image request refusal (at most 3 lines every 60s)", logger.lines.get(3));
        log.flush();
        assertEquals(4, logger.lines.size(), "nothing left to report");
    }

    @Test
    void disabledLevelsCostNoQuota() {
        CapturingLogger warningsOnly = new CapturingLogger(Level.WARNING);
        RefusalLog quiet = new RefusalLog(warningsOnly, 1, Duration.ofMinutes(1), clock);
        quiet.refused(EXPIRED, "/a.jpg");
        quiet.refused(BAD, "/b.jpg");
        assertEquals(List.of("WARNING image request refused (bad signature): /b.jpg"), warningsOnly.lines);
        assertEquals(0, quiet.suppressedCount());
    }

    @Test
    void pathsAreShortenedAndEscaped() {
        assertEquals("/a\\nforged line\\r\\t\\u0000\\u001b\\u0085\\u2028\\\\x", RefusalLog.printablePath(
                "/a\nforged line\r\t\u0000\u001b\u0085\u2028\\x"));
        assertEquals("(no path)", RefusalLog.printablePath(null));
        String longPath = "/" + "x".repeat(300);
        assertEquals("/" + "x".repeat(199) + "...(101 more chars)", RefusalLog.printablePath(longPath));
        String pairAtCut = "/" + "x".repeat(198) + "😀tail";
        assertEquals("/" + "x".repeat(198) + "...(6 more chars)", RefusalLog.printablePath(pairAtCut));
        log.refused(BAD, "/a\nINFO fake entry");
        assertFalse(logger.lines.get(0).contains("\n"));
    }

    @Test
    void neverLogsTheSignatureOrKey() {
        String secret = "log-test-secret-0123456789abcdef0123456";
        KeyRing keys = KeyRing.of(SigningKey.of(secret));
        UrlSigner signer = new UrlSigner(keys, SigningScheme.PATH_AND_QUERY, clock);
        SignatureVerifier verifier = SignatureVerifier.of(keys, SigningScheme.PATH_AND_QUERY, clock);
        String url = signer.sign("/images/small/cat.jpg", Duration.ofHours(1)).replace("cat", "dog");
        String expected = signer.signature(url.substring(0, url.indexOf("&sig=")));
        SignedRequest request = SignedRequest.ofPathAndQuery(url, null, null);
        log.refused(verifier.verify(request), request.rawPath());
        String line = logger.lines.get(0);
        assertTrue(line.contains("/images/small/dog.jpg"), line);
        assertFalse(line.contains(expected) || line.contains(secret), line);
    }

    /** Keeps "LEVEL message" lines. */
    private static final class CapturingLogger implements Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Level threshold;

        CapturingLogger(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level.getName() + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level.getName() + " " + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }
}
