package io.imgfilter.render;

/**
 * The bounds every render is held to, whatever the original or the request.
 *
 * @param maxSourcePixels originals with more pixels are refused from their header
 * @param maxWidth        no output is wider, after fit and dpr
 * @param maxHeight       no output is taller
 * @param maxScans        JPEGs with more scans are refused before decoding: each progressive scan
 *                        is a pass over the whole image, and the JDK's native decoder cannot be
 *                        stopped inside one (libjpeg-turbo's scan limit does the same)
 */
public record RenderLimits(long maxSourcePixels, int maxWidth, int maxHeight, int maxScans) {

    /** Encoders write 10 scans for a progressive JPEG, the most careful ones about 20. */
    public static final int DEFAULT_MAX_SCANS = 100;

    public RenderLimits {
        if (maxSourcePixels < 1 || maxWidth < 1 || maxHeight < 1 || maxScans < 1) {
            throw new IllegalArgumentException("render limits must be positive");
        }
    }
}
