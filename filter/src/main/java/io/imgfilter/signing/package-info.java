/**
 * Signed, expiring image URLs: HMAC-SHA256 tokens carried in the query parameters {@code exp}
 * (expiry, Unix seconds), {@code sig} (lower-case hex) and optionally {@code kid} (key id).
 *
 * <p>{@link io.imgfilter.signing.UrlSigner} makes such URLs (for pages and the tag library),
 * {@link io.imgfilter.signing.SignatureVerifier} checks them (for the filter) and returns a
 * {@link io.imgfilter.signing.Verdict}, {@link io.imgfilter.signing.RefusalLog} records refusals.
 * Keys come from a {@link io.imgfilter.signing.KeyRing}: the first signs, all verify. What the
 * signature covers is the {@link io.imgfilter.signing.SigningScheme}. Only the JDK is used.
 *
 * <p>In a filter:
 * <pre>{@code
 * Verdict verdict = verifier.verify(SignedRequest.of(
 *         request.getRequestURI(), request.getQueryString(), imageId, variant));
 * if (!verdict.isValid()) {
 *     refusals.refused(verdict, request.getRequestURI());
 *     // 403 "invalid or expired signature"
 * }
 * }</pre>
 */
package io.imgfilter.signing;
