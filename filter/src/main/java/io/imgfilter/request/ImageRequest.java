package io.imgfilter.request;

/**
 * One parsed image URL: which variant of which original.
 *
 * @param variant the raw variant segment of the URL: a preset name or the flexible options
 * @param preset  the preset it names, or null for flexible options
 * @param options the resize options to apply (the preset's, or the URL's)
 * @param source  the original's path within the source
 */
public record ImageRequest(String variant, Preset preset, ResizeOptions options, SourcePath source) {

    public boolean isFlexible() {
        return preset == null;
    }

    /** The same request with other options, e.g. once {@code format=auto} is decided. */
    public ImageRequest withOptions(ResizeOptions other) {
        return new ImageRequest(variant, preset, other, source);
    }
}
