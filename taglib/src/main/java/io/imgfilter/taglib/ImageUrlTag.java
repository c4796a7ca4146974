package io.imgfilter.taglib;

import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import java.io.IOException;

/**
 * {@code <img:url src="2024/cat.jpg" preset="small" var="catUrl"/>} stores the signed URL in a
 * scoped variable (page scope unless {@code scope} says otherwise) for use in other markup, CSS
 * or scripts; without {@code var} it writes the URL, HTML-escaped ({@code &} as {@code &amp;}),
 * ready for an attribute value.
 */
public class ImageUrlTag extends ImageTagSupport {

    private String var;
    private String scope;

    /** Name of the scoped variable that receives the URL (not escaped). */
    public void setVar(String var) {
        this.var = var;
    }

    /** {@code page} (default), {@code request}, {@code session} or {@code application}. */
    public void setScope(String scope) {
        this.scope = scope;
    }

    @Override
    public void doTag() throws JspException, IOException {
        PageContext page = pageContext();
        int scopeId = scopeId();
        String url = withUrls(page.getServletContext(), (urls, lifetime) ->
                ImageSet.build(urls, src, preset, null, null, options, lifetime).src());
        if (ImageSet.given(var)) {
            page.setAttribute(var, url, scopeId);
        } else {
            Html.escape(url, page.getOut());
        }
    }

    private int scopeId() throws JspException {
        if (scope == null || scope.isEmpty()) {
            return PageContext.PAGE_SCOPE;
        }
        int id = switch (scope) {
            case "page" -> PageContext.PAGE_SCOPE;
            case "request" -> PageContext.REQUEST_SCOPE;
            case "session" -> PageContext.SESSION_SCOPE;
            case "application" -> PageContext.APPLICATION_SCOPE;
            default -> -1;
        };
        if (id < 0) {
            throw new JspException(describe() + ": scope [" + scope + "] is not one of page, request, session, application");
        }
        if (!ImageSet.given(var)) {
            throw new JspException(describe() + ": scope needs var, the name of the variable to set");
        }
        return id;
    }

    @Override
    String tagName() {
        return "img:url";
    }

    @Override
    String[] describedAttributes() {
        return new String[] {"src", src, "preset", preset, "options", options, "ttl", ttl, "filter", filter, "var", var};
    }
}
