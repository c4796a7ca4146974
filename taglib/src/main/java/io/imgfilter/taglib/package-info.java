/**
 * JSP tag library for imgfilter ({@code <%@ taglib prefix="img" uri="urn:imgfilter:tags" %>}):
 * {@code <img:signed>} writes an {@code <img>} element with signed, expiring URLs that
 * {@link io.imgfilter.ImageResizingFilter} accepts, {@code <img:url>} a single URL, and the EL
 * functions {@code img:signedUrl}, {@code img:signedUrlFor} and {@code img:srcset} the same
 * inside other markup. URLs come from the {@link io.imgfilter.ImageUrls} a filter of the webapp
 * publishes, or from {@code imgfilter.*} context-params when the images are served elsewhere.
 */
package io.imgfilter.taglib;
