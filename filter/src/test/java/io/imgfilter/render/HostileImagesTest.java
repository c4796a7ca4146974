package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.http.Problems;
import io.imgfilter.render.RenderException;
import io.imgfilter.render.Deadline;
import io.imgfilter.request.Fit;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Odd and hostile inputs, decoded or refused with the right status and never more. */
class HostileImagesTest {

    /** 48x32, red left half, blue right half, made with cwebp -q 90. */
    private static final byte[] WEBP = Base64.getDecoder().decode(
            "UklGRl4AAABXRUJQVlA4IFIAAAAwBQCdASowACAAPjEUiEKiISEYBAAgAwSgDNCY3+AfgBqhXAPwA/VX+AAH43b4V1IYAAD+96IknwRE/Wc7fx1rD/wql+iojmp2JLDMagAcfAAA");

    private final ImageRenderer renderer = new ImageRenderer(50_000_000, 85);
    private final ResizeOptions thumb = new ResizeOptions(24, 0, Fit.SCALE_DOWN, 0, null, 1.0);

    @Test
    void cmykJpegWithInconsistentMarkersIsConvertedWithTheRightColours() throws Exception {
        byte[] cmyk = TestImages.cmykJpeg(64, 32);
        assertThrows(javax.imageio.IIOException.class, () -> jdkMetadataOf(cmyk),
                "the JDK's reader calls the markers inconsistent; TwelveMonkeys' reads them");
        RenderedImage rendered = renderer.render(cmyk, new ResizeOptions(32, 0, Fit.SCALE_DOWN, 95, null, 1.0));
        assertEquals(OutputFormat.JPEG, rendered.format());
        BufferedImage image = TestImages.decode(rendered.data());
        Color left = new Color(image.getRGB(4, 8));
        Color right = new Color(image.getRGB(27, 8));
        assertTrue(left.getRed() < 120 && left.getGreen() > 120 && left.getBlue() > 120, "cyan, converted to RGB: " + left);
        assertTrue(right.getRed() > 120 && right.getGreen() < 120 && right.getBlue() > 120, "magenta: " + right);
    }

    private static Object jdkMetadataOf(byte[] jpeg) throws Exception {
        var spis = javax.imageio.spi.IIORegistry.getDefaultInstance()
                .getServiceProviders(javax.imageio.spi.ImageReaderSpi.class, true);
        while (spis.hasNext()) {
            javax.imageio.spi.ImageReaderSpi spi = spis.next();
            if (spi.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi")) {
                javax.imageio.ImageReader reader = spi.createReaderInstance();
                reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg)));
                return reader.getImageMetadata(0);
            }
        }
        throw new AssertionError("the JDK's JPEG reader is missing");
    }

    @Test
    void webpInputIsDecoded() throws Exception {
        RenderedImage rendered = renderer.render(WEBP, thumb);
        assertEquals(ImageRenderer.canWriteWebp() ? OutputFormat.WEBP : OutputFormat.PNG, rendered.format(),
                "WebP stays WebP, where it can be written");
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(24, image.getWidth());
        assertEquals(16, image.getHeight());
        assertTrue(new Color(image.getRGB(2, 8)).getRed() > 200);
        assertTrue(new Color(image.getRGB(21, 8)).getBlue() > 200);
    }

    @Test
    void svgIsRefusedAsUnsupported() {
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(415, Problems.status(assertThrows(RenderException.class, () -> renderer.render(svg, thumb))));
        byte[] xml = ("<?xml version=\"1.0\"?>\n<svg/>").getBytes(StandardCharsets.UTF_8);
        assertEquals(415, Problems.status(assertThrows(RenderException.class, () -> renderer.render(xml, thumb))));
    }

    @Test
    void aPngBombIsRefusedFromItsHeader() {
        byte[] bomb = TestImages.pngDeclaring(30_000, 30_000);
        assertTrue(bomb.length < 200, "tiny on disk: " + bomb.length);
        assertEquals(413, Problems.status(assertThrows(RenderException.class, () -> renderer.render(bomb, thumb))));
    }

    @Test
    void aJpegDeclaringHugeDimensionsIsRefusedFromItsHeader() {
        byte[] huge = TestImages.jpegDeclaring(TestImages.jpeg(64, 64), 60_000, 60_000);
        assertEquals(413, Problems.status(assertThrows(RenderException.class, () -> renderer.render(huge, thumb))));
    }

    @Test
    void wrongMagicAndGarbageAfterAHeader() {
        byte[] jpeg = TestImages.jpeg(64, 64);
        byte[] garbage = jpeg.clone();
        for (int i = 200; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31);
        }
        int status = Problems.status(assertThrows(RenderException.class, () -> renderer.render(garbage, thumb)));
        assertTrue(status == 422, "corrupt data is 422, got " + status);
        byte[] noMagic = java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length);
        assertEquals(415, Problems.status(assertThrows(RenderException.class, () -> renderer.render(noMagic, thumb))));
    }

    @Test
    void aColourProfileIsConvertedToSrgbNotDropped() throws Exception {
        // mid-grey in linear RGB is about 187 in sRGB; dropping the profile would leave 128
        BufferedImage grey = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        byte[] linearProfile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = TestImages.withIccProfile(TestImages.encode(grey, "jpeg"), linearProfile);
        assertTrue(new String(jpeg, StandardCharsets.ISO_8859_1).contains("ICC_PROFILE"), "the profile is embedded");
        BufferedImage out = TestImages.decode(renderer.render(jpeg, new ResizeOptions(16, 0, Fit.SCALE_DOWN, 95, null, 1.0)).data());
        int red = new Color(out.getRGB(8, 8)).getRed();
        assertTrue(Math.abs(red - 187) < 12, "converted to sRGB: " + red);
        assertFalse(new String(TestImages.encode(out, "png"), StandardCharsets.ISO_8859_1).contains("ICC_PROFILE"));
    }

    @Test
    void aRenderPastItsDeadlineIsAbandoned() {
        byte[] large = TestImages.jpeg(3000, 2000);
        RenderException late = assertThrows(RenderException.class, () -> renderer.render(large,
                new ResizeOptions(2000, 0, Fit.SCALE_DOWN, 0, null, 1.0), Deadline.at(System.nanoTime())));
        assertEquals(503, Problems.status(late));
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        byte[] gif = TestImages.animatedGif(40, 20, Color.GREEN, Color.MAGENTA);
        BufferedImage image = TestImages.decode(renderer.render(gif, new ResizeOptions(40, 0, Fit.SCALE_DOWN, 0, null, 1.0)).data());
        Color pixel = new Color(image.getRGB(20, 10));
        assertTrue(pixel.getGreen() > 200 && pixel.getRed() < 60, "first frame is green: " + pixel);
    }
}
