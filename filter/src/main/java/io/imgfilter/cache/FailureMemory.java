package io.imgfilter.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.imgfilter.render.RenderException;
import java.time.Duration;
import java.util.Optional;

/**
 * Renders that just failed, for a short while: a corrupt file, a decompression bomb or a render
 * that ran out of time would fail the same way again, and an attacker repeating the request must
 * not start the same expensive work each time. A failure that lies in the original (corrupt,
 * unsupported, too large) is kept for its source version, so every variant of it is refused at
 * once; one that depends on the variant (a timeout, an output over the limits) only for that
 * variant. Only {@linkplain RenderException#repeatable() repeatable} failures are kept — a busy
 * filter is not the original's fault. Bounded in entries; a new version of the original is a
 * new key.
 */
public final class FailureMemory {

    public static final Duration DEFAULT_TIME = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;
    private static final String SOURCE = "s\0";
    private static final String VARIANT = "v\0";

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

    /**
     * The failure remembered for this original's version or for this variant of it, if any.
     *
     * @param sourceVersionKey names the original and its version
     * @param variantKey names one variant of that version (its ETag)
     */
    public Optional<RenderException> recall(String sourceVersionKey, String variantKey) {
        RenderException failure = failures.getIfPresent(SOURCE + sourceVersionKey);
        return Optional.ofNullable(failure != null ? failure : failures.getIfPresent(VARIANT + variantKey));
    }

    /** Keeps the failure when the same request would fail the same way again. */
    public void remember(String sourceVersionKey, String variantKey, RenderException failure) {
        if (failure.repeatable()) {
            failures.put(failure.aboutTheOriginal() ? SOURCE + sourceVersionKey : VARIANT + variantKey, failure);
        }
    }

    public long size() {
        failures.cleanUp();
        return failures.estimatedSize();
    }
}
