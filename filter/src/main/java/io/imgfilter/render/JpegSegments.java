package io.imgfilter.render;

/**
 * Finds segments in a JPEG's header by walking its markers up to the first scan, without
 * decoding anything. ImageIO's metadata, the other way to reach them, parses the whole file
 * first: some 20 to 60 ms for an 18 MP photo, before a single pixel is decoded.
 */
final class JpegSegments {

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;

    private JpegSegments() {
    }

    /** True when the bytes start with a JPEG's SOI marker. */
    static boolean isJpeg(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == SOI && (data[2] & 0xFF) == 0xFF;
    }

    /**
     * @return the payload of the first EXIF APP1 segment (from its {@code Exif\0\0} on), or
     *         {@code null} when the header has none or is malformed
     */
    static byte[] exif(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
            return null;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return null;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                pos += 2; // no length
                continue;
            }
            int length = ((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF);
            if (length < 2 || pos + 2 + length > jpeg.length) {
                return null;
            }
            if (marker == APP1 && length >= 8 && jpeg[pos + 4] == 'E' && jpeg[pos + 5] == 'x'
                    && jpeg[pos + 6] == 'i' && jpeg[pos + 7] == 'f') {
                byte[] payload = new byte[length - 2];
                System.arraycopy(jpeg, pos + 4, payload, 0, payload.length);
                return payload;
            }
            pos += 2 + length;
        }
        return null;
    }
}
