package io.imgfilter.taglib.it;

import java.nio.file.Path;

/** The tag library's contract in embedded Tomcat with its Jasper. */
class TagLibraryTomcatIT extends TagLibraryInContainer {

    @Override
    ServletContainer create(Path work) throws Exception {
        return new TomcatContainer(work);
    }
}
