package io.imgfilter.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a JPEG at one half or one quarter of its width and height in the DCT domain, as
 * libjpeg's {@code scale_denom} 2 and 4 do: each 8×8 block becomes 4×4 (or 2×2) samples by a
 * reduced inverse DCT of its top-left 4×4 (or 2×2) coefficients, the higher ones are decoded
 * from the entropy-coded data and dropped. The 4×4 kernel is the 4-point IDCT of IJG libjpeg 7
 * ({@code jidctint.c}, 3 multiplications per 1-D pass), the 2×2 one a plain sum and difference;
 * both are exactly the 8-point IDCT evaluated between sample pairs (or quads) with the higher
 * frequencies left out.
 *
 * <p>Memory: a baseline file (one scan with every component) is decoded one MCU row at a time,
 * into the needed coefficients of that row's blocks and one row of samples per component, then
 * converted into the output raster; nothing of the whole image is kept but the output. A
 * progressive file (or a sequential one whose components come in scans of their own) keeps the
 * needed coefficients of every block, 16 or 4 shorts, plus for progressive files a 64-bit mask
 * of which of the block's coefficients are nonzero: AC refinement scans send a correction bit
 * for every nonzero coefficient of their band, the dropped ones included, so a decoder that did
 * not know which are nonzero would lose its place in the data. See {@link #coefficientBytes}.
 *
 * <p>Scope and fallback as {@link JpegDcDecoder}: 8-bit Huffman-coded baseline, extended
 * sequential and progressive JPEGs with one (grey) or three (YCbCr) components, integer sampling
 * ratios, restart intervals; anything else, and any file that is damaged, truncated or carries
 * an ICC profile, gives {@code null}, and the caller decodes with ImageIO. Chroma that is
 * subsampled at the output's scale is replicated, not interpolated. Colour conversion is libjpeg's
 * fixed-point one.
 */
final class JpegScaledDecoder {

    private static final int MAX_COMPONENTS = 3;
    private static final VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** The natural (row-major) position of each coefficient in zig-zag order. */
    private static final int[] NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    // libjpeg's fixed-point constants
    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_1_847759065 = 15137;

    private static final int SCALE_BITS = 16;
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        int half = 1 << (SCALE_BITS - 1);
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + half) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + half) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + half;
        }
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALE_BITS) + 0.5);
    }

    private final byte[] data;
    private final int scale;
    /** Samples per block side at this scale: 4 or 2. */
    private final int n;
    /** Coefficients kept per block: n × n. */
    private final int kept;
    /** For each zig-zag index, where the block keeps it, or -1. */
    private final int[] slotOf = new int[64];
    /** The highest zig-zag index kept. */
    private final int lastKept;
    private final Rectangle requested;
    private final long deadlineNanos;
    private int pos;

    private boolean progressive;
    private int width;
    private int height;
    private int hmax;
    private int vmax;
    private int mcusX;
    private int mcusY;
    private Component[] components;
    private final int[][] quantTables = new int[4][];
    private final Huffman[] dcTables = new Huffman[4];
    private final Huffman[] acTables = new Huffman[4];
    private int restartInterval;
    private int adobeTransform = -1;
    /** Sequential, every component in the first scan: decoded and output one MCU row at a time. */
    private boolean streamed;
    /** Coefficients of every block are kept (progressive, or components in scans of their own). */
    private boolean buffered;
    private int eobRun;

    // output, in output pixels
    private int outX0;
    private int outY0;
    private int outX1;
    private int outY1;
    private BufferedImage image;
    private final int[] workspace = new int[16];

    // bit reader over the entropy-coded segment
    private long bits;
    private int bitCount;
    private boolean atMarker;
    private int paddedBytes;

    private JpegScaledDecoder(byte[] data, int scale, Rectangle region, long deadlineNanos) {
        this.data = data;
        this.scale = scale;
        this.n = 8 / scale;
        this.kept = n * n;
        this.requested = region;
        this.deadlineNanos = deadlineNanos;
        int last = 0;
        for (int k = 0; k < 64; k++) {
            int row = NATURAL[k] >> 3;
            int col = NATURAL[k] & 7;
            slotOf[k] = row < n && col < n ? row * n + col : -1;
            if (slotOf[k] >= 0) {
                last = k;
            }
        }
        this.lastKept = last;
    }

    /**
     * @param scale  2, 4 or 8 (8: each block's mean, from its DC coefficient; used for
     *               single-scan files, where it reads the AC coefficients past faster than
     *               {@link JpegDcDecoder})
     * @param region the stored pixels wanted, or {@code null} for all; the output covers the
     *               output pixels that overlap it, see {@link #outputBounds}
     * @return the region at 1/{@code scale} size (rounded outwards), or {@code null} when this
     *         decoder does not handle the file
     * @throws RenderTimeoutException once {@code deadlineNanos} (a {@link System#nanoTime()}) has passed
     */
    static BufferedImage decode(byte[] data, int scale, Rectangle region, long deadlineNanos) throws RenderTimeoutException {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale " + scale);
        }
        try {
            return new JpegScaledDecoder(data, scale, region, deadlineNanos).run();
        } catch (Unsupported | RuntimeException e) {
            return null; // damaged or out of scope: ImageIO decides
        }
    }

    static BufferedImage decode(byte[] data, int scale, long deadlineNanos) throws RenderTimeoutException {
        return decode(data, scale, null, deadlineNanos);
    }

    /**
     * The output pixels (at 1/{@code scale}) that cover a region of stored pixels: from the one
     * holding its first pixel to the one holding its last.
     */
    static Rectangle outputBounds(Rectangle region, int scale, int width, int height) {
        int x0 = Math.max(0, region.x / scale);
        int y0 = Math.max(0, region.y / scale);
        int x1 = Math.min(ceilDiv(width, scale), ceilDiv(region.x + region.width, scale));
        int y1 = Math.min(ceilDiv(height, scale), ceilDiv(region.y + region.height, scale));
        return new Rectangle(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** The stored pixels that output pixels at 1/{@code scale} show. */
    static Rectangle storedBounds(Rectangle output, int scale, int width, int height) {
        int x0 = output.x * scale;
        int y0 = output.y * scale;
        return new Rectangle(x0, y0, Math.min(width, (output.x + output.width) * scale) - x0,
                Math.min(height, (output.y + output.height) * scale) - y0);
    }

    /**
     * An upper bound of the coefficients a progressive (or non-interleaved) file needs kept:
     * per 8×8 block of each component (4:4:4 is the worst case), the kept coefficients as shorts
     * and a 64-bit mask.
     */
    static long coefficientBytes(int width, int height, int scale) {
        int k = (8 / scale) * (8 / scale);
        // MCUs of up to 4×4 blocks round each side up to 32 pixels at most
        long blocks = (long) ceilDiv(width + 31, 8) * ceilDiv(height + 31, 8) * MAX_COMPONENTS;
        return blocks * (2L * k + 8);
    }

    /** A file this decoder leaves to ImageIO. Control flow only, no stack trace. */
    private static final class Unsupported extends Exception {
        private static final Unsupported INSTANCE = new Unsupported();

        private Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Component {
        int id;
        int h;
        int v;
        int quantTable;
        /** The dequantisation of each kept coefficient, latched at the component's first scan. */
        int[] quant;
        int dcTable;
        int acTable;
        int blocksWide;
        int blocksHigh;
        /** Blocks per row of the coefficient buffers: whole MCUs. */
        int stride;
        /** Kept coefficients: of every block when buffered, else of one MCU row. */
        short[] coef;
        /** Per block, bit k: the zig-zag coefficient k is nonzero (progressive only). */
        long[] nonzero;
        int predictor;
        boolean seen;
        /** One MCU row of samples at the output scale. */
        byte[] plane;
        int planeWidth;
        /** Output pixels per sample across and down. */
        int fx;
        int fy;
    }

    private BufferedImage run() throws Unsupported, RenderTimeoutException {
        if (u8(0) != 0xFF || u8(1) != 0xD8) {
            throw Unsupported.INSTANCE;
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            switch (marker) {
                case 0xC0, 0xC1 -> frame(false);
                case 0xC2 -> frame(true);
                case 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xDC -> throw Unsupported.INSTANCE;
                case 0xC4 -> huffmanTables();
                case 0xDB -> quantTables();
                case 0xDD -> {
                    segmentLength(4);
                    restartInterval = u16(pos + 2);
                    pos += 4;
                }
                case 0xDA -> scan();
                case 0xD9 -> {
                    return finish();
                }
                case 0xE2 -> {
                    if (startsWith(pos + 2, "ICC_PROFILE")) {
                        throw Unsupported.INSTANCE; // colour management is ImageIO's
                    }
                    skipSegment();
                }
                case 0xEE -> {
                    int length = segmentLength(2);
                    if (length >= 14 && startsWith(pos + 2, "Adobe")) {
                        adobeTransform = u8(pos + 13);
                    }
                    pos += length;
                }
                default -> {
                    if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                        continue; // stray restart marker or TEM: no length
                    }
                    skipSegment();
                }
            }
        }
    }

    private int nextMarker() throws Unsupported {
        if (u8(pos) != 0xFF) {
            throw Unsupported.INSTANCE;
        }
        while (u8(pos) == 0xFF) {
            pos++; // fill bytes
        }
        return u8(pos++);
    }

    private int segmentLength(int minimum) throws Unsupported {
        int length = u16(pos);
        if (length < minimum || pos + length > data.length) {
            throw Unsupported.INSTANCE;
        }
        return length;
    }

    private void skipSegment() throws Unsupported {
        pos += segmentLength(2);
    }

    private void frame(boolean progressive) throws Unsupported {
        if (components != null) {
            throw Unsupported.INSTANCE; // a second frame: hierarchical
        }
        int length = segmentLength(8);
        int precision = u8(pos + 2);
        height = u16(pos + 3);
        width = u16(pos + 5);
        int count = u8(pos + 7);
        if (precision != 8 || width == 0 || height == 0 || (count != 1 && count != MAX_COMPONENTS)
                || length != 8 + 3 * count) {
            throw Unsupported.INSTANCE;
        }
        this.progressive = progressive;
        this.buffered = progressive;
        components = new Component[count];
        for (int i = 0; i < count; i++) {
            Component c = new Component();
            int at = pos + 8 + 3 * i;
            c.id = u8(at);
            c.h = u8(at + 1) >> 4;
            c.v = u8(at + 1) & 15;
            c.quantTable = u8(at + 2);
            if (c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 || c.quantTable > 3) {
                throw Unsupported.INSTANCE;
            }
            if (count == 1) {
                c.h = 1; // one component: its MCU is one block whatever the header says
                c.v = 1;
            }
            hmax = Math.max(hmax, c.h);
            vmax = Math.max(vmax, c.v);
            components[i] = c;
        }
        mcusX = ceilDiv(width, 8 * hmax);
        mcusY = ceilDiv(height, 8 * vmax);
        for (Component c : components) {
            if (hmax % c.h != 0 || vmax % c.v != 0) {
                throw Unsupported.INSTANCE;
            }
            c.stride = mcusX * c.h;
            c.blocksWide = ceilDiv(ceilDiv(width * c.h, hmax), 8);
            c.blocksHigh = ceilDiv(ceilDiv(height * c.v, vmax), 8);
            c.fx = hmax / c.h;
            c.fy = vmax / c.v;
        }
        if (count == MAX_COMPONENTS && (components[0].h != hmax || components[0].v != vmax)) {
            throw Unsupported.INSTANCE; // luma must carry the full resolution
        }
        Rectangle out = outputBounds(requested != null ? requested : new Rectangle(0, 0, width, height),
                scale, width, height);
        outX0 = out.x;
        outY0 = out.y;
        outX1 = out.x + out.width;
        outY1 = out.y + out.height;
        if (progressive) {
            allocateCoefficients();
        }
        pos += length;
    }

    private void allocateCoefficients() {
        for (Component c : components) {
            int blocks = c.stride * mcusY * c.v;
            c.coef = new short[blocks * kept];
            c.nonzero = progressive ? new long[blocks] : null;
        }
    }

    private void quantTables() throws Unsupported {
        int end = pos + segmentLength(2);
        int at = pos + 2;
        while (at < end) {
            int pq = u8(at) >> 4;
            int tq = u8(at) & 15;
            if (tq > 3 || pq > 1) {
                throw Unsupported.INSTANCE;
            }
            int size = pq == 0 ? 64 : 128;
            if (at + 1 + size > end) {
                throw Unsupported.INSTANCE;
            }
            int[] table = new int[64]; // zig-zag order, as stored
            for (int k = 0; k < 64; k++) {
                table[k] = pq == 0 ? u8(at + 1 + k) : u16(at + 1 + 2 * k);
            }
            quantTables[tq] = table;
            at += 1 + size;
        }
        pos = end;
    }

    private void huffmanTables() throws Unsupported {
        int end = pos + segmentLength(2);
        int at = pos + 2;
        while (at < end) {
            int tc = u8(at) >> 4;
            int th = u8(at) & 15;
            if (tc > 1 || th > 3 || at + 17 > end) {
                throw Unsupported.INSTANCE;
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(at + l);
                total += counts[l];
            }
            if (total > 256 || at + 17 + total > end) {
                throw Unsupported.INSTANCE;
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8(at + 17 + i);
            }
            Huffman table = new Huffman(counts, symbols);
            if (tc == 0) {
                dcTables[th] = table;
            } else {
                acTables[th] = table;
            }
            at += 17 + total;
        }
        pos = end;
    }

    // --- scans ---

    private static final int SEQUENTIAL = 0;
    private static final int DC_FIRST = 1;
    private static final int DC_REFINE = 2;
    private static final int AC_FIRST = 3;
    private static final int AC_REFINE = 4;

    private void scan() throws Unsupported, RenderTimeoutException {
        if (components == null || streamed) {
            throw Unsupported.INSTANCE; // no frame yet, or a scan after the one that had it all
        }
        if (isRgb()) {
            throw Unsupported.INSTANCE; // uncommon; ImageIO knows its rules
        }
        int length = segmentLength(6);
        int count = u8(pos + 2);
        if (count < 1 || count > components.length || length != 6 + 2 * count) {
            throw Unsupported.INSTANCE;
        }
        Component[] inScan = new Component[count];
        for (int i = 0; i < count; i++) {
            int id = u8(pos + 3 + 2 * i);
            int tables = u8(pos + 4 + 2 * i);
            Component c = null;
            for (Component candidate : components) {
                if (candidate.id == id) {
                    c = candidate;
                }
            }
            if (c == null) {
                throw Unsupported.INSTANCE;
            }
            for (int j = 0; j < i; j++) {
                if (inScan[j] == c) {
                    throw Unsupported.INSTANCE;
                }
            }
            c.dcTable = tables >> 4;
            c.acTable = tables & 15;
            if (c.dcTable > 3 || c.acTable > 3) {
                throw Unsupported.INSTANCE;
            }
            inScan[i] = c;
        }
        int at = pos + 3 + 2 * count;
        int ss = u8(at);
        int se = u8(at + 1);
        int ah = u8(at + 2) >> 4;
        int al = u8(at + 2) & 15;
        pos += length;

        int kind;
        if (!progressive) {
            if (ss != 0 || se != 63 || ah != 0 || al != 0) {
                throw Unsupported.INSTANCE;
            }
            kind = SEQUENTIAL;
            if (!buffered && count == components.length) {
                streamed = true;
            } else if (!buffered) {
                buffered = true; // components in scans of their own: keep them all
                allocateCoefficients();
            }
        } else {
            boolean dc = ss == 0;
            if (dc ? se != 0 : se < ss || se > 63 || count != 1) {
                throw Unsupported.INSTANCE;
            }
            if (al > 13 || ah != 0 && ah != al + 1) {
                throw Unsupported.INSTANCE;
            }
            kind = dc ? (ah == 0 ? DC_FIRST : DC_REFINE) : (ah == 0 ? AC_FIRST : AC_REFINE);
        }
        for (Component c : inScan) {
            if (c.quant == null) {
                int[] table = quantTables[c.quantTable];
                if (table == null) {
                    throw Unsupported.INSTANCE;
                }
                c.quant = new int[kept];
                for (int k = 0; k < 64; k++) {
                    if (slotOf[k] >= 0) {
                        c.quant[slotOf[k]] = table[k];
                    }
                }
            }
            boolean needsDc = kind == SEQUENTIAL || kind == DC_FIRST;
            boolean needsAc = kind == SEQUENTIAL || kind == AC_FIRST || kind == AC_REFINE;
            if (needsDc && dcTables[c.dcTable] == null || needsAc && acTables[c.acTable] == null) {
                throw Unsupported.INSTANCE;
            }
            if ((kind == DC_REFINE || kind == AC_FIRST || kind == AC_REFINE) && !c.seen) {
                throw Unsupported.INSTANCE; // AC or refinement before the component's DC
            }
        }
        if (streamed) {
            prepareOutput();
            for (Component c : components) {
                c.coef = new short[c.stride * c.v * kept];
            }
        }
        decodeScan(inScan, kind, ss, se, al);
        for (Component c : inScan) {
            c.seen = true;
        }
    }

    private void decodeScan(Component[] inScan, int kind, int ss, int se, int al) throws Unsupported, RenderTimeoutException {
        boolean single = inScan.length == 1;
        int unitsWide = single ? inScan[0].blocksWide : mcusX;
        int unitsHigh = single ? inScan[0].blocksHigh : mcusY;
        resetDecoder(inScan);
        int restartsLeft = restartInterval;
        for (int my = 0; my < unitsHigh; my++) {
            checkDeadline();
            if (streamed) {
                for (Component c : inScan) {
                    Arrays.fill(c.coef, (short) 0);
                }
            }
            for (int mx = 0; mx < unitsWide; mx++) {
                if (restartInterval > 0) {
                    if (restartsLeft == 0) {
                        restart(inScan);
                        restartsLeft = restartInterval;
                    }
                    restartsLeft--;
                }
                for (Component c : inScan) {
                    int bw = single ? 1 : c.h;
                    int bh = single ? 1 : c.v;
                    for (int by = 0; by < bh; by++) {
                        int row = single ? my : my * c.v + by;
                        if (streamed) {
                            row -= my * c.v; // the buffer holds this MCU row only
                        }
                        for (int bx = 0; bx < bw; bx++) {
                            int block = row * c.stride + (single ? mx : mx * c.h + bx);
                            switch (kind) {
                                case SEQUENTIAL -> sequentialBlock(c, block * kept);
                                case DC_FIRST -> dcFirst(c, block * kept, al);
                                case DC_REFINE -> dcRefine(c, block * kept, al);
                                case AC_FIRST -> acFirst(c, block, ss, se, al);
                                default -> acRefine(c, block, ss, se, al);
                            }
                        }
                    }
                }
            }
            if (streamed) {
                outputMcuRow(my);
            }
        }
        checkNotPastData();
        skipEntropyCodedSegment(); // normally already on the next marker
    }

    /** A baseline or extended sequential block: DC, AC up to the last kept, the rest skipped. */
    private void sequentialBlock(Component c, int at) throws Unsupported {
        short[] coef = c.coef;
        fill();
        int s = dcTables[c.dcTable].decode(this);
        if (s > 11) {
            throw Unsupported.INSTANCE;
        }
        int diff = s == 0 ? 0 : extend(take(s), s);
        c.predictor += diff;
        coef[at] = (short) c.predictor;
        Huffman table = acTables[c.acTable];
        int[] values = table.acValues();
        int k = 1;
        while (k <= lastKept) {
            fill();
            int fast = values[peek(Huffman.SKIP_BITS)];
            if (fast != 0) {
                // a short code and its value bits, decoded in one step
                bitCount -= fast & 0xF;
                k += (fast >> 4) & 0xF;
                if (k > 63) {
                    throw Unsupported.INSTANCE;
                }
                int slot = slotOf[k];
                if (slot >= 0) {
                    coef[at + slot] = (short) (fast >> 16);
                }
                k++;
                continue;
            }
            int rs = table.decode(this);
            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run != 15) {
                    return; // end of block
                }
                k += 16;
                continue;
            }
            k += run;
            if (k > 63 || size > 10) {
                throw Unsupported.INSTANCE;
            }
            int value = extend(take(size), size);
            int slot = slotOf[k];
            if (slot >= 0) {
                coef[at + slot] = (short) value;
            }
            k++;
        }
        skipAc(table, k);
    }

    /** Reads past a block's remaining AC coefficients, from zig-zag index {@code k}. */
    private void skipAc(Huffman table, int from) throws Unsupported {
        int[] skips = table.acSkips();
        int k = from;
        // the bit buffer in locals: the hot loop then keeps it in registers
        long buffer = bits;
        int count = bitCount;
        while (k < 64) {
            if (count < 32) {
                bitCount = count;
                refill();
                buffer = bits;
                count = bitCount;
            }
            int skip = skips[(int) (buffer >>> (count - Huffman.SKIP_BITS)) & ((1 << Huffman.SKIP_BITS) - 1)];
            if (skip != 0) {
                // code and value bits together, in one step
                count -= (skip >> 8) & 0xFF;
                if ((skip & Huffman.END_OF_BLOCK) != 0) {
                    bitCount = count;
                    return;
                }
                k += skip & 0xFF;
                continue;
            }
            bitCount = count;
            int rs = table.decode(this);
            count = bitCount;
            int run = rs >> 4;
            int size = rs & 15;
            if (size == 0) {
                if (run != 15) {
                    return; // end of block
                }
                k += 16;
            } else {
                k += run + 1;
                count -= size; // the coefficient's value bits
            }
        }
        bitCount = count;
        if (k > 64) {
            throw Unsupported.INSTANCE;
        }
    }

    private void dcFirst(Component c, int at, int al) throws Unsupported {
        fill();
        int s = dcTables[c.dcTable].decode(this);
        if (s > 11) {
            throw Unsupported.INSTANCE;
        }
        int diff = s == 0 ? 0 : extend(take(s), s);
        c.predictor += diff;
        c.coef[at] = (short) (c.predictor << al);
    }

    private void dcRefine(Component c, int at, int al) {
        fill();
        if (take(1) != 0) {
            c.coef[at] |= (short) (1 << al);
        }
    }

    /** A progressive AC first scan's block: coefficients ss to se, or part of a run of empty blocks. */
    private void acFirst(Component c, int block, int ss, int se, int al) throws Unsupported {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        Huffman table = acTables[c.acTable];
        short[] coef = c.coef;
        int at = block * kept;
        long mask = c.nonzero[block];
        for (int k = ss; k <= se; k++) {
            fill();
            int rs = table.decode(this);
            int run = rs >> 4;
            int size = rs & 15;
            if (size != 0) {
                k += run;
                if (k > se || size > 10) {
                    throw Unsupported.INSTANCE;
                }
                int value = extend(take(size), size) << al;
                mask |= 1L << k;
                int slot = slotOf[k];
                if (slot >= 0) {
                    coef[at + slot] = (short) value;
                }
            } else if (run == 15) {
                k += 15;
            } else {
                eobRun = 1 << run;
                if (run != 0) {
                    eobRun += take(run);
                }
                eobRun--;
                break;
            }
        }
        c.nonzero[block] = mask;
    }

    /**
     * A progressive AC refinement scan's block (libjpeg's {@code decode_mcu_AC_refine}): one
     * more bit of each coefficient already nonzero, and coefficients that become ±1 at this bit.
     */
    private void acRefine(Component c, int block, int ss, int se, int al) throws Unsupported {
        Huffman table = acTables[c.acTable];
        short[] coef = c.coef;
        int at = block * kept;
        long mask = c.nonzero[block];
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobRun == 0) {
            for (; k <= se; k++) {
                fill();
                int rs = table.decode(this);
                int run = rs >> 4;
                int size = rs & 15;
                int value = 0;
                if (size != 0) {
                    if (size != 1) {
                        throw Unsupported.INSTANCE;
                    }
                    value = take(1) != 0 ? p1 : m1;
                } else if (run != 15) {
                    eobRun = 1 << run;
                    if (run != 0) {
                        eobRun += take(run);
                    }
                    break; // the rest of this block is in the run
                }
                // skip `run` zero coefficients, correcting the nonzero ones passed on the way
                do {
                    if ((mask & (1L << k)) != 0) {
                        correct(coef, at, k, p1, m1);
                    } else if (--run < 0) {
                        break; // the zero coefficient that becomes `value`
                    }
                    k++;
                } while (k <= se);
                if (value != 0) {
                    if (k > se) {
                        throw Unsupported.INSTANCE;
                    }
                    mask |= 1L << k;
                    int slot = slotOf[k];
                    if (slot >= 0) {
                        coef[at + slot] = (short) value;
                    }
                }
            }
        }
        if (eobRun > 0) {
            // in a run of blocks with no new coefficients: corrections only
            for (; k <= se; k++) {
                if ((mask & (1L << k)) != 0) {
                    correct(coef, at, k, p1, m1);
                }
            }
            eobRun--;
        }
        c.nonzero[block] = mask;
    }

    private void correct(short[] coef, int at, int k, int p1, int m1) {
        fill();
        if (take(1) != 0) {
            int slot = slotOf[k];
            if (slot >= 0) {
                int value = coef[at + slot];
                if ((value & p1) == 0) {
                    coef[at + slot] = (short) (value >= 0 ? value + p1 : value + m1);
                }
            }
        }
    }

    private void resetDecoder(Component[] inScan) {
        bits = 0;
        bitCount = 0;
        atMarker = false;
        paddedBytes = 0;
        eobRun = 0;
        for (Component c : inScan) {
            c.predictor = 0;
        }
    }

    /** Expects a restart marker where the entropy-coded data stops, and starts afresh after it. */
    private void restart(Component[] inScan) throws Unsupported {
        checkNotPastData();
        int marker = markerAt(pos);
        if (marker < 0xD0 || marker > 0xD7) {
            throw Unsupported.INSTANCE;
        }
        pos = markerEnd(pos);
        resetDecoder(inScan);
    }

    /**
     * A well-formed segment pads its last byte with one bits: a decoder that had to read the
     * zeros put in past a marker was given too little data (libjpeg's "premature end").
     */
    private void checkNotPastData() throws Unsupported {
        if ((long) paddedBytes * 8 > bitCount) {
            throw Unsupported.INSTANCE;
        }
    }

    private int markerAt(int at) throws Unsupported {
        if (u8(at) != 0xFF) {
            throw Unsupported.INSTANCE;
        }
        int p = at;
        while (u8(p) == 0xFF) {
            p++;
        }
        return u8(p);
    }

    private int markerEnd(int at) {
        int p = at;
        while (u8(p) == 0xFF) {
            p++;
        }
        return p + 1;
    }

    /** Moves {@link #pos} to the next marker that is neither stuffing nor a restart. */
    private void skipEntropyCodedSegment() throws Unsupported {
        byte[] d = data;
        int p = pos;
        int last = d.length - 1;
        while (true) {
            while (p < last && d[p] != (byte) 0xFF) {
                p++;
            }
            if (p >= last) {
                throw Unsupported.INSTANCE; // no end: truncated
            }
            int next = d[p + 1] & 0xFF;
            if (next == 0 || next == 0xFF || (next >= 0xD0 && next <= 0xD7)) {
                p += next == 0xFF ? 1 : 2;
                continue;
            }
            pos = p;
            return;
        }
    }

    private void checkDeadline() throws RenderTimeoutException {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new RenderTimeoutException();
        }
    }

    // --- bits ---

    /** Tops the bit buffer up to at least 57 bits; past a marker or the end, zeros. */
    private void fill() {
        if (bitCount < 32) {
            refill(); // kept apart so that this check inlines into the decoding loops
        }
    }

    private void refill() {
        byte[] d = data;
        if (!atMarker && pos + 4 <= d.length) {
            int word = (int) INT_BIG_ENDIAN.get(d, pos);
            int inverted = ~word;
            if (((inverted - 0x01010101) & ~inverted & 0x80808080) == 0) {
                // no 0xFF among the four bytes: neither stuffing nor a marker
                bits = (bits << 32) | (word & 0xFFFFFFFFL);
                bitCount += 32;
                pos += 4;
                return;
            }
        }
        while (bitCount <= 56) {
            int b;
            if (atMarker) {
                b = 0;
                paddedBytes++;
            } else if (pos >= d.length) {
                atMarker = true; // the data ended inside a scan
                paddedBytes++;
                b = 0;
            } else {
                b = d[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < d.length ? d[pos + 1] & 0xFF : -1;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        atMarker = true; // leave pos on the marker
                        b = 0;
                        paddedBytes++;
                    }
                } else {
                    pos++;
                }
            }
            bits = (bits << 8) | b;
            bitCount += 8;
        }
    }

    private int peek(int n) {
        return (int) (bits >>> (bitCount - n)) & ((1 << n) - 1);
    }

    private int take(int n) {
        int value = peek(n);
        bitCount -= n;
        return value;
    }

    private static int extend(int value, int size) {
        return value < (1 << (size - 1)) ? value - (1 << size) + 1 : value;
    }

    /** A canonical Huffman table with a 9-bit lookup for the common short codes. */
    private static final class Huffman {
        private static final int LOOKUP_BITS = 9;
        private final int[] lookup = new int[1 << LOOKUP_BITS];
        private final int[] maxCode = new int[18];
        private final int[] offset = new int[17];
        private final int[] symbols;
        /**
         * For AC tables: per {@value #SKIP_BITS}-bit prefix, the bits of a code and its value
         * together and how many coefficients they cover (0: not that short, decode slowly).
         */
        private final int[] skips = new int[1 << SKIP_BITS];
        /**
         * For AC tables: per {@value #SKIP_BITS}-bit prefix starting with a coefficient's code and
         * value bits, the value (high 16 bits, signed), the zero run before it (bits 4–7) and the
         * bits used (bits 0–3); 0 where the prefix is an end of block, a run of 16 or too long.
         */
        private final int[] values = new int[1 << SKIP_BITS];

        static final int SKIP_BITS = 12;
        static final int END_OF_BLOCK = 1 << 16;

        Huffman(int[] counts, int[] symbols) throws Unsupported {
            this.symbols = symbols;
            int code = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                offset[length] = k - code;
                for (int i = 0; i < counts[length]; i++) {
                    if (length <= LOOKUP_BITS) {
                        int shift = LOOKUP_BITS - length;
                        for (int fill = 0; fill < 1 << shift; fill++) {
                            lookup[(code << shift) | fill] = (length << 8) | symbols[k];
                        }
                    }
                    if (length <= SKIP_BITS) {
                        noteSkip(code, length, symbols[k]);
                    }
                    code++;
                    k++;
                }
                if (code > 1 << length) {
                    throw Unsupported.INSTANCE;
                }
                maxCode[length] = counts[length] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }

        /** Records what a short AC code followed by its value bits amounts to, when both fit. */
        private void noteSkip(int code, int length, int symbol) {
            int run = symbol >> 4;
            int size = symbol & 15;
            int entry;
            if (size == 0) {
                entry = run == 15 ? (length << 8) | 16 : (length << 8) | END_OF_BLOCK;
            } else if (length + size <= SKIP_BITS) {
                entry = ((length + size) << 8) | (run + 1);
            } else {
                return;
            }
            int shift = SKIP_BITS - length;
            for (int fill = 0; fill < 1 << shift; fill++) {
                int prefix = (code << shift) | fill;
                skips[prefix] = entry;
                if (size != 0) {
                    // the value is the size bits after the code, sign-extended as JPEG does
                    int raw = (fill >> (shift - size)) & ((1 << size) - 1);
                    values[prefix] = (extend(raw, size) << 16) | (run << 4) | (length + size);
                }
            }
        }

        int[] acSkips() {
            return skips;
        }

        int[] acValues() {
            return values;
        }

        /** Needs at least 16 bits in the buffer. */
        int decode(JpegScaledDecoder in) throws Unsupported {
            int entry = lookup[in.peek(LOOKUP_BITS)];
            if (entry != 0) {
                in.bitCount -= entry >> 8;
                return entry & 0xFF;
            }
            for (int length = LOOKUP_BITS + 1; length <= 16; length++) {
                int code = in.peek(length);
                if (code <= maxCode[length]) {
                    in.bitCount -= length;
                    return symbols[offset[length] + code];
                }
            }
            throw Unsupported.INSTANCE; // not a code of this table
        }
    }

    // --- output ---

    private boolean isRgb() {
        return components.length == MAX_COMPONENTS && (adobeTransform == 0
                || components[0].id == 'R' && components[1].id == 'G' && components[2].id == 'B');
    }

    private void prepareOutput() {
        int w = outX1 - outX0;
        int h = outY1 - outY0;
        image = new BufferedImage(w, h, components.length == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (Component c : components) {
            c.planeWidth = c.stride * n;
            c.plane = new byte[c.planeWidth * c.v * n];
        }
    }

    private BufferedImage finish() throws Unsupported, RenderTimeoutException {
        if (components == null || isRgb()) {
            throw Unsupported.INSTANCE;
        }
        for (Component c : components) {
            if (!c.seen) {
                throw Unsupported.INSTANCE; // a component without data
            }
        }
        if (!streamed) {
            prepareOutput();
            for (int my = 0; my < mcusY; my++) {
                checkDeadline();
                outputMcuRow(my);
            }
        }
        return image;
    }

    /** Transforms the kept coefficients of one MCU row and writes the output pixels it covers. */
    private void outputMcuRow(int my) {
        int rowsPerMcu = vmax * n;
        int y0 = Math.max(outY0, my * rowsPerMcu);
        int y1 = Math.min(outY1, (my + 1) * rowsPerMcu);
        if (y0 >= y1) {
            return;
        }
        for (Component c : components) {
            // only the blocks that hold output columns
            int bx0 = outX0 / c.fx / n;
            int bx1 = Math.min(c.stride, (outX1 - 1) / c.fx / n + 1);
            int firstRow = streamed ? 0 : my * c.v;
            for (int by = 0; by < c.v; by++) {
                int block = (firstRow + by) * c.stride;
                for (int bx = bx0; bx < bx1; bx++) {
                    int at = (block + bx) * kept;
                    int out = by * n * c.planeWidth + bx * n;
                    if (n == 4) {
                        idct4x4(c.coef, at, c.quant, c.plane, out, c.planeWidth, workspace);
                    } else if (n == 2) {
                        idct2x2(c.coef, at, c.quant, c.plane, out, c.planeWidth);
                    } else {
                        c.plane[out] = (byte) clamp((c.coef[at] * c.quant[0] + (128 << 3) + 4) >> 3); // the block's mean
                    }
                }
            }
        }
        int w = outX1 - outX0;
        int top = my * rowsPerMcu;
        if (components.length == 1) {
            byte[] out = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            Component grey = components[0];
            for (int y = y0; y < y1; y++) {
                System.arraycopy(grey.plane, (y - top) * grey.planeWidth + outX0, out, (y - outY0) * w, w);
            }
            return;
        }
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        Component luma = components[0];
        Component blue = components[1];
        Component red = components[2];
        byte[] yPlane = luma.plane;
        byte[] cbPlane = blue.plane;
        byte[] crPlane = red.plane;
        for (int y = y0; y < y1; y++) {
            int yRow = (y - top) * luma.planeWidth;
            int cbRow = (y - top) / blue.fy * blue.planeWidth;
            int crRow = (y - top) / red.fy * red.planeWidth;
            int o = (y - outY0) * w - outX0;
            if (blue.fx == 1 && red.fx == 1) {
                for (int x = outX0; x < outX1; x++) {
                    out[o + x] = rgb(yPlane[yRow + x] & 0xFF, cbPlane[cbRow + x] & 0xFF, crPlane[crRow + x] & 0xFF);
                }
            } else if (blue.fx == 2 && red.fx == 2) {
                // 4:2:0 and 4:2:2, the common case: each chroma sample colours two pixels
                int x = outX0;
                if ((x & 1) != 0) {
                    out[o + x] = rgb(yPlane[yRow + x] & 0xFF, cbPlane[cbRow + (x >> 1)] & 0xFF, crPlane[crRow + (x >> 1)] & 0xFF);
                    x++;
                }
                for (; x + 1 < outX1; x += 2) {
                    int cb = cbPlane[cbRow + (x >> 1)] & 0xFF;
                    int cr = crPlane[crRow + (x >> 1)] & 0xFF;
                    int red0 = CR_R[cr];
                    int green0 = (CB_G[cb] + CR_G[cr]) >> SCALE_BITS;
                    int blue0 = CB_B[cb];
                    int y0v = yPlane[yRow + x] & 0xFF;
                    int y1v = yPlane[yRow + x + 1] & 0xFF;
                    out[o + x] = (clamp(y0v + red0) << 16) | (clamp(y0v + green0) << 8) | clamp(y0v + blue0);
                    out[o + x + 1] = (clamp(y1v + red0) << 16) | (clamp(y1v + green0) << 8) | clamp(y1v + blue0);
                }
                if (x < outX1) {
                    out[o + x] = rgb(yPlane[yRow + x] & 0xFF, cbPlane[cbRow + (x >> 1)] & 0xFF, crPlane[crRow + (x >> 1)] & 0xFF);
                }
            } else {
                int bfx = blue.fx;
                int rfx = red.fx;
                for (int x = outX0; x < outX1; x++) {
                    out[o + x] = rgb(yPlane[yRow + x] & 0xFF, cbPlane[cbRow + x / bfx] & 0xFF, crPlane[crRow + x / rfx] & 0xFF);
                }
            }
        }
    }

    private static int rgb(int y, int cb, int cr) {
        int r = clamp(y + CR_R[cr]);
        int g = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
        int b = clamp(y + CB_B[cb]);
        return (r << 16) | (g << 8) | b;
    }

    private static int clamp(int v) {
        return (v & ~0xFF) == 0 ? v : v < 0 ? 0 : 255;
    }

    /**
     * The 4×4 reduced inverse DCT of a block's top-left 4×4 coefficients (row-major, vertical
     * frequency first), dequantised, level-shifted and clamped into {@code out}; {@code ws}
     * holds 16 ints of intermediate results.
     */
    static void idct4x4(short[] coef, int at, int[] quant, byte[] out, int outAt, int outStride, int[] ws) {
        // pass 1: columns, into a work array with PASS1_BITS more bits
        for (int col = 0; col < 4; col++) {
            int d0 = coef[at + col] * quant[col];
            int d1 = coef[at + 4 + col] * quant[4 + col];
            int d2 = coef[at + 8 + col] * quant[8 + col];
            int d3 = coef[at + 12 + col] * quant[12 + col];
            if ((d1 | d2 | d3) == 0) {
                int dc = d0 << PASS1_BITS;
                ws[col] = dc;
                ws[4 + col] = dc;
                ws[8 + col] = dc;
                ws[12 + col] = dc;
                continue;
            }
            int tmp10 = (d0 + d2) << PASS1_BITS;
            int tmp12 = (d0 - d2) << PASS1_BITS;
            int z1 = (d1 + d3) * FIX_0_541196100 + (1 << (CONST_BITS - PASS1_BITS - 1));
            int tmp0 = (z1 + d1 * FIX_0_765366865) >> (CONST_BITS - PASS1_BITS);
            int tmp2 = (z1 - d3 * FIX_1_847759065) >> (CONST_BITS - PASS1_BITS);
            ws[col] = tmp10 + tmp0;
            ws[12 + col] = tmp10 - tmp0;
            ws[4 + col] = tmp12 + tmp2;
            ws[8 + col] = tmp12 - tmp2;
        }
        // pass 2: rows; the 1/8 of the 2-D transform, the rounding and the level shift in one
        int shift = CONST_BITS + PASS1_BITS + 3;
        int bias = (128 << shift) + (1 << (shift - 1));
        for (int row = 0; row < 4; row++) {
            int w = row * 4;
            int d0 = ws[w];
            int d1 = ws[w + 1];
            int d2 = ws[w + 2];
            int d3 = ws[w + 3];
            int tmp10 = ((d0 + d2) << CONST_BITS) + bias;
            int tmp12 = ((d0 - d2) << CONST_BITS) + bias;
            int z1 = (d1 + d3) * FIX_0_541196100;
            int tmp0 = z1 + d1 * FIX_0_765366865;
            int tmp2 = z1 - d3 * FIX_1_847759065;
            int o = outAt + row * outStride;
            out[o] = (byte) clamp((tmp10 + tmp0) >> shift);
            out[o + 1] = (byte) clamp((tmp12 + tmp2) >> shift);
            out[o + 2] = (byte) clamp((tmp12 - tmp2) >> shift);
            out[o + 3] = (byte) clamp((tmp10 - tmp0) >> shift);
        }
    }

    /** The 2×2 reduced inverse DCT of a block's top-left 2×2 coefficients. */
    static void idct2x2(short[] coef, int at, int[] quant, byte[] out, int outAt, int outStride) {
        int a = coef[at] * quant[0] + (128 << 3) + 4; // level shift and rounding of the 1/8
        int b = coef[at + 1] * quant[1]; // horizontal frequency 1
        int c = coef[at + 2] * quant[2]; // vertical frequency 1
        int d = coef[at + 3] * quant[3];
        out[outAt] = (byte) clamp((a + b + c + d) >> 3);
        out[outAt + 1] = (byte) clamp((a - b + c - d) >> 3);
        out[outAt + outStride] = (byte) clamp((a + b - c - d) >> 3);
        out[outAt + outStride + 1] = (byte) clamp((a - b - c + d) >> 3);
    }

    // --- bytes ---

    private int u8(int at) {
        return data[at] & 0xFF; // out of range: ArrayIndexOutOfBoundsException, i.e. damaged
    }

    private int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    private boolean startsWith(int at, String text) {
        if (at + text.length() > data.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
