package io.imgfilter.render;

import java.awt.Rectangle;

/**
 * How the original will be decoded, decided from its header before any pixel is: by which
 * decoder, which stored pixels, and at what size.
 *
 * @param method      the decoder
 * @param region      the stored pixels decoded (the whole image for {@link Method#DC_BLOCKS}; for
 *                    {@link Method#SCALED_IDCT} the requested region grown to whole output pixels)
 * @param width       the decoded raster's width
 * @param height      the decoded raster's height
 * @param subsampling ImageIO keeps every n-th pixel ({@link Method#IMAGEIO}); the reduction, 2 or 4,
 *                    for {@link Method#SCALED_IDCT}; else 1
 */
record DecodePlan(Method method, Rectangle region, int width, int height, int subsampling) {

    enum Method {
        /** JPEG reduced 8x in the DCT domain: each 8x8 block's mean, from its DC coefficient. */
        DC_BLOCKS,
        /** JPEG reduced 2x or 4x in the DCT domain: a 4x4 or 2x2 inverse DCT of each block's low coefficients. */
        SCALED_IDCT,
        /** WebP through libwebp, cropped and scaled while decoding. */
        WEBP_NATIVE,
        /** An ImageIO reader, with a source region and subsampling. */
        IMAGEIO
    }

    long pixels() {
        return (long) width * height;
    }
}
