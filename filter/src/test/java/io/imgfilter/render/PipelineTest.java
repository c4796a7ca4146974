package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.Fit;
import io.imgfilter.request.Gravity;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pipeline's own guarantees: the crop planned in stored pixels, output bounds, time that stops. */
class PipelineTest {

    private final ImageRenderer renderer = new ImageRenderer(
            new RenderLimits(50_000_000, 2000, 2000, RenderLimits.DEFAULT_MAX_SCANS), 95, new MemoryBudget(256L << 20));

    /**
     * The crop and resize run on the pixels as stored and only the output is turned: the result
     * must be what turning the original first and cropping it then gives.
     */
    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void anOffCentreCropOfATurnedImageIsTheCropOfTheTurnedImage(int orientation) throws Exception {
        BufferedImage stored = TestImages.picture(320, 200, BufferedImage.TYPE_INT_RGB);
        byte[] withExif = TestImages.withExifOrientation(TestImages.encode(stored, "jpeg"), orientation);
        BufferedImage turned = Orientations.apply(Orientation.typeOf(orientation), stored);
        byte[] alreadyTurned = TestImages.encode(turned, "jpeg");
        ResizeOptions options = new ResizeOptions(90, 40, Fit.COVER, 95, null, 1.0, Gravity.TOP_LEFT, null, false);
        BufferedImage expected = TestImages.decode(renderer.render(alreadyTurned, options).data());
        BufferedImage actual = TestImages.decode(renderer.render(withExif, options).data());
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        double psnr = TestImages.psnr(expected, actual, 0, 0);
        assertTrue(psnr > 30, "orientation " + orientation + ": PSNR " + psnr);
    }

    @Test
    void noFitMakesAnOutputOverTheLimits() throws Exception {
        byte[] tall = TestImages.encode(TestImages.picture(1, 3000, BufferedImage.TYPE_INT_RGB), "png");
        OutputTooLargeException contain = assertThrows(OutputTooLargeException.class,
                () -> renderer.render(tall, new ResizeOptions(1000, 0, Fit.CONTAIN, 0, null, 1.0)));
        assertEquals("height 3000000 over the limit of 2000", contain.getMessage());
        for (Fit fit : new Fit[] {Fit.COVER, Fit.PAD, Fit.CONTAIN}) {
            assertThrows(OutputTooLargeException.class,
                    () -> renderer.render(tall, new ResizeOptions(50, 0, fit, 0, null, 1.0)), fit.optionName());
        }
        byte[] wide = TestImages.encode(TestImages.picture(3000, 1, BufferedImage.TYPE_INT_RGB), "png");
        assertThrows(OutputTooLargeException.class, () -> renderer.render(wide, new ResizeOptions(0, 1000, Fit.CONTAIN, 0, null, 1.0)));
        // within the limits, the same original renders
        assertEquals(2000, renderer.render(tall, new ResizeOptions(0, 2000, Fit.SCALE_DOWN, 0, null, 1.0)).height());
    }

    @Test
    void aCoverCropOfATallImageDecodesOnlyItsRegion() throws Exception {
        MemoryBudget small = new MemoryBudget(4L << 20);
        ImageRenderer tight = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, small);
        // 40 × 400 000 = 16 MP: 64 MB as an RGB raster, far over a 4 MB budget; its 40 × 40 middle is not
        byte[] tall = TestImages.encode(TestImages.picture(40, 400_000, BufferedImage.TYPE_BYTE_GRAY), "png");
        RenderedImage image = tight.render(tall, new ResizeOptions(150, 150, Fit.COVER, 0, null, 1.0));
        assertEquals(150, image.width());
        assertEquals(150, image.height());
        assertEquals(0, small.usedBytes(), "the reservation is given back");
    }

    @Test
    void aDecoderThatNeverLooksAtTheClockIsStoppedAtItsNextRead() throws Exception {
        byte[] progressive = progressiveJpeg(TestImages.picture(3000, 2000, BufferedImage.TYPE_INT_RGB));
        ResizeOptions options = new ResizeOptions(1500, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        // how often a whole render looks at the clock: the same input reads the same way each time
        AtomicInteger looks = new AtomicInteger();
        renderer.render(progressive, options, Deadline.at(0, () -> {
            looks.incrementAndGet();
            return -1;
        }));
        int total = looks.get();
        assertTrue(total > 50, "the stream looks at the clock as the decoder reads: " + total);
        // now the deadline passes half-way, in the middle of the native decode, which ignores abort()
        AtomicInteger again = new AtomicInteger();
        Deadline deadline = Deadline.at(0, () -> again.incrementAndGet() > total / 2 ? 1 : -1);
        assertThrows(RenderTimeoutException.class, () -> renderer.render(progressive, options, deadline));
        assertTrue(again.get() < total, "stopped before the end: " + again.get() + " of " + total);
    }

    @Test
    void aJpegWithManyScansIsReadOneScanAtATime() throws Exception {
        // 300 AC scans of some 27 bytes each: read 4 KB at a time, 150 of them would be decoded
        // between two looks at the clock; read to the next scan at most, each is preceded by one
        int scans = 300;
        byte[] bomb = io.imgfilter.testing.HostileFiles.scanBombJpeg(512, scans);
        ImageRenderer lax = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 1000), 85, new MemoryBudget(1L << 30));
        AtomicInteger looks = new AtomicInteger();
        lax.render(bomb, new ResizeOptions(500, 0, Fit.SCALE_DOWN, 0, null, 1.0), Deadline.at(0, () -> {
            looks.incrementAndGet();
            return -1;
        }));
        assertTrue(looks.get() > scans, "the clock was looked at before every scan: " + looks.get() + " looks for " + scans + " scans");
    }

    @Test
    void aJpegWithManyScansDecodesLikeAnyOtherColourProfileIncluded() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        byte[] progressive = progressiveJpeg(grey);
        // the last scan (a refinement of the luma's AC coefficients) 20 times more
        int last = -1;
        for (int i = 0; i + 1 < progressive.length; i++) {
            if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xDA) {
                last = i;
            }
        }
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.write(progressive, 0, progressive.length - 2);
        for (int k = 0; k < 20; k++) {
            many.write(progressive, last, progressive.length - 2 - last);
        }
        many.write(0xFF);
        many.write(0xD9);
        byte[] linearProfile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = TestImages.withIccProfile(many.toByteArray(), linearProfile);
        assertTrue(JpegStructure.of(jpeg).scans() > ProbeStep.TYPICAL_SCANS);
        BufferedImage out = TestImages.decode(renderer.render(jpeg, new ResizeOptions(16, 0, Fit.SCALE_DOWN, 95, null, 1.0)).data());
        int red = new java.awt.Color(out.getRGB(8, 8)).getRed();
        assertTrue(Math.abs(red - 187) < 12, "mid-grey in linear RGB converted to sRGB: " + red);
    }

    @Test
    void aWebpTooLargeForTheBudgetAtTwiceTheOutputIsDecodedAtTheOutputsSize() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(WebpNativeDecoder.available(), "libwebp loads here");
        byte[] photo = io.imgfilter.testing.HostileFiles.lossyWebp(4000, 3000, 80);
        ResizeOptions wide = new ResizeOptions(1000, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        ImageRenderer roomy = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, new MemoryBudget(1L << 30));
        ImageRenderer tight = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, new MemoryBudget(24L << 20));
        BufferedImage reference = TestImages.decode(roomy.render(photo, wide).data());
        BufferedImage smaller = TestImages.decode(tight.render(photo, wide).data());
        assertEquals(1000, smaller.getWidth());
        assertEquals(750, smaller.getHeight());
        double psnr = TestImages.psnr(reference, smaller, 0, 0);
        assertTrue(psnr > 30, "close to the render with room: " + psnr + " dB");

        // room for the original's bytes and a few MB: a small variant, not a large one
        ImageRenderer tiny = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85,
                new MemoryBudget(photo.length + (3L << 20)));
        ImageTooLargeException refused = assertThrows(ImageTooLargeException.class, () -> tiny.render(photo, wide));
        assertTrue(!refused.aboutTheOriginal(), "a smaller variant of the same original may fit");
        assertEquals(200, TestImages.decode(tiny.render(photo, new ResizeOptions(100, 0, Fit.SCALE_DOWN, 0, null, 1.0)).data())
                .getWidth() * 2, "and it does");
    }

    @Test
    void aRenderOverItsBudgetWaitsThenIsBusy() throws Exception {
        MemoryBudget budget = new MemoryBudget(8L << 20);
        ImageRenderer tight = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, budget);
        byte[] jpeg = TestImages.jpeg(600, 400);
        try (MemoryBudget.Reservation held = budget.reserve(8L << 20, Deadline.none())) {
            assertThrows(RenderBusyException.class,
                    () -> tight.render(jpeg, new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0),
                            Deadline.at(System.nanoTime() + 200_000_000L)));
        }
        assertEquals(300, tight.render(jpeg, new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0)).width());
    }

    /**
     * A downloaded original's bytes are already in the budget: the render reserves only the rest
     * of its estimate, takes the download's reservation over and gives both back when done.
     */
    @Test
    void aDownloadsReservationIsCountedOnceAndGivenBackByTheRender() throws Exception {
        byte[] jpeg = TestImages.jpeg(1200, 800);
        ResizeOptions small = new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        long estimate = renderer.estimateMemory(jpeg, small);
        MemoryBudget budget = new MemoryBudget(estimate); // no room to count the bytes twice
        ImageRenderer exact = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, budget);
        MemoryBudget.Reservation downloaded = budget.reserveNothing();
        assertTrue(downloaded.tryGrow(jpeg.length));
        assertEquals(300, exact.render(jpeg, downloaded, small, Deadline.at(System.nanoTime() + 2_000_000_000L)).width());
        assertEquals(0, budget.usedBytes(), "the render closed the download's reservation with its own");

        MemoryBudget.Reservation again = budget.reserveNothing();
        assertTrue(again.tryGrow(jpeg.length));
        assertThrows(CorruptImageException.class, () -> exact.render(java.util.Arrays.copyOf(jpeg, 200), again, small,
                Deadline.none()));
        assertEquals(0, budget.usedBytes(), "and on failure too");
    }

    @Test
    void aRenderOverTheWholeBudgetIsDecodedCoarserWhileThatKeepsTheOutputsResolution() throws Exception {
        byte[] photo = TestImages.encode(TestImages.picture(4000, 3000, BufferedImage.TYPE_INT_RGB), "jpeg");
        ResizeOptions toThousand = new ResizeOptions(1000, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        long comfortable = renderer.estimateMemory(photo, toThousand);
        MemoryBudget tight = new MemoryBudget(comfortable * 2 / 3);
        ImageRenderer small = new ImageRenderer(new RenderLimits(50_000_000, 4000, 4000, 100), 85, tight);
        assertEquals(1000, small.render(photo, toThousand).width(), "every 3rd pixel still gives 1333 for 1000");
        // full size cannot be decoded coarser: refused as too large for this budget
        ImageTooLargeException refused = assertThrows(ImageTooLargeException.class,
                () -> small.render(photo, new ResizeOptions(4000, 0, Fit.SCALE_DOWN, 0, null, 1.0)));
        assertTrue(refused.getMessage().contains("memory limit"), refused.getMessage());
    }

    /**
     * A photo-sized JPEG rendered to 600 px is decoded at half its size in the DCT domain
     * (4000 / 2 = 2000 keeps twice 600, 4000 / 4 = 1000 would not), to 400 px at a quarter, and
     * either looks like the render of ImageIO's full decode.
     */
    @ParameterizedTest(name = "progressive {0}")
    @ValueSource(booleans = {false, true})
    void aLargeJpegToAFewHundredPixelsIsReducedInTheDctDomain(boolean progressive) throws Exception {
        BufferedImage photo = JpegDcDecoderTest.detailed(4000, 3000, BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = progressive ? progressiveJpeg(photo) : TestImages.encode(photo, "jpeg");
        ImageRenderer large = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, RenderLimits.DEFAULT_MAX_SCANS), 95,
                new MemoryBudget(1L << 30));
        // the reference: ImageIO's full decode, resized with the same filter
        BufferedImage full = TestImages.decode(jpeg);
        for (int width : new int[] {600, 400}) {
            int scale = width == 600 ? 2 : 4;
            ResizeOptions options = new ResizeOptions(width, 0, Fit.SCALE_DOWN, 95, io.imgfilter.request.OutputFormat.PNG, 1.0);
            DecodePlan plan = large.decodePlan(jpeg, options);
            assertEquals(DecodePlan.Method.SCALED_IDCT, plan.method());
            assertEquals(scale, plan.subsampling());
            assertEquals(4000 / scale, plan.width());
            assertEquals(3000 / scale, plan.height());
            BufferedImage rendered = TestImages.decode(large.render(jpeg, options).data());
            assertEquals(width, rendered.getWidth());
            assertEquals(width * 3 / 4, rendered.getHeight());
            BufferedImage reference = Resampler.resize(full, 0, 0, 4000, 3000, width, width * 3 / 4, Deadline.none());
            double psnr = TestImages.psnr(reference, rendered, 0, 0);
            System.out.printf("%d px render of a 4000x3000 %s JPEG, 1/%d DCT against ImageIO: PSNR %.2f dB%n",
                    width, progressive ? "progressive" : "baseline", scale, psnr);
            assertTrue(psnr > 45, "PSNR " + psnr); // measured: 56 dB at 1/2, 52 dB at 1/4
        }
        // a crop keeps its region, in whole output pixels
        DecodePlan crop = large.decodePlan(jpeg, new ResizeOptions(400, 400, Fit.COVER, 0, null, 1.0));
        assertEquals(DecodePlan.Method.SCALED_IDCT, crop.method());
        assertEquals(new java.awt.Rectangle(500, 0, 3000, 3000), crop.region());
        assertEquals(2, crop.subsampling());
    }

    /**
     * A progressive JPEG decoded in the DCT domain keeps its coefficients in the heap; when even
     * the smallest such scale that keeps the output's resolution does not fit the budget, ImageIO
     * (whose coefficient buffers are native) subsamples instead of the render being refused.
     */
    @Test
    void aProgressiveJpegTooLargeForEveryDctScaleFallsBackToSubsampling() throws Exception {
        byte[] photo = progressiveJpeg(TestImages.picture(4000, 3000, BufferedImage.TYPE_INT_RGB));
        ResizeOptions width700 = new ResizeOptions(700, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        long comfortable = renderer.estimateMemory(photo, width700);
        ImageRenderer tight = new ImageRenderer(new RenderLimits(50_000_000, 4000, 4000, 100), 85,
                new MemoryBudget(comfortable / 4));
        assertEquals(700, tight.render(photo, width700).width());
    }

    static byte[] progressiveJpeg(BufferedImage image) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
