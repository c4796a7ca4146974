package io.imgfilter.render;

/**
 * Crops and resizes in one pass: the plan's region of the decoded raster, in stored orientation,
 * to the output size. The result is always a plain 3- or 4-channel byte raster, whatever the
 * decoder returned, so the later steps have one kind of image to deal with.
 */
final class ResizeStep implements RenderStep {

    @Override
    public void apply(RenderContext c) throws RenderException {
        double sx = c.image.getWidth() / c.imageArea.width;
        double sy = c.image.getHeight() / c.imageArea.height;
        double x = clamp((c.storedRegion.x - c.imageArea.x) * sx, 0, c.image.getWidth());
        double y = clamp((c.storedRegion.y - c.imageArea.y) * sy, 0, c.image.getHeight());
        double w = clamp(c.storedRegion.width * sx, Math.min(1, c.image.getWidth() - x), c.image.getWidth() - x);
        double h = clamp(c.storedRegion.height * sy, Math.min(1, c.image.getHeight() - y), c.image.getHeight() - y);
        c.image = Resampler.resize(c.image, x, y, w, h, c.storedOutWidth, c.storedOutHeight, c.deadline);
        c.imageArea = null;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
