package io.imgfilter.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Files a hostile user would upload or point the filter at, written byte by byte so that each is
 * exactly what its name says: small on disk, expensive or broken inside. Nothing here is checked
 * in; every test makes its own.
 */
public final class HostileFiles {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private HostileFiles() {
    }

    // ---------------------------------------------------------------- JPEG

    /**
     * A valid grey progressive JPEG of {@code size}×{@code size} (a multiple of 8) followed by
     * {@code extraScans} AC scans that each cover every block with a few end-of-band runs: some 27
     * bytes per scan, but a decoder that walks the blocks of every scan spends milliseconds on
     * each. 60 000 of them kept the JDK's decoder busy for minutes.
     */
    public static byte[] scanBombJpeg(int size, int extraScans) {
        if (size % 8 != 0) {
            throw new IllegalArgumentException("size must be a multiple of 8");
        }
        int blocks = (size / 8) * (size / 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        byte[] dqt = new byte[65];
        java.util.Arrays.fill(dqt, 1, 65, (byte) 1);
        segment(out, 0xDB, dqt);
        segment(out, 0xC2, new byte[] {8, (byte) (size >> 8), (byte) size, (byte) (size >> 8), (byte) size, 1, 1, 0x11, 0});
        // DC table 0: one symbol (category 0: no difference), code "0"
        segment(out, 0xC4, concat(new byte[] {0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[] {0}));
        // AC table 0: the 15 end-of-band run symbols EOB0..EOB14, 4-bit codes 0000..1110
        byte[] eobSymbols = new byte[15];
        for (int n = 0; n < 15; n++) {
            eobSymbols[n] = (byte) (n << 4);
        }
        segment(out, 0xC4, concat(new byte[] {0x10, 0, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, eobSymbols));
        // DC first scan: one zero bit per block, then padding
        segment(out, 0xDA, new byte[] {1, 1, 0x00, 0, 0, 0});
        BitWriter dc = new BitWriter();
        for (int i = 0; i < blocks; i++) {
            dc.write(0, 1);
        }
        out.writeBytes(dc.finish());
        byte[] acScan = acEobScan(blocks);
        for (int s = 0; s < extraScans; s++) {
            segment(out, 0xDA, new byte[] {1, 1, 0x00, 1, 63, 0});
            out.writeBytes(acScan);
        }
        marker(out, 0xD9);
        return out.toByteArray();
    }

    /**
     * The entropy-coded data of an AC first scan: nothing but end-of-band runs over all blocks.
     * EOBn (symbol n·16) has the 4-bit code n and stands for a run of 2^n plus n more bits.
     */
    private static byte[] acEobScan(int blocks) {
        BitWriter bits = new BitWriter();
        for (int left = blocks; left > 0; ) {
            int run = Math.min(left, 32767);
            int n = 31 - Integer.numberOfLeadingZeros(run);
            bits.write(n, 4);
            bits.write(run - (1 << n), n);
            left -= run;
        }
        return bits.finish();
    }

    /** A JPEG whose header carries {@code segments} comment segments of 64 KB before the image. */
    public static byte[] commentBombJpeg(byte[] jpeg, int segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        byte[] comment = new byte[65533];
        java.util.Arrays.fill(comment, (byte) 'x');
        for (int i = 0; i < segments; i++) {
            segment(out, 0xFE, comment);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A grey baseline JPEG of a legal but large size, from the JDK's encoder. */
    public static byte[] largeGreyJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (byte) ((x / 64 + y / 64) % 2 == 0 ? 60 : 190);
            }
        }
        return TestImages.encode(image, "jpeg");
    }

    private static void marker(ByteArrayOutputStream out, int marker) {
        out.write(0xFF);
        out.write(marker);
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        marker(out, marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    /** Entropy-coded bits, most significant first, with JPEG's byte stuffing and 1-bit padding. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                current = (current << 1) | ((value >> i) & 1);
                if (++used == 8) {
                    flushByte();
                }
            }
        }

        private void flushByte() {
            out.write(current);
            if (current == 0xFF) {
                out.write(0);
            }
            current = 0;
            used = 0;
        }

        byte[] finish() {
            while (used != 0) {
                write(1, 1);
            }
            return out.toByteArray();
        }
    }

    // ---------------------------------------------------------------- PNG

    /**
     * A valid 8-bit grey PNG whose every pixel is {@code grey}, written row by row through a
     * streaming deflater: 10×5 000 000 pixels take some 50 KB.
     */
    public static byte[] uniformGreyPng(int width, int height, int grey) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        TestImages.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array());
        byte[] row = new byte[width + 1];
        java.util.Arrays.fill(row, 1, row.length, (byte) grey);
        deflateRows(out, row, height);
        TestImages.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A small valid RGB PNG preceded by {@code chunks} tiny text chunks: a metadata bomb. */
    public static byte[] textChunkBombPng(int chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks * 16 + 1024);
        out.writeBytes(PNG_SIGNATURE);
        TestImages.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(64).putInt(64)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        byte[] text = {'k', 0, 'v'};
        for (int i = 0; i < chunks; i++) {
            TestImages.chunk(out, "tEXt", text);
        }
        byte[] row = new byte[64 * 3 + 1];
        java.util.Arrays.fill(row, 1, row.length, (byte) 0x80);
        deflateRows(out, row, 64);
        TestImages.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /**
     * A small valid RGB PNG with a compressed text chunk (zTXt) that inflates to
     * {@code inflatedBytes}: a decoder that reads its metadata holds all of it.
     */
    public static byte[] compressedTextBombPng(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        TestImages.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(64).putInt(64)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes(new byte[] {'k', 0, 0}); // keyword, separator, compression method 0
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        for (long done = 0; done < inflatedBytes; done += zeros.length) {
            deflater.setInput(zeros, 0, (int) Math.min(zeros.length, inflatedBytes - done));
            while (!deflater.needsInput()) {
                text.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            text.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        TestImages.chunk(out, "zTXt", text.toByteArray());
        byte[] row = new byte[64 * 3 + 1];
        deflateRows(out, row, 64);
        TestImages.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void deflateRows(ByteArrayOutputStream out, byte[] row, int rows) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] buffer = new byte[1 << 16];
        // batch the rows so the deflater sees long runs
        int perBatch = Math.max(1, (1 << 20) / row.length);
        byte[] batch = new byte[perBatch * row.length];
        for (int i = 0; i < perBatch; i++) {
            System.arraycopy(row, 0, batch, i * row.length, row.length);
        }
        for (int done = 0; done < rows; done += perBatch) {
            int count = Math.min(perBatch, rows - done);
            deflater.setInput(batch, 0, count * row.length);
            while (!deflater.needsInput()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            idat.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        TestImages.chunk(out, "IDAT", idat.toByteArray());
    }


    // ---------------------------------------------------------------- GIF

    /**
     * A GIF whose one frame declares {@code width}×{@code height} and holds almost no image data
     * (a clear code and an end code): a decoder that trusts the header allocates the whole frame.
     */
    public static byte[] gifDeclaring(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le16(width));
        out.writeBytes(le16(height));
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0}); // global colour table of 2 entries
        out.writeBytes(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        out.write(0x2C);
        out.writeBytes(le16(0));
        out.writeBytes(le16(0));
        out.writeBytes(le16(width));
        out.writeBytes(le16(height));
        out.write(0);
        out.write(2); // LZW minimum code size
        out.writeBytes(new byte[] {1, 0x2C}); // clear (4) then end (5) in 3-bit codes: 100 101 -> 0b00101100
        out.write(0);
        out.write(0x3B);
        return out.toByteArray();
    }

    private static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }

    // ---------------------------------------------------------------- WebP

    /**
     * A 30-byte WebP: a VP8X header declaring {@code width}×{@code height} and no image chunk.
     */
    public static byte[] webpHeaderOnly(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.putInt(0);
        put24(vp8x, width - 1);
        put24(vp8x, height - 1);
        return riff("VP8X", vp8x.array());
    }

    /**
     * A lossless (VP8L) WebP whose header declares {@code width}×{@code height} and whose body is
     * {@code garbageBytes} of noise from {@code seed}.
     */
    public static byte[] webpGarbageLossless(int width, int height, int garbageBytes, long seed) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x2F);
        long header = (width - 1) | ((long) (height - 1) << 14); // alpha 0, version 0
        for (int i = 0; i < 4; i++) {
            body.write((int) (header >> (8 * i)));
        }
        byte[] noise = new byte[garbageBytes];
        new Random(seed).nextBytes(noise);
        body.writeBytes(noise);
        return riff("VP8L", body.toByteArray());
    }

    /**
     * A valid lossless WebP of one colour: every prefix code has a single symbol, so each pixel
     * costs no bits and 7000×7000 pixels fit in a few dozen bytes. Decoders that keep the whole
     * canvas need {@code width × height × 4} bytes for it.
     */
    public static byte[] webpSolidLossless(int width, int height, int argb) {
        LsbBitWriter bits = new LsbBitWriter();
        bits.write(0x2F, 8);
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write((argb >>> 24) != 0xFF ? 1 : 0, 1); // alpha is used
        bits.write(0, 3); // version
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes
        int[] symbols = {(argb >> 8) & 0xFF, (argb >> 16) & 0xFF, argb & 0xFF, (argb >>> 24), 0};
        for (int symbol : symbols) {
            bits.write(1, 1); // simple code
            bits.write(0, 1); // one symbol
            bits.write(1, 1); // of eight bits
            bits.write(symbol, 8);
        }
        return riff("VP8L", bits.finish());
    }

    /** A lossy WebP of a photo-like picture, from the bundled libwebp encoder. */
    public static byte[] lossyWebp(int width, int height, int quality) {
        return webp(photoLike(width, height), "Lossy", quality);
    }

    /** The picture through libwebp's encoder, compression type "Lossy" or "Lossless". */
    public static byte[] webp(BufferedImage image, String compressionType, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compressionType);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Gradients with noise on top: compresses like a photograph, not like a drawing. */
    public static BufferedImage photoLike(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = random.nextInt(24);
                int r = Math.min(255, 40 + 180 * x / width + n);
                int g = Math.min(255, 60 + 150 * y / height + n);
                int b = Math.min(255, 120 + (x + y) % 97 + n);
                row[x] = (r << 16) | (g << 8) | b;
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    private static void put24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] riff(String chunk, byte[] payload) {
        int padded = payload.length + (payload.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded);
        riff.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        riff.put(chunk.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload);
        return riff.array();
    }

    /** WebP lossless bits: least significant first. */
    private static final class LsbBitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long current;
        private int used;

        void write(int value, int count) {
            current |= ((long) value & ((1L << count) - 1)) << used;
            used += count;
            while (used >= 8) {
                out.write((int) current);
                current >>>= 8;
                used -= 8;
            }
        }

        byte[] finish() {
            if (used > 0) {
                out.write((int) current);
            }
            return out.toByteArray();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
