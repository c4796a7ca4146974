package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import io.imgfilter.request.Fit;
import io.imgfilter.request.OutputFormat;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * libwebp decoding the region at scale: the pixels, the heap it takes (the stored image never
 * lands in it), and damaged files refused as corrupt rather than decoded to a blank image.
 */
class WebpNativeDecoderTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** 4000×3000, gradients and noise, lossy at quality 90, with the picture it was made from. */
    private static BufferedImage photo;
    private static byte[] lossyPhoto;

    /** Where libwebp loads at all, {@code WebpFallbackTest} requires it to decode. */
    @BeforeEach
    void nativeDecoding() {
        Assumptions.assumeTrue(WebpNativeDecoder.available(), "libwebp does not load on this platform");
    }

    @Test
    void aWholeLossyPhotoIsScaledWhileDecoding() throws Exception {
        BufferedImage image = WebpNativeDecoder.decode(lossyPhoto(), new Rectangle(0, 0, 4000, 3000), 800, 600);
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        for (int[] p : new int[][] {{0, 0}, {400, 300}, {799, 599}, {123, 456}, {700, 50}, {20, 580}}) {
            int expected = boxAverage(photo(), p[0] * 5, p[1] * 5, 5, 5);
            assertClose(expected, image.getRGB(p[0], p[1]), 10, "at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void aRegionOfALossyPhotoIsCroppedWhileDecoding() throws Exception {
        Rectangle region = new Rectangle(1000, 500, 400, 300);
        BufferedImage image = WebpNativeDecoder.decode(lossyPhoto(), region, 400, 300);
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        BufferedImage expected = photo().getSubimage(region.x, region.y, region.width, region.height);
        double psnr = TestImages.psnr(expected, image, 0, 0);
        assertTrue(psnr > 35, "PSNR " + psnr);
        // one pixel off would show on the noise: the crop starts where it was asked to
        assertTrue(psnr > TestImages.psnr(expected.getSubimage(1, 1, 398, 298), image, 0, 0) + 3, "aligned");
    }

    @Test
    void aRegionOfALosslessImageIsItsPixels() throws Exception {
        BufferedImage original = photoLike(1200, 900, 7);
        byte[] webp = encode(original, true);
        Rectangle region = new Rectangle(300, 204, 400, 300);
        BufferedImage image = WebpNativeDecoder.decode(webp, region, 400, 300);
        assertEquals(Double.POSITIVE_INFINITY, TestImages.psnr(
                original.getSubimage(region.x, region.y, region.width, region.height), image, 0, 0));
        // scaled: the mean of each 4×4 block
        BufferedImage scaled = WebpNativeDecoder.decode(webp, new Rectangle(400, 300, 400, 300), 100, 75);
        for (int[] p : new int[][] {{0, 0}, {50, 37}, {99, 74}}) {
            assertClose(boxAverage(original, 400 + p[0] * 4, 300 + p[1] * 4, 4, 4), scaled.getRGB(p[0], p[1]), 2,
                    "at " + p[0] + "," + p[1]);
        }
    }

    @Test
    void aRegionMustStartAtEvenPixels() {
        // libwebp would silently start a lossy crop a pixel earlier: the plan rounds it down instead
        assertThrows(IllegalArgumentException.class,
                () -> WebpNativeDecoder.decode(lossyPhoto(), new Rectangle(1001, 500, 400, 300), 400, 300));
    }

    @Test
    void aHugeLosslessImageNeverLandsInTheHeap() throws Exception {
        BufferedImage blocks = new BufferedImage(7000, 7000, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) blocks.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < 7000; y++) {
            for (int x = 0; x < 7000; x++) {
                pixels[y * 7000 + x] = (x / 500 * 18) << 16 | (y / 500 * 18) << 8 | 0x40;
            }
        }
        byte[] webp = encode(blocks, true);
        blocks = null;
        pixels = null;
        Rectangle whole = new Rectangle(0, 0, 7000, 7000);
        WebpNativeDecoder.decode(webp, whole, 700, 700);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        BufferedImage image = WebpNativeDecoder.decode(webp, whole, 700, 700);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertEquals(700, image.getWidth());
        assertTrue(allocated <= WebpNativeDecoder.heapBytes(700, 700), "allocated " + allocated);
        assertTrue(allocated < 7000L * 7000 * 4 / 50, "allocated " + allocated + ", far below the stored image");
        assertClose((5 * 18) << 16 | (3 * 18) << 8 | 0x40, image.getRGB(5 * 50 + 25, 3 * 50 + 25), 0, "block 5,3");
    }

    @Test
    void heapBytesBoundsWhatADecodeAllocates() throws Exception {
        byte[] webp = lossyPhoto();
        Rectangle whole = new Rectangle(0, 0, 4000, 3000);
        int[][] sizes = {{100, 75}, {400, 300}, {800, 600}, {2000, 1500}, {4000, 3000}};
        WebpNativeDecoder.decode(webp, whole, 50, 50); // warm up
        for (int[] size : sizes) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            WebpNativeDecoder.decode(webp, whole, size[0], size[1]);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            long estimate = WebpNativeDecoder.heapBytes(size[0], size[1]);
            System.out.printf("libwebp to %4dx%-4d  estimate %,12d  allocated %,12d  ratio %.2f%n",
                    size[0], size[1], estimate, allocated, (double) estimate / allocated);
            assertTrue(allocated <= estimate, size[0] + "x" + size[1] + ": allocated " + allocated + " over " + estimate);
            assertTrue(estimate <= 3 * allocated, size[0] + "x" + size[1] + ": estimate " + estimate + " far over " + allocated);
        }
    }

    /**
     * As {@code MemoryEstimateTest} does for the other decoders: the whole render's admission
     * estimate against what the render allocates. The photos are answered in JPEG, as
     * {@code MemoryEstimateTest}'s are: what is measured here is the share of the decode.
     */
    @Test
    void theRenderEstimateBoundsWhatAWebpRenderAllocates() throws Exception {
        ImageRenderer renderer = new ImageRenderer(new RenderLimits(50_000_000, 4000, 4000, 100), 85, new MemoryBudget(2L << 30));
        BufferedImage alpha = new BufferedImage(2000, 1500, BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = alpha.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillOval(500, 375, 1000, 750);
        g.dispose();
        OutputFormat jpeg = OutputFormat.JPEG;
        Object[][] renders = {
            {"photo to 300", lossyPhoto(), new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, jpeg, 1.0)},
            {"photo to 1000", lossyPhoto(), new ResizeOptions(1000, 0, Fit.SCALE_DOWN, 0, jpeg, 1.0)},
            {"photo to 2500", lossyPhoto(), new ResizeOptions(2500, 0, Fit.SCALE_DOWN, 0, jpeg, 1.0)},
            {"photo cover 600x600", lossyPhoto(), new ResizeOptions(600, 600, Fit.COVER, 0, jpeg, 1.0)},
            {"photo pad 800x800", lossyPhoto(), new ResizeOptions(800, 800, Fit.PAD, 0, jpeg, 1.0)},
            {"alpha to 500", encode(alpha, false), new ResizeOptions(500, 0, Fit.SCALE_DOWN, 0, null, 1.0)},
            {"lossless alpha to 500 jpeg", encode(alpha, true), new ResizeOptions(500, 0, Fit.SCALE_DOWN, 0, jpeg, 1.0)},
        };
        StringBuilder failures = new StringBuilder();
        for (Object[] render : renders) {
            String name = (String) render[0];
            byte[] original = (byte[]) render[1];
            ResizeOptions options = (ResizeOptions) render[2];
            long estimate = renderer.estimateMemory(original, options);
            renderer.render(original, options);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            renderer.render(original, options);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            long renderOnly = estimate - original.length;
            System.out.printf("webp %-26s estimate %,12d  allocated %,12d  ratio %.2f%n", name, renderOnly, allocated,
                    (double) renderOnly / allocated);
            failures.append(allocated <= renderOnly ? "" : name + ": allocated " + allocated + " over the estimate " + renderOnly + "; ");
            failures.append(renderOnly <= 4 * allocated + (1 << 20) ? "" : name + ": estimate " + renderOnly + " far over " + allocated + "; ");
        }
        assertEquals("", failures.toString());
    }

    @Test
    void alphaIsKept() throws Exception {
        BufferedImage original = new BufferedImage(600, 400, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                original.setRGB(x, y, (255 * x / 599) << 24 | 0x2050F0);
            }
        }
        for (boolean lossless : new boolean[] {false, true}) {
            BufferedImage image = WebpNativeDecoder.decode(encode(original, lossless), new Rectangle(0, 0, 600, 400), 300, 200);
            assertEquals(BufferedImage.TYPE_INT_ARGB, image.getType(), lossless ? "lossless" : "lossy");
            for (int x : new int[] {0, 100, 150, 299}) {
                int alpha = image.getRGB(x, 100) >>> 24;
                assertTrue(Math.abs(alpha - 255 * (2 * x + 0.5) / 599) < 4, "alpha at " + x + ": " + alpha);
            }
            assertClose(0x2050F0, image.getRGB(200, 100), lossless ? 1 : 12, "colour under alpha");
        }
    }

    @Test
    void aHeaderWithoutAnImageIsCorrupt() {
        // 30 bytes: RIFF, WEBP, and a VP8X chunk declaring 7000×7000, with no image chunk after it
        ByteBuffer file = riff(30).put(ascii("VP8X")).putInt(10).putInt(0);
        put24(file, 6999);
        put24(file, 6999);
        byte[] webp = file.array();
        assertEquals(30, webp.length);
        assertCorruptQuickly(webp, 7000, 7000);
    }

    @Test
    void aLosslessHeaderOverGarbageIsCorrupt() {
        // 89 bytes: a VP8L chunk whose 5-byte header declares 7000×7000, then 64 bytes of garbage
        for (int seed = 0; seed < 10; seed++) {
            ByteBuffer file = riff(89).put(ascii("VP8L")).putInt(69).put((byte) 0x2F)
                    .putInt(6999 | 6999 << 14); // 14 bits each of width and height - 1, no alpha, version 0
            Random random = new Random(seed);
            while (file.hasRemaining()) {
                file.put((byte) random.nextInt());
            }
            assertEquals(89, file.array().length);
            assertCorruptQuickly(file.array(), 7000, 7000);
        }
    }

    @Test
    void aCutOffFileIsCorrupt() throws Exception {
        byte[] half = Arrays.copyOf(lossyPhoto(), lossyPhoto().length / 2);
        assertThrows(CorruptImageException.class, () -> WebpNativeDecoder.decode(half, new Rectangle(0, 0, 4000, 3000), 800, 600));
        // nor even a crop of rows that are all there: the file is cut off
        assertThrows(CorruptImageException.class, () -> WebpNativeDecoder.decode(half, new Rectangle(0, 0, 400, 300), 400, 300));
        byte[] lossless = encode(photoLike(400, 300, 3), true);
        byte[] cut = Arrays.copyOf(lossless, lossless.length * 3 / 4);
        assertThrows(CorruptImageException.class, () -> WebpNativeDecoder.decode(cut, new Rectangle(0, 0, 400, 300), 200, 150));
        // and so through the renderer, where the header still reads
        ImageRenderer renderer = new ImageRenderer(50_000_000, 85);
        assertThrows(CorruptImageException.class, () -> renderer.render(half, new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0)));
    }

    @Test
    void theRendererScalesAWebpPhotoWhileDecoding() throws Exception {
        ImageRenderer renderer = new ImageRenderer(50_000_000L, 85);
        RenderedImage rendered = renderer.render(lossyPhoto(), new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, OutputFormat.PNG, 1.0));
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(300, image.getWidth());
        assertEquals(225, image.getHeight());
        assertClose(boxAverage(photo(), 2000 - 20, 1500 - 20, 40, 40), boxAverage(image, 150 - 1, 112 - 1, 3, 3), 8, "middle");
    }

    @Test
    void theRendererDecodesOnlyTheRegionOfACoverCrop() throws Exception {
        BufferedImage wide = photoLike(8000, 200, 11, 0); // without noise: a small file, the budget is for the decode
        byte[] webp = encode(wide, true);
        // the pure-Java reader would need 8000 × 200 × 48 bytes, the whole raster 6.4 MB: neither fits
        MemoryBudget small = new MemoryBudget(3L << 20);
        ImageRenderer tight = new ImageRenderer(new RenderLimits(50_000_000, 2000, 2000, 100), 85, small);
        ResizeOptions cover = new ResizeOptions(200, 200, Fit.COVER, 0, OutputFormat.PNG, 1.0);
        tight.render(webp, cover);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        RenderedImage rendered = tight.render(webp, cover);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 8000L * 200 * 4 / 2, "allocated " + allocated);
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(200, image.getWidth());
        assertEquals(200, image.getHeight());
        double psnr = TestImages.psnr(wide.getSubimage(3900, 0, 200, 200), image, 0, 0);
        assertTrue(psnr > 45, "PSNR " + psnr);
        assertEquals(0, small.usedBytes(), "the reservation is given back");
    }

    @Test
    void aCoverCropFromAnOddPixelIsNotShifted() throws Exception {
        // 2003 wide: the middle 200 start at 901.5, decoded from pixel 900 on
        BufferedImage original = photoLike(2003, 200, 5);
        byte[] webp = encode(original, false);
        BufferedImage whole = WebpNativeDecoder.decode(webp, new Rectangle(0, 0, 2003, 200), 2003, 200);
        ImageRenderer renderer = new ImageRenderer(50_000_000L, 85);
        ResizeOptions cover = new ResizeOptions(200, 200, Fit.COVER, 0, OutputFormat.PNG, 1.0);
        BufferedImage expected = TestImages.decode(renderer.render(TestImages.encode(whole, "png"), cover).data());
        BufferedImage actual = TestImages.decode(renderer.render(webp, cover).data());
        double psnr = TestImages.psnr(expected, actual, 0, 0);
        assertTrue(psnr > 40, "PSNR " + psnr);
    }

    @Test
    void anAnimationIsLeftToTheJavaReader() throws Exception {
        // libwebp's still-image decoder refuses animations; TwelveMonkeys' reader decodes the first frame
        BufferedImage red = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = red.createGraphics();
        g.setColor(java.awt.Color.RED);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        byte[] frame = encode(red, false);
        byte[] animation = animated(frame, 64, 48);
        assertTrue(WebpNativeDecoder.decodes(frame));
        assertEquals(false, WebpNativeDecoder.decodes(animation));
        RenderedImage rendered = new ImageRenderer(50_000_000L, 85)
                .render(animation, new ResizeOptions(32, 0, Fit.SCALE_DOWN, 0, null, 1.0));
        BufferedImage image = TestImages.decode(rendered.data());
        assertEquals(32, image.getWidth());
        assertTrue(TestImages.isRed(image, 16, 12));
    }

    @Test
    void theRendererCallsHeaderOnlyAndGarbageFilesCorrupt() {
        ImageRenderer renderer = new ImageRenderer(50_000_000L, 85);
        ResizeOptions options = new ResizeOptions(300, 0, Fit.SCALE_DOWN, 0, null, 1.0);
        ByteBuffer vp8x = riff(30).put(ascii("VP8X")).putInt(10).putInt(0);
        put24(vp8x, 6999);
        put24(vp8x, 6999);
        assertThrows(CorruptImageException.class, () -> renderer.render(vp8x.array(), options));
        ByteBuffer vp8l = riff(89).put(ascii("VP8L")).putInt(69).put((byte) 0x2F).putInt(6999 | 6999 << 14);
        new Random(1).ints(64).forEach(i -> vp8l.put((byte) i));
        assertThrows(CorruptImageException.class, () -> renderer.render(vp8l.array(), options));
    }

    // ------------------------------------------------------------------------------------------

    private static void assertCorruptQuickly(byte[] webp, int width, int height) {
        Rectangle whole = new Rectangle(0, 0, width, height);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        assertThrows(CorruptImageException.class, () -> WebpNativeDecoder.decode(webp, whole, 700, 700));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(millis < 100, millis + " ms");
        // no more than the planned output, however large the declared image
        assertTrue(allocated <= WebpNativeDecoder.heapBytes(700, 700) + (64 << 10), "allocated " + allocated);
    }

    private static ByteBuffer riff(int fileLength) {
        return ByteBuffer.allocate(fileLength).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF")).putInt(fileLength - 8).put(ascii("WEBP"));
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A one-frame animation of a simple (RIFF, WEBP, VP8 chunk) lossy file. */
    private static byte[] animated(byte[] still, int width, int height) {
        byte[] vp8 = Arrays.copyOfRange(still, 12, still.length);
        int anmfSize = 16 + vp8.length;
        int length = 12 + 18 + 14 + 8 + anmfSize;
        ByteBuffer file = riff(length).put(ascii("VP8X")).putInt(10).putInt(0x02);
        put24(file, width - 1);
        put24(file, height - 1);
        file.put(ascii("ANIM")).putInt(6).putInt(0xFFFFFFFF).putShort((short) 0);
        file.put(ascii("ANMF")).putInt(anmfSize);
        put24(file, 0);
        put24(file, 0);
        put24(file, width - 1);
        put24(file, height - 1);
        put24(file, 100);
        file.put((byte) 0);
        file.put(vp8);
        return file.array();
    }

    private static synchronized BufferedImage photo() {
        if (photo == null) {
            photo = photoLike(4000, 3000, 1);
        }
        return photo;
    }

    private static synchronized byte[] lossyPhoto() {
        if (lossyPhoto == null) {
            lossyPhoto = encode(photo(), false);
        }
        return lossyPhoto;
    }

    /** Smooth gradients and waves with ±8 of noise on each channel: a photo's statistics, roughly. */
    static BufferedImage photoLike(int width, int height, long seed) {
        return photoLike(width, height, seed, 8);
    }

    static BufferedImage photoLike(int width, int height, long seed, int noiseAmplitude) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = noiseAmplitude == 0 ? 0 : random.nextInt(2 * noiseAmplitude + 1) - noiseAmplitude;
                int r = clamp(255L * x / width + noise);
                int g = clamp(255L * y / height + noise);
                int b = clamp(128 + (long) (100 * Math.sin(x / 150.0) * Math.cos(y / 120.0)) + noise);
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, boolean lossless) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = null;
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer = new WebPImageWriterSpi().createWriterInstance();
            writer.setOutput(output);
            WebPWriteParam param = (WebPWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(lossless ? "Lossless" : "Lossy");
            // lossless: the fastest effort, the tests need the pixels kept, not the smallest file
            param.setCompressionQuality(lossless ? 0f : 0.9f);
            if (lossless) {
                param.setMethod(0);
                param.setExact(true);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (writer != null) {
                writer.dispose();
            }
        }
        return out.toByteArray();
    }

    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(255, value));
    }

    /** The mean colour of a block, rounded. */
    private static int boxAverage(BufferedImage image, int x0, int y0, int width, int height) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xFF;
                g += (rgb >> 8) & 0xFF;
                b += rgb & 0xFF;
            }
        }
        int n = width * height;
        return (int) ((r + n / 2) / n) << 16 | (int) ((g + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
    }

    private static void assertClose(int expected, int actual, int tolerance, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, where + ": expected " + Integer.toHexString(expected & 0xFFFFFF)
                    + ", got " + Integer.toHexString(actual & 0xFFFFFF));
        }
    }
}
