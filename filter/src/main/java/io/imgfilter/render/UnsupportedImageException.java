package io.imgfilter.render;

/** Not an image, or a format the filter does not decode (SVG, TIFF, …). */
public final class UnsupportedImageException extends RenderException {

    public UnsupportedImageException() {
        super("unsupported image format");
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public boolean aboutTheOriginal() {
        return true;
    }
}
