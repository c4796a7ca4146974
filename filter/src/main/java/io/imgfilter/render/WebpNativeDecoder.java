package io.imgfilter.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** TEMPORARY stand-in until the libwebp decoder lands. */
final class WebpNativeDecoder {
    private WebpNativeDecoder() {
    }

    static boolean available() {
        return false;
    }

    static BufferedImage decode(byte[] webp, Rectangle region, int outWidth, int outHeight) throws CorruptImageException {
        throw new CorruptImageException();
    }

    static long heapBytes(int outWidth, int outHeight) {
        return (long) outWidth * outHeight * 8;
    }
}
