package io.imgfilter.taglib;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.JspWriter;
import jakarta.servlet.jsp.PageContext;
import jakarta.servlet.jsp.tagext.DynamicAttributes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code <img:signed src="2024/cat.jpg" preset="small" alt="A cat"/>} writes an {@code <img>}
 * element whose {@code src} (and {@code srcset}) are signed, expiring URLs of the filter:
 *
 * <pre>{@code
 * <img src="/ctx/images/small/2024/cat.jpg?exp=1767225600&amp;sig=…" alt="A cat">
 * }</pre>
 *
 * Attributes it does not know ({@code alt}, {@code class}, {@code loading}, {@code data-*} …) are
 * copied to the element; every value is HTML-escaped. {@code width} and {@code height} are written
 * when the variant has exactly that size (fit cover or pad with both dimensions), unless the
 * page gives its own. See the TLD for each attribute.
 */
public class SignedImageTag extends ImageTagSupport implements DynamicAttributes {

    private String presets;
    private String widths;
    private String dprs;
    private String sizes;
    private List<String> extraNames;
    private List<Object> extraValues;
    private boolean authorSize;

    /** Comma-separated preset names: a srcset with one separately signed entry per preset. */
    public void setPresets(String presets) {
        this.presets = presets;
    }

    /** Comma-separated pixel widths: a srcset of flexible URLs {@code width=W}. */
    public void setWidths(String widths) {
        this.widths = widths;
    }

    /** Comma-separated device pixel ratios: a srcset with {@code x} descriptors of one preset or options. */
    public void setDprs(String dprs) {
        this.dprs = dprs;
    }

    /** The {@code sizes} attribute, with {@code presets} or {@code widths}. */
    public void setSizes(String sizes) {
        this.sizes = sizes;
    }

    @Override
    public void setDynamicAttribute(String uri, String localName, Object value) throws JspException {
        if (uri != null && !uri.isEmpty()) {
            throw new JspException("<img:signed> does not take namespaced attributes such as [" + localName
                    + "] (namespace " + uri + ")");
        }
        if (!isAttributeName(localName)) {
            throw new JspException("<img:signed>: [" + localName + "] is not an HTML attribute name");
        }
        if (localName.equalsIgnoreCase("srcset")) {
            throw new JspException("<img:signed> writes srcset itself: give presets=\"small,medium\" or widths=\"300,600\" instead");
        }
        if (localName.equalsIgnoreCase("src") || localName.equalsIgnoreCase("sizes")) {
            // only another spelling can get here: the declared attributes are lower case
            throw new JspException("<img:signed> has its own " + localName.toLowerCase(Locale.ROOT)
                    + " attribute, written in lower case, not [" + localName + "]");
        }
        if (value != null && (localName.equalsIgnoreCase("width") || localName.equalsIgnoreCase("height"))) {
            authorSize = true;
        }
        if (extraNames == null) {
            extraNames = new ArrayList<>(4);
            extraValues = new ArrayList<>(4);
        }
        extraNames.add(localName);
        extraValues.add(value);
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext page = pageContext();
        ImageSet image = withUrls(page.getServletContext(), (urls, lifetime) -> {
            ImageSet set = ImageSet.build(urls, src, preset, presets, widths, options, dprs, lifetime);
            if (ImageSet.given(sizes) && (set.srcset() == null || ImageSet.given(dprs))) {
                throw new ImageTagException("sizes needs a srcset with w descriptors: give presets or widths as well");
            }
            return set;
        });
        JspWriter out = page.getOut();
        out.write("<img");
        Html.attribute("src", image.src(), out);
        if (image.srcset() != null) {
            Html.attribute("srcset", image.srcset(), out);
            if (ImageSet.given(sizes)) {
                Html.attribute("sizes", sizes, out);
            }
        }
        if (image.width() > 0 && !authorSize) {
            Html.attribute("width", Integer.toString(image.width()), out);
            Html.attribute("height", Integer.toString(image.height()), out);
        }
        if (extraNames != null) {
            for (int i = 0; i < extraNames.size(); i++) {
                Object value = extraValues.get(i);
                if (value != null) {
                    Html.attribute(extraNames.get(i), value.toString(), out);
                }
            }
        }
        out.write('>');
    }

    /** Letters, digits and {@code - _ . :}, starting with a letter: names written without escaping. */
    private static boolean isAttributeName(String name) {
        if (name == null || name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.' && c != ':') {
                return false;
            }
        }
        return true;
    }

    @Override
    String tagName() {
        return "img:signed";
    }

    @Override
    String[] describedAttributes() {
        return new String[] {"src", src, "preset", preset, "presets", presets, "widths", widths, "dprs", dprs, "options", options,
            "ttl", ttl, "filter", filter};
    }
}
