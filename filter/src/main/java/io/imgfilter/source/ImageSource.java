package io.imgfilter.source;

import io.imgfilter.request.SourcePath;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where originals live: the hidden origin behind the filter. Implementations resolve an already
 * validated {@link SourcePath} below their root and must never reveal where that root is: their
 * exceptions are logged server-side only.
 */
public interface ImageSource {

    /**
     * @return the original, or empty when there is none at that path
     * @throws OriginalTooLargeException when it exceeds the configured byte limit
     * @throws OriginException           when a remote origin failed or timed out (502 or 504)
     * @throws IOException               when the source failed
     */
    Optional<Original> fetch(SourcePath path) throws IOException;

    /**
     * The current version of the original, without its bytes when the source can tell it more
     * cheaply (a file's attributes); this default fetches it whole. Called on every request, so
     * cached variants and revalidations cost no download.
     *
     * @return the version, or empty when there is no original at that path
     */
    default Optional<SourceVersion> version(SourcePath path) throws IOException {
        return fetch(path).map(original -> new SourceVersion(original.lastModified(), original.version()));
    }

    /**
     * As {@link #version(SourcePath)}, for a source that may have to download the whole original
     * to learn its version (a first request to an HTTP origin, or one whose original changed): it
     * hands those bytes to {@code downloaded}, which then owns them (and must
     * {@link Original#release()} them if it does not render them), so that a render right after
     * needs no second download.
     */
    default Optional<SourceVersion> version(SourcePath path, Consumer<Original> downloaded) throws IOException {
        return version(path);
    }

    /** For server logs and start-up messages only; may name the root, never a credential. */
    String describe();

    /**
     * True when images made from this source must not be stored by shared caches: the source
     * authenticates to its origin and the operator has not agreed to share the results publicly.
     */
    default boolean privateResults() {
        return false;
    }

    /** Releases connections and threads, when the filter is taken out of service. */
    default void close() {
    }
}
