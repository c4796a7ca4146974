package io.imgfilter.source;

import io.imgfilter.render.MemoryBudget;
import java.time.Instant;

/**
 * The bytes of an original image and what is known of its version.
 *
 * @param content      the encoded image, at most the source's byte limit
 * @param lastModified when it last changed, or null when the source cannot tell
 * @param version      a short opaque text that changes whenever the content changes (for
 *                     cache keys and ETags), e.g. modification time and length
 * @param reserved     the share of the render memory budget these bytes hold (a download), which
 *                     whoever lets go of them closes, usually the render they are handed to; null
 *                     when the source did not count them
 */
public record Original(byte[] content, Instant lastModified, String version, MemoryBudget.Reservation reserved) {

    /** Bytes not counted in any budget: read from a file, or kept in a source's own cache. */
    public Original(byte[] content, Instant lastModified, String version) {
        this(content, lastModified, version, null);
    }

    public SourceVersion sourceVersion() {
        return new SourceVersion(lastModified, version);
    }

    /** Gives back the memory these bytes held, when nothing will render them. */
    public void release() {
        if (reserved != null) {
            reserved.close();
        }
    }
}
