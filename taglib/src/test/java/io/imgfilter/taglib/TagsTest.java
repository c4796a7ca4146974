package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.imgfilter.ImageUrls;
import jakarta.servlet.ServletContext;
import jakarta.servlet.jsp.JspContext;
import jakarta.servlet.jsp.JspException;
import jakarta.servlet.jsp.PageContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tags against a mocked page: what they write and the JspExceptions they throw. The
 * container tests run the same tags compiled into real JSPs.
 */
class TagsTest {

    private static final long EXP = Fixtures.NOW.getEpochSecond() + 7200;

    private final ImageUrls urls = Fixtures.shop();
    private final StringJspWriter out = new StringJspWriter();
    private PageContext page;

    @BeforeEach
    void page() {
        ServletContext context = TagConfigTest.contextWithFilters(Map.of("imageResizer", urls));
        when(context.getAttribute(ImageUrls.CONTEXT_ATTRIBUTE)).thenReturn(urls);
        when(context.getAttribute(TagConfig.ATTRIBUTE)).thenReturn(TagConfig.parse(Map.of("imgfilter.default-ttl", "2h"),
                io.imgfilter.config.PlaceholderResolver.forThisProcess()));
        page = mock(PageContext.class);
        when(page.getServletContext()).thenReturn(context);
        when(page.getOut()).thenReturn(out);
    }

    private static String signed(String rawPath) {
        String unsigned = rawPath + "?exp=" + EXP + "&kid=k2";
        return unsigned + "&sig=" + Fixtures.sig(unsigned);
    }

    private static String escaped(String url) {
        return url.replace("&", "&amp;");
    }

    private SignedImageTag signedTag(String src, String preset) {
        SignedImageTag tag = new SignedImageTag();
        tag.setJspContext(page);
        tag.setSrc(src);
        tag.setPreset(preset);
        return tag;
    }

    @Test
    void writesTheImgWithOtherAttributesInOrderAndEscaped() throws Exception {
        SignedImageTag tag = signedTag("2024/café & co's.jpg", "small");
        tag.setDynamicAttribute(null, "alt", "Café & \"co\" <3");
        tag.setDynamicAttribute(null, "class", "hero");
        tag.setDynamicAttribute(null, "title", null);
        tag.setDynamicAttribute("", "loading", "lazy");
        tag.setDynamicAttribute(null, "data-n", 42);
        tag.doTag();
        assertEquals("<img src=\"" + escaped(signed("/shop/images/small/2024/caf%C3%A9%20%26%20co%27s.jpg"))
                + "\" alt=\"Café &amp; &quot;co&quot; &lt;3\" class=\"hero\" loading=\"lazy\" data-n=\"42\">", out.toString());
    }

    @Test
    void writesSrcsetSizesAndAnExactSize() throws Exception {
        SignedImageTag tag = signedTag("cat.jpg", null);
        tag.setPresets("banner,wide");
        tag.setSizes("(max-width: 400px) 100vw, 400px");
        tag.doTag();
        assertEquals("<img src=\"" + escaped(signed("/shop/images/banner/cat.jpg")) + "\" srcset=\""
                + escaped(signed("/shop/images/banner/cat.jpg")) + " 400w, " + escaped(signed("/shop/images/wide/cat.jpg"))
                + " 800w\" sizes=\"(max-width: 400px) 100vw, 400px\" width=\"400\" height=\"100\">", out.toString());
    }

    @Test
    void thePagesWidthOrHeightReplacesTheComputedOnes() throws Exception {
        SignedImageTag tag = signedTag("cat.jpg", "thumb");
        tag.setDynamicAttribute(null, "height", "75");
        tag.doTag();
        assertEquals("<img src=\"/shop/images/thumb/cat.jpg\" height=\"75\">", out.toString());

        StringJspWriter second = new StringJspWriter();
        when(page.getOut()).thenReturn(second);
        SignedImageTag nullWidth = signedTag("cat.jpg", "thumb");
        nullWidth.setDynamicAttribute(null, "width", null);
        nullWidth.doTag();
        assertEquals("<img src=\"/shop/images/thumb/cat.jpg\" width=\"150\" height=\"150\">", second.toString());
    }

    @Test
    void ttlAndExpiresAttributes() throws Exception {
        SignedImageTag tag = signedTag("cat.jpg", "small");
        tag.setTtl("");
        tag.setExpires("2030-01-01T00:00:00Z");
        tag.doTag();
        assertTrue(out.toString().contains("?exp=1893456000&amp;kid=k2&amp;sig="), out.toString());
    }

    @Test
    void srcsetAndNamespacedAttributesAreRefused() {
        JspException srcset = assertThrows(JspException.class, () -> signedTag("cat.jpg", "small").setDynamicAttribute(null, "SrcSet", "x"));
        assertEquals("<img:signed> writes srcset itself: give presets=\"small,medium\" or widths=\"300,600\" instead", srcset.getMessage());
        JspException otherSpelling = assertThrows(JspException.class, () -> signedTag("cat.jpg", "small").setDynamicAttribute(null, "SRC", "x"));
        assertEquals("<img:signed> has its own src attribute, written in lower case, not [SRC]", otherSpelling.getMessage());
        JspException badName = assertThrows(JspException.class,
                () -> signedTag("cat.jpg", "small").setDynamicAttribute(null, "a\" onerror=\"x", "y"));
        assertEquals("<img:signed>: [a\" onerror=\"x] is not an HTML attribute name", badName.getMessage());
        JspException namespaced = assertThrows(JspException.class,
                () -> signedTag("cat.jpg", "small").setDynamicAttribute("urn:other", "x", "y"));
        assertEquals("<img:signed> does not take namespaced attributes such as [x] (namespace urn:other)", namespaced.getMessage());
    }

    @Test
    void errorsNameTheTagTheProblemAndWhereThePresetsAreDeclared() {
        SignedImageTag tag = signedTag("cat.jpg", "huge");
        tag.setTtl("30m");
        JspException e = assertThrows(JspException.class, tag::doTag);
        assertEquals("<img:signed src=\"cat.jpg\" preset=\"huge\" ttl=\"30m\">: unknown preset [huge]; the presets are [thumb, small,"
                + " medium, large, banner, wide, box, tall, retina, thumb2x, same] (URLs of filter [imageResizer], presets in its"
                + " init-param [presets])", e.getMessage());
        assertTrue(e.getCause() instanceof ImageTagException);
        assertEquals("", out.toString(), "nothing written");
    }

    @Test
    void sizesWithoutSrcsetIsRefused() {
        SignedImageTag tag = signedTag("cat.jpg", "small");
        tag.setSizes("100vw");
        assertTrue(assertThrows(JspException.class, tag::doTag).getMessage().startsWith(
                "<img:signed src=\"cat.jpg\" preset=\"small\">: sizes needs a srcset with w descriptors: give presets or widths as well"));
    }

    @Test
    void unknownFilterIsReportedWithoutOrigin() {
        SignedImageTag tag = signedTag("cat.jpg", "small");
        tag.setFilter("other");
        assertEquals("<img:signed src=\"cat.jpg\" preset=\"small\" filter=\"other\">: no ImageResizingFilter named [other] has started"
                + " in this webapp; the filters are [imageResizer]; fix the tag's filter attribute or declare the filter in web.xml",
                assertThrows(JspException.class, tag::doTag).getMessage());
    }

    @Test
    void tagsNeedAPageContext() {
        SignedImageTag tag = new SignedImageTag();
        tag.setJspContext(mock(JspContext.class));
        tag.setSrc("cat.jpg");
        assertEquals("<img:signed> needs a PageContext (it runs in JSP pages and tag files)",
                assertThrows(JspException.class, tag::doTag).getMessage());
    }

    // ---- <img:url> ----------------------------------------------------------------------------

    private ImageUrlTag urlTag(String src, String preset) {
        ImageUrlTag tag = new ImageUrlTag();
        tag.setJspContext(page);
        tag.setSrc(src);
        tag.setPreset(preset);
        return tag;
    }

    @Test
    void urlWritesTheEscapedUrl() throws Exception {
        urlTag("a b.jpg", "small").doTag();
        assertEquals(escaped(signed("/shop/images/small/a%20b.jpg")), out.toString());
    }

    @Test
    void urlStoresTheUrlAsIsInTheScopeAsked() throws Exception {
        ImageUrlTag tag = urlTag("cat.jpg", "medium");
        tag.setVar("u");
        tag.setScope("request");
        tag.doTag();
        verify(page).setAttribute("u", signed("/shop/images/medium/cat.jpg"), PageContext.REQUEST_SCOPE);
        ImageUrlTag pageScope = urlTag("cat.jpg", null);
        pageScope.setOptions("width=400");
        pageScope.setVar("v");
        pageScope.doTag();
        verify(page).setAttribute("v", signed("/shop/images/width=400/cat.jpg"), PageContext.PAGE_SCOPE);
        assertEquals("", out.toString());
    }

    @Test
    void urlScopeErrors() {
        ImageUrlTag badScope = urlTag("cat.jpg", "small");
        badScope.setVar("u");
        badScope.setScope("global");
        assertEquals("<img:url src=\"cat.jpg\" preset=\"small\" var=\"u\">: scope [global] is not one of page, request, session, application",
                assertThrows(JspException.class, badScope::doTag).getMessage());
        ImageUrlTag noVar = urlTag("cat.jpg", "small");
        noVar.setScope("session");
        assertEquals("<img:url src=\"cat.jpg\" preset=\"small\">: scope needs var, the name of the variable to set",
                assertThrows(JspException.class, noVar::doTag).getMessage());
    }

    @Test
    void urlErrorsNameTheTag() {
        ImageUrlTag tag = urlTag("cat.jpg", null);
        assertTrue(assertThrows(JspException.class, tag::doTag).getMessage().startsWith("<img:url src=\"cat.jpg\">: no size given"));
        ImageUrlTag both = urlTag("cat.jpg", "small");
        both.setOptions("width=300");
        assertTrue(assertThrows(JspException.class, both::doTag).getMessage()
                .startsWith("<img:url src=\"cat.jpg\" preset=\"small\" options=\"width=300\">: give preset or options, not both"));
    }
}
