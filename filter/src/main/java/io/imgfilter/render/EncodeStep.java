package io.imgfilter.render;

import java.io.IOException;

/** Writes the final image in the chosen format. */
final class EncodeStep implements RenderStep {

    private final Encoders encoders;

    EncodeStep(Encoders encoders) {
        this.encoders = encoders;
    }

    @Override
    public void apply(RenderContext c) {
        byte[] data;
        try {
            data = encoders.of(c.outputFormat).encode(c.image, c.quality);
        } catch (IOException e) {
            // Writing to memory does not fail for the image's sake: a bug or the platform.
            throw new IllegalStateException(c.outputFormat + " encoding failed", e);
        }
        c.result = new RenderedImage(data, c.outputFormat, c.image.getWidth(), c.image.getHeight());
    }
}
