package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.ImageUrls;
import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.SigningScheme;
import io.imgfilter.signing.UrlSigner;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageSetTest {

    private static final Lifetime HOUR = Lifetime.ttl(Duration.ofHours(1));
    private static final long EXP = Fixtures.NOW.getEpochSecond() + 3600;

    private static ImageSet build(String source, String preset, String presets, String widths, String options) {
        return ImageSet.build(Fixtures.shop(), source, preset, presets, widths, options, HOUR);
    }

    /** The URL the filter accepts for this path: exp, kid, then the signature over exactly that. */
    private static String signed(String rawPath) {
        String unsigned = rawPath + "?exp=" + EXP + "&kid=k2";
        return unsigned + "&sig=" + Fixtures.sig(unsigned);
    }

    @Test
    void onePreset() {
        ImageSet image = build("2024/cat.jpg", "small", null, null, null);
        assertEquals(signed("/shop/images/small/2024/cat.jpg"), image.src());
        assertNull(image.srcset());
        assertEquals(0, image.width(), "small keeps the original's aspect ratio");
    }

    @Test
    void everySegmentIsPercentEncodedAsUtf8AndTheSignatureCoversTheEncodedPath() {
        ImageSet image = build("/2024/café & co's <1>+%#?=,x/日本 😀.jpg", "small", null, null, null);
        String path = "/shop/images/small/2024/caf%C3%A9%20%26%20co%27s%20%3C1%3E%2B%25%23%3F%3D%2Cx/"
                + "%E6%97%A5%E6%9C%AC%20%F0%9F%98%80.jpg";
        assertEquals(signed(path), image.src());
    }

    @Test
    void unreservedCharactersStayAsTheyAre() {
        assertEquals(signed("/shop/images/small/a-b_c.d~e/F9.jpg"), build("a-b_c.d~e/F9.jpg", "small", null, null, null).src());
    }

    @Test
    void publicPresetIsUnsignedAndHasItsExactBox() {
        ImageSet image = build("2024/cat one.jpg", "thumb", null, null, null);
        assertEquals("/shop/images/thumb/2024/cat%20one.jpg", image.src());
        assertEquals(150, image.width());
        assertEquals(150, image.height());
    }

    @ParameterizedTest
    @CsvSource({"banner,400,100", "wide,800,200", "thumb2x,150,150", "box,0,0", "tall,0,0", "retina,0,0"})
    void widthAndHeightOnlyWhenTheOutputIsExactlyABox(String preset, int width, int height) {
        ImageSet image = build("cat.jpg", preset, null, null, null);
        assertEquals(width, image.width(), "css width of " + preset);
        assertEquals(height, image.height(), "css height of " + preset);
    }

    @Test
    void withoutSigningEveryUrlIsPlain() {
        ImageSet image = ImageSet.build(Fixtures.unsigned(), "cat.jpg", null, "small,large", null, null, HOUR);
        assertEquals("/shop/images/small/cat.jpg 300w, /shop/images/large/cat.jpg 900w", image.srcset());
    }

    @Test
    void presetsMakeASrcsetWithPixelWidths() {
        ImageSet image = build("cat.jpg", null, " small, medium ,large,", null, null);
        assertEquals(signed("/shop/images/small/cat.jpg") + " 300w, " + signed("/shop/images/medium/cat.jpg") + " 600w, "
                + signed("/shop/images/large/cat.jpg") + " 900w", image.srcset());
        assertEquals(signed("/shop/images/small/cat.jpg"), image.src());
        assertEquals(0, image.width());
    }

    @Test
    void theDescriptorIsInRealPixelsDprIncluded() {
        ImageSet image = build("cat.jpg", null, "small,retina", null, null);
        assertTrue(image.srcset().endsWith("/shop/images/retina/cat.jpg?exp=" + EXP + "&kid=k2&sig="
                + Fixtures.sig("/shop/images/retina/cat.jpg?exp=" + EXP + "&kid=k2") + " 600w"), image.srcset());
    }

    @Test
    void presetPicksTheFallbackOfASrcset() {
        assertEquals(signed("/shop/images/medium/cat.jpg"), build("cat.jpg", "medium", "small,medium,large", null, null).src());
        assertEquals("/shop/images/thumb/cat.jpg", build("cat.jpg", "thumb", "small,large", null, null).src(),
                "a fallback outside the srcset");
    }

    @Test
    void widthAndHeightInASrcsetOnlyWhenEveryEntryHasTheFallbacksAspectRatio() {
        ImageSet same = build("cat.jpg", null, "banner,wide", null, null);
        assertEquals(400, same.width());
        assertEquals(100, same.height());
        ImageSet mixed = build("cat.jpg", null, "banner,thumb", null, null);
        assertEquals(0, mixed.width());
        ImageSet partly = build("cat.jpg", null, "banner,small", null, null);
        assertEquals(0, partly.width());
        ImageSet fallbackElsewhere = build("cat.jpg", "thumb", "banner,wide", null, null);
        assertEquals(0, fallbackElsewhere.width(), "the fallback's box differs from the entries'");
    }

    @Test
    void widthsMakeFlexibleUrls() {
        ImageSet image = build("cat.jpg", null, null, "300, 600", null);
        assertEquals(signed("/shop/images/width=300/cat.jpg") + " 300w, " + signed("/shop/images/width=600/cat.jpg") + " 600w",
                image.srcset());
        assertEquals(signed("/shop/images/width=300/cat.jpg"), image.src());
    }

    @Test
    void widthsTakeOptionsAndKeepASizeWhenAllBoxesAgree() {
        ImageSet image = build("cat.jpg", null, null, "200,400", "height=100,fit=cover");
        assertTrue(image.srcset().startsWith(signed("/shop/images/width=200,height=100,fit=cover/cat.jpg") + " 200w, "), image.srcset());
        assertEquals(0, image.width(), "200x100 and 400x100 differ");
        ImageSet dpr = build("cat.jpg", null, null, "200,300", "dpr=2");
        assertTrue(dpr.srcset().contains("/width=200,dpr=2/cat.jpg?") && dpr.srcset().contains(" 400w, "), dpr.srcset());
        assertTrue(dpr.srcset().endsWith(" 600w"), dpr.srcset());
    }

    @Test
    void optionsAlone() {
        ImageSet image = build("cat.jpg", null, null, null, "width=400,height=100,fit=pad");
        assertEquals(signed("/shop/images/width=400,height=100,fit=pad/cat.jpg"), image.src());
        assertEquals(400, image.width());
        assertEquals(100, image.height());
    }

    @Test
    void anAbsoluteBaseIsSignedOverItsPathOnly() {
        ImageUrls cdn = new ImageUrls("https://cdn.example.com/images/", Fixtures.PRESETS, null, Fixtures.signer(), SignaturePolicy.ALL);
        String src = ImageSet.build(cdn, "a b.jpg", "small", null, null, null, HOUR).src();
        String unsigned = "/images/small/a%20b.jpg?exp=" + EXP + "&kid=k2";
        assertEquals("https://cdn.example.com" + unsigned + "&sig=" + Fixtures.sig(unsigned), src);
    }

    @Test
    void designVectorOfThePathAndQueryScheme() {
        UrlSigner signer = new UrlSigner(KeyRing.parse("demo-key-please-change"), SigningScheme.PATH_AND_QUERY, Fixtures.CLOCK);
        ImageUrls urls = new ImageUrls("/images", Fixtures.PRESETS, null, signer, SignaturePolicy.ALL);
        String src = ImageSet.build(urls, "photo.jpg", "small", null, null, null, Lifetime.expires(Instant.ofEpochSecond(1893456000L))).src();
        assertEquals("/images/small/photo.jpg?exp=1893456000&sig=5204815690eed70412593d15d871ef6a6f6e737a2071f108f1b243dec05748a9", src);
    }

    @Test
    void designVectorOfTheImageVariantExpiryScheme() {
        UrlSigner signer = new UrlSigner(KeyRing.parse("demo-key-please-change"), SigningScheme.IMAGE_VARIANT_EXPIRY, Fixtures.CLOCK);
        ImageUrls urls = new ImageUrls("/images", Fixtures.PRESETS, null, signer, SignaturePolicy.ALL);
        String src = ImageSet.build(urls, "photo.jpg", "small", null, null, null, Lifetime.expires(Instant.ofEpochSecond(1893456000L))).src();
        assertEquals("/images/small/photo.jpg?exp=1893456000&sig=6534c940afde06ec4bcc554214362d8cadd6ae52a031fc22fc717220fad2afb9", src);
    }

    // ---- errors -------------------------------------------------------------------------------

    @Test
    void unknownPresetListsTheKnownOnes() {
        ImageTagException e = assertThrows(ImageTagException.class, () -> build("cat.jpg", "huge", null, null, null));
        assertEquals("unknown preset [huge]; the presets are [thumb, small, medium, large, banner, wide, box, tall, retina, thumb2x, same]",
                e.getMessage());
        assertThrows(ImageTagException.class, () -> build("cat.jpg", null, "small,huge", null, null));
    }

    @Test
    void meaninglessCombinationsAreRefused() {
        assertEquals("give presets or widths, not both",
                assertThrows(ImageTagException.class, () -> build("cat.jpg", null, "small", "300", null)).getMessage());
        assertEquals("options go with widths or alone, not with presets",
                assertThrows(ImageTagException.class, () -> build("cat.jpg", null, "small", null, "fit=cover")).getMessage());
        assertEquals("give preset or options, not both",
                assertThrows(ImageTagException.class, () -> build("cat.jpg", "small", null, null, "width=300")).getMessage());
        assertTrue(assertThrows(ImageTagException.class, () -> build("cat.jpg", "", "", "", ""))
                .getMessage().startsWith("no size given: set preset (e.g. preset=\"small\"), presets"));
    }

    @Test
    void srcsetEntriesNeedDistinctWidths() {
        ImageTagException tall = assertThrows(ImageTagException.class, () -> build("cat.jpg", null, "small,tall", null, null));
        assertEquals("preset [tall] sets no width, so it has no w descriptor for a srcset; use presets that set a width", tall.getMessage());
        ImageTagException same = assertThrows(ImageTagException.class, () -> build("cat.jpg", null, "small,same", null, null));
        assertEquals("presets [small] and [same] are both 300 pixels wide; the entries of a srcset need different widths", same.getMessage());
        ImageTagException widths = assertThrows(ImageTagException.class, () -> build("cat.jpg", null, null, "300,300", null));
        assertTrue(widths.getMessage().startsWith("widths [width=300] and [width=300] are both 300 pixels wide"), widths.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"300px", "30.5", "-300", "abc", "123456"})
    void widthsMustBeWholeNumbers(String widths) {
        ImageTagException e = assertThrows(ImageTagException.class, () -> build("cat.jpg", null, null, widths, null));
        assertEquals("widths [" + widths + "] must be whole numbers of pixels separated by commas, e.g. 300,600,900", e.getMessage());
    }

    @Test
    void emptyListsAreRefused() {
        assertEquals("presets [ , ] lists nothing",
                assertThrows(ImageTagException.class, () -> build("cat.jpg", null, " , ", null, null)).getMessage());
    }

    @Test
    void flexibleUrlsNeedAFilterThatAllowsThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.build(Fixtures.withoutFlexibleOptions(), "cat.jpg", null, null, "300", null, HOUR));
        assertEquals("flexible options are not enabled for these images; use a preset", e.getMessage());
    }

    @Test
    void flexibleUrlsOverTheLimitAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build("cat.jpg", null, null, "300,1200", null));
        assertEquals("width 1200 is over the limit of 1000 pixels", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> build("cat.jpg", null, null, null, "width=300,colour=red"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|src is empty; give the original's path below the filter's source, e.g. 2024/cat.jpg",
        "a/../b.jpg|src [a/../b.jpg] cannot be served: it has an empty, '.' or '..' segment",
        "./b.jpg|src [./b.jpg] cannot be served: it has an empty, '.' or '..' segment",
        "a//b.jpg|src [a//b.jpg] cannot be served: it has an empty, '.' or '..' segment",
        "a/|src [a/] cannot be served: it has an empty, '.' or '..' segment",
        ".hidden.jpg|src [.hidden.jpg] is a path the filter refuses (dot segment or hidden file)",
        "a/.git/b.jpg|src [a/.git/b.jpg] is a path the filter refuses (dot segment or hidden file)",
        "c:cat.jpg|src [c:cat.jpg] is a path the filter refuses (separator, NUL or control character in a segment)",
        "back\\slash.jpg|src [back\\slash.jpg] is a path the filter refuses (separator, NUL or control character in a segment)",
        "semi;colon.jpg|src [semi;colon.jpg] is a path the filter refuses (separator, NUL or control character in a segment)",
        "100%41.jpg|src [100%41.jpg] is a path the filter refuses (double percent-encoding)",
        "trailing.|src [trailing.] is a path the filter refuses (segment ends with a dot or space)",
        "`trailing `|src [trailing ] is a path the filter refuses (segment ends with a dot or space)",
        "ﬁle/．．/x.jpg|src [ﬁle/．．/x.jpg] is a path the filter refuses (dot segment or hidden file)",
    })
    void pathsTheFilterWouldRefuseFailLoudly(String source, String message) {
        ImageTagException e = assertThrows(ImageTagException.class, () -> build(source, "small", null, null, null));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void controlCharactersAreRefused() {
        ImageTagException e = assertThrows(ImageTagException.class, () -> build("a\u0001b.jpg", "small", null, null, null));
        assertTrue(e.getMessage().contains("separator, NUL or control character"), e.getMessage());
    }

    @Test
    void namesThatLookEncodedButAreNotAreFine() {
        assertEquals(signed("/shop/images/small/100%25.jpg"), build("100%.jpg", "small", null, null, null).src());
        assertEquals(signed("/shop/images/small/%25zz.jpg"), build("%zz.jpg", "small", null, null, null).src());
    }

    @org.junit.jupiter.api.Test
    void dprsMakeXDescriptorsOfOneVariant() {
        ImageSet image = ImageSet.build(Fixtures.shop(), "2024/cat.jpg", "small", null, null, null, "1,2", HOUR);
        assertEquals(signed("/shop/images/small/2024/cat.jpg"), image.src());
        assertEquals(signed("/shop/images/small/2024/cat.jpg") + " 1x, "
                + signed("/shop/images/width=300,dpr=2/2024/cat.jpg") + " 2x", image.srcset());
        ImageSet options = ImageSet.build(Fixtures.shop(), "a.jpg", null, null, null, "width=200,height=200,fit=cover", "1,1.5", HOUR);
        assertEquals(signed("/shop/images/width=200,height=200,fit=cover/a.jpg") + " 1x, "
                + signed("/shop/images/width=200,height=200,fit=cover,dpr=1.5/a.jpg") + " 1.5x", options.srcset());
        assertEquals(200, options.width(), "cover with both sides fixes the CSS box at every ratio");
        org.junit.jupiter.api.Assertions.assertThrows(ImageTagException.class,
                () -> ImageSet.build(Fixtures.shop(), "a.jpg", null, "small,medium", null, null, "1,2", HOUR));
        org.junit.jupiter.api.Assertions.assertThrows(ImageTagException.class,
                () -> ImageSet.build(Fixtures.shop(), "a.jpg", "small", null, null, null, "1,two", HOUR));
    }
}
