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
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRendererTest {

    private final ImageRenderer renderer = new ImageRenderer(50_000_000, 85);

    private static ResizeOptions width(int width) {
        return new ResizeOptions(width, 0, Fit.SCALE_DOWN, 0, null, 1.0);
    }

    /**
     * A 200x100 picture with a red top-left corner, stored with each EXIF orientation: the
     * output must show it as the camera meant, so the red block moves to a known corner.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, 200, 100, top-left",
        "2, 200, 100, top-right",
        "3, 200, 100, bottom-right",
        "4, 200, 100, bottom-left",
        "5, 100, 200, top-left",
        "6, 100, 200, top-right",
        "7, 100, 200, bottom-right",
        "8, 100, 200, bottom-left",
    })
    void appliesEveryExifOrientation(int orientation, int width, int height, String redCorner) throws Exception {
        byte[] original = TestImages.withExifOrientation(TestImages.jpeg(200, 100), orientation);
        RenderedImage rendered = renderer.render(original, width(1000));
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        int left = 5;
        int right = image.getWidth() - 6;
        int top = 5;
        int bottom = image.getHeight() - 6;
        int x = redCorner.endsWith("left") ? left : right;
        int y = redCorner.startsWith("top") ? top : bottom;
        assertTrue(TestImages.isRed(image, x, y), "red expected at " + redCorner);
        assertFalse(TestImages.isRed(image, x == left ? right : left, y), "only one red corner");
    }

    @Test
    void shrinkOnLoadKeepsTwiceTheOutputResolution() {
        assertEquals(6, shrinkOnLoad(Geometry.plan(4000, 3000, 300, 0, Fit.SCALE_DOWN)));
        assertEquals(1, shrinkOnLoad(Geometry.plan(4000, 3000, 2000, 0, Fit.SCALE_DOWN)));
        assertEquals(1, shrinkOnLoad(Geometry.plan(400, 300, 300, 0, Fit.SCALE_DOWN)));
        // cover crops first: the factor follows the cropped region, not the whole width
        assertEquals(10, shrinkOnLoad(Geometry.plan(4000, 3000, 150, 150, Fit.COVER)));
    }

    @Test
    void imageioSubsamplesNoMoreThanTheBudgetNeeds() {
        // 12 MP: every 2nd pixel is under the budget, although every 6th would do for 300 px
        assertEquals(2, subsampling(Geometry.plan(4000, 3000, 300, 0, Fit.SCALE_DOWN), 12_000_000));
        // 4 MP fits the budget as it is
        assertEquals(1, subsampling(Geometry.plan(2000, 2000, 300, 0, Fit.SCALE_DOWN), 4_000_000));
        // never more than shrink-on-load allows: 18 MP to 1000 px keeps every 2nd pixel
        assertEquals(2, subsampling(Geometry.plan(5640, 3172, 1000, 0, Fit.SCALE_DOWN), 5640L * 3172));
        // a 100 MP panorama to 300 px: 5 is what the budget needs, 32 what the headroom allows
        assertEquals(5, subsampling(Geometry.plan(20000, 5000, 300, 0, Fit.SCALE_DOWN), 100_000_000));
    }

    @ParameterizedTest(name = "{0}x{1} {2}")
    @CsvSource({"300, 0, SCALE_DOWN", "150, 150, COVER", "200, 200, PAD", "0, 100, CONTAIN", "333, 77, CROP"})
    void shrinkOnLoadGivesTheSameSizeAndPictureAsAFullDecode(int width, int height, Fit fit) throws Exception {
        byte[] large = TestImages.jpeg(3000, 2000);
        ResizeOptions options = new ResizeOptions(width, height, fit, 95, OutputFormat.PNG, 1.0);
        BufferedImage shrunk = TestImages.decode(renderer.render(large, options).data());
        ResizePlan plan = Geometry.plan(3000, 2000, width, height, fit);
        assertEquals(plan.canvasWidth(), shrunk.getWidth());
        assertEquals(plan.canvasHeight(), shrunk.getHeight());
        // the reference: the same resize from the full-size raster
        BufferedImage full = net.coobird.thumbnailator.Thumbnails.of(TestImages.decode(large))
                .sourceRegion(plan.regionX(), plan.regionY(), plan.regionWidth(), plan.regionHeight())
                .forceSize(plan.scaledWidth(), plan.scaledHeight()).asBufferedImage();
        int offsetX = (plan.canvasWidth() - plan.scaledWidth()) / 2;
        int offsetY = (plan.canvasHeight() - plan.scaledHeight()) / 2;
        double psnr = TestImages.psnr(full, shrunk, offsetX, offsetY);
        assertTrue(psnr > 30, "PSNR against a full decode: " + psnr + " dB");
    }

    @Test
    void outputCarriesNoExif() throws Exception {
        byte[] original = TestImages.withExifOrientation(TestImages.jpeg(200, 100), 6);
        byte[] output = renderer.render(original, width(50)).data();
        assertFalse(new String(output, StandardCharsets.ISO_8859_1).contains("Exif"));
    }

    @Test
    void refusesTooManyPixelsBeforeDecoding() {
        ImageRenderer strict = new ImageRenderer(10_000, 85);
        RenderException problem = assertThrows(RenderException.class, () -> strict.render(TestImages.jpeg(200, 100), width(50)));
        assertEquals(413, Problems.status(problem));
    }

    @Test
    void pngAlphaFlattenedOntoWhiteForJpeg() throws Exception {
        ResizeOptions toJpeg = new ResizeOptions(100, 0, Fit.SCALE_DOWN, 0, OutputFormat.JPEG, 1.0);
        RenderedImage rendered = renderer.render(TestImages.transparentPng(200, 200), toJpeg);
        assertEquals(OutputFormat.JPEG, rendered.format());
        BufferedImage image = TestImages.decode(rendered.data());
        int corner = image.getRGB(1, 1) & 0xFFFFFF;
        assertTrue(corner > 0xF0F0F0, "transparent corner became white, not black: " + Integer.toHexString(corner));
    }

    @Test
    void gifBecomesPng() throws Exception {
        byte[] gif = TestImages.encode(TestImages.picture(120, 80, BufferedImage.TYPE_INT_RGB), "gif");
        RenderedImage rendered = renderer.render(gif, width(60));
        assertEquals(OutputFormat.PNG, rendered.format());
        assertEquals(60, TestImages.decode(rendered.data()).getWidth());
    }

    @Test
    void padFillsTheBox() throws Exception {
        ResizeOptions pad = new ResizeOptions(100, 100, Fit.PAD, 0, OutputFormat.PNG, 1.0);
        BufferedImage image = TestImages.decode(renderer.render(TestImages.jpeg(200, 100), pad).data());
        assertEquals(100, image.getWidth());
        assertEquals(100, image.getHeight());
        assertEquals(0, image.getRGB(50, 2) >>> 24, "padding above the picture is transparent in PNG");
    }

    @Test
    void qualityChangesTheSize() throws Exception {
        byte[] original = TestImages.jpeg(800, 600);
        int low = renderer.render(original, new ResizeOptions(400, 0, Fit.SCALE_DOWN, 30, null, 1.0)).data().length;
        int high = renderer.render(original, new ResizeOptions(400, 0, Fit.SCALE_DOWN, 95, null, 1.0)).data().length;
        assertTrue(low < high, low + " < " + high);
    }

    @Test
    void dprMultipliesTheSize() throws Exception {
        ResizeOptions retina = new ResizeOptions(100, 0, Fit.SCALE_DOWN, 0, null, 2.0);
        assertEquals(200, TestImages.decode(renderer.render(TestImages.jpeg(800, 600), retina).data()).getWidth());
    }

    @Test
    void garbageIsUnsupportedAndBrokenHeadersAreCorrupt() {
        RenderException text = assertThrows(RenderException.class, () -> renderer.render("hello".getBytes(StandardCharsets.US_ASCII), width(10)));
        assertEquals(415, Problems.status(text));
        byte[] jpeg = TestImages.jpeg(100, 100);
        byte[] headerOnly = java.util.Arrays.copyOf(jpeg, 40);
        RenderException cut = assertThrows(RenderException.class, () -> renderer.render(headerOnly, width(10)));
        assertEquals(422, Problems.status(cut));
    }

    private static int shrinkOnLoad(ResizePlan plan) {
        return DecodePlanStep.shrinkOnLoad(plan.scaledWidth(), plan.scaledHeight(), plan.regionWidth(), plan.regionHeight());
    }

    private static int subsampling(ResizePlan plan, long pixels) {
        return DecodePlanStep.subsampling(shrinkOnLoad(plan), pixels);
    }
}
