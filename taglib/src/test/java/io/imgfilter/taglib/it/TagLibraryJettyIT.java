package io.imgfilter.taglib.it;

import java.nio.file.Path;

/** The tag library's contract in embedded Jetty 12 (ee10) with its Apache Jasper. */
class TagLibraryJettyIT extends TagLibraryInContainer {

    @Override
    ServletContainer create(Path work) {
        return new JettyContainer(work);
    }
}
