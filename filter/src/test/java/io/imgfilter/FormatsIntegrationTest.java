package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output formats, format negotiation, gravity, background and quality through a real Jetty. */
class FormatsIntegrationTest {

    private static final String CHROME_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private static final String OLD_ACCEPT = "image/png,image/*;q=0.8,*/*;q=0.5";

    @TempDir
    static Path root;
    static JettyHarness jetty;

    @BeforeAll
    static void start() throws Exception {
        Path originals = Files.createDirectories(root.resolve("originals"));
        Files.write(originals.resolve("photo.jpg"), TestImages.jpeg(800, 600));
        Files.write(originals.resolve("alpha.png"), TestImages.transparentPng(400, 400));
        Files.write(originals.resolve("anim.gif"), TestImages.animatedGif(60, 40, Color.GREEN, Color.MAGENTA));
        if (javax.imageio.ImageIO.getImageWritersByMIMEType("image/webp").hasNext()) {
            Files.write(originals.resolve("photo.webp"), io.imgfilter.testing.HostileFiles.lossyWebp(400, 300, 80));
        }
        jetty = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "images", "/images/*", Map.of(
                "source", originals.toString(),
                "presets", "auto: width=200,format=auto; webp: width=200,format=webp; avatar: width=64,height=64,fit=cover,gravity=top-left",
                "flexible-options", "true")));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    @Test
    void aWebpOriginalStaysWebpButNeverForABrowserWithoutIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(root.resolve("originals/photo.webp")), "libwebp is available");
        assertEquals("image/webp", type(jetty.get("/images/width=200/photo.webp")), "the original's own format");
        assertEquals("image/webp", type(jetty.get("/images/auto/photo.webp", "Accept", CHROME_ACCEPT)));
        HttpResponse<byte[]> old = jetty.get("/images/auto/photo.webp", "Accept", OLD_ACCEPT);
        assertEquals("image/png", type(old), "format=auto never answers WebP to a browser that does not take it");
        assertEquals(200, TestImages.decode(old.body()).getWidth());
    }

    @Test
    void autoPicksWebpForBrowsersThatAcceptIt() throws Exception {
        HttpResponse<byte[]> webp = jetty.get("/images/auto/photo.jpg", "Accept", CHROME_ACCEPT);
        assertEquals("image/webp", type(webp));
        assertEquals("Accept", webp.headers().firstValue("Vary").orElseThrow());
        assertEquals(200, TestImages.decode(webp.body()).getWidth());

        HttpResponse<byte[]> jpeg = jetty.get("/images/auto/photo.jpg", "Accept", OLD_ACCEPT);
        assertEquals("image/jpeg", type(jpeg));
        assertEquals("Accept", jpeg.headers().firstValue("Vary").orElseThrow());
        assertNotEquals(webp.headers().firstValue("ETag"), jpeg.headers().firstValue("ETag"), "each choice is its own variant");

        assertEquals("image/png", type(jetty.get("/images/auto/alpha.png", "Accept", OLD_ACCEPT)), "alpha stays PNG");
        assertEquals("image/jpeg", type(jetty.get("/images/auto/photo.jpg", "Accept", "image/webp;q=0, image/*")));
        // parameter names are case-insensitive
        assertEquals("image/jpeg", type(jetty.get("/images/auto/photo.jpg", "Accept", "image/webp;Q=0, image/*")));
        assertEquals("image/jpeg", type(jetty.get("/images/auto/photo.jpg", "Accept", "image/webp ; Q = 0.000, image/*")));
        assertTrue(jetty.get("/images/width=200/photo.jpg").headers().firstValue("Vary").isEmpty(), "no Vary without auto");

        String etag = webp.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> revalidated = jetty.get("/images/auto/photo.jpg", "Accept", CHROME_ACCEPT, "If-None-Match", etag);
        assertEquals(304, revalidated.statusCode());
        assertEquals("Accept", revalidated.headers().firstValue("Vary").orElseThrow());
    }

    @Test
    void webpKeepsAlphaAndQualityChangesTheSize() throws Exception {
        HttpResponse<byte[]> alpha = jetty.get("/images/webp/alpha.png");
        assertEquals("image/webp", type(alpha));
        BufferedImage image = TestImages.decode(alpha.body());
        assertTrue(image.getColorModel().hasAlpha());
        assertEquals(0, image.getRGB(2, 2) >>> 24, "transparent corner");
        int low = jetty.get("/images/width=300,format=webp,quality=20/photo.jpg").body().length;
        int high = jetty.get("/images/width=300,format=webp,quality=95/photo.jpg").body().length;
        assertTrue(low < high, low + " < " + high);
        int jpegLow = jetty.get("/images/width=300,format=jpeg,quality=20/photo.jpg").body().length;
        int jpegHigh = jetty.get("/images/width=300,format=jpeg,quality=95/photo.jpg").body().length;
        assertTrue(jpegLow < jpegHigh, jpegLow + " < " + jpegHigh);
    }

    @Test
    void explicitFormatsAndGifInput() throws Exception {
        assertEquals("image/png", type(jetty.get("/images/width=100,format=png/photo.jpg")));
        HttpResponse<byte[]> flattened = jetty.get("/images/width=100,format=jpeg/alpha.png");
        assertEquals("image/jpeg", type(flattened));
        assertTrue((TestImages.decode(flattened.body()).getRGB(1, 1) & 0xFFFFFF) > 0xF0F0F0, "transparency flattened onto white");
        HttpResponse<byte[]> gif = jetty.get("/images/width=60/anim.gif");
        assertEquals("image/png", type(gif), "GIF in, PNG out");
        Color first = new Color(TestImages.decode(gif.body()).getRGB(30, 20));
        assertTrue(first.getGreen() > 200 && first.getRed() < 60, "first frame: " + first);
    }

    @Test
    void backgroundFillsPaddingAndTransparency() throws Exception {
        BufferedImage padded = TestImages.decode(jetty.get("/images/width=200,height=100,fit=pad,background=ff0000/photo.jpg").body());
        assertEquals(200, padded.getWidth());
        Color side = new Color(padded.getRGB(3, 50));
        assertTrue(side.getRed() > 200 && side.getGreen() < 60, "red padding: " + side);
        BufferedImage onBlack = TestImages.decode(jetty.get("/images/width=100,format=jpeg,background=black/alpha.png").body());
        assertTrue((onBlack.getRGB(1, 1) & 0xFFFFFF) < 0x101010, "transparency flattened onto black");
        BufferedImage clearPad = TestImages.decode(jetty.get("/images/width=200,height=100,fit=pad,format=png/photo.jpg").body());
        assertEquals(0, clearPad.getRGB(3, 50) >>> 24, "PNG padding is transparent by default");
    }

    @Test
    void gravityChoosesWhatCoverKeeps() throws Exception {
        // the picture's top-left quarter is red: top-left gravity keeps it, bottom-right loses it
        BufferedImage topLeft = TestImages.decode(jetty.get("/images/avatar/photo.jpg").body());
        assertTrue(TestImages.isRed(topLeft, 3, 3));
        BufferedImage bottomRight = TestImages.decode(jetty.get("/images/width=64,height=64,fit=cover,gravity=bottom-right/photo.jpg").body());
        assertTrue(!TestImages.isRed(bottomRight, 3, 3));
        BufferedImage centre = TestImages.decode(jetty.get("/images/width=400,height=100,fit=cover/photo.jpg").body());
        BufferedImage top = TestImages.decode(jetty.get("/images/width=400,height=100,fit=cover,gravity=top/photo.jpg").body());
        assertTrue(TestImages.isRed(top, 3, 3) && !TestImages.isRed(centre, 3, 3), "top keeps the red top edge, centre does not");
    }

    private static String type(HttpResponse<byte[]> response) {
        assertEquals(200, response.statusCode(), () -> new String(response.body()));
        return response.headers().firstValue("Content-Type").orElseThrow();
    }
}
