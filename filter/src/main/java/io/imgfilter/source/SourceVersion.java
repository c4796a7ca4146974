package io.imgfilter.source;

import java.time.Instant;

/**
 * What identifies one version of an original without its bytes: enough to build cache keys and
 * validators, and to answer a revalidation, without reading the image.
 *
 * @param lastModified when it last changed, or null when the source cannot tell
 * @param tag          a short opaque text that changes whenever the content changes
 */
public record SourceVersion(Instant lastModified, String tag) {
}
