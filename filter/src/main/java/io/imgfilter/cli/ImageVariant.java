package io.imgfilter.cli;

/**
 * What the image-variant-expiry scheme signs besides the expiry.
 *
 * @param imageId the decoded source path
 * @param variant the preset name or options segment, as in the URL
 */
record ImageVariant(String imageId, String variant) {
}
