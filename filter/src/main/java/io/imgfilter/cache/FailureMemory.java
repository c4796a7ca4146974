package io.imgfilter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.imgfilter.render.RenderException;
import java.time.Duration;
import java.util.Optional;

/**
 * Originals that just failed to render, per source version, for a short while: a corrupt file,
 * a decompression bomb or a render that ran out of time would fail the same way again, and an
 * attacker repeating the request must not start the same expensive work each time. Only
 * {@linkplain RenderException#repeatable() repeatable} failures are kept — a busy filter is not
 * the original's fault. Bounded in entries; a new version of the original is a new key.
 */
public final class FailureMemory {

    public static final Duration DEFAULT_TIME = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private final Cache<String, RenderException> failures;

    public FailureMemory(Duration time, Ticker ticker) {
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(time)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    public static FailureMemory standard() {
        return new FailureMemory(DEFAULT_TIME, Ticker.systemTicker());
    }

    /** The failure remembered for this original's version, if any. */
    public Optional<RenderException> recall(String sourceVersionKey) {
        return Optional.ofNullable(failures.getIfPresent(sourceVersionKey));
    }

    /** Keeps the failure when the same original would fail the same way again. */
    public void remember(String sourceVersionKey, RenderException failure) {
        if (failure.repeatable()) {
            failures.put(sourceVersionKey, failure);
        }
    }

    public long size() {
        failures.cleanUp();
        return failures.estimatedSize();
    }
}
