package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.config.SignaturePolicy;
import io.imgfilter.request.Limits;
import io.imgfilter.request.OptionsParser;
import io.imgfilter.request.PresetTable;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.signing.KeyRing;
import io.imgfilter.signing.UrlSigner;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageUrlsTest {

    private static final OptionsParser OPTIONS = new OptionsParser(Limits.DEFAULTS);
    private final ImageUrls urls = new ImageUrls("https://cdn.example.com/shop/images/",
            PresetTable.parseInline("thumb: width=150,height=150,fit=cover,public; small: width=300", OPTIONS),
            OPTIONS, new UrlSigner(KeyRing.parse("a-long-enough-secret-0123456789abcdef")), SignaturePolicy.ALL);

    @ParameterizedTest
    @ValueSource(strings = {"2024/café & co's <1>+%.jpg", "a b/c#d?e.jpg", "日本/写真.png", "x~y_z-1.2.jpg"})
    void everyEncodedPathIsOneTheFilterAccepts(String name) throws Exception {
        String encoded = ImageUrls.encodePath(name);
        assertEquals(name, SourcePathParser.parse(encoded).decoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.jpg", "a//b.jpg", ".hidden.jpg", "C:/x.jpg", "a;b.jpg", "100%41.jpg", "a\\b.jpg"})
    void pathsTheFilterWouldRefuseAreRefusedHere(String name) {
        assertThrows(IllegalArgumentException.class, () -> urls.url(name, "small", Duration.ofHours(1)));
    }

    @Test
    void absoluteBaseSignsOnlyThePathTheBrowserSends() {
        String url = urls.url("2024/cat.jpg", "small", Duration.ofHours(1));
        assertTrue(url.startsWith("https://cdn.example.com/shop/images/small/2024/cat.jpg?exp="), url);
        java.net.URI sent = java.net.URI.create(url);
        assertTrue(io.imgfilter.signing.SignatureVerifier.of(KeyRing.parse("a-long-enough-secret-0123456789abcdef"),
                io.imgfilter.signing.SigningScheme.PATH_AND_QUERY, java.time.Clock.systemUTC())
                .verify(io.imgfilter.signing.SignedRequest.of(sent.getRawPath(), sent.getRawQuery())).isValid());
        assertEquals("https://cdn.example.com/shop/images/thumb/2024/cat.jpg", urls.url("2024/cat.jpg", "thumb", Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> urls.url("cat.jpg", "huge", Duration.ofHours(1)));
    }
}
