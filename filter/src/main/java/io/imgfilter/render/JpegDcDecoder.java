package io.imgfilter.render;


import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes a JPEG at one eighth of its width and height from the DC coefficients alone: each
 * output pixel is the exact mean of one 8×8 block of the original, which is what libjpeg's
 * {@code scale_denom = 8} gives and what libvips uses as shrink-on-load. The JDK's ImageIO
 * decoder offers no such scaling; decoding every pixel and keeping every n-th is both slower
 * and aliased.
 *
 * <p>Cost: a baseline file is still entropy-decoded in full (AC coefficients are decoded and
 * dropped, never transformed); a progressive file's AC scans are skipped without decoding,
 * as only its DC scans are needed. Memory: one int per 8×8 block and component, and the
 * output raster; an 18 MP photo needs about 3 MB.
 *
 * <p>Handles 8-bit Huffman-coded baseline, extended sequential and progressive JPEGs with one
 * (grey) or three (YCbCr) components, integer sampling ratios, and restart intervals. Anything
 * else, and any file that is damaged, truncated or carries an ICC profile, gives {@code null}:
 * the caller then decodes with ImageIO, whose behaviour (colour management, errors) stays the
 * reference.
 */
final class JpegDcDecoder {

    /** The reduction: one output pixel per 8×8 block. */
    static final int SCALE = 8;

    private static final int MAX_COMPONENTS = 3;
    private static final VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
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

    // bit reader over the entropy-coded segment
    private long bits;
    private int bitCount;
    private boolean atMarker;
    private int paddedBytes;

    private JpegDcDecoder(byte[] data, long deadlineNanos) {
        this.data = data;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * @return the image at 1/{@value #SCALE} size (rounded up), or {@code null} when this decoder
     *         does not handle the file
     * @throws RenderTimeoutException once {@code deadlineNanos} (a {@link System#nanoTime()}) has passed
     */
    static BufferedImage decode(byte[] data, long deadlineNanos) throws RenderTimeoutException {
        try {
            return new JpegDcDecoder(data, deadlineNanos).run();
        } catch (Unsupported | RuntimeException e) {
            return null; // damaged or out of scope: ImageIO decides
        }
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
        int quant0 = -1;
        int dcTable;
        int acTable;
        int blocksWide;
        int blocksHigh;
        int stride;
        int[] dc;
        int predictor;
        boolean dcSeen;
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
                    return image();
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
            c.dc = new int[c.stride * mcusY * c.v];
        }
        if (count == MAX_COMPONENTS && (components[0].h != hmax || components[0].v != vmax)) {
            throw Unsupported.INSTANCE; // luma must carry the full resolution
        }
        pos += length;
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
            int[] table = new int[64];
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

    private void scan() throws Unsupported, RenderTimeoutException {
        if (components == null) {
            throw Unsupported.INSTANCE;
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

        if (progressive && ss != 0) {
            skipEntropyCodedSegment(); // AC: not needed at this scale
            return;
        }
        if (ss != 0 || (progressive && se != 0) || (!progressive && (se != 63 || ah != 0 || al != 0))) {
            throw Unsupported.INSTANCE;
        }
        for (Component c : inScan) {
            if (c.quant0 < 0) {
                int[] table = quantTables[c.quantTable];
                if (table == null) {
                    throw Unsupported.INSTANCE;
                }
                c.quant0 = table[0];
            }
            if (ah == 0 && dcTables[c.dcTable] == null || !progressive && acTables[c.acTable] == null) {
                throw Unsupported.INSTANCE;
            }
            if (ah != 0 && !c.dcSeen) {
                throw Unsupported.INSTANCE;
            }
        }
        decodeDcScan(inScan, ah, al);
        for (Component c : inScan) {
            c.dcSeen = true;
        }
    }

    /**
     * Decodes one scan that carries DC coefficients: a baseline scan (whose AC coefficients are
     * decoded and dropped), a progressive DC-first scan or a DC refinement scan.
     */
    private void decodeDcScan(Component[] inScan, int ah, int al) throws Unsupported, RenderTimeoutException {
        boolean single = inScan.length == 1;
        int unitsWide = single ? inScan[0].blocksWide : mcusX;
        int unitsHigh = single ? inScan[0].blocksHigh : mcusY;
        boolean refine = progressive && ah != 0;
        boolean baseline = !progressive;
        resetDecoder(inScan);
        int restartsLeft = restartInterval;
        for (int my = 0; my < unitsHigh; my++) {
            checkDeadline();
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
                    Huffman dcTable = dcTables[c.dcTable];
                    Huffman acTable = acTables[c.acTable];
                    for (int by = 0; by < bh; by++) {
                        int row = (single ? my : my * c.v + by) * c.stride;
                        for (int bx = 0; bx < bw; bx++) {
                            int index = row + (single ? mx : mx * c.h + bx);
                            if (refine) {
                                fill();
                                if (take(1) != 0) {
                                    c.dc[index] |= 1 << al;
                                }
                                continue;
                            }
                            fill();
                            int s = dcTable.decode(this);
                            int diff = s == 0 ? 0 : extend(take(s), s);
                            c.predictor += diff;
                            c.dc[index] = c.predictor << al;
                            if (baseline) {
                                skipAc(acTable);
                            }
                        }
                    }
                }
            }
        }
        checkNotPastData();
        skipEntropyCodedSegment(); // normally already on the next marker
    }

    /** Reads past one block's AC coefficients. */
    private void skipAc(Huffman table) throws Unsupported {
        int[] skips = table.acSkips();
        int k = 1;
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

    private void resetDecoder(Component[] inScan) {
        bits = 0;
        bitCount = 0;
        atMarker = false;
        paddedBytes = 0;
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
                skips[(code << shift) | fill] = entry;
            }
        }

        int[] acSkips() {
            return skips;
        }

        /** Needs at least 16 bits in the buffer. */
        int decode(JpegDcDecoder in) throws Unsupported {
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

    private BufferedImage image() throws Unsupported {
        if (components == null) {
            throw Unsupported.INSTANCE;
        }
        for (Component c : components) {
            if (!c.dcSeen) {
                throw Unsupported.INSTANCE; // a component without data
            }
        }
        int w = ceilDiv(width, SCALE);
        int h = ceilDiv(height, SCALE);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        if (components.length == 1) {
            Component grey = components[0];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = clamp(level(grey, grey.dc[y * grey.stride + x]));
                    out[y * w + x] = (v << 16) | (v << 8) | v;
                }
            }
            return image;
        }
        boolean rgb = adobeTransform == 0
                || components[0].id == 'R' && components[1].id == 'G' && components[2].id == 'B';
        if (rgb) {
            throw Unsupported.INSTANCE; // uncommon; ImageIO knows its rules
        }
        Component luma = components[0];
        float[] cb = upsample(components[1], w, h);
        float[] cr = upsample(components[2], w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float lum = level(luma, luma.dc[y * luma.stride + x]);
                float b = cb[i] - 128f;
                float r = cr[i] - 128f;
                int red = clamp(lum + 1.402f * r);
                int green = clamp(lum - 0.344136f * b - 0.714136f * r);
                int blue = clamp(lum + 1.772f * b);
                out[i] = (red << 16) | (green << 8) | blue;
            }
        }
        return image;
    }

    /** A block's mean sample value: DC × quantiser / 8, level-shifted. */
    private static float level(Component c, int dc) {
        return dc * c.quant0 / 8f + 128f;
    }

    /**
     * A subsampled component brought to the luma block grid by bilinear interpolation between
     * block centres (the "fancy" upsampling of libjpeg, for any integer ratio).
     */
    private float[] upsample(Component c, int w, int h) {
        int fx = hmax / c.h;
        int fy = vmax / c.v;
        int cw = Math.min(c.blocksWide, c.stride);
        int ch = c.blocksHigh;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            float sy = (y + 0.5f) / fy - 0.5f;
            int y0 = clampIndex((int) Math.floor(sy), ch);
            int y1 = clampIndex((int) Math.floor(sy) + 1, ch);
            float wy = sy - (float) Math.floor(sy);
            for (int x = 0; x < w; x++) {
                float sx = (x + 0.5f) / fx - 0.5f;
                int x0 = clampIndex((int) Math.floor(sx), cw);
                int x1 = clampIndex((int) Math.floor(sx) + 1, cw);
                float wx = sx - (float) Math.floor(sx);
                float top = level(c, c.dc[y0 * c.stride + x0]) * (1 - wx) + level(c, c.dc[y0 * c.stride + x1]) * wx;
                float bottom = level(c, c.dc[y1 * c.stride + x0]) * (1 - wx) + level(c, c.dc[y1 * c.stride + x1]) * wx;
                out[y * w + x] = top * (1 - wy) + bottom * wy;
            }
        }
        return out;
    }

    private static int clampIndex(int i, int size) {
        return i < 0 ? 0 : Math.min(i, size - 1);
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(i, 255);
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
