package io.imgfilter.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** TEMPORARY stand-in until the row-streaming resampler lands. */
final class Resampler {
    private Resampler() {
    }

    static BufferedImage resize(BufferedImage source, double x, double y, double width, double height,
                                int outWidth, int outHeight, Deadline deadline) throws RenderTimeoutException {
        deadline.check();
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        int iw = Math.max(1, Math.min(source.getWidth() - ix, (int) Math.round(width)));
        int ih = Math.max(1, Math.min(source.getHeight() - iy, (int) Math.round(height)));
        boolean alpha = source.getColorModel().hasAlpha();
        BufferedImage region = new BufferedImage(iw, ih, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = region.createGraphics();
        g.drawImage(source, -ix, -iy, null);
        g.dispose();
        BufferedImage out = new BufferedImage(outWidth, outHeight, alpha ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
        LanczosResizer.INSTANCE.resize(region, out);
        return out;
    }

    static long workingBytes(double regionWidth, double regionHeight, int outWidth, int outHeight, boolean alpha) {
        return (long) (regionWidth * regionHeight * 8) + (long) outWidth * (long) regionHeight * 16 + (long) outWidth * outHeight * 4;
    }
}
