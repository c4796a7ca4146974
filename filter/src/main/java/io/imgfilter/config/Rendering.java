package io.imgfilter.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a filter renders: the result caches and the bounded pool.
 *
 * @param memoryCacheBytes bytes of rendered variants kept in memory (0: none)
 * @param cacheDirectory   where rendered variants are kept across restarts, or null
 * @param cacheDirectoryBytes bound of that directory
 * @param threads          renders running at once
 * @param queue            renders waiting at most; beyond, 503
 * @param timeout          how long a request waits for its render
 * @param memoryBudget     heap that renders may hold at once, estimated before decoding
 * @param maxScans         JPEGs with more scans are refused before decoding
 * @param resultStore      the S3 bucket that every node shares rendered variants in, or null
 */
public record Rendering(long memoryCacheBytes, Path cacheDirectory, long cacheDirectoryBytes,
                        int threads, int queue, Duration timeout, long memoryBudget, int maxScans,
                        ResultStoreLocation resultStore) {
}
