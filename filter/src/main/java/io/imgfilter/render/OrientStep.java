package io.imgfilter.render;

/** Turns the (small) resized image as the original's EXIF orientation says. */
final class OrientStep implements RenderStep {

    @Override
    public void apply(RenderContext c) {
        c.image = Orientations.apply(c.orientation, c.image);
    }
}
