package io.imgfilter.render;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;

/**
 * Separable Lanczos-3 resize of a region of a decoded image, in memory bounded by the output
 * width rather than the source: source rows are read one at a time straight from the raster,
 * resized horizontally into a ring of as many rows as the vertical kernel has taps, and each
 * output row is taken from that ring. Reductions without averaging go the other way round
 * ({@link #downFirst}): each source row, read once, is added whole to the few output rows whose
 * kernels hold it, and only the finished output rows are resized across, so the per-pixel kernel
 * runs on output rows and the per-source-row work is flat loops the JIT vectorises.
 *
 * <p>The kernel reads past the region's edges into the rest of the source (clamped at the
 * source's own edges), so a crop comes out as the crop of the whole image resized, without a
 * seam of repeated edge pixels.
 *
 * <p>Reductions beyond {@value #BOX_ABOVE}× first average blocks of rows and columns (as libvips
 * shrinks before it reduces), leaving the kernel at least {@value #BOX_LEAVES}× to filter: its
 * taps, the ring and the weights stay under 50 per axis, and the work per source pixel stays a
 * constant however large the reduction.
 *
 * <p>Grey rasters are read as their raw samples (the sRGB-encoded values JPEG and PNG store),
 * as drawing them onto an RGB image does; {@link BufferedImage#getRGB} would treat them as
 * linear and brighten them.
 */
final class Resampler {

    private static final int LOBES = 3;
    /** Reductions (source pixels per output pixel) above which blocks are averaged first. */
    private static final double BOX_ABOVE = 8;
    /** The reduction left for the kernel after averaging, enough to filter what the box lets through. */
    private static final double BOX_LEAVES = 4;
    /** Pixels per getRGB call and per averaging pass: bounds those buffers whatever the width. */
    private static final int CHUNK = 1024;
    /** The small objects: axes, reader, and the output image's raster, sample and colour model. */
    private static final long OBJECT_OVERHEAD = 16 * 1024;
    /** The most output rows {@link #downFirst} accumulates at once; more (enlargements) go through the ring. */
    private static final int MAX_OPEN = 24;

    private Resampler() {
    }

    /**
     * Resizes the region (x, y, width, height — in source pixels, fractional allowed, within the
     * source bounds) of source to outWidth × outHeight with separable Lanczos-3.
     * Returns TYPE_3BYTE_BGR when the source has no alpha, TYPE_4BYTE_ABGR (straight, not
     * premultiplied alpha) when it has. Checks the deadline for every source row read and every
     * output row written.
     */
    static BufferedImage resize(BufferedImage source, double x, double y, double width, double height,
                                int outWidth, int outHeight, Deadline deadline) throws RenderTimeoutException {
        return resize(source, x, y, width, height, outWidth, outHeight, deadline, true);
    }

    /**
     * As {@link #resize(BufferedImage, double, double, double, double, int, int, Deadline)}; with fast
     * false, always through the general path (rows converted to floats, resized across, then down),
     * which the tests compare the direct paths with.
     */
    static BufferedImage resize(BufferedImage source, double x, double y, double width, double height,
                                int outWidth, int outHeight, Deadline deadline, boolean fast) throws RenderTimeoutException {
        int sw = source.getWidth();
        int sh = source.getHeight();
        checkRegion(x, width, sw, "x", "width");
        checkRegion(y, height, sh, "y", "height");
        if (outWidth < 1 || outHeight < 1) {
            throw new IllegalArgumentException("output size " + outWidth + "x" + outHeight);
        }
        Axis across = new Axis(x, width, outWidth, sw);
        Axis down = new Axis(y, height, outHeight, sh);
        int columns = across.hi - across.lo + 1;
        Pixels pixels = Pixels.of(source, Math.min(CHUNK, columns));
        int ch = pixels.channels;
        if (fast && down.box == 1 && across.box == 1 && down.scatters()) {
            return downFirst(pixels, across, down, columns, outWidth, outHeight, deadline);
        }

        int rowLength = Math.multiplyExact(outWidth, ch);
        float[] line = new float[Math.multiplyExact(across.cells, ch)];
        float[] chunk = across.box > 1 ? new float[CHUNK * ch] : null;
        // rows averaged first are summed before the horizontal pass: it then runs once per cell
        float[] block = down.box > 1 ? new float[line.length] : null;
        float[][] ring = new float[down.taps][rowLength]; // rows apart: the vertical loops index them alike
        float[] sum = new float[rowLength];

        BufferedImage out = new BufferedImage(outWidth, outHeight,
                pixels.alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();

        int produced = 0; // cells of rows resized into the ring so far
        for (int i = 0; i < outHeight; i++) {
            deadline.check();
            int first = down.first[i];
            if (first < produced - down.taps) {
                throw new IllegalStateException("kernel windows must not move backwards");
            }
            for (; produced < first + down.taps; produced++) {
                float[] slot = ring[produced % down.taps];
                int top = down.lo + produced * down.box;
                if (block == null) {
                    deadline.check();
                    readLine(pixels, top, across, columns, line, chunk);
                    horizontal(line, across, ch, slot, 0);
                    continue;
                }
                int bottom = Math.min(top + down.box, down.hi + 1);
                for (int row = top; row < bottom; row++) {
                    deadline.check();
                    readLine(pixels, row, across, columns, row == top ? block : line, chunk);
                    if (row != top) {
                        for (int p = 0; p < block.length; p++) {
                            block[p] += line[p];
                        }
                    }
                }
                horizontal(block, across, ch, slot, 0);
            }
            vertical(ring, rowLength, down, i, sum);
            store(sum, outWidth, ch, pixels.storedOrder, target, i);
        }
        return out;
    }

    /**
     * The path for reductions the kernel filters alone: every source row is read once, as
     * floats, and added with its weight to each output row whose window holds it, a whole row
     * at a time; an output row that has all its rows is resized across, stored, and its
     * accumulator reused. Rows are separate arrays indexed alike, so those additions are loops
     * the JIT vectorises, and the per-pixel kernel runs on output rows only.
     */
    private static BufferedImage downFirst(Pixels pixels, Axis across, Axis down, int columns,
                                           int outWidth, int outHeight, Deadline deadline) throws RenderTimeoutException {
        int ch = pixels.channels;
        int length = Math.multiplyExact(columns, ch);
        float[] row = new float[length];
        float[][] open = new float[down.open()][];
        for (int k = 0; k < open.length; k++) {
            open[k] = new float[length];
        }
        float[] sum = new float[Math.multiplyExact(outWidth, ch)];
        BufferedImage out = new BufferedImage(outWidth, outHeight,
                pixels.alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
        byte[] target = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int taps = down.taps;
        int[] firsts = down.first;
        float[] weights = down.weights;
        int done = 0;   // output rows stored
        int started = 0; // output rows with an accumulator
        for (int j = 0; done < outHeight; j++) {
            deadline.check();
            pixels.read(down.lo + j, across.lo, columns, row, 0);
            while (started < outHeight && firsts[started] <= j) {
                started++;
            }
            for (int i = done; i < started; i++) {
                float[] acc = open[i % open.length];
                int t = j - firsts[i];
                float w = weights[i * taps + t];
                if (t == 0) {
                    for (int p = 0; p < length; p++) {
                        acc[p] = w * row[p];
                    }
                } else {
                    for (int p = 0; p < length; p++) {
                        acc[p] += w * row[p];
                    }
                }
            }
            while (done < started && firsts[done] + taps - 1 == j) {
                deadline.check();
                horizontal(open[done % open.length], across, ch, sum, 0);
                store(sum, outWidth, ch, pixels.storedOrder, target, done);
                done++;
            }
        }
        return out;
    }

    /**
     * Bytes of working memory {@link #resize} allocates besides the source and the returned
     * image's pixels, for memory admission before decoding. An upper bound within a few taps of
     * what is used. The JDK's own getRGB, used for the uncommon raster types, adds short-lived
     * garbage per row (per pixel for non-sRGB colour models) that is not counted.
     */
    static long workingBytes(double regionWidth, double regionHeight, int outWidth, int outHeight, boolean alpha) {
        long ch = alpha ? 4 : 3;
        int tapsAcross = Axis.tapsBound(regionWidth, outWidth);
        int tapsDown = Axis.tapsBound(regionHeight, outHeight);
        long cellsAcross = Axis.cellsBound(regionWidth, outWidth);
        long bytes = OBJECT_OVERHEAD;
        bytes += array(4L * outWidth) + array(4L * outWidth * tapsAcross) + array(8L * tapsAcross);
        bytes += array(4L * outHeight) + array(4L * outHeight * tapsDown) + array(8L * tapsDown);
        bytes += array(4L * cellsAcross * ch) * (Axis.boxFactor(regionHeight / outHeight) > 1 ? 2 : 1); // line, block
        bytes += Axis.boxFactor(regionWidth / outWidth) > 1 ? array(4L * CHUNK * ch) : 0; // chunk
        bytes += array(4L * Math.min(CHUNK, cellsAcross * Axis.boxFactor(regionWidth / outWidth))); // getRGB
        bytes += array(4L * outWidth * ch) * tapsDown + array(8L * tapsDown);          // ring
        bytes += array(4L * outWidth * ch);                                            // sum
        if (Axis.boxFactor(regionWidth / outWidth) == 1 && Axis.boxFactor(regionHeight / outHeight) == 1
                && outHeight < regionHeight) {
            // or downFirst's: a row, the accumulators (one more for where the region starts), sum
            long open = Math.min(MAX_OPEN, openBound(regionHeight, outHeight) + 1L);
            long row = array(4L * cellsAcross * ch);
            long scatter = OBJECT_OVERHEAD + array(4L * outWidth) + array(4L * outWidth * tapsAcross) + array(8L * tapsAcross)
                    + array(4L * outHeight) + array(4L * outHeight * tapsDown) + array(8L * tapsDown)
                    + row * (open + 1) + array(8L * open) + array(4L * outWidth * ch)
                    + array(4L * Math.min(CHUNK, cellsAcross));                      // getRGB
            bytes = Math.max(bytes, scatter);
        }
        return bytes;
    }

    /** {@link Axis#open} for a region at the source's edges, where clamping makes the most outputs share a row. */
    private static int openBound(double length, int out) {
        int size = (int) Math.ceil(length);
        return new Axis(0, Math.min(length, size), out, size).open();
    }

    private static long array(long payload) {
        return 16 + (payload + 7) / 8 * 8;
    }

    private static void checkRegion(double start, double length, int size, String startName, String lengthName) {
        // a little slack: regions come from scaled integer plans
        if (!(start >= 0) || !(length > 0) || start + length > size + 1e-6) {
            throw new IllegalArgumentException(startName + "=" + start + " " + lengthName + "=" + length
                    + " outside 0.." + size);
        }
    }

    /** One source row's columns, box-averaged across when the axis says so, into line. */
    private static void readLine(Pixels pixels, int row, Axis across, int columns, float[] line, float[] chunk) {
        if (across.box == 1) {
            pixels.read(row, across.lo, columns, line, 0);
            return;
        }
        int ch = pixels.channels;
        java.util.Arrays.fill(line, 0f);
        int box = across.box;
        int cell = 0;
        int inCell = 0;
        for (int done = 0; done < columns; ) {
            int n = Math.min(CHUNK, columns - done);
            pixels.read(row, across.lo + done, n, chunk, 0);
            // weights divide by the cell's pixel count: here only sums
            for (int p = 0, s = 0; p < n; p++) {
                int d = cell * ch;
                for (int c = 0; c < ch; c++) {
                    line[d + c] += chunk[s++];
                }
                if (++inCell == box) {
                    inCell = 0;
                    cell++;
                }
            }
            done += n;
        }
    }

    private static final int[][] INTERLEAVED = {{0}, {0, 1}, {0, 1, 2}, {0, 1, 2, 3}};

    private static void horizontal(float[] line, Axis across, int ch, float[] ring, int slot) {
        horizontal(line, ch, INTERLEAVED[ch - 1], across, ch, ring, slot);
    }

    /**
     * One row resized across into dst from slot, ch floats per output pixel in channel order.
     * Source pixel p's channel c is line[p * stride + offsets[c]]. Even and odd taps go to separate
     * sums, so the additions are not one chain each output waits on.
     */
    private static void horizontal(float[] line, int stride, int[] offsets, Axis across, int ch, float[] dst, int slot) {
        int taps = across.taps;
        int[] firsts = across.first;
        float[] weights = across.weights;
        int out = firsts.length;
        int pairs = taps & ~1;
        int step = 2 * stride;
        switch (ch) {
            case 1 -> {
                int o0 = offsets[0];
                for (int o = 0, wi = 0; o < out; o++, wi += taps) {
                    float v = 0;
                    float u = 0;
                    int s = firsts[o] * stride + o0;
                    int t = 0;
                    for (; t < pairs; t += 2, s += step) {
                        v += weights[wi + t] * line[s];
                        u += weights[wi + t + 1] * line[s + stride];
                    }
                    if (t < taps) {
                        v += weights[wi + t] * line[s];
                    }
                    dst[slot + o] = v + u;
                }
            }
            case 3 -> {
                int o0 = offsets[0];
                int o1 = offsets[1];
                int o2 = offsets[2];
                for (int o = 0, wi = 0; o < out; o++, wi += taps) {
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    float r2 = 0;
                    float g2 = 0;
                    float b2 = 0;
                    int s = firsts[o] * stride;
                    int t = 0;
                    for (; t < pairs; t += 2, s += step) {
                        float w = weights[wi + t];
                        float w2 = weights[wi + t + 1];
                        int n = s + stride;
                        r += w * line[s + o0];
                        g += w * line[s + o1];
                        b += w * line[s + o2];
                        r2 += w2 * line[n + o0];
                        g2 += w2 * line[n + o1];
                        b2 += w2 * line[n + o2];
                    }
                    if (t < taps) {
                        float w = weights[wi + t];
                        r += w * line[s + o0];
                        g += w * line[s + o1];
                        b += w * line[s + o2];
                    }
                    int d = slot + o * 3;
                    dst[d] = r + r2;
                    dst[d + 1] = g + g2;
                    dst[d + 2] = b + b2;
                }
            }
            case 2 -> {
                int o0 = offsets[0];
                int o1 = offsets[1];
                for (int o = 0, wi = 0; o < out; o++, wi += taps) {
                    float v = 0;
                    float a = 0;
                    float v2 = 0;
                    float a2 = 0;
                    int s = firsts[o] * stride;
                    int t = 0;
                    for (; t < pairs; t += 2, s += step) {
                        float w = weights[wi + t];
                        float w2 = weights[wi + t + 1];
                        int n = s + stride;
                        v += w * line[s + o0];
                        a += w * line[s + o1];
                        v2 += w2 * line[n + o0];
                        a2 += w2 * line[n + o1];
                    }
                    if (t < taps) {
                        float w = weights[wi + t];
                        v += w * line[s + o0];
                        a += w * line[s + o1];
                    }
                    int d = slot + o * 2;
                    dst[d] = v + v2;
                    dst[d + 1] = a + a2;
                }
            }
            default -> {
                int o0 = offsets[0];
                int o1 = offsets[1];
                int o2 = offsets[2];
                int o3 = offsets[3];
                for (int o = 0, wi = 0; o < out; o++, wi += taps) {
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    float a = 0;
                    float r2 = 0;
                    float g2 = 0;
                    float b2 = 0;
                    float a2 = 0;
                    int s = firsts[o] * stride;
                    int t = 0;
                    for (; t < pairs; t += 2, s += step) {
                        float w = weights[wi + t];
                        float w2 = weights[wi + t + 1];
                        int n = s + stride;
                        r += w * line[s + o0];
                        g += w * line[s + o1];
                        b += w * line[s + o2];
                        a += w * line[s + o3];
                        r2 += w2 * line[n + o0];
                        g2 += w2 * line[n + o1];
                        b2 += w2 * line[n + o2];
                        a2 += w2 * line[n + o3];
                    }
                    if (t < taps) {
                        float w = weights[wi + t];
                        r += w * line[s + o0];
                        g += w * line[s + o1];
                        b += w * line[s + o2];
                        a += w * line[s + o3];
                    }
                    int d = slot + o * 4;
                    dst[d] = r + r2;
                    dst[d + 1] = g + g2;
                    dst[d + 2] = b + b2;
                    dst[d + 3] = a + a2;
                }
            }
        }
    }

    /** Output row i as the weighted sum of the ring's rows, tap by tap so the loop is one flat array op. */
    private static void vertical(float[][] ring, int rowLength, Axis down, int i, float[] sum) {
        int taps = down.taps;
        int first = down.first[i];
        for (int t = 0; t < taps; t++) {
            float w = down.weights[i * taps + t];
            float[] row = ring[(first + t) % taps];
            if (t == 0) {
                for (int p = 0; p < rowLength; p++) {
                    sum[p] = w * row[p];
                }
            } else {
                for (int p = 0; p < rowLength; p++) {
                    sum[p] += w * row[p];
                }
            }
        }
    }

    /**
     * Row i of the output: rounded, clamped, alpha un-premultiplied, grey spread over B, G and R.
     * {@code storedOrder}: the three channels are already in the output's B, G, R order.
     */
    private static void store(float[] sum, int width, int ch, boolean storedOrder, byte[] target, int i) {
        switch (ch) {
            case 1 -> {
                for (int x = 0, d = i * width * 3; x < width; x++, d += 3) {
                    byte v = toByte(sum[x]);
                    target[d] = v;
                    target[d + 1] = v;
                    target[d + 2] = v;
                }
            }
            case 2 -> {
                for (int x = 0, s = 0, d = i * width * 4; x < width; x++, s += 2, d += 4) {
                    float a = sum[s + 1];
                    float straight = a >= 0.5f ? 255f / a : 0f; // below half a level it rounds to transparent
                    byte v = toByte(sum[s] * straight);
                    target[d] = toByte(a);
                    target[d + 1] = v;
                    target[d + 2] = v;
                    target[d + 3] = v;
                }
            }
            case 3 -> {
                if (storedOrder) {
                    for (int p = 0, d = i * width * 3, n = width * 3; p < n; p++) {
                        target[d + p] = toByte(sum[p]);
                    }
                    return;
                }
                for (int x = 0, s = 0, d = i * width * 3; x < width; x++, s += 3, d += 3) {
                    target[d] = toByte(sum[s + 2]);
                    target[d + 1] = toByte(sum[s + 1]);
                    target[d + 2] = toByte(sum[s]);
                }
            }
            default -> {
                for (int x = 0, s = 0, d = i * width * 4; x < width; x++, s += 4, d += 4) {
                    float a = sum[s + 3];
                    float straight = a >= 0.5f ? 255f / a : 0f;
                    target[d] = toByte(a);
                    target[d + 1] = toByte(sum[s + 2] * straight);
                    target[d + 2] = toByte(sum[s + 1] * straight);
                    target[d + 3] = toByte(sum[s] * straight);
                }
            }
        }
    }

    private static byte toByte(float v) {
        int q = (int) (v + 0.5f); // truncation towards zero is fine: negatives clamp to 0 anyway
        return (byte) (q < 0 ? 0 : Math.min(q, 255));
    }

    static double lanczos(double x) {
        if (x == 0) {
            return 1;
        }
        if (x <= -LOBES || x >= LOBES) {
            return 0;
        }
        double px = Math.PI * x;
        double third = Math.sin(px / LOBES);
        // with LOBES = 3, sin(px) = sin(3a) = sin(a)(3 - 4 sin²(a)): one sine per weight, not two
        return LOBES * third * (3 - 4 * third * third) * third / (px * px);
    }

    /**
     * One axis of the resize: which source pixels it reads ({@code lo..hi}), how many of them are
     * averaged into a cell, and for each output the first cell and {@code taps} weights. Every
     * output has the same number of taps, all inside the cells, so the inner loops need no
     * bounds logic; the weights include the edge clamping and the division by the cell size.
     */
    static final class Axis {
        final int lo;
        final int hi;
        final int box;
        final int cells;
        final int taps;
        final int[] first;
        final float[] weights;

        Axis(double start, double length, int out, int size) {
            double scale = length / out;
            box = boxFactor(scale);
            double stretch = Math.max(scale, 1.0); // widen the kernel when shrinking: it filters too
            double support = LOBES * stretch;
            lo = Math.max(0, (int) Math.floor(centre(start, scale, 0) - support) + 1);
            hi = Math.min(size - 1, (int) Math.ceil(centre(start, scale, out - 1) + support) - 1);
            cells = (hi - lo + box) / box;
            first = new int[out];

            // pass 1: the cells each output touches, hence the taps
            int widest = 1;
            for (int i = 0; i < out; i++) {
                double c = centre(start, scale, i);
                int from = Integer.MAX_VALUE;
                int to = Integer.MIN_VALUE;
                for (int j = firstCandidate(c, support), last = lastCandidate(c, support); j <= last; j++) {
                    if (inKernel((cellCentre(j) - c) / stretch)) { // no sines: only where the kernel is not 0
                        int k = clampCell(j);
                        from = Math.min(from, k);
                        to = Math.max(to, k);
                    }
                }
                first[i] = from;
                widest = Math.max(widest, to - from + 1);
            }
            taps = Math.min(widest, cells);

            // pass 2: normalised weights, in double until stored
            weights = new float[Math.multiplyExact(out, taps)];
            double[] w = new double[taps];
            for (int i = 0; i < out; i++) {
                double c = centre(start, scale, i);
                int f = Math.min(first[i], cells - taps);
                first[i] = f;
                java.util.Arrays.fill(w, 0);
                double total = 0;
                for (int j = firstCandidate(c, support), last = lastCandidate(c, support); j <= last; j++) {
                    double value = weight((cellCentre(j) - c) / stretch);
                    if (value != 0) {
                        int k = clampCell(j);
                        w[k - f] += value / cellSize(k);
                        total += value;
                    }
                }
                for (int t = 0; t < taps; t++) {
                    weights[i * taps + t] = (float) (w[t] / total);
                }
            }
        }

        /** The most outputs whose windows hold one cell: the accumulators {@link #downFirst} keeps. */
        int open() {
            int most = 0;
            for (int i = 0, lowest = 0; i < first.length; i++) {
                while (first[lowest] + taps <= first[i]) {
                    lowest++;
                }
                most = Math.max(most, i - lowest + 1);
            }
            return most;
        }

        /** Whether few enough outputs share a cell for {@link #downFirst}: a reduction, without averaging. */
        boolean scatters() {
            return box == 1 && first.length < (hi - lo + 1) && open() <= MAX_OPEN;
        }

        /** The kernel, without the rounding-error slivers at its ends that would cost a tap. */
        private static double weight(double x) {
            return inKernel(x) ? lanczos(x) : 0;
        }

        private static boolean inKernel(double x) {
            return Math.abs(x) < LOBES - 1e-9;
        }

        private static double centre(double start, double scale, int i) {
            return start + (i + 0.5) * scale - 0.5;
        }

        private int firstCandidate(double c, double support) {
            return (int) Math.floor((c - support - lo) / box) - 1;
        }

        private int lastCandidate(double c, double support) {
            return (int) Math.ceil((c + support - lo) / box) + 1;
        }

        /** Centre of cell j in source pixels; cells beyond the ends continue the regular grid. */
        private double cellCentre(int j) {
            int size = j >= 0 && j < cells ? cellSize(j) : box;
            return lo + (double) j * box + (size - 1) / 2.0;
        }

        private int cellSize(int j) {
            return Math.min(box, hi + 1 - (lo + j * box));
        }

        private int clampCell(int j) {
            return j < 0 ? 0 : Math.min(j, cells - 1);
        }

        static int boxFactor(double scale) {
            return scale >= BOX_ABOVE ? (int) Math.floor(scale / BOX_LEAVES) : 1;
        }

        /**
         * An open interval as long as the kernel holds at most that many evenly spaced cell
         * centres, one more with a short last cell.
         */
        static int tapsBound(double length, int out) {
            double scale = length / out;
            double support = LOBES * Math.max(scale, 1.0);
            int box = boxFactor(scale);
            int byKernel = (int) Math.ceil(2 * support / box) + (box > 1 ? 1 : 0);
            return (int) Math.min(byKernel, cellsBound(length, out));
        }

        static long cellsBound(double length, int out) {
            double scale = length / out;
            double support = LOBES * Math.max(scale, 1.0);
            return (long) Math.ceil((length + 2 * support + 1) / boxFactor(scale)) + 1;
        }
    }

    /**
     * Reads runs of a source row as float channels: grey; grey, alpha; R, G, B; or R, G, B,
     * alpha, colours premultiplied by alpha (0..255). Reads the raster's array directly for
     * the interleaved byte and 16-bit and the packed int layouts, through getRGB otherwise.
     */
    private static final class Pixels {
        private static final int BYTES = 0;
        private static final int SHORTS = 1;
        private static final int INTS = 2;
        private static final int RGB = 3;

        final int channels;
        final boolean alpha;
        /**
         * True for 8-bit B, G, R interleaved without gaps (what ImageIO decodes JPEGs to, and the
         * output's own layout): read and written in that order as one run of bytes, since the
         * resize treats the three channels alike.
         */
        final boolean storedOrder;
        private final int kind;
        private final BufferedImage image;
        private final byte[] bytes;
        private final short[] shorts;
        private final int[] ints;
        private final int base;        // array index of pixel (0, 0)
        private final int stride;      // array elements per row
        private final int pixelStride; // array elements per pixel
        private final int[] bands;     // per band, its offset (interleaved) or shift (packed)
        private final int[] rgb;       // getRGB's buffer

        private Pixels(BufferedImage image, int kind, int channels, boolean alpha, Object data,
                       int base, int stride, int pixelStride, int[] bands, int run) {
            this.image = image;
            this.kind = kind;
            this.channels = channels;
            this.alpha = alpha;
            this.bytes = data instanceof byte[] b ? b : null;
            this.shorts = data instanceof short[] s ? s : null;
            this.ints = data instanceof int[] i ? i : null;
            this.base = base;
            this.stride = stride;
            this.pixelStride = pixelStride;
            this.bands = bands;
            this.rgb = kind == RGB ? new int[run] : null;
            this.storedOrder = kind == BYTES && channels == 3 && pixelStride == 3
                    && bands[0] == 2 && bands[1] == 1 && bands[2] == 0;
        }

        /** @param run the most pixels read at once: getRGB's buffer */
        static Pixels of(BufferedImage image, int run) {
            WritableRaster raster = image.getRaster();
            SampleModel model = raster.getSampleModel();
            ColorModel colours = image.getColorModel();
            DataBuffer buffer = raster.getDataBuffer();
            int tx = raster.getSampleModelTranslateX();
            int ty = raster.getSampleModelTranslateY();
            // the JDK's own child rasters disagree on whether a DataBuffer offset counts: leave those to getRGB
            boolean plain = buffer.getNumBanks() == 1 && buffer.getOffset() == 0;
            if (plain && colours instanceof ComponentColorModel && model instanceof ComponentSampleModel sm
                    && !colours.isAlphaPremultiplied()
                    && (buffer instanceof DataBufferByte || buffer instanceof DataBufferUShort)) {
                ColorSpace space = colours.getColorSpace();
                boolean grey = space.getType() == ColorSpace.TYPE_GRAY && space.getNumComponents() == 1;
                int bits = buffer instanceof DataBufferByte ? 8 : 16;
                int n = sm.getNumBands();
                boolean sizes = true;
                for (int b = 0; b < n; b++) {
                    sizes &= colours.getComponentSize(b) == bits;
                }
                boolean alpha = colours.hasAlpha();
                if ((grey || space.isCS_sRGB()) && sizes && n == colours.getNumComponents()
                        && n == (grey ? 1 : 3) + (alpha ? 1 : 0)) {
                    int stride = sm.getScanlineStride();
                    int pixelStride = sm.getPixelStride();
                    int base = -ty * stride - tx * pixelStride;
                    Object data = bits == 8 ? ((DataBufferByte) buffer).getData() : ((DataBufferUShort) buffer).getData();
                    return new Pixels(image, bits == 8 ? BYTES : SHORTS, n, alpha, data, base, stride,
                            pixelStride, sm.getBandOffsets(), run);
                }
            }
            if (plain && colours instanceof DirectColorModel direct && model instanceof SinglePixelPackedSampleModel sm
                    && buffer instanceof DataBufferInt ints && !direct.isAlphaPremultiplied()
                    && direct.getColorSpace().isCS_sRGB() && eightBitMasks(sm)) {
                boolean alpha = direct.hasAlpha();
                int stride = sm.getScanlineStride();
                int base = -ty * stride - tx;
                return new Pixels(image, INTS, alpha ? 4 : 3, alpha, ints.getData(), base, stride, 1,
                        sm.getBitOffsets(), run);
            }
            boolean alpha = colours.hasAlpha();
            return new Pixels(image, RGB, alpha ? 4 : 3, alpha, null, 0, 0, 1, new int[] {16, 8, 0, 24}, run);
        }

        private static boolean eightBitMasks(SinglePixelPackedSampleModel sm) {
            int[] masks = sm.getBitMasks();
            int[] offsets = sm.getBitOffsets();
            if (masks.length != 3 && masks.length != 4) {
                return false;
            }
            for (int b = 0; b < masks.length; b++) {
                if (masks[b] != 0xFF << offsets[b]) {
                    return false;
                }
            }
            return true;
        }

        /** Pixels x0 .. x0 + n - 1 of row y into dst from off, channels floats each. */
        void read(int y, int x0, int n, float[] dst, int off) {
            switch (kind) {
                case BYTES -> bytes(y, x0, n, dst, off);
                case SHORTS -> shorts(y, x0, n, dst, off);
                case INTS -> packed(ints, base + y * stride + x0, n, dst, off);
                default -> {
                    for (int done = 0; done < n; ) {
                        int m = Math.min(rgb.length, n - done);
                        image.getRGB(x0 + done, y, m, 1, rgb, 0, m);
                        packed(rgb, 0, m, dst, off + done * channels);
                        done += m;
                    }
                }
            }
        }

        private void bytes(int y, int x0, int n, float[] dst, int off) {
            byte[] data = bytes;
            int i = base + y * stride + x0 * pixelStride;
            int ps = pixelStride;
            int d = off;
            switch (channels) {
                case 1 -> {
                    int o0 = bands[0];
                    for (int p = 0; p < n; p++, i += ps) {
                        dst[d++] = data[i + o0] & 0xFF;
                    }
                }
                case 2 -> {
                    int o0 = bands[0];
                    int o1 = bands[1];
                    for (int p = 0; p < n; p++, i += ps) {
                        float a = data[i + o1] & 0xFF;
                        dst[d++] = (data[i + o0] & 0xFF) * a * (1f / 255);
                        dst[d++] = a;
                    }
                }
                case 3 -> {
                    if (storedOrder) {
                        for (int p = 0, length = 3 * n; p < length; p++) {
                            dst[d + p] = data[i + p] & 0xFF;
                        }
                        return;
                    }
                    int o0 = bands[0];
                    int o1 = bands[1];
                    int o2 = bands[2];
                    for (int p = 0; p < n; p++, i += ps) {
                        dst[d++] = data[i + o0] & 0xFF;
                        dst[d++] = data[i + o1] & 0xFF;
                        dst[d++] = data[i + o2] & 0xFF;
                    }
                }
                default -> {
                    int o0 = bands[0];
                    int o1 = bands[1];
                    int o2 = bands[2];
                    int o3 = bands[3];
                    for (int p = 0; p < n; p++, i += ps) {
                        float a = data[i + o3] & 0xFF;
                        float k = a * (1f / 255);
                        dst[d++] = (data[i + o0] & 0xFF) * k;
                        dst[d++] = (data[i + o1] & 0xFF) * k;
                        dst[d++] = (data[i + o2] & 0xFF) * k;
                        dst[d++] = a;
                    }
                }
            }
        }

        private void shorts(int y, int x0, int n, float[] dst, int off) {
            short[] data = shorts;
            int i = base + y * stride + x0 * pixelStride;
            int ps = pixelStride;
            int d = off;
            float scale = 255f / 65535f;
            int alphaBand = alpha ? channels - 1 : -1;
            for (int p = 0; p < n; p++, i += ps) {
                float k = alpha ? (data[i + bands[alphaBand]] & 0xFFFF) * (1f / 65535f) : 1f;
                for (int b = 0; b < channels; b++) {
                    float v = (data[i + bands[b]] & 0xFFFF) * scale;
                    dst[d++] = b == alphaBand ? v : v * k;
                }
            }
        }

        private void packed(int[] data, int start, int n, float[] dst, int off) {
            int sr = bands[0];
            int sg = bands[1];
            int sb = bands[2];
            int d = off;
            if (!alpha) {
                for (int p = 0, i = start; p < n; p++, i++) {
                    int v = data[i];
                    dst[d++] = (v >>> sr) & 0xFF;
                    dst[d++] = (v >>> sg) & 0xFF;
                    dst[d++] = (v >>> sb) & 0xFF;
                }
            } else {
                int sa = bands[3];
                for (int p = 0, i = start; p < n; p++, i++) {
                    int v = data[i];
                    float a = (v >>> sa) & 0xFF;
                    float k = a * (1f / 255);
                    dst[d++] = ((v >>> sr) & 0xFF) * k;
                    dst[d++] = ((v >>> sg) & 0xFF) * k;
                    dst[d++] = ((v >>> sb) & 0xFF) * k;
                    dst[d++] = a;
                }
            }
        }
    }
}
