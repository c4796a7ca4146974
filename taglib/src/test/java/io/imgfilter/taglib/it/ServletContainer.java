package io.imgfilter.taglib.it;

import java.nio.file.Path;

/** A servlet container with JSP support, started on a free loopback port, into which the tests deploy webapp directories. */
interface ServletContainer extends AutoCloseable {

    /** Starts the container with no webapp yet; afterwards {@link #port()} is known. */
    void start() throws Exception;

    /**
     * Deploys the exploded webapp at {@code directory} under {@code contextPath} and starts it.
     *
     * @return false when the webapp failed to start (the container logs why)
     */
    boolean deploy(String contextPath, Path directory) throws Exception;

    int port();

    String name();
}
