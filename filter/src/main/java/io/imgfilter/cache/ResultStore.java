package io.imgfilter.cache;

import io.imgfilter.render.Deadline;
import io.imgfilter.render.RenderedImage;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The third tier of the result cache, shared by every node: a variant rendered by one is read by
 * the others instead of being rendered again. Every failure is a miss: a store that is down costs
 * speed, never an answer.
 */
public interface ResultStore extends AutoCloseable {

    /** The most variants of one original that one purge deletes. */
    int MAX_PURGED = 10_000;

    /** The variant, or empty when it is not stored, is damaged, or the store failed or was too slow. */
    Optional<RenderedImage> get(VariantKey key, Deadline deadline);

    /** Stores the variant later, without delaying the caller; may drop it when busy. */
    void put(VariantKey key, RenderedImage image);

    /**
     * Deletes every stored variant of one original (at most {@link #MAX_PURGED} of them), waiting
     * for the store: unlike {@link #get} a failure is thrown, since an operator asked for it.
     *
     * @param sourcePath the decoded source path
     * @return the bare ETags (without quotes) of the variants deleted
     * @throws IOException the store could not be listed or answered an error
     */
    Set<String> purge(String sourcePath) throws IOException;

    /** Releases the store's threads; queued puts are dropped. */
    @Override
    void close();
}
