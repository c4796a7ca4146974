package io.imgfilter.cache;

import io.imgfilter.render.Deadline;
import io.imgfilter.render.RenderedImage;
import java.util.Optional;

/**
 * The third tier of the result cache, shared by every node: a variant rendered by one is read by
 * the others instead of being rendered again. Every failure is a miss: a store that is down costs
 * speed, never an answer.
 */
public interface ResultStore extends AutoCloseable {

    /** The variant, or empty when it is not stored, is damaged, or the store failed or was too slow. */
    Optional<RenderedImage> get(VariantKey key, Deadline deadline);

    /** Stores the variant later, without delaying the caller; may drop it when busy. */
    void put(VariantKey key, RenderedImage image);

    /** Releases the store's threads; queued puts are dropped. */
    @Override
    void close();
}
