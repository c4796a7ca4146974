package io.imgfilter.render;

/**
 * Checks a WebP's RIFF container before anything is decoded: it must hold an image chunk
 * ({@code VP8 } or {@code VP8L}) that is all there. A header that only declares a size (a
 * {@code VP8X} chunk and nothing else) or a chunk cut off by the end of the file is corrupt;
 * some decoders would answer a blank canvas of the declared size for it.
 */
final class WebpStructure {

    /** A VP8 frame header (frame tag, start code, size) or a VP8L header and some data, at least. */
    private static final int MIN_IMAGE_CHUNK = 10;

    private WebpStructure() {
    }

    static boolean isWebp(byte[] data) {
        return data.length >= 12 && fourCc(data, 0).equals("RIFF") && fourCc(data, 8).equals("WEBP");
    }

    /** True when the container holds a complete image chunk (the first frame's, for animations). */
    static boolean hasImageData(byte[] webp) {
        return imageChunk(webp, 12, webp.length) != null;
    }

    /** True when the (first) image is lossless: a VP8L chunk. */
    static boolean isLossless(byte[] webp) {
        return isWebp(webp) && "VP8L".equals(imageChunk(webp, 12, webp.length));
    }

    /** The type of the first complete image chunk, or null. */
    private static String imageChunk(byte[] webp, int pos, int limit) {
        while (pos + 8 <= limit) {
            String type = fourCc(webp, pos);
            long size = littleEndian32(webp, pos + 4);
            long end = pos + 8L + size;
            if (end > limit) {
                return null; // cut off
            }
            if (type.equals("VP8 ") || type.equals("VP8L")) {
                return size >= MIN_IMAGE_CHUNK ? type : null;
            }
            if (type.equals("ANMF")) {
                // an animation frame: 16 bytes of position and timing, then the frame's own chunks
                return imageChunk(webp, pos + 8 + 16, (int) end);
            }
            pos = (int) (end + (size & 1));
        }
        return null;
    }

    private static String fourCc(byte[] data, int pos) {
        return new String(data, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long littleEndian32(byte[] data, int pos) {
        return (data[pos] & 0xFFL) | (data[pos + 1] & 0xFFL) << 8 | (data[pos + 2] & 0xFFL) << 16 | (data[pos + 3] & 0xFFL) << 24;
    }
}
