package io.imgfilter.request;

/**
 * A named variant such as {@code small}: the URL names it, the configuration says what it
 * means, so no dimensions appear in URLs.
 *
 * @param name        the path segment that selects it
 * @param options     the resize options it stands for
 * @param publicAccess true when this variant is served without a signed token
 */
public record Preset(String name, ResizeOptions options, boolean publicAccess) {
}
