package io.imgfilter.taglib;

import io.imgfilter.ImageUrls;
import jakarta.servlet.ServletContext;
import jakarta.servlet.jsp.JspContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.SimpleTagSupport;

/**
 * What {@code <img:signed>} and {@code <img:url>} share: the attributes that choose the image, its
 * variant and its lifetime, the lookup of the {@link ImageUrls} to use, and error messages that
 * name the tag as the page author wrote it.
 */
abstract class ImageTagSupport extends SimpleTagSupport {

    String src;
    String preset;
    String options;
    String ttl;
    Object expires;
    String filter;

    /** The original's path below the filter's source, not encoded, e.g. {@code 2024/cat one.jpg}. */
    public void setSrc(String src) {
        this.src = src;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public void setOptions(String options) {
        this.options = options;
    }

    public void setTtl(String ttl) {
        this.ttl = ttl;
    }

    public void setExpires(Object expires) {
        this.expires = expires;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    /** The tag's name as written in pages, e.g. {@code img:signed}. */
    abstract String tagName();

    /** The attributes worth quoting in an error message, as name/value pairs. */
    abstract String[] describedAttributes();

    final PageContext pageContext() throws JspException {
        JspContext context = getJspContext();
        if (context instanceof PageContext page) {
            return page;
        }
        throw new JspException("<" + tagName() + "> needs a PageContext (it runs in JSP pages and tag files)");
    }

    /** Resolves configuration, then runs {@code work}; turns every author error into a JspException naming the tag. */
    final <T> T withUrls(ServletContext context, UrlWork<T> work) throws JspException {
        TagConfig config;
        ImageUrls urls;
        try {
            config = TagConfig.of(context);
            urls = config.imageUrls(context, filter);
        } catch (ImageTagException e) {
            throw new JspException(describe() + ": " + e.getMessage(), e);
        }
        try {
            Lifetime lifetime = Lifetime.of(ttl, expires, config.defaultLifetime());
            return work.apply(urls, lifetime);
        } catch (ImageTagException | IllegalArgumentException e) {
            throw new JspException(describe() + ": " + e.getMessage() + " (" + config.origin(context, urls) + ")", e);
        }
    }

    @FunctionalInterface
    interface UrlWork<T> {
        T apply(ImageUrls urls, Lifetime lifetime);
    }

    /** {@code <img:signed src="…" preset="…">}, for messages. */
    final String describe() {
        StringBuilder out = new StringBuilder("<").append(tagName());
        String[] attributes = describedAttributes();
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null && !attributes[i + 1].isEmpty()) {
                out.append(' ').append(attributes[i]).append("=\"").append(attributes[i + 1]).append('"');
            }
        }
        if (expires != null) {
            out.append(" expires=\"").append(expires).append('"');
        }
        return out.append('>').toString();
    }
}
