package io.imgfilter.taglib.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.ImageUrls;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.UrlSigner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tag library in a real servlet container: JSPs compiled by the container's Jasper, the
 * taglib jar found in WEB-INF/lib, the real ImageResizingFilter serving a directory of originals.
 * Every URL a page emits (src, each srcset entry, variables, functions) is fetched back through
 * the filter over loopback HTTP and decoded, so a test passes only when the filter accepts the
 * signature and serves the size the markup promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TagLibraryInContainer {

    private static final Pattern SIGNED = Pattern.compile("\\?exp=(\\d+)(&kid=k2)?&sig=([0-9a-f]{64})$");

    private Path root;

    private ServletContainer container;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    abstract ServletContainer create(Path work) throws Exception;

    @BeforeAll
    void start(@TempDir Path root) throws Exception {
        this.root = root;
        Path originals = TestWebapps.originals(root);
        container = create(root);
        container.start();
        assertTrue(container.deploy("/shop", TestWebapps.shop(root, originals)), "webapp /shop started");
        assertTrue(container.deploy("/remote", TestWebapps.remote(root, origin() + "/shop/images")), "webapp /remote started");
        assertTrue(container.deploy("/bare", TestWebapps.bare(root)), "webapp /bare started");
    }

    @AfterAll
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    // ---- <img:signed> -------------------------------------------------------------------------

    @Test
    void signedWritesAnEscapedImgWhoseUrlTheFilterServes() throws Exception {
        String name = "2024/café & co's <1>+%.jpg";
        Page page = render("/shop/signed.jsp", "src", name, "preset", "small", "alt", "A \"cat\" & <co>");
        String raw = page.body.substring(page.body.indexOf("<img"), page.body.indexOf('>', page.body.indexOf("<img")) + 1);
        Matcher shape = Pattern.compile("<img src=\"/shop/images/small/2024/caf%C3%A9%20%26%20co%27s%20%3C1%3E%2B%25\\.jpg"
                + "\\?exp=\\d+&amp;kid=k2&amp;sig=[0-9a-f]{64}\" alt=\"A &quot;cat&quot; &amp; &lt;co&gt;\" class=\"hero\" loading=\"lazy\">")
                .matcher(raw);
        assertTrue(shape.matches(), raw);

        String src = page.image().get("src");
        assertSignedFor(src, TestWebapps.KEY);
        assertEquals(300, fetchImage(src).getWidth());
        assertFalse(page.image().containsKey("width"), "small keeps the original's aspect ratio: no width/height");
    }

    @Test
    void everyTrickyNameRoundTripsThroughTheFilter() throws Exception {
        for (String name : TestWebapps.TRICKY_NAMES) {
            Page page = render("/shop/signed.jsp", "src", name, "preset", "small", "alt", name);
            Map<String, String> image = page.image();
            assertEquals(name, image.get("alt"));
            String src = image.get("src");
            assertEquals("/shop/images/small/" + ImageUrls.encodePath(name), src.substring(0, src.indexOf('?')), name);
            assertSignedFor(src, TestWebapps.KEY);
            BufferedImage served = fetchImage(src);
            assertEquals(300, served.getWidth(), name);
            assertEquals(200, served.getHeight(), name);
        }
    }

    @Test
    void literalAttributesInTheJspSourceWork() throws Exception {
        Page page = render("/shop/literal.jsp");
        List<Map<String, String>> raw = page.rawImages();
        assertEquals(3, raw.size(), page.body);
        assertEquals("Café &amp; co&#39;s &lt;1&gt;", raw.get(0).get("alt"));
        assertEquals("say &quot;cheese&quot;", raw.get(1).get("data-caption"));

        List<Map<String, String>> images = page.images();
        assertEquals(300, fetchImage(images.get(0).get("src")).getWidth());
        Map<String, Integer> srcset = Page.srcset(images.get(1).get("srcset"));
        assertEquals(List.of(300, 600, 900), List.copyOf(srcset.values()));
        for (Map.Entry<String, Integer> candidate : srcset.entrySet()) {
            assertEquals(candidate.getValue(), fetchImage(candidate.getKey()).getWidth());
        }
        assertEquals("(max-width: 600px) 100vw, 600px", images.get(1).get("sizes"));
        BufferedImage thumb = fetchImage(images.get(2).get("src"));
        assertEquals(150, thumb.getWidth());
        assertEquals("", images.get(2).get("alt"));
    }

    @Test
    void publicPresetIsUnsignedAndHasItsExactSize() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "2024/space name.jpg", "preset", "thumb").image();
        assertEquals("/shop/images/thumb/2024/space%20name.jpg", image.get("src"));
        assertEquals("150", image.get("width"));
        assertEquals("150", image.get("height"));
        BufferedImage thumb = fetchImage(image.get("src"));
        assertEquals(150, thumb.getWidth());
        assertEquals(150, thumb.getHeight());
    }

    @Test
    void thePagesOwnWidthReplacesTheComputedSize() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "thumb", "width", "75").image();
        assertEquals("75", image.get("width"));
        assertFalse(image.containsKey("height"));
    }

    @Test
    void presetsMakeASrcsetOfSeparatelySignedEntries() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "2024/café & co's <1>+%.jpg",
                "presets", "small,medium,large", "sizes", "(max-width: 600px) 100vw, 600px").image();
        Map<String, Integer> srcset = Page.srcset(image.get("srcset"));
        assertEquals(List.of(300, 600, 900), List.copyOf(srcset.values()));
        assertEquals(srcset.keySet().iterator().next(), image.get("src"), "src falls back to the first entry");
        assertEquals("(max-width: 600px) 100vw, 600px", image.get("sizes"));
        assertFalse(image.containsKey("width"));
        Set<String> signatures = new HashSet<>();
        for (Map.Entry<String, Integer> candidate : srcset.entrySet()) {
            signatures.add(assertSignedFor(candidate.getKey(), TestWebapps.KEY));
            assertEquals(candidate.getValue(), fetchImage(candidate.getKey()).getWidth(), candidate.getKey());
        }
        assertEquals(3, signatures.size());
    }

    @Test
    void presetChoosesTheFallbackOfASrcset() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "medium", "presets", "small,medium,large").image();
        assertTrue(image.get("src").startsWith("/shop/images/medium/cat.jpg?"), image.get("src"));
        assertTrue(Page.srcset(image.get("srcset")).containsKey(image.get("src")));
        assertEquals(600, fetchImage(image.get("src")).getWidth());
    }

    @Test
    void presetsOfOneAspectRatioKeepWidthAndHeight() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "presets", "banner,wide").image();
        assertEquals("400", image.get("width"));
        assertEquals("100", image.get("height"));
        for (Map.Entry<String, Integer> candidate : Page.srcset(image.get("srcset")).entrySet()) {
            BufferedImage served = fetchImage(candidate.getKey());
            assertEquals(candidate.getValue(), served.getWidth());
            assertEquals(candidate.getValue() / 4, served.getHeight());
        }
        Map<String, String> mixed = render("/shop/signed.jsp", "src", "cat.jpg", "presets", "thumb,banner").image();
        assertFalse(mixed.containsKey("width"), "150x150 and 400x100 have no common size");
    }

    @Test
    void widthsMakeASrcsetOfFlexibleUrls() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "日本語/写真 一.jpg", "widths", "300, 600,900", "sizes", "50vw").image();
        Map<String, Integer> srcset = Page.srcset(image.get("srcset"));
        assertEquals(List.of(300, 600, 900), List.copyOf(srcset.values()));
        for (Map.Entry<String, Integer> candidate : srcset.entrySet()) {
            assertTrue(candidate.getKey().startsWith("/shop/images/width=" + candidate.getValue() + "/"), candidate.getKey());
            assertSignedFor(candidate.getKey(), TestWebapps.KEY);
            assertEquals(candidate.getValue(), fetchImage(candidate.getKey()).getWidth());
        }
        assertEquals("50vw", image.get("sizes"));
    }

    @Test
    void dprsMakeAnXDescriptorSrcsetOfOneVariant() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small", "dprs", "1,2,3").image();
        String[] entries = image.get("srcset").split(",\\s+");
        assertEquals(3, entries.length, image.get("srcset"));
        int ratio = 1;
        for (String entry : entries) {
            String[] parts = entry.split("\\s+");
            assertEquals(ratio + "x", parts[1], entry);
            assertSignedFor(parts[0], TestWebapps.KEY);
            assertEquals(300 * ratio, fetchImage(parts[0]).getWidth(), parts[0]);
            ratio++;
        }
    }

    @Test
    void widthsTakeFurtherOptions() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "widths", "200,400", "options", "height=100,fit=cover").image();
        assertFalse(image.containsKey("width"), "200x100 and 400x100 differ in aspect ratio");
        for (Map.Entry<String, Integer> candidate : Page.srcset(image.get("srcset")).entrySet()) {
            assertTrue(candidate.getKey().contains("/width=" + candidate.getValue() + ",height=100,fit=cover/"), candidate.getKey());
            BufferedImage served = fetchImage(candidate.getKey());
            assertEquals(candidate.getValue(), served.getWidth());
            assertEquals(100, served.getHeight());
        }
    }

    @Test
    void flexibleOptionsAloneWithTheirExactSize() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "cat.jpg", "options", "width=400,height=100,fit=cover").image();
        assertEquals("400", image.get("width"));
        assertEquals("100", image.get("height"));
        BufferedImage served = fetchImage(image.get("src"));
        assertEquals(400, served.getWidth());
        assertEquals(100, served.getHeight());
    }

    @Test
    void ttlAttributeAndTheConfiguredDefault() throws Exception {
        long now = Instant.now().getEpochSecond();
        String withTtl = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small", "ttl", "30m").image().get("src");
        assertNear(now + 1800, expiry(withTtl));
        String withSeconds = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small", "ttl", "90").image().get("src");
        assertNear(now + 90, expiry(withSeconds));
        String byDefault = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small").image().get("src");
        assertNear(now + 7200, expiry(byDefault)); // imgfilter.default-ttl = 2h
        assertEquals(300, fetchImage(withSeconds).getWidth());
    }

    @Test
    void expiresTakesInstantsDatesAndIsoText() throws Exception {
        long epoch = Instant.now().getEpochSecond() + 3600;
        Page page = render("/shop/expires.jsp", "epoch", Long.toString(epoch));
        List<Map<String, String>> images = page.images();
        assertEquals(3, images.size());
        for (Map<String, String> image : images) {
            assertEquals(epoch, expiry(image.get("src")), image.get("id"));
            assertEquals(300, fetchImage(image.get("src")).getWidth());
        }
        String offset = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small",
                "expires", "2030-01-01T02:00:00+02:00").image().get("src");
        assertEquals(1893456000L, expiry(offset));
    }

    @Test
    void anExpiredLinkIsRefusedByTheFilter() throws Exception {
        String past = Instant.now().minusSeconds(3600).toString();
        String src = render("/shop/signed.jsp", "src", "cat.jpg", "preset", "small", "expires", past).image().get("src");
        assertEquals(403, fetch(src).statusCode());
    }

    @Test
    void filterAttributeSelectsAnotherFilter() throws Exception {
        Map<String, String> image = render("/shop/signed.jsp", "src", "2024/space name.jpg", "preset", "tiny", "filter", "pictures").image();
        assertTrue(image.get("src").startsWith("/shop/pics/tiny/2024/space%20name.jpg?exp="), image.get("src"));
        assertSignedFor(image.get("src"), TestWebapps.PICTURES_KEY);
        assertEquals(50, fetchImage(image.get("src")).getWidth());
    }

    // ---- <img:url> and the EL functions -------------------------------------------------------

    @Test
    void urlTagAndFunctionsGiveUrlsTheFilterServes() throws Exception {
        String name = "2024/café & co's <1>+%.jpg";
        Page page = render("/shop/url.jsp", "src", name);
        String encoded = ImageUrls.encodePath(name);

        String requestVar = page.rawText("var-request");
        assertTrue(requestVar.startsWith("/shop/images/small/" + encoded + "?exp="), requestVar);
        assertTrue(requestVar.contains("&sig="), "a variable holds the URL as is: " + requestVar);
        assertEquals(300, fetchImage(requestVar).getWidth());

        String pageVar = page.rawText("var-page");
        assertNear(Instant.now().getEpochSecond() + 300, expiry(pageVar));
        assertEquals(600, fetchImage(pageVar).getWidth());

        String written = page.rawAttribute("written", "href");
        assertTrue(written.contains("&amp;sig="), "written URLs are escaped: " + written);
        assertFalse(written.replace("&amp;", "").contains("&"), written);
        assertEquals(900, fetchImage(Page.unescape(written)).getWidth());

        BufferedImage flexible = fetchImage(Page.unescape(page.rawAttribute("flexible", "href")));
        assertEquals(400, flexible.getWidth());
        assertEquals(100, flexible.getHeight());

        assertEquals(300, fetchImage(page.rawText("fn-signedUrl")).getWidth());
        String large = page.rawText("fn-signedUrlFor");
        assertNear(Instant.now().getEpochSecond() + 1800, expiry(large));
        assertEquals(900, fetchImage(large).getWidth());
        Map<String, Integer> srcset = Page.srcset(page.rawText("fn-srcset"));
        assertEquals(List.of(300, 600, 900), List.copyOf(srcset.values()));
        for (Map.Entry<String, Integer> candidate : srcset.entrySet()) {
            assertEquals(candidate.getValue(), fetchImage(candidate.getKey()).getWidth());
        }
        assertEquals("/shop/images/thumb/" + encoded, page.rawText("fn-public"));
        assertEquals(150, fetchImage(page.rawText("fn-public")).getWidth());
    }

    // ---- configuration ------------------------------------------------------------------------

    @Test
    void contextParamsSignForImagesServedElsewhere() throws Exception {
        Map<String, String> image = render("/remote/signed.jsp", "src", "2024/café & co's <1>+%.jpg", "preset", "small").image();
        String src = image.get("src");
        assertTrue(src.startsWith(origin() + "/shop/images/small/2024/caf%C3%A9"), src);
        assertNear(Instant.now().getEpochSecond() + 600, expiry(src)); // imgfilter.default-ttl = 10m
        assertEquals(300, fetchImage(src).getWidth());

        Map<String, String> responsive = render("/remote/signed.jsp", "src", "cat.jpg", "widths", "250,500").image();
        for (Map.Entry<String, Integer> candidate : Page.srcset(responsive.get("srcset")).entrySet()) {
            assertEquals(candidate.getValue(), fetchImage(candidate.getKey()).getWidth());
        }
        Page functions = render("/remote/url.jsp", "src", "cat.jpg");
        assertEquals(900, fetchImage(functions.rawText("fn-signedUrlFor")).getWidth());
    }

    @Test
    void aWebappWithoutConfigurationSaysWhatToDo() throws Exception {
        Page page = render("/bare/signed.jsp", "src", "cat.jpg", "preset", "small");
        assertEquals(500, page.status);
        assertTrue(page.body.contains("no image URLs are configured for this webapp"), page.body);
        assertTrue(page.body.contains("Declare the filter in web.xml"), page.body);
        Page function = render("/bare/url.jsp", "src", "cat.jpg");
        assertEquals(500, function.status);
        assertTrue(function.body.contains("no image URLs are configured"), function.body);
    }

    @Test
    void invalidContextParamsStopTheWebapp() throws Exception {
        assertFalse(container.deploy("/broken", TestWebapps.broken(root)));
        assertNotEquals(200, fetch("/broken/signed.jsp?src=cat.jpg&preset=small").statusCode());
    }

    // ---- errors -------------------------------------------------------------------------------

    static Stream<Arguments> authorErrors() {
        return Stream.of(
                Arguments.of(List.of("src", "cat.jpg", "preset", "huge"),
                        "unknown preset [huge]; the presets are [thumb, small, medium, large, banner, wide, tall]"
                                + " (URLs of filter [imageResizer], presets in its init-param [presets])"),
                Arguments.of(List.of("src", "cat.jpg", "preset", "small", "filter", "nope"),
                        "no ImageResizingFilter named [nope] has started in this webapp; the filters are [imageResizer, pictures]"),
                Arguments.of(List.of("src", "cat.jpg", "widths", "300", "filter", "pictures"),
                        "flexible options are not enabled for these images"),
                Arguments.of(List.of("src", "cat.jpg", "widths", "300,1200"), "width 1200 is over the limit of 1000 pixels"),
                Arguments.of(List.of("src", "cat.jpg", "widths", "300px"), "must be whole numbers of pixels"),
                Arguments.of(List.of("src", "cat.jpg", "preset", "small", "ttl", "soon"), "ttl [soon] is not valid"),
                Arguments.of(List.of("src", "cat.jpg", "preset", "small", "ttl", "1h", "expires", "2030-01-01T00:00:00Z"),
                        "give either ttl or expires, not both"),
                Arguments.of(List.of("src", "cat.jpg", "preset", "small", "expires", "tomorrow"), "is not an ISO-8601 instant"),
                Arguments.of(List.of("src", "cat.jpg"), "no size given"),
                Arguments.of(List.of("src", ".hidden.jpg", "preset", "small"), "is a path the filter refuses"),
                Arguments.of(List.of("src", "percent%20literal.jpg", "preset", "small"), "double percent-encoding"),
                Arguments.of(List.of("src", "back\\slash.jpg", "preset", "small"), "is a path the filter refuses"),
                Arguments.of(List.of("src", "2024/../cat.jpg", "preset", "small"), "'..' segment"),
                Arguments.of(List.of("src", "cat.jpg", "presets", "small,tall"), "preset [tall] sets no width"),
                Arguments.of(List.of("src", "cat.jpg", "presets", "small,medium", "widths", "300"), "give presets or widths, not both"),
                Arguments.of(List.of("src", "cat.jpg", "preset", "small", "sizes", "100vw"), "sizes needs a srcset"));
    }

    @ParameterizedTest
    @MethodSource("authorErrors")
    void authorErrorsFailThePageWithAClearMessage(List<String> params, String message) throws Exception {
        Page page = render("/shop/signed.jsp", params.toArray(String[]::new));
        assertEquals(500, page.status, page.body);
        assertTrue(page.body.contains("jakarta.servlet.jsp.JspException: <img:signed src=\""), page.body);
        assertTrue(page.body.contains(message), "expected [" + message + "] in:\n" + page.body);
        assertFalse(page.body.contains("<img "), "no broken image: " + page.body);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String origin() {
        return "http://127.0.0.1:" + container.port();
    }

    private Page render(String path, String... params) throws Exception {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            query.append(query.length() == 0 ? "?" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> response = fetch(path + query);
        return new Page(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        URI uri = URI.create(url.startsWith("http") ? url : origin() + url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private BufferedImage fetchImage(String url) throws Exception {
        HttpResponse<byte[]> response = fetch(url);
        assertEquals(200, response.statusCode(), () -> url + " -> " + new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", response.headers().firstValue("Content-Type").orElse(""), url);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        if (image == null) {
            throw new AssertionError(url + " is not a decodable image");
        }
        return image;
    }

    /**
     * Checks that the URL carries a token whose signature is the HMAC of exactly the path and
     * query the browser sends; returns the signature.
     */
    private static String assertSignedFor(String url, String keys) {
        String pathAndQuery = url.startsWith("http") ? url.substring(url.indexOf('/', url.indexOf("://") + 3)) : url;
        Matcher token = SIGNED.matcher(pathAndQuery);
        assertTrue(token.find(), "no token in " + url);
        String unsigned = pathAndQuery.substring(0, pathAndQuery.lastIndexOf("&sig="));
        assertEquals(new UrlSigner(KeyRing.parse(keys)).signature(unsigned), token.group(3), url);
        return token.group(3);
    }

    private static long expiry(String url) {
        Matcher token = SIGNED.matcher(url);
        assertTrue(token.find(), "no token in " + url);
        return Long.parseLong(token.group(1));
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= 60, "expected about " + expected + ", was " + actual);
    }
}
