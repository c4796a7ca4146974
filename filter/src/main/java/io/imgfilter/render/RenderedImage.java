package io.imgfilter.render;

import io.imgfilter.request.OutputFormat;

/** An encoded variant, ready to be sent. */
public record RenderedImage(byte[] data, OutputFormat format, int width, int height) {
}
