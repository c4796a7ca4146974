/**
 * JSP tag library for imgfilter: {@code <img:signed>} and friends emit signed, expiring image URLs
 * that {@link io.imgfilter.ImageResizingFilter} accepts. The tags themselves arrive with the tag
 * library work; this module already builds so that the layout is stable.
 */
package io.imgfilter.taglib;
