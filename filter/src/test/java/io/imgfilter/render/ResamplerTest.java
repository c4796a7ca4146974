package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0033CC;

    // ---- source types ----------------------------------------------------------------------

    private interface Factory {
        BufferedImage create(int width, int height);
    }

    /** left and right: the colours painted; what comes out is what the source holds (see {@link #expected}). */
    private record Type(String name, Factory factory, int left, int right) {
    }

    /** The colour a pixel means: getRGB's, except grey rasters whose samples are already sRGB-encoded. */
    private static int expected(BufferedImage image, int x, int y) {
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            int max = image.getRaster().getTransferType() == DataBuffer.TYPE_USHORT ? 65535 : 255;
            int grey = Math.round(image.getRaster().getSample(x, y, 0) * 255f / max);
            return grey << 16 | grey << 8 | grey;
        }
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static List<Type> types() {
        List<Type> types = new ArrayList<>();
        for (int[] t : new int[][] {
            {BufferedImage.TYPE_3BYTE_BGR}, {BufferedImage.TYPE_4BYTE_ABGR}, {BufferedImage.TYPE_4BYTE_ABGR_PRE},
            {BufferedImage.TYPE_INT_RGB}, {BufferedImage.TYPE_INT_ARGB}, {BufferedImage.TYPE_INT_ARGB_PRE},
            {BufferedImage.TYPE_INT_BGR}, {BufferedImage.TYPE_USHORT_565_RGB}, {BufferedImage.TYPE_USHORT_555_RGB},
            {BufferedImage.TYPE_BYTE_INDEXED},
        }) {
            types.add(new Type("type " + t[0], (w, h) -> new BufferedImage(w, h, t[0]), RED, BLUE));
        }
        types.add(new Type("BYTE_BINARY", (w, h) -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY), 0xFFFFFF, 0));
        types.add(new Type("BYTE_GRAY", (w, h) -> new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), 0xC8C8C8, 0x1E1E1E));
        types.add(new Type("USHORT_GRAY", (w, h) -> new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY), 0xC8C8C8, 0x1E1E1E));
        types.add(new Type("16-bit RGB", (w, h) -> component(ColorSpace.CS_sRGB, false, DataBuffer.TYPE_USHORT, w, h), RED, BLUE));
        types.add(new Type("16-bit RGBA", (w, h) -> component(ColorSpace.CS_sRGB, true, DataBuffer.TYPE_USHORT, w, h), RED, BLUE));
        types.add(new Type("8-bit grey+alpha", (w, h) -> component(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE, w, h), 0xC8C8C8, 0x1E1E1E));
        types.add(new Type("16-bit grey+alpha", (w, h) -> component(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_USHORT, w, h), 0xC8C8C8, 0x1E1E1E));
        types.add(new Type("linear RGB", (w, h) -> component(ColorSpace.CS_LINEAR_RGB, false, DataBuffer.TYPE_BYTE, w, h), RED, 0x0000FF));
        types.add(new Type("padded interleaved bytes", (w, h) -> paddedBgr(w, h, 0), RED, BLUE));
        types.add(new Type("padded packed ints", (w, h) -> paddedInts(w, h, 0), RED, BLUE));
        types.add(new Type("interleaved bytes at a buffer offset", (w, h) -> paddedBgr(w, h, 17), RED, BLUE));
        types.add(new Type("packed ints at a buffer offset", (w, h) -> paddedInts(w, h, 9), RED, BLUE));
        // each again as a sub-image: the raster is translated into its parent's data
        for (Type t : new ArrayList<>(types)) {
            types.add(new Type(t.name + " sub-image", (w, h) -> t.factory.create(w + 13, h + 7).getSubimage(9, 5, w, h), t.left, t.right));
        }
        return types;
    }

    private static BufferedImage component(int space, boolean alpha, int dataType, int width, int height) {
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(space), alpha, false,
                alpha ? ColorModel.TRANSLUCENT : ColorModel.OPAQUE, dataType);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    }

    /** 3-byte BGR with a data offset, a padded stride and a translated child raster, as decoders may return. */
    private static BufferedImage paddedBgr(int width, int height, int offset) {
        int stride = (width + 11) * 3;
        DataBufferByte buffer = new DataBufferByte(new byte[stride * (height + 4) + offset], stride * (height + 4), offset);
        PixelInterleavedSampleModel model = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width + 11, height + 4, 3, stride, new int[] {2, 1, 0});
        WritableRaster parent = Raster.createWritableRaster(model, buffer, new Point(0, 0));
        WritableRaster child = parent.createWritableChild(7, 3, width, height, 0, 0, null);
        ColorModel colours = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, ColorModel.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(colours, child, false, null);
    }

    private static BufferedImage paddedInts(int width, int height, int offset) {
        int stride = width + 5;
        DataBufferInt buffer = new DataBufferInt(new int[stride * (height + 3) + offset], stride * (height + 3), offset);
        SinglePixelPackedSampleModel model = new SinglePixelPackedSampleModel(DataBuffer.TYPE_INT, width + 5, height + 3, stride,
                new int[] {0xFF0000, 0xFF00, 0xFF});
        WritableRaster parent = Raster.createWritableRaster(model, buffer, new Point(0, 0));
        WritableRaster child = parent.createWritableChild(4, 2, width, height, 0, 0, null);
        return new BufferedImage(new DirectColorModel(24, 0xFF0000, 0xFF00, 0xFF), child, false, null);
    }

    /** Paints an opaque colour the way the layout means it: grey rasters get the raw sample. */
    private static void paint(BufferedImage image, int x, int y, int rgb) {
        WritableRaster raster = image.getRaster();
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.getType() == ColorSpace.TYPE_GRAY && !(image.getColorModel() instanceof IndexColorModel)) {
            int max = raster.getTransferType() == DataBuffer.TYPE_USHORT ? 65535 : 255;
            int grey = (rgb & 0xFF) * max / 255;
            if (raster.getNumBands() == 2) {
                raster.setPixel(x, y, new int[] {grey, max});
            } else {
                raster.setSample(x, y, 0, grey);
            }
        } else if (raster.getTransferType() == DataBuffer.TYPE_USHORT && image.getColorModel() instanceof ComponentColorModel) {
            int[] samples = {(rgb >> 16 & 0xFF) * 257, (rgb >> 8 & 0xFF) * 257, (rgb & 0xFF) * 257, 65535};
            raster.setPixel(x, y, raster.getNumBands() == 4 ? samples : java.util.Arrays.copyOf(samples, 3));
        } else {
            image.setRGB(x, y, 0xFF000000 | rgb);
        }
    }

    private static BufferedImage split(Type type, int width, int height) {
        BufferedImage image = type.factory.create(width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                paint(image, x, y, x < width / 2 ? type.left : type.right);
            }
        }
        return image;
    }

    private static BufferedImage resize(BufferedImage source, double x, double y, double w, double h, int ow, int oh) {
        try {
            return Resampler.resize(source, x, y, w, h, ow, oh, Deadline.none());
        } catch (RenderTimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static BufferedImage resize(BufferedImage source, int ow, int oh) {
        return resize(source, 0, 0, source.getWidth(), source.getHeight(), ow, oh);
    }

    private static void assertColour(int expected, int actual, int tolerance, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expected >> shift & 0xFF;
            int a = actual >> shift & 0xFF;
            if (Math.abs(e - a) > tolerance) {
                throw new AssertionError(where + ": expected " + Integer.toHexString(expected & 0xFFFFFF)
                        + " but was " + Integer.toHexString(actual));
            }
        }
    }

    // ---- colours ---------------------------------------------------------------------------

    @Test
    void everySourceTypeGivesItsColoursOnBothSidesOfASplit() {
        for (Type type : types()) {
            BufferedImage source = split(type, 200, 60);
            boolean alpha = source.getColorModel().hasAlpha();
            int left = expected(source, 0, 0);
            int right = expected(source, 199, 0);
            assertColour(type.left, left, 8, type.name + " painted");
            assertColour(type.right, right, 8, type.name + " painted");
            for (int[] size : new int[][] {{40, 12}, {200, 60}, {333, 90}}) {
                BufferedImage out = resize(source, size[0], size[1]);
                String what = type.name + " -> " + size[0] + "x" + size[1];
                assertEquals(alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR, out.getType(), what);
                // the kernel reaches 3 output pixels either side of the split (more when enlarging)
                int reach = 3 * Math.max(1, size[0] / 200) + 2;
                for (int y = 0; y < size[1]; y++) {
                    for (int x = 0; x < size[0]; x++) {
                        int pixel = out.getRGB(x, y);
                        if (x < size[0] / 2 - reach) {
                            assertColour(left, pixel, 1, what + " at " + x + "," + y);
                        } else if (x >= size[0] / 2 + reach) {
                            assertColour(right, pixel, 1, what + " at " + x + "," + y);
                        }
                        assertEquals(0xFF, pixel >>> 24, what + " opaque at " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void aDecodedCmykJpegKeepsItsColours() {
        BufferedImage source = TestImages.decode(TestImages.cmykJpeg(64, 32));
        BufferedImage out = resize(source, 16, 8);
        for (int x : new int[] {2, 13}) {
            int expected = source.getRGB(x * 4 + 2, 16);
            assertColour(expected, out.getRGB(x, 4), 6, "type " + source.getType() + " at " + x);
        }
    }

    @Test
    void transparentPixelsDoNotBleedTheirColour() {
        List<BufferedImage> sources = new ArrayList<>();
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB_PRE}) {
            sources.add(new BufferedImage(80, 20, type));
        }
        sources.add(component(ColorSpace.CS_sRGB, true, DataBuffer.TYPE_USHORT, 80, 20));
        // white opaque on the left, invisible red on the right
        for (BufferedImage source : sources) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 80; x++) {
                    if (source.getColorModel() instanceof ComponentColorModel && source.getRaster().getTransferType() == DataBuffer.TYPE_USHORT) {
                        source.getRaster().setPixel(x, y, x < 40 ? new int[] {65535, 65535, 65535, 65535} : new int[] {65535, 0, 0, 0});
                    } else {
                        source.setRGB(x, y, x < 40 ? 0xFFFFFFFF : 0x00FF0000);
                    }
                }
            }
        }
        // index 1: transparent red
        IndexColorModel indexed = new IndexColorModel(8, 2, new byte[] {(byte) 255, (byte) 255}, new byte[] {(byte) 255, 0}, new byte[] {(byte) 255, 0}, 1);
        BufferedImage palette = new BufferedImage(80, 20, BufferedImage.TYPE_BYTE_INDEXED, indexed);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 80; x++) {
                palette.getRaster().setSample(x, y, 0, x < 40 ? 0 : 1);
            }
        }
        sources.add(palette);
        BufferedImage greyAlpha = component(ColorSpace.CS_GRAY, true, DataBuffer.TYPE_BYTE, 80, 20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 80; x++) {
                greyAlpha.getRaster().setPixel(x, y, x < 40 ? new int[] {255, 255} : new int[] {0, 0});
            }
        }
        sources.add(greyAlpha);
        for (BufferedImage source : sources) {
            for (int[] size : new int[][] {{20, 5}, {80, 20}, {230, 30}}) {
                BufferedImage out = resize(source, size[0], size[1]);
                String what = source.getColorModel().getClass().getSimpleName() + " " + source.getType() + " -> " + size[0];
                assertEquals(BufferedImage.TYPE_4BYTE_ABGR, out.getType(), what);
                for (int x = 0; x < size[0]; x++) {
                    int pixel = out.getRGB(x, size[1] / 2);
                    if ((pixel >>> 24) > 8) {
                        assertColour(0xFFFFFF, pixel, 8, what + " no fringe at " + x);
                    }
                }
                assertEquals(255, out.getRGB(1, 1) >>> 24, what);
                assertEquals(0, out.getRGB(size[0] - 2, 1) >>> 24, what);
            }
        }
    }

    // ---- geometry --------------------------------------------------------------------------

    /** Red channel = column, green = row: a linear ramp shows where each output pixel samples. */
    private static BufferedImage ramps(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x & 0xFF) << 16 | (y & 0xFF) << 8);
            }
        }
        return image;
    }

    @Test
    void fractionalRegionsAreSampledWhereTheySay() {
        BufferedImage source = ramps(256, 256);
        double[][] regions = {
            // x, y, width, height, outWidth, outHeight
            {20.5, 30.25, 100, 60, 25, 20},   // reduction by 4 and by 3
            {10.25, 100.75, 8, 6, 32, 21},    // enlargement by 4 and by 3.5
            {60, 40, 133.3, 97.7, 50, 61},
            {100.4, 100.4, 1, 1, 1, 1},
        };
        for (double[] r : regions) {
            BufferedImage out = resize(source, r[0], r[1], r[2], r[3], (int) r[4], (int) r[5]);
            double sx = r[2] / r[4];
            double sy = r[3] / r[5];
            for (int j = 0; j < out.getHeight(); j++) {
                for (int i = 0; i < out.getWidth(); i++) {
                    double cx = r[0] + (i + 0.5) * sx - 0.5;
                    double cy = r[1] + (j + 0.5) * sy - 0.5;
                    int pixel = out.getRGB(i, j);
                    String where = java.util.Arrays.toString(r) + " at " + i + "," + j;
                    assertEquals(cx, pixel >> 16 & 0xFF, 1.0, where);
                    assertEquals(cy, pixel >> 8 & 0xFF, 1.0, where);
                }
            }
        }
    }

    @Test
    void aRegionOfAQuadrantIsThatQuadrantsColour() {
        BufferedImage source = new BufferedImage(400, 300, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = source.createGraphics();
        g.setColor(new Color(RED));
        g.fillRect(0, 0, 200, 150);
        g.setColor(new Color(BLUE));
        g.fillRect(200, 0, 200, 150);
        g.setColor(Color.GREEN);
        g.fillRect(0, 150, 200, 150);
        g.setColor(Color.WHITE);
        g.fillRect(200, 150, 200, 150);
        g.dispose();
        // well inside each quadrant: the kernel (3 × 3 source pixels here) stays inside too
        int[][] expected = {{RED, 0x00FF00}, {BLUE, 0xFFFFFF}};
        for (int qx = 0; qx < 2; qx++) {
            for (int qy = 0; qy < 2; qy++) {
                BufferedImage out = resize(source, qx * 200 + 20.5, qy * 150 + 15.25, 150, 111, 50, 37);
                for (int y = 0; y < 37; y++) {
                    for (int x = 0; x < 50; x++) {
                        assertColour(expected[qx][qy], out.getRGB(x, y), 0, "quadrant " + qx + "," + qy + " at " + x + "," + y);
                    }
                }
            }
        }
        // the whole right half: nothing of the left half's colours
        BufferedImage right = resize(source, 200, 0, 200, 300, 20, 30);
        for (int y = 0; y < 30; y++) {
            if (y < 12 || y >= 18) {
                assertColour(y < 12 ? BLUE : 0xFFFFFF, right.getRGB(10, y), 0, "right half at " + y);
            }
        }
    }

    @Test
    void enlargingKeepsFlatColoursFlatAndRampsStraight() {
        BufferedImage flat = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                flat.setRGB(x, y, 0x336699);
            }
        }
        BufferedImage big = resize(flat, 301, 157);
        for (int y = 0; y < 157; y++) {
            for (int x = 0; x < 301; x++) {
                assertColour(0x336699, big.getRGB(x, y), 0, "at " + x + "," + y);
            }
        }
        BufferedImage ramp = resize(ramps(64, 8), 0, 0, 64, 8, 256, 8);
        for (int x = 10; x < 246; x++) {
            assertEquals((x + 0.5) / 4 - 0.5, ramp.getRGB(x, 4) >> 16 & 0xFF, 1.0, "at " + x);
        }
    }

    @Test
    void oneByNAndNByOneSources() {
        for (int[] c : new int[][] {
            // source w, h, out w, h
            {1, 1000, 1, 50}, {1000, 1, 50, 1}, {1, 1, 7, 5}, {1, 7, 3, 20}, {7, 1, 20, 3}, {1, 100, 40, 10}, {3, 1, 1, 1},
        }) {
            BufferedImage source = new BufferedImage(c[0], c[1], BufferedImage.TYPE_3BYTE_BGR);
            for (int y = 0; y < c[1]; y++) {
                for (int x = 0; x < c[0]; x++) {
                    source.setRGB(x, y, 0x336699);
                }
            }
            BufferedImage out = resize(source, c[2], c[3]);
            assertEquals(c[2], out.getWidth());
            assertEquals(c[3], out.getHeight());
            for (int y = 0; y < c[3]; y++) {
                for (int x = 0; x < c[2]; x++) {
                    assertColour(0x336699, out.getRGB(x, y), 0, java.util.Arrays.toString(c) + " at " + x + "," + y);
                }
            }
        }
        // and a long column of two colours keeps them apart
        BufferedImage column = new BufferedImage(1, 100_000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 100_000; y++) {
            column.setRGB(0, y, y < 50_000 ? RED : BLUE);
        }
        long start = System.nanoTime();
        BufferedImage out = resize(column, 0, 0, 1, 100_000, 1, 50);
        System.out.printf("1 x 100000 -> 1 x 50: %.1f ms%n", (System.nanoTime() - start) / 1e6);
        assertColour(RED, out.getRGB(0, 10), 0, "top");
        assertColour(BLUE, out.getRGB(0, 40), 0, "bottom");
    }

    @Test
    void rejectsRegionsOutsideTheSource() {
        BufferedImage source = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(source, -1, 0, 5, 5, 2, 2, Deadline.none()));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(source, 6, 0, 5, 5, 2, 2, Deadline.none()));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(source, 0, 0, 0, 5, 2, 2, Deadline.none()));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resize(source, 0, 0, 5, 5, 0, 2, Deadline.none()));
    }

    // ---- bounds ----------------------------------------------------------------------------

    @Test
    void theDeadlineIsCheckedRowByRowAndStopsTheWork() throws RenderTimeoutException {
        BufferedImage source = TestImages.picture(300, 2000, BufferedImage.TYPE_3BYTE_BGR);
        long[] reads = {0};
        Deadline far = Deadline.at(Long.MAX_VALUE / 2, () -> reads[0]++);
        Resampler.resize(source, 0, 0, 300, 2000, 30, 200, far);
        assertTrue(reads[0] >= 2000, "checked once per source row at least: " + reads[0]);

        long[] now = {0};
        Deadline soon = Deadline.at(100, () -> now[0]++);
        assertThrows(RenderTimeoutException.class, () -> Resampler.resize(source, 0, 0, 300, 2000, 30, 200, soon));
        assertEquals(102, now[0], "stopped at the first check past the deadline");

        // a huge reduction checks as often
        long[] later = {0};
        Deadline box = Deadline.at(100, () -> later[0]++);
        assertThrows(RenderTimeoutException.class, () -> Resampler.resize(source, 0, 0, 300, 2000, 3, 2, box));
        assertEquals(102, later[0]);
    }

    private static long allocatedBy(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    /** What resize allocated besides its output's pixels. */
    private static long working(BufferedImage source, double x, double y, double w, double h, int ow, int oh) {
        resize(source, x, y, w, h, ow, oh); // loads classes, so they are not counted
        BufferedImage[] out = new BufferedImage[1];
        long allocated = allocatedBy(() -> out[0] = resize(source, x, y, w, h, ow, oh));
        long pixels = ((DataBufferByte) out[0].getRaster().getDataBuffer()).getData().length + 16L;
        return allocated - pixels;
    }

    @Test
    void workingBytesBoundsWhatIsAllocated() {
        BufferedImage photo = TestImages.picture(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        long used = working(photo, 0, 0, 4000, 3000, 600, 450);
        long bound = Resampler.workingBytes(4000, 3000, 600, 450, false);
        System.out.printf("4000x3000 -> 600x450: allocated %d bytes besides the output, workingBytes %d, LanczosResizer's buffers %d%n",
                used, bound, 4000L * 3000 * 4 + 600L * 3000 * 16 + 600L * 450 * 4);
        assertTrue(used <= bound, used + " <= " + bound);
        // a reduction keeps a source row for each output row its kernel is still summing (8 here)
        assertTrue(bound < 1_000_000, "under a megabyte: " + bound);

        BufferedImage transparent = TestImages.picture(2000, 1500, BufferedImage.TYPE_INT_ARGB);
        BufferedImage grey = TestImages.picture(2000, 1500, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage column = new BufferedImage(3, 200_000, BufferedImage.TYPE_INT_RGB);
        double[][] cases = {
            // x, y, w, h, out w, out h
            {0, 0, 2000, 1500, 300, 225},
            {0.5, 0.25, 1999.5, 1499.75, 1999, 1499},
            {100.3, 200.7, 300.2, 100.1, 1200, 400},
            {0, 0, 2000, 1500, 23, 17},
            {0, 0, 2000, 1500, 1, 1},
            {500, 100, 1000, 1000, 997, 1003},
            {1000, 700, 10, 10, 10, 10},
        };
        for (BufferedImage source : new BufferedImage[] {photo, transparent, grey}) {
            boolean alpha = source.getColorModel().hasAlpha();
            for (double[] c : cases) {
                long u = working(source, c[0], c[1], c[2], c[3], (int) c[4], (int) c[5]);
                long b = Resampler.workingBytes(c[2], c[3], (int) c[4], (int) c[5], alpha);
                String what = source.getType() + " " + java.util.Arrays.toString(c);
                assertTrue(u <= b, what + ": " + u + " <= " + b);
                if (source != grey) { // grey needs one channel where the bound counts three
                    assertTrue(b <= u * 1.2 + 20_000, what + " close: " + u + " vs " + b);
                }
            }
        }
        long u = working(column, 0, 0, 3, 200_000, 3, 20);
        long b = Resampler.workingBytes(3, 200_000, 3, 20, false);
        assertTrue(u <= b && b < 100_000, "column: " + u + " <= " + b);
    }

    @Test
    void hugeReductionsStayBoundedInMemoryAndTime() {
        // a 10 x 4 999 999 region: 50 MB of grey, 50 000 rows per output row
        BufferedImage tall = new BufferedImage(10, 5_000_000, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) tall.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(data, 0, data.length / 2, (byte) 200);
        java.util.Arrays.fill(data, data.length / 2, data.length, (byte) 30);
        long bound = Resampler.workingBytes(10, 4_999_999, 10, 100, false);
        long start = System.nanoTime();
        long used = working(tall, 0, 1, 10, 4_999_999, 10, 100);
        System.out.printf("10 x 4999999 -> 10 x 100 (twice): %.0f ms, allocated %d, workingBytes %d%n",
                (System.nanoTime() - start) / 1e6, used, bound);
        assertTrue(used <= bound && bound < 100_000, used + " <= " + bound);
        BufferedImage out = resize(tall, 0, 1, 10, 4_999_999, 10, 100);
        assertColour(0xC8C8C8, out.getRGB(5, 10), 0, "top");
        assertColour(0x1E1E1E, out.getRGB(5, 90), 0, "bottom");

        BufferedImage wide = new BufferedImage(100_000, 20, BufferedImage.TYPE_INT_RGB);
        assertTrue(Resampler.workingBytes(100_000, 20, 50, 10, false) < 100_000);
        assertTrue(working(wide, 0, 0, 100_000, 20, 50, 10) <= Resampler.workingBytes(100_000, 20, 50, 10, false));
    }

    // ---- quality and speed -----------------------------------------------------------------

    /** Something like a photo: soft shapes, hard edges, fine lines and sensor noise. */
    static BufferedImage photo(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(90, 140, 200), width, height, new Color(230, 210, 150)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 64 + random.nextInt(192)));
            int w = 5 + random.nextInt(width / 6);
            int h = 5 + random.nextInt(height / 6);
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), w, h);
            } else {
                g.fillRect(random.nextInt(width), random.nextInt(height), w, h);
            }
        }
        g.setStroke(new java.awt.BasicStroke(1.2f));
        for (int i = 0; i < 150; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
        }
        g.dispose();
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) Math.max(0, Math.min(255, (data[i] & 0xFF) + (int) (random.nextGaussian() * 6)));
        }
        return image;
    }

    /** A direct Lanczos-3 in double precision, edges clamped: the reference both resizers are judged by. */
    static BufferedImage reference(BufferedImage source, int ow, int oh) {
        int sw = source.getWidth();
        int sh = source.getHeight();
        double[][] across = referenceWeights(sw, ow);
        double[][] down = referenceWeights(sh, oh);
        int[] firstX = referenceFirst(sw, ow);
        int[] firstY = referenceFirst(sh, oh);
        int[] pixels = source.getRGB(0, 0, sw, sh, null, 0, sw);
        double[] rows = new double[ow * sh * 3];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < ow; x++) {
                for (int k = 0; k < across[x].length; k++) {
                    int p = pixels[y * sw + Math.max(0, Math.min(sw - 1, firstX[x] + k))];
                    for (int c = 0; c < 3; c++) {
                        rows[(y * ow + x) * 3 + c] += across[x][k] * (p >> (16 - 8 * c) & 0xFF);
                    }
                }
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = 0; k < down[y].length; k++) {
                        v += down[y][k] * rows[(Math.max(0, Math.min(sh - 1, firstY[y] + k)) * ow + x) * 3 + c];
                    }
                    rgb |= (int) Math.max(0, Math.min(255, Math.round(v))) << (16 - 8 * c);
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    private static int[] referenceFirst(int in, int out) {
        double scale = (double) in / out;
        double support = 3 * Math.max(scale, 1);
        int[] first = new int[out];
        for (int i = 0; i < out; i++) {
            first[i] = (int) Math.floor((i + 0.5) * scale - 0.5 - support) + 1;
        }
        return first;
    }

    private static double[][] referenceWeights(int in, int out) {
        double scale = (double) in / out;
        double stretch = Math.max(scale, 1);
        int[] first = referenceFirst(in, out);
        double[][] weights = new double[out][];
        for (int i = 0; i < out; i++) {
            double centre = (i + 0.5) * scale - 0.5;
            int last = (int) Math.ceil(centre + 3 * stretch) - 1;
            double[] w = new double[last - first[i] + 1];
            double sum = 0;
            for (int k = 0; k < w.length; k++) {
                w[k] = Resampler.lanczos((first[i] + k - centre) / stretch);
                sum += w[k];
            }
            for (int k = 0; k < w.length; k++) {
                w[k] /= sum;
            }
            weights[i] = w;
        }
        return weights;
    }

    /** PSNR away from the edges, where LanczosResizer renormalises its kernel instead of clamping. */
    private static double interiorPsnr(BufferedImage reference, BufferedImage candidate, int margin) {
        BufferedImage inner = reference.getSubimage(margin, margin, reference.getWidth() - 2 * margin, reference.getHeight() - 2 * margin);
        return TestImages.psnr(inner, candidate, margin, margin);
    }

    @Test
    void atLeastAsGoodAsLanczosResizerOnAPhoto() {
        BufferedImage photo = photo(1200, 900, 42);
        BufferedImage small = photo(240, 180, 7);
        Object[][] cases = {
            {photo, 400, 300}, {photo, 180, 135}, {photo, 853, 640}, {photo, 1100, 830}, {small, 560, 420}, {small, 241, 181},
            {photo, 120, 90}, {photo, 60, 45},
        };
        List<String> failures = new ArrayList<>();
        for (Object[] c : cases) {
            BufferedImage source = (BufferedImage) c[0];
            int ow = (int) c[1];
            int oh = (int) c[2];
            BufferedImage ideal = reference(source, ow, oh);
            BufferedImage ours = resize(source, ow, oh);
            BufferedImage theirs = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
            LanczosResizer.INSTANCE.resize(source, theirs);
            double scale = (double) source.getWidth() / ow;
            int margin = (int) Math.ceil(3 / Math.min(scale, 1)) + 1;
            double psnrOurs = interiorPsnr(ideal, ours, margin);
            double psnrTheirs = interiorPsnr(ideal, theirs, margin);
            double between = interiorPsnr(theirs, ours, margin);
            int worst = interiorMaxDifference(ideal, ours, margin);
            System.out.printf("%dx%d -> %dx%d (%.2fx): against the reference Resampler %.2f dB (max diff %d), LanczosResizer %.2f dB"
                    + " (max diff %d); %.2f dB between them%n", source.getWidth(), source.getHeight(), ow, oh, scale,
                    psnrOurs, worst, psnrTheirs, interiorMaxDifference(ideal, theirs, margin), between);
            if (scale < 8) {
                // the same filter: both are off the double-precision result by a rounding in a few samples
                if (worst > 1 || psnrOurs < Math.min(psnrTheirs - 0.1, 80)) {
                    failures.add(ow + "x" + oh);
                }
            } else if (psnrOurs < 38) {
                // averaged first: softer than the direct kernel, but not by much
                failures.add(ow + "x" + oh);
            }
        }
        assertTrue(failures.isEmpty(), "worse than LanczosResizer: " + failures);
    }

    private static int interiorMaxDifference(BufferedImage a, BufferedImage b, int margin) {
        int worst = 0;
        for (int y = margin; y < a.getHeight() - margin; y++) {
            for (int x = margin; x < a.getWidth() - margin; x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    worst = Math.max(worst, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
                }
            }
        }
        return worst;
    }

    private static BufferedImage resize(BufferedImage source, double x, double y, double w, double h, int ow, int oh, boolean fast) {
        try {
            return Resampler.resize(source, x, y, w, h, ow, oh, Deadline.none(), fast);
        } catch (RenderTimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static BufferedImage converted(BufferedImage source, int type) {
        BufferedImage image = new BufferedImage(source.getWidth(), source.getHeight(), type);
        Graphics2D g = image.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return image;
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 24; shift += 8) {
                    worst = Math.max(worst, Math.abs((p >>> shift & 0xFF) - (q >>> shift & 0xFF)));
                }
            }
        }
        return worst;
    }

    @Test
    void theRowByRowReductionAgreesWithTheRingWithinALevel() {
        BufferedImage photo = photo(900, 700, 11);
        BufferedImage transparent = new BufferedImage(900, 700, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = transparent.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.drawImage(photo, 0, 0, null);
        g.setColor(new Color(255, 0, 0, 0));
        g.fillRect(300, 200, 250, 200); // invisible red
        g.setColor(new Color(0, 200, 50, 120));
        g.fillOval(100, 350, 400, 300);
        g.dispose();
        BufferedImage[] sources = {photo, converted(photo, BufferedImage.TYPE_INT_RGB), converted(photo, BufferedImage.TYPE_BYTE_GRAY), transparent};
        double[][] cases = {
            {0, 0, 900, 700, 300, 233}, {0, 0, 900, 700, 211, 164}, {0, 0, 900, 700, 899, 699},
            {120.5, 80.25, 400.5, 300.75, 150, 113}, {0, 350, 450, 350, 200, 150},
        };
        for (BufferedImage source : sources) {
            for (double[] c : cases) {
                BufferedImage fast = resize(source, c[0], c[1], c[2], c[3], (int) c[4], (int) c[5], true);
                BufferedImage general = resize(source, c[0], c[1], c[2], c[3], (int) c[4], (int) c[5], false);
                assertEquals(general.getType(), fast.getType());
                int worst = maxDifference(fast, general);
                assertTrue(worst <= 1, "type " + source.getType() + " " + java.util.Arrays.toString(c) + ": " + worst);
            }
        }
    }

    @Test
    void bothPathsAreCloseToTheDoublePrecisionKernel() {
        BufferedImage photo = photo(1600, 1000, 5);
        for (boolean fast : new boolean[] {true, false}) {
            for (int[] size : new int[][] {{600, 375}, {400, 250}, {1000, 625}}) {
                BufferedImage ideal = reference(photo, size[0], size[1]);
                BufferedImage ours = resize(photo, 0, 0, 1600, 1000, size[0], size[1], fast);
                double psnr = TestImages.psnr(ideal, ours, 0, 0);
                System.out.printf("1600x1000 -> %dx%d, %s path: %.2f dB against the reference%n", size[0], size[1],
                        fast ? "row-by-row" : "ring", psnr);
                assertTrue(psnr >= 45, size[0] + " " + fast + ": " + psnr);
            }
        }
    }

    @Test
    void speedComparedWithLanczosResizer() {
        BufferedImage source = photo(4000, 3000, 3);
        BufferedImage theirs = new BufferedImage(600, 450, BufferedImage.TYPE_INT_RGB);
        long best = Long.MAX_VALUE;
        long bestTheirs = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            resize(source, 600, 450);
            best = Math.min(best, System.nanoTime() - start);
            start = System.nanoTime();
            LanczosResizer.INSTANCE.resize(source, theirs);
            bestTheirs = Math.min(bestTheirs, System.nanoTime() - start);
        }
        System.out.printf("4000x3000 3BYTE_BGR -> 600x450: Resampler %.0f ms, LanczosResizer %.0f ms (%.1fx)%n",
                best / 1e6, bestTheirs / 1e6, (double) bestTheirs / best);
        BufferedImage argb = photo(4000, 3000, 3);
        BufferedImage transparent = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = transparent.createGraphics();
        g.drawImage(argb, 0, 0, null);
        g.dispose();
        long start = System.nanoTime();
        resize(transparent, 600, 450);
        System.out.printf("4000x3000 INT_ARGB -> 600x450: Resampler %.0f ms%n", (System.nanoTime() - start) / 1e6);
    }

    /** Bytes read in their stored B, G, R order must come out as the same colours. */
    @Test
    void coloursOfABgrSourceStayWhereTheyAre() throws Exception {
        BufferedImage source = new BufferedImage(300, 100, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = source.createGraphics();
        g.setColor(new java.awt.Color(220, 30, 40));
        g.fillRect(0, 0, 100, 100);
        g.setColor(new java.awt.Color(20, 200, 60));
        g.fillRect(100, 0, 100, 100);
        g.setColor(new java.awt.Color(10, 40, 230));
        g.fillRect(200, 0, 100, 100);
        g.dispose();
        BufferedImage out = Resampler.resize(source, 0, 0, 300, 100, 60, 20, Deadline.none());
        org.junit.jupiter.api.Assertions.assertEquals(0xDC1E28, out.getRGB(10, 10) & 0xFFFFFF, "red");
        org.junit.jupiter.api.Assertions.assertEquals(0x14C83C, out.getRGB(30, 10) & 0xFFFFFF, "green");
        org.junit.jupiter.api.Assertions.assertEquals(0x0A28E6, out.getRGB(50, 10) & 0xFFFFFF, "blue");
    }
}
