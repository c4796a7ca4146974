package io.imgfilter;

import java.io.IOException;
import java.util.Map;

/**
 * What one filter instance has done since it started, as seen through JMX (each instance is
 * registered as {@code io.imgfilter:type=ImageResizingFilter,context=…,name=…}).
 */
public interface ImageFilterStatisticsMXBean {

    /** Image requests answered from the result cache (memory or disk). */
    long getCacheHits();

    /** Image requests that needed a render. */
    long getCacheMisses();

    /** Renders completed (a render shared by concurrent requests counts once). */
    long getRenders();

    /** Total time spent rendering, in milliseconds. */
    long getRenderMillisTotal();

    /** Mean time of one render, in milliseconds, or 0 before the first. */
    double getRenderMillisAverage();

    /** Requests answered 304 Not Modified, without rendering. */
    long getNotModified();

    /**
     * Variants served from the result cache while their origin failed (refused, timed out, 5xx),
     * within {@code origin-stale-if-error}.
     */
    long getServedStale();

    /** Refused requests by reason, e.g. {@code 403 invalid or expired signature}, {@code 503 busy}. */
    Map<String, Long> getRejections();

    /** Renders waiting for a render thread now. */
    int getQueueDepth();

    /** Renders running now. */
    int getActiveRenders();

    /** Bytes of rendered images held in memory now. */
    long getMemoryCacheBytes();

    /** Bytes of rendered images held in the disk cache now, or 0 without one. */
    long getDiskCacheBytes();

    /** Estimated working memory of the renders running now, reserved from {@code render-memory}. */
    long getRenderMemoryBytes();

    /** The {@code render-memory} budget, in bytes. */
    long getRenderMemoryBudgetBytes();

    /**
     * Removes every variant of one original from this filter's memory and disk cache and from the
     * shared result store, so that the next request renders it again. Other nodes keep their own
     * memory and disk copies until evicted, and clients and CDNs theirs until they expire.
     *
     * @param sourcePath the decoded source path as in URLs below the preset or options, e.g.
     *                   {@code 2024/café.jpg}
     * @return how many distinct variants were removed
     * @throws IllegalArgumentException the path is one the filter refuses
     * @throws IOException              the store failed; memory and disk were purged
     */
    int purge(String sourcePath) throws IOException;
}
