package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Originals under /WEB-INF/originals, read through the ServletContext from a directory and from a packed WAR. */
class WebappSourceTest {

    @TempDir
    Path root;

    private static final Map<String, String> PARAMS = Map.of(
            "source", "webapp:/WEB-INF/originals/",
            "presets", "small: width=120");

    @Test
    void servesFromAnExplodedWebapp() throws Exception {
        Path webapp = root.resolve("exploded");
        Files.createDirectories(webapp.resolve("WEB-INF/originals/2024"));
        Files.write(webapp.resolve("WEB-INF/originals/2024/cat one.jpg"), TestImages.jpeg(480, 240));
        assertServes(webapp.toUri().toString());
    }

    @Test
    void servesFromAPackedWar() throws Exception {
        Path war = root.resolve("app.war");
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/"));
            zip.putNextEntry(new ZipEntry("WEB-INF/originals/"));
            zip.putNextEntry(new ZipEntry("WEB-INF/originals/2024/"));
            zip.putNextEntry(new ZipEntry("WEB-INF/originals/2024/cat one.jpg"));
            zip.write(TestImages.jpeg(480, 240));
            zip.closeEntry();
        }
        assertServes("jar:" + war.toUri() + "!/");
    }

    @Test
    void missingWebappDirectoryStopsStartUp() {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> {
            try (JettyHarness ignored = JettyHarness.start("", false, context -> {
                context.setBaseResource(ResourceFactory.of(context).newResource(root.toUri()));
                JettyHarness.addFilter(context, "images", "/images/*", PARAMS);
            })) {
                // not reached
            }
        });
        String messages = failure + " " + failure.getCause();
        assertTrue(messages.contains("init-param [source]:[webapp:/WEB-INF/originals/] is not valid; expected an existing directory of the webapp"), messages);
    }

    private void assertServes(String baseResource) throws Exception {
        try (JettyHarness jetty = JettyHarness.start("/app", false, context -> {
            useBase(context, baseResource);
            JettyHarness.addFilter(context, "images", "/images/*", PARAMS);
        })) {
            var response = jetty.get("/app/images/small/2024/cat%20one.jpg");
            assertEquals(200, response.statusCode());
            assertEquals(120, TestImages.decode(response.body()).getWidth());
            assertTrue(response.headers().firstValue("Last-Modified").isPresent());
            assertEquals(404, jetty.get("/app/images/small/2024/missing.jpg").statusCode());
            assertEquals(404, jetty.get("/app/images/small/2024").statusCode(), "a directory is not an image");
        }
    }

    private static void useBase(ServletContextHandler context, String uri) {
        context.setBaseResource(ResourceFactory.of(context).newResource(java.net.URI.create(uri)));
    }
}
