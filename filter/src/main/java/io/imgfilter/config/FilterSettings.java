package io.imgfilter.config;

import io.imgfilter.render.MemoryBudget;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.source.ImageSource;
import java.time.Duration;

/**
 * One filter instance's configuration, parsed and validated once at start-up and never changed.
 *
 * @param source          where the originals are
 * @param renderMemory    heap that renders, and the originals downloaded for them, may hold at once
 * @param presets         the named variants
 * @param options         parser and limits for flexible options
 * @param flexibleOptions whether URLs may carry {@code width=…} options instead of a preset
 * @param maxSourcePixels originals with more pixels are refused before decoding
 * @param maxSourceBytes  originals with more bytes are refused without reading them whole
 * @param defaultQuality  JPEG quality when neither preset nor URL sets one
 * @param cacheMaxAge     {@code Cache-Control: max-age} of image answers
 * @param serverTiming    whether image answers say where the variant came from and how long it took
 * @param cacheTagHeader  the header naming the original for a CDN's purge by tag
 *                        ({@code Surrogate-Key}, {@code Cache-Tag}), or null for none
 * @param pathPrefix      the mapping prefix to strip, e.g. {@code /images}; null to derive it
 *                        from the filter's URL pattern
 * @param signing         keys, token checks and which requests need a token
 * @param rendering       result cache and render pool sizes
 */
public record FilterSettings(
        ImageSource source,
        MemoryBudget renderMemory,
        PresetTable presets,
        OptionsParser options,
        boolean flexibleOptions,
        long maxSourcePixels,
        long maxSourceBytes,
        int defaultQuality,
        Duration cacheMaxAge,
        boolean serverTiming,
        String cacheTagHeader,
        String pathPrefix,
        Signing signing,
        Rendering rendering) {
}
