package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.PlaceholderResolver;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagConfigTest {

    private static final String SECRET = "remote-secret-0123456789abcdef";
    private static final PlaceholderResolver RESOLVER = new PlaceholderResolver(
            name -> name.equals("IMAGE_SIGNING_KEY") ? SECRET : null, name -> null);

    private static TagConfig parse(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return TagConfig.parse(params, RESOLVER);
    }

    private static String error(String... pairs) {
        return assertThrows(ImageTagException.class, () -> parse(pairs)).getMessage();
    }

    private static String[] remote(String... more) {
        String[] base = {
            "imgfilter.base-url", "https://cdn.example.com/images",
            "imgfilter.presets", "thumb: width=150,height=150,fit=cover,public; small: width=300",
            "imgfilter.signing-keys", "${env:IMAGE_SIGNING_KEY}",
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void withoutContextParamsTheFiltersAreUsedAndUrlsLiveAnHour() {
        TagConfig config = parse();
        assertNull(config.remote());
        String url = Lifetime.of(null, null, config.defaultLifetime()).url(Fixtures.shop(), "cat.jpg", "small");
        assertTrue(url.contains("?exp=" + (Fixtures.NOW.getEpochSecond() + 3600) + "&"), url);
    }

    @Test
    void defaultTtlIsConfigurable() {
        TagConfig config = parse("imgfilter.default-ttl", "30m");
        String url = config.defaultLifetime().url(Fixtures.shop(), "cat.jpg", "small");
        assertTrue(url.contains("?exp=" + (Fixtures.NOW.getEpochSecond() + 1800) + "&"), url);
        assertEquals("imgfilter tag library: context-param [imgfilter.default-ttl]:[half an hour] is not valid; ttl [half an hour]"
                + " is not valid; expected seconds (3600) or a number with a unit s, m, h, d or w (30m, 1h, 1d)",
                error("imgfilter.default-ttl", "half an hour"));
    }

    @Test
    void otherContextParamsAreNotOurs() {
        assertNull(parse("contextConfigLocation", "/WEB-INF/app.xml", "imgfilterx", "1").remote());
    }

    @Test
    void unknownNamesUnderOurPrefixAreTyposWithAHint() {
        assertEquals("imgfilter tag library: unknown context-param [imgfilter.signing-key] (did you mean [imgfilter.signing-keys]?);"
                + " the names starting with imgfilter. are the tag library's, known ones are: imgfilter.default-ttl, imgfilter.filter,"
                + " imgfilter.base-url, imgfilter.presets, imgfilter.flexible-options, imgfilter.max-width, imgfilter.max-height,"
                + " imgfilter.max-dpr, imgfilter.signing-keys, imgfilter.signing-scheme, imgfilter.signature-required",
                error("imgfilter.signing-key", "x"));
        assertTrue(error("imgfilter.colour", "red").startsWith("imgfilter tag library: unknown context-param [imgfilter.colour]; the names"));
    }

    @Test
    void contextParamsBuildUrlsForImagesServedElsewhere() {
        ImageUrls urls = parse(remote()).remote();
        assertNotNull(urls);
        assertEquals("https://cdn.example.com/images", urls.baseUrl());
        assertTrue(urls.requiresToken("small"));
        assertFalse(urls.requiresToken("thumb"));
        String url = urls.url("cat.jpg", "small", Duration.ofMinutes(5));
        assertTrue(url.startsWith("https://cdn.example.com/images/small/cat.jpg?exp="), url);
    }

    @Test
    void remoteUrlsWinOverTheFilterUnlessATagNamesOne() {
        ServletContext context = contextWithFilters(Map.of("imageResizer", Fixtures.shop()));
        TagConfig config = parse(remote());
        assertSame(config.remote(), config.imageUrls(context, null));
        assertSame(config.remote(), config.imageUrls(context, ""));
        ImageUrls named = config.imageUrls(context, "imageResizer");
        assertEquals("/shop/images", named.baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"//cdn.example.com/images", "images", "https://", "https:///images", "ftp://host/images",
        "/images?x=1", "/images#top", "/my images", "https://cdn.example.com/bilder/ö", "/a\"b"})
    void baseUrlMustBeAnAbsoluteUrlOrAPath(String baseUrl) {
        String message = error("imgfilter.base-url", baseUrl, "imgfilter.presets", "small: width=300", "imgfilter.signature-required", "none");
        assertTrue(message.startsWith("imgfilter tag library: context-param [imgfilter.base-url]:[" + baseUrl
                + "] is not valid; expected an absolute http(s) URL such as https://cdn.example.com/images or a path on this host"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/images", "/media/images/", "http://127.0.0.1:8080/shop/images", "HTTPS://CDN.example.com"})
    void baseUrlForms(String baseUrl) {
        assertNotNull(parse("imgfilter.base-url", baseUrl, "imgfilter.presets", "small: width=300",
                "imgfilter.signature-required", "none").remote());
    }

    @Test
    void remoteSettingsWithoutBaseUrlAreAMistake() {
        assertTrue(error("imgfilter.presets", "small: width=300").startsWith("imgfilter tag library: context-param [imgfilter.presets]"
                + " is set but [imgfilter.base-url] is not; the context-params for signing without a filter need the base URL"));
        assertTrue(error("imgfilter.signing-keys", "k").contains("[imgfilter.signing-keys] is set but [imgfilter.base-url] is not"));
        // these two belong to the filter mode as well
        assertNull(parse("imgfilter.default-ttl", "5m", "imgfilter.filter", "images").remote());
    }

    @Test
    void invalidPresetsNameTheParamAndTheSyntax() {
        String message = error(remote("imgfilter.presets", "small: width=3000"));
        assertEquals("imgfilter tag library: context-param [imgfilter.presets]:[small: width=3000] is not valid; preset [small]:"
                + " width 3000 is over the limit of 2000 pixels; presets are written one per line or separated by ';', as name:"
                + " width=300,fit=cover,public, the same as the filter's init-param [presets]", message);
        assertNotNull(parse(remote("imgfilter.presets", "small: width=3000", "imgfilter.max-width", "4000")).remote());
    }

    @Test
    void somethingMustBeServable() {
        assertTrue(error("imgfilter.base-url", "/images", "imgfilter.signing-keys", "k").contains(
                "there are no presets ([imgfilter.presets]) and [imgfilter.flexible-options] is false"));
        ImageUrls flexibleOnly = parse("imgfilter.base-url", "/images", "imgfilter.signing-keys", "k",
                "imgfilter.flexible-options", "TRUE").remote();
        assertTrue(flexibleOnly.flexibleUrl("cat.jpg", "width=300", Duration.ofMinutes(1)).startsWith("/images/width=300/cat.jpg?exp="));
    }

    @Test
    void withoutAKeyTheFilterMustBeKnownToAcceptUnsignedUrls() {
        String message = error("imgfilter.base-url", "/images", "imgfilter.presets", "small: width=300");
        assertEquals("imgfilter tag library: context-param [imgfilter.base-url] is set but [imgfilter.signing-keys] is not, so no URL"
                + " could be signed; set it to the signing key of the filter that serves the images (e.g. ${env:IMAGE_SIGNING_KEY}),"
                + " or set [imgfilter.signature-required] to none if that filter accepts unsigned URLs", message);
        ImageUrls unsigned = parse("imgfilter.base-url", "/images", "imgfilter.presets", "small: width=300",
                "imgfilter.signature-required", "none").remote();
        assertEquals("/images/small/cat.jpg", unsigned.url("cat.jpg", "small", Duration.ofMinutes(1)));
        assertTrue(error("imgfilter.base-url", "/images", "imgfilter.presets", "small: width=300",
                "imgfilter.signature-required", "all").contains("[imgfilter.signature-required]:[all] needs a key"));
    }

    @Test
    void signatureRequiredFlexibleSignsOnlyFlexibleUrls() {
        ImageUrls urls = parse(remote("imgfilter.signature-required", "flexible", "imgfilter.flexible-options", "true")).remote();
        assertEquals("https://cdn.example.com/images/small/cat.jpg", urls.url("cat.jpg", "small", Duration.ofMinutes(1)));
        assertTrue(urls.flexibleUrl("cat.jpg", "width=300", Duration.ofMinutes(1)).contains("&sig="));
    }

    @Test
    void badValuesNameTheParamTheValueAndWhatIsAllowed() {
        assertEquals("imgfilter tag library: context-param [imgfilter.signature-required]:[some] is not valid; expected all, flexible or none",
                error(remote("imgfilter.signature-required", "some")));
        assertEquals("imgfilter tag library: context-param [imgfilter.signing-scheme]:[hmac] is not valid; expected one of"
                + " path-and-query, image-variant-expiry", error(remote("imgfilter.signing-scheme", "hmac")));
        assertEquals("imgfilter tag library: context-param [imgfilter.max-width]:[wide] is not valid; expected a whole number from 1 to 10000",
                error(remote("imgfilter.max-width", "wide")));
        assertEquals("imgfilter tag library: context-param [imgfilter.max-dpr]:[9] is not valid; expected a whole number from 1 to 5",
                error(remote("imgfilter.max-dpr", "9")));
        assertEquals("imgfilter tag library: context-param [imgfilter.flexible-options]:[yes] is not valid; expected true or false",
                error(remote("imgfilter.flexible-options", "yes")));
    }

    @Test
    void placeholdersAreResolvedAndAnUnsetVariableIsNamed() {
        String message = error(remote("imgfilter.signing-keys", "${env:NO_SUCH_KEY}"));
        assertEquals("imgfilter tag library: context-param [imgfilter.signing-keys]:[${env:NO_SUCH_KEY}] is not valid; environment"
                + " variable NO_SUCH_KEY referenced as ${env:NO_SUCH_KEY} is not set (add a fallback: ${env:NO_SUCH_KEY|value})", message);
        assertNotNull(parse(remote("imgfilter.signing-keys", "${env:NO_SUCH_KEY|fallback-key}")).remote());
    }

    @Test
    void aBadKeyIsDescribedWithoutQuotingIt() {
        String message = error(remote("imgfilter.signing-keys", "bad id!:" + SECRET));
        assertTrue(message.startsWith("imgfilter tag library: context-param [imgfilter.signing-keys] is not valid: signing key entry 1:"),
                message);
        assertFalse(message.contains(SECRET), message);
        assertFalse(message.contains("bad id"), message);
    }

    @Test
    void theParsedSettingsAreKeptInTheContext() {
        ServletContext context = mock(ServletContext.class);
        when(context.getInitParameterNames()).thenReturn(Collections.enumeration(List.of("imgfilter.default-ttl", "other")));
        when(context.getInitParameter("imgfilter.default-ttl")).thenReturn("5m");
        TagConfig config = TagConfig.of(context);
        verify(context).setAttribute(TagConfig.ATTRIBUTE, config);
        when(context.getAttribute(TagConfig.ATTRIBUTE)).thenReturn(config);
        assertSame(config, TagConfig.of(context));
        verify(context, times(1)).getInitParameterNames();
        verify(context, times(0)).getInitParameter("other");
    }

    // ---- which ImageUrls ----------------------------------------------------------------------

    @Test
    void theFilterNamedByTheTagOrByContextParam() {
        ImageUrls images = Fixtures.shop();
        ImageUrls pictures = Fixtures.unsigned();
        ServletContext context = contextWithFilters(Map.of("images", images, "pictures", pictures));
        when(context.getAttribute(ImageUrls.CONTEXT_ATTRIBUTE)).thenReturn(images);
        TagConfig plain = parse();
        assertSame(images, plain.imageUrls(context, null));
        assertSame(pictures, plain.imageUrls(context, "pictures"));
        TagConfig byParam = parse("imgfilter.filter", "pictures");
        assertSame(pictures, byParam.imageUrls(context, null));
        assertSame(images, byParam.imageUrls(context, "images"));
    }

    @Test
    void anUnknownFilterNameListsTheFilters() {
        ServletContext context = contextWithFilters(Map.of("images", Fixtures.shop(), "pictures", Fixtures.unsigned()));
        assertEquals("no ImageResizingFilter named [imgs] has started in this webapp; the filters are [images, pictures];"
                        + " fix the tag's filter attribute or declare the filter in web.xml",
                assertThrows(ImageTagException.class, () -> parse().imageUrls(context, "imgs")).getMessage());
        assertEquals("no ImageResizingFilter named [imgs] has started in this webapp; the filters are [images, pictures];"
                        + " fix context-param [imgfilter.filter] or declare the filter in web.xml",
                assertThrows(ImageTagException.class, () -> parse("imgfilter.filter", "imgs").imageUrls(context, null)).getMessage());
        ServletContext empty = contextWithFilters(Map.of());
        assertTrue(assertThrows(ImageTagException.class, () -> parse().imageUrls(empty, "imgs")).getMessage()
                .startsWith("no ImageResizingFilter named [imgs] has started in this webapp; no filter has;"));
    }

    @Test
    void nothingConfiguredSaysWhatToDo() {
        ServletContext context = contextWithFilters(Map.of());
        assertEquals("no image URLs are configured for this webapp: no io.imgfilter.ImageResizingFilter has started in it and"
                + " context-param [imgfilter.base-url] is not set. Declare the filter in web.xml, or, when the images are served"
                + " by another server or a CDN, set the context-params imgfilter.base-url, imgfilter.presets and"
                + " imgfilter.signing-keys", assertThrows(ImageTagException.class, () -> parse().imageUrls(context, null)).getMessage());
    }

    @Test
    void originNamesTheFilterOrTheContextParams() {
        ImageUrls images = Fixtures.shop();
        ServletContext context = contextWithFilters(Map.of("images", images));
        TagConfig config = parse(remote());
        assertEquals("URLs of filter [images], presets in its init-param [presets]", config.origin(context, images));
        assertEquals("URLs from context-params imgfilter.*, presets in [imgfilter.presets]", config.origin(context, config.remote()));
    }

    /** A ServletContext in which filters of these names have published their ImageUrls. */
    static ServletContext contextWithFilters(Map<String, ImageUrls> filters) {
        ServletContext context = mock(ServletContext.class);
        List<String> names = filters.keySet().stream().map(ImageUrls::contextAttribute).sorted().toList();
        when(context.getAttributeNames()).thenAnswer(invocation -> Collections.enumeration(names));
        filters.forEach((name, urls) -> when(context.getAttribute(ImageUrls.contextAttribute(name))).thenReturn(urls));
        return context;
    }
}
