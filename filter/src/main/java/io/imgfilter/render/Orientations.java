package io.imgfilter.render;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * EXIF orientation, applied last: the crop and the resize work on the pixels as stored, with
 * the plan turned into stored coordinates, and only the small output is turned. Turning the
 * decoded original first would cost a second full raster.
 */
final class Orientations {

    private Orientations() {
    }

    /** True for the orientations that swap width and height. */
    static boolean transposes(Orientation orientation) {
        return orientation != null && orientation.ordinal() >= Orientation.LEFT_TOP.ordinal();
    }

    /**
     * The stored-pixel rectangle that shows as {@code x, y, w, h} once oriented.
     *
     * @param storedWidth  the image's width as stored (before orientation)
     * @param storedHeight its height as stored
     */
    static Rectangle2D.Double storedRegion(Orientation orientation, int storedWidth, int storedHeight,
                                           double x, double y, double w, double h) {
        double[] a = toStored(orientation, storedWidth, storedHeight, x, y);
        double[] b = toStored(orientation, storedWidth, storedHeight, x + w, y + h);
        double left = Math.min(a[0], b[0]);
        double top = Math.min(a[1], b[1]);
        return new Rectangle2D.Double(left, top, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
    }

    /** Where the displayed point (dx, dy) lies in the stored image. */
    private static double[] toStored(Orientation orientation, int ws, int hs, double dx, double dy) {
        if (orientation == null) {
            return new double[] {dx, dy};
        }
        return switch (orientation) {
            case TOP_LEFT -> new double[] {dx, dy};
            case TOP_RIGHT -> new double[] {ws - dx, dy};
            case BOTTOM_RIGHT -> new double[] {ws - dx, hs - dy};
            case BOTTOM_LEFT -> new double[] {dx, hs - dy};
            case LEFT_TOP -> new double[] {dy, dx};
            case RIGHT_TOP -> new double[] {dy, hs - dx};
            case RIGHT_BOTTOM -> new double[] {ws - dy, hs - dx};
            case LEFT_BOTTOM -> new double[] {ws - dy, dx};
        };
    }

    /** The image turned as its EXIF orientation says. */
    static BufferedImage apply(Orientation orientation, BufferedImage image) {
        if (orientation == null || orientation == Orientation.TOP_LEFT) {
            return image;
        }
        return ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
    }
}
