package io.imgfilter.render;

/**
 * The pixel arithmetic of one resize: take {@code region} of the (oriented) original, scale it to
 * {@code scaledWidth} × {@code scaledHeight}, and centre that on a canvas of {@code canvasWidth}
 * × {@code canvasHeight} (larger only for {@code fit=pad}).
 */
public record ResizePlan(int regionX, int regionY, int regionWidth, int regionHeight,
                         int scaledWidth, int scaledHeight, int canvasWidth, int canvasHeight) {

    public boolean cropsSource(int sourceWidth, int sourceHeight) {
        return regionX != 0 || regionY != 0 || regionWidth != sourceWidth || regionHeight != sourceHeight;
    }

    public boolean pads() {
        return canvasWidth != scaledWidth || canvasHeight != scaledHeight;
    }
}
