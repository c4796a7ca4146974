package io.imgfilter.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.Fit;
import io.imgfilter.request.ResizeOptions;
import io.imgfilter.testing.TestImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class JpegStructureTest {

    /** libjpeg's jpeg_simple_progression, which the JDK's writer uses: 10 scans for YCbCr, 6 for grey. */
    private static final int JDK_PROGRESSIVE_SCANS_YCBCR = 10;
    private static final int JDK_PROGRESSIVE_SCANS_GREY = 6;

    // ---- scans

    @Test
    void aBaselineJpegHasOneScan() throws Exception {
        byte[] jpeg = jpeg(noise(200, 150, BufferedImage.TYPE_INT_RGB), false);
        assertTrue(hasStuffedBytes(jpeg), "entropy data with 0xFF00 stuffing");
        JpegStructure structure = JpegStructure.of(jpeg);
        assertEquals(1, structure.scans());
        assertFalse(structure.progressive());
        assertFalse(structure.hasUnusableIccProfile());
    }

    @Test
    void aProgressiveJpegHasTheScansOfItsScript() throws Exception {
        byte[] colour = jpeg(noise(200, 150, BufferedImage.TYPE_INT_RGB), true);
        assertTrue(hasStuffedBytes(colour));
        JpegStructure structure = JpegStructure.of(colour);
        assertEquals(JDK_PROGRESSIVE_SCANS_YCBCR, structure.scans());
        assertTrue(structure.progressive());

        JpegStructure grey = JpegStructure.of(jpeg(noise(200, 150, BufferedImage.TYPE_BYTE_GRAY), true));
        assertEquals(JDK_PROGRESSIVE_SCANS_GREY, grey.scans());
        assertTrue(grey.progressive());
    }

    @Test
    void repeatedScansAreAllCounted() throws Exception {
        byte[] progressive = jpeg(noise(16, 16, BufferedImage.TYPE_INT_RGB), true);
        int extra = 60_000;
        byte[] bomb = repeatLastScan(progressive, extra);
        assertEquals(JDK_PROGRESSIVE_SCANS_YCBCR + extra, JpegStructure.of(bomb).scans());
        assertEquals(JDK_PROGRESSIVE_SCANS_YCBCR + 7, JpegStructure.of(repeatLastScan(progressive, 7)).scans());

        // and the renderer refuses it before decoding
        RenderException refused = assertThrows(RenderException.class, () -> new ImageRenderer(50_000_000L, 85)
                .render(bomb, new ResizeOptions(8, 0, Fit.SCALE_DOWN, 0, null, 1.0)));
        assertTrue(refused instanceof ImageTooLargeException, refused.toString());
    }

    @Test
    void markerBytesInsideSegmentsAndEntropyDataAreNoScans() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes(out, 0xFF, 0xD8);
        bytes(out, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03,
                0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01); // SOF0, 3 components
        bytes(out, 0xFF, 0xFE, 0x00, 0x06, 0xFF, 0xDA, 0x00, 0x08); // COM holding an SOS marker
        bytes(out, 0x00, 0x17); // stray bytes between segments
        bytes(out, 0xFF, 0xFF, 0xC4, 0x00, 0x06, 0xFF, 0xDA, 0x00, 0x02); // fill byte, DHT holding one too
        bytes(out, 0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00);
        // entropy data: stuffed 0xFF bytes and restart markers
        bytes(out, 0x12, 0xFF, 0x00, 0xDA, 0x34, 0xFF, 0xD0, 0xDA, 0x00, 0x56, 0xFF, 0x00, 0xFF, 0xD7, 0x99);
        bytes(out, 0xFF, 0xFF, 0xFF, 0xDD, 0x00, 0x04, 0x00, 0x10); // fill bytes, then DRI after the scan
        bytes(out, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x01, 0x02, 0xFF, 0x00);
        bytes(out, 0xFF, 0xD9);
        bytes(out, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00); // after EOI: not this image's
        byte[] jpeg = out.toByteArray();
        assertEquals(5, naiveScans(jpeg));
        JpegStructure structure = JpegStructure.of(jpeg);
        assertEquals(2, structure.scans());
        assertFalse(structure.progressive());
    }

    @Test
    void unknownMarkersBeforeTheScanAreSteppedOverNotSkippedByALength() throws Exception {
        byte[] baseline = jpeg(noise(32, 32, BufferedImage.TYPE_INT_RGB), false);
        // 0xFF1C is no marker a decoder knows; read as one with a length it would hide the whole image
        byte[] jpeg = insertAfterSoi(baseline, new byte[] {(byte) 0xFF, 0x1C, 0x7F, (byte) 0xFF});
        assertEquals(1, JpegStructure.of(jpeg).scans());
    }

    @Test
    void aSegmentWithoutLengthAfterTheFirstScanDoesNotEndTheCount() throws Exception {
        byte[] progressive = jpeg(noise(32, 32, BufferedImage.TYPE_INT_RGB), true);
        int secondScan = indexOf(progressive, new byte[] {(byte) 0xFF, (byte) 0xDA}, indexOfSos(progressive) + 2);
        byte[] jpeg = insertAt(progressive, secondScan, new byte[] {(byte) 0xFF, (byte) 0xE1, 0x00, 0x00});
        assertEquals(JDK_PROGRESSIVE_SCANS_YCBCR, JpegStructure.of(jpeg).scans(), "libjpeg reads on after it");
    }

    @Test
    void aTruncatedFileCountsTheScansItHas() throws Exception {
        byte[] progressive = jpeg(noise(120, 80, BufferedImage.TYPE_INT_RGB), true);
        // With 10 SOS markers found by a plain byte search, every one of them is a scan (the
        // writer puts none in its tables), which gives their offsets independently of the walk.
        int[] sos = sosOffsets(progressive);
        assertEquals(JDK_PROGRESSIVE_SCANS_YCBCR, sos.length);
        for (int k = 0; k < sos.length; k++) {
            assertEquals(k, JpegStructure.of(Arrays.copyOf(progressive, sos[k])).scans());
            assertEquals(k + 1, JpegStructure.of(Arrays.copyOf(progressive, sos[k] + 4)).scans());
            int end = k + 1 < sos.length ? sos[k + 1] : progressive.length - 2;
            assertEquals(k + 1, JpegStructure.of(Arrays.copyOf(progressive, (sos[k] + 20 + end) / 2)).scans());
        }
        for (int length = 2; length < progressive.length; length += 7) {
            int scans = JpegStructure.of(Arrays.copyOf(progressive, length)).scans();
            assertTrue(scans >= 0 && scans <= JDK_PROGRESSIVE_SCANS_YCBCR);
        }
        assertEquals(0, JpegStructure.of(Arrays.copyOf(progressive, 11)).scans(), "cut inside APP0");
        assertEquals(0, JpegStructure.of(new byte[] {(byte) 0xFF, (byte) 0xD8}).scans());
    }

    @Test
    void whatIsNoJpegIsCorrupt() {
        byte[] png = TestImages.encode(noise(16, 16, BufferedImage.TYPE_INT_RGB), "png");
        assertThrows(CorruptImageException.class, () -> JpegStructure.of(png));
        assertThrows(CorruptImageException.class, () -> JpegStructure.of(new byte[0]));
        assertThrows(CorruptImageException.class, () -> JpegStructure.of(new byte[] {(byte) 0xFF}));
        assertThrows(CorruptImageException.class, () -> JpegStructure.of("GIF89a".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anImpossibleSegmentLengthBeforeTheFirstScanIsCorrupt() throws Exception {
        byte[] baseline = jpeg(noise(32, 32, BufferedImage.TYPE_INT_RGB), false);
        for (int length = 0; length < 2; length++) {
            byte[] jpeg = insertAfterSoi(baseline, new byte[] {(byte) 0xFF, (byte) 0xE1, 0x00, (byte) length});
            assertThrows(CorruptImageException.class, () -> JpegStructure.of(jpeg));
        }
    }

    // ---- ICC profiles

    @Test
    void aValidProfileInTwoChunksIsUsable() throws Exception {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        int half = srgb.length / 2;
        byte[] jpeg = jpeg(noise(64, 48, BufferedImage.TYPE_INT_RGB), false);
        byte[] withProfile = insertAfterSoi(jpeg,
                iccChunk(1, 2, Arrays.copyOfRange(srgb, 0, half)), iccChunk(2, 2, Arrays.copyOfRange(srgb, half, srgb.length)));
        assertFalse(JpegStructure.of(withProfile).hasUnusableIccProfile());
        byte[] outOfOrder = insertAfterSoi(jpeg,
                iccChunk(2, 2, Arrays.copyOfRange(srgb, half, srgb.length)), iccChunk(1, 2, Arrays.copyOfRange(srgb, 0, half)));
        assertFalse(JpegStructure.of(outOfOrder).hasUnusableIccProfile(), "chunks go by their numbers");
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        assertFalse(JpegStructure.of(insertAfterSoi(jpeg, iccChunk(1, 1, linear))).hasUnusableIccProfile());
        byte[] grey = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        byte[] greyJpeg = jpeg(noise(64, 48, BufferedImage.TYPE_BYTE_GRAY), true);
        assertFalse(JpegStructure.of(insertAfterSoi(greyJpeg, iccChunk(1, 1, grey))).hasUnusableIccProfile());
    }

    @Test
    void brokenProfilesAreUnusable() throws Exception {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] first = Arrays.copyOfRange(srgb, 0, srgb.length / 2);
        byte[] second = Arrays.copyOfRange(srgb, srgb.length / 2, srgb.length);
        byte[] jpeg = jpeg(noise(64, 48, BufferedImage.TYPE_INT_RGB), false);
        byte[] garbage = new byte[3000];
        new Random(7).nextBytes(garbage);
        byte[] header = srgb.clone(); // the profile's header, then nonsense for its tag table
        byte[] nonsense = new byte[srgb.length - 128];
        new Random(8).nextBytes(nonsense);
        System.arraycopy(nonsense, 0, header, 128, nonsense.length);

        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 2, first), iccChunk(2, 2, new byte[0])), "empty chunk");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 1, new byte[0])), "empty profile");
        assertUnusable(insertAfterSoi(jpeg, iccHeaderOnly()), "no sequence number or count");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 1, garbage)), "garbage");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 1, first)), "cut short");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 1, header)), "nonsense tags");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 2, first)), "second chunk missing");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(2, 2, second)), "first chunk missing");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 2, first), iccChunk(1, 2, second)), "numbered twice");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 2, first), iccChunk(2, 3, second)), "counts differ");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(0, 1, srgb)), "numbered from 0");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(2, 1, srgb)), "numbered past the count");
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 0, srgb)), "no count");
        byte[] grey = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();
        assertUnusable(insertAfterSoi(jpeg, iccChunk(1, 1, grey)), "grey profile for YCbCr");
        byte[] greyJpeg = jpeg(noise(64, 48, BufferedImage.TYPE_BYTE_GRAY), false);
        assertUnusable(insertAfterSoi(greyJpeg, iccChunk(1, 1, srgb)), "RGB profile for grey");
    }

    @Test
    void otherApp2SegmentsAndLaterOnesAreNoProfile() throws Exception {
        byte[] jpeg = jpeg(noise(64, 48, BufferedImage.TYPE_INT_RGB), false);
        byte[] fpxr = app2("FPXR\0".getBytes(StandardCharsets.US_ASCII));
        byte[] almost = app2("ICC_PROFILE".getBytes(StandardCharsets.US_ASCII)); // no NUL
        byte[] withOthers = insertAfterSoi(jpeg, fpxr, almost);
        JpegStructure structure = JpegStructure.of(withOthers);
        assertFalse(structure.hasUnusableIccProfile());
        assertArrayEquals(withOthers, structure.withoutIccProfile(withOthers));

        byte[] afterScan = insertAt(jpeg, jpeg.length - 2, iccChunk(1, 1, new byte[0]));
        assertFalse(JpegStructure.of(afterScan).hasUnusableIccProfile(), "decoders read profiles from the header");
    }

    @Test
    void withoutIccProfileRemovesExactlyTheProfileSegments() throws Exception {
        BufferedImage picture = noise(64, 48, BufferedImage.TYPE_INT_RGB);
        for (boolean progressive : new boolean[] {false, true}) {
            byte[] jpeg = jpeg(picture, progressive);
            byte[] broken = insertAfterSoi(jpeg, iccChunk(1, 3, new byte[] {1, 2, 3}), iccChunk(2, 3, new byte[0]),
                    app2("FPXR\0".getBytes(StandardCharsets.US_ASCII)), iccChunk(3, 3, new byte[] {4}));
            JpegStructure structure = JpegStructure.of(broken);
            assertTrue(structure.hasUnusableIccProfile());
            byte[] stripped = structure.withoutIccProfile(broken);
            assertFalse(new String(stripped, StandardCharsets.ISO_8859_1).contains("ICC_PROFILE"));
            assertArrayEquals(insertAfterSoi(jpeg, app2("FPXR\0".getBytes(StandardCharsets.US_ASCII))), stripped);
            assertEquals(JpegStructure.of(broken).scans(), JpegStructure.of(stripped).scans());

            byte[] onlyProfile = insertAfterSoi(jpeg, iccChunk(1, 1, new byte[] {9, 9}));
            byte[] strippedOnly = JpegStructure.of(onlyProfile).withoutIccProfile(onlyProfile);
            assertArrayEquals(jpeg, strippedOnly);
            assertSamePixels(ImageIO.read(new java.io.ByteArrayInputStream(jpeg)),
                    ImageIO.read(new java.io.ByteArrayInputStream(strippedOnly)));
            assertFalse(JpegStructure.of(strippedOnly).hasUnusableIccProfile());
        }
    }

    // ---- helpers

    private static void assertUnusable(byte[] jpeg, String what) throws CorruptImageException {
        JpegStructure structure = JpegStructure.of(jpeg);
        assertTrue(structure.hasUnusableIccProfile(), what);
        assertTrue(structure.hasUnusableIccProfile(), what + ", asked again");
        assertEquals(1, structure.scans(), what);
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w), actual.getRGB(0, 0, w, h, null, 0, w));
    }

    static BufferedImage noise(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = (x * 255 / Math.max(1, width - 1)) & 0xFF;
                int r = (base + random.nextInt(64)) & 0xFF;
                int g = (255 - base + random.nextInt(64)) & 0xFF;
                int b = random.nextInt(256);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The file with its last scan (SOS to just before EOI) written {@code times} more times. */
    private static byte[] repeatLastScan(byte[] jpeg, int times) {
        assertEquals(0xFF, jpeg[jpeg.length - 2] & 0xFF);
        assertEquals(0xD9, jpeg[jpeg.length - 1] & 0xFF);
        // Past the last SOS marker there are only its header (no 0xFF byte) and entropy data (0xFF
        // always followed by 0x00 or a restart code): the last 0xFFDA is the last scan.
        int last = lastIndexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA});
        int scanLength = jpeg.length - 2 - last;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + times * scanLength);
        out.write(jpeg, 0, jpeg.length - 2);
        for (int i = 0; i < times; i++) {
            out.write(jpeg, last, scanLength);
        }
        out.write(jpeg, jpeg.length - 2, 2);
        return out.toByteArray();
    }

    private static boolean hasStuffedBytes(byte[] jpeg) {
        return indexOf(jpeg, new byte[] {(byte) 0xFF, 0x00}, indexOfSos(jpeg)) >= 0;
    }

    private static int indexOfSos(byte[] jpeg) {
        return indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}, 2);
    }

    private static int naiveScans(byte[] jpeg) {
        return sosOffsets(jpeg).length;
    }

    private static int[] sosOffsets(byte[] jpeg) {
        int[] found = new int[0];
        for (int at = indexOfSos(jpeg); at >= 0; at = indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}, at + 2)) {
            found = Arrays.copyOf(found, found.length + 1);
            found[found.length - 1] = at;
        }
        return found;
    }

    private static int indexOf(byte[] data, byte[] what, int from) {
        for (int i = Math.max(0, from); i + what.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] what) {
        for (int i = data.length - what.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    private static void bytes(ByteArrayOutputStream out, int... values) {
        for (int value : values) {
            out.write(value);
        }
    }

    static byte[] iccChunk(int sequence, int count, byte[] data) {
        byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(id, id.length + 2 + data.length);
        payload[id.length] = (byte) sequence;
        payload[id.length + 1] = (byte) count;
        System.arraycopy(data, 0, payload, id.length + 2, data.length);
        return app2(payload);
    }

    private static byte[] iccHeaderOnly() {
        return app2("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] app2(byte[] payload) {
        int length = 2 + payload.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE2;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return segment;
    }

    static byte[] insertAfterSoi(byte[] jpeg, byte[]... segments) {
        return insertAt(jpeg, 2, segments);
    }

    private static byte[] insertAt(byte[] jpeg, int at, byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        for (byte[] segment : segments) {
            out.writeBytes(segment);
        }
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }
}
