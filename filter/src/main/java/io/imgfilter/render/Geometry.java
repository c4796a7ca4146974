package io.imgfilter.render;

import io.imgfilter.request.Fit;
import io.imgfilter.request.Gravity;

/**
 * Works out a {@link ResizePlan} from the original's size, the requested box and the fit mode,
 * following Cloudflare's definitions: scale-down never enlarges; contain may; cover fills the box
 * and crops the overflow (equally on both sides unless a gravity says otherwise); crop is cover that never enlarges; pad fits and
 * fills the rest of the box. With only a width or only a height there is no box to fill or pad,
 * so every mode keeps the aspect ratio and only scale-down and crop refuse to enlarge.
 */
public final class Geometry {

    private Geometry() {
    }

    /**
     * @param width  requested width in pixels, 0 when unset
     * @param height requested height in pixels, 0 when unset (not both 0)
     */
    public static ResizePlan plan(int sourceWidth, int sourceHeight, int width, int height, Fit fit) {
        return plan(sourceWidth, sourceHeight, width, height, fit, Gravity.CENTER);
    }

    /**
     * @param gravity which part cover and crop keep
     */
    public static ResizePlan plan(int sourceWidth, int sourceHeight, int width, int height, Fit fit, Gravity gravity) {
        boolean enlarge = fit != Fit.SCALE_DOWN && fit != Fit.CROP;
        if (width == 0 || height == 0) {
            double scale = width != 0 ? (double) width / sourceWidth : (double) height / sourceHeight;
            if (!enlarge) {
                scale = Math.min(scale, 1.0);
            }
            return whole(sourceWidth, sourceHeight, scale);
        }
        double fitScale = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
        double fillScale = Math.max((double) width / sourceWidth, (double) height / sourceHeight);
        return switch (fit) {
            case SCALE_DOWN -> whole(sourceWidth, sourceHeight, Math.min(fitScale, 1.0));
            case CONTAIN -> whole(sourceWidth, sourceHeight, fitScale);
            case COVER -> cropped(sourceWidth, sourceHeight, width, height, fillScale, gravity);
            case CROP -> {
                double scale = Math.min(fillScale, 1.0);
                yield cropped(sourceWidth, sourceHeight,
                        Math.min(width, scaled(sourceWidth, scale)), Math.min(height, scaled(sourceHeight, scale)), scale, gravity);
            }
            case PAD -> {
                ResizePlan inner = whole(sourceWidth, sourceHeight, fitScale);
                yield new ResizePlan(0, 0, sourceWidth, sourceHeight, inner.scaledWidth(), inner.scaledHeight(), width, height);
            }
        };
    }

    private static ResizePlan whole(int sourceWidth, int sourceHeight, double scale) {
        int w = scaled(sourceWidth, scale);
        int h = scaled(sourceHeight, scale);
        return new ResizePlan(0, 0, sourceWidth, sourceHeight, w, h, w, h);
    }

    /**
     * The source region that, scaled by {@code scale}, covers exactly {@code width} × {@code height},
     * placed by the gravity.
     */
    private static ResizePlan cropped(int sourceWidth, int sourceHeight, int width, int height, double scale, Gravity gravity) {
        int regionWidth = Math.min(sourceWidth, Math.max(1, (int) Math.round(width / scale)));
        int regionHeight = Math.min(sourceHeight, Math.max(1, (int) Math.round(height / scale)));
        int x = (int) Math.floor((sourceWidth - regionWidth) * gravity.x());
        int y = (int) Math.floor((sourceHeight - regionHeight) * gravity.y());
        return new ResizePlan(x, y, regionWidth, regionHeight, width, height, width, height);
    }

    private static int scaled(int size, double scale) {
        return Math.max(1, (int) Math.round(size * scale));
    }
}
