package io.imgfilter.source.origin;

import io.imgfilter.request.SourcePath;
import java.net.URI;

/** Where on a remote origin a source path lives: one URL per path, always below one fixed base. */
public interface OriginLocator {

    /**
     * @throws IllegalArgumentException when the path would leave the base; {@code SourcePathParser}
     *                                  refuses every such path first, so this is a second wall
     */
    URI locate(SourcePath path);

    /**
     * True when a redirect to {@code target} stays on this origin: same scheme, host and port,
     * and a path below the base.
     */
    boolean contains(URI target);
}
