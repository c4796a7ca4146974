package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration stops the webapp from starting, with a message that names the problem. */
class StartupValidationTest {

    @TempDir
    Path originals;

    private Map<String, String> valid() {
        Map<String, String> params = new HashMap<>();
        params.put("source", originals.toString());
        params.put("presets", "small: width=300");
        return params;
    }

    private static String startupFailure(Map<String, String> params) {
        return JettyHarness.startupFailure(params);
    }

    @Test
    void misspeltInitParamIsNamedWithASuggestion() {
        Map<String, String> params = valid();
        params.put("max-widht", "1000");
        String message = startupFailure(params);
        assertTrue(message.contains("Filter [imageResizer]: unknown init-param [max-widht] (did you mean [max-width]?)"), message);
        assertTrue(message.contains("known init-params are: source, presets"), message);
    }

    @Test
    void malformedValueNamesParamValueAndWhatIsAllowed() {
        Map<String, String> params = valid();
        params.put("max-width", "wide");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [max-width]:[wide] is not valid; expected a whole number from 1 to 10000"), message);
    }

    @Test
    void aCacheTagHeaderMustBeAHeaderOfItsOwn() {
        for (String name : new String[] {"Cache-Control", "Content-Type", "Surrogate Key", "ETag"}) {
            Map<String, String> params = valid();
            params.put("cache-tag-header", name);
            String message = startupFailure(params);
            assertTrue(message.contains("init-param [cache-tag-header]:[" + name + "] is not valid; expected a header name of its own"),
                    message);
        }
    }

    @Test
    void presetWithoutSize() {
        Map<String, String> params = valid();
        params.put("presets", "small: fit=cover");
        String message = startupFailure(params);
        assertTrue(message.contains("[presets]"), message);
        assertTrue(message.contains("preset [small]: a width or a height is required"), message);
    }

    @Test
    void presetOverTheLimit() {
        Map<String, String> params = valid();
        params.put("presets", "huge: width=3000");
        assertTrue(startupFailure(params).contains("preset [huge]: width 3000 is over the limit of 2000 pixels"));
    }

    @Test
    void duplicatePreset() {
        Map<String, String> params = valid();
        params.put("presets", "small: width=300; small: width=400");
        assertTrue(startupFailure(params).contains("preset [small] is declared twice"));
    }

    @Test
    void missingSource() {
        Map<String, String> params = valid();
        params.remove("source");
        assertTrue(startupFailure(params).contains("init-param [source] is required"));
    }

    @Test
    void sourceDirectoryThatDoesNotExist() {
        Map<String, String> params = valid();
        params.put("source", originals.resolve("nope").toString());
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [source]:[" + originals.resolve("nope") + "] is not valid; expected an existing"), message);
    }

    @Test
    void relativeSourceDirectory() {
        Map<String, String> params = valid();
        params.put("source", "images");
        assertTrue(startupFailure(params).contains("expected an absolute path"));
    }

    @Test
    void unsetEnvironmentVariableWithoutFallback() {
        Map<String, String> params = valid();
        params.put("source", "${env:IMGFILTER_TEST_SURELY_UNSET}");
        String message = startupFailure(params);
        assertTrue(message.contains("environment variable IMGFILTER_TEST_SURELY_UNSET referenced as ${env:IMGFILTER_TEST_SURELY_UNSET} is not set"), message);
    }

    @Test
    void nothingToServe() {
        Map<String, String> params = valid();
        params.remove("presets");
        assertTrue(startupFailure(params).contains("no presets declared and [flexible-options] is false"));
    }

    @Test
    void tokensRequiredWithoutAKey() {
        Map<String, String> params = valid();
        params.put("signature-required", "all");
        assertTrue(startupFailure(params).contains("init-param [signature-required]:[all] needs a key, but init-param [signing-keys] is not set"));
    }

    @Test
    void badSigningKeysAreReportedWithoutTheSecret() {
        Map<String, String> params = valid();
        params.put("signing-keys", "k1:first-secret-0123456789abcdefghijkl,k1:second-secret-0123456789abcdefghij");
        String message = startupFailure(params);
        assertTrue(message.contains("init-param [signing-keys] is not valid"), message);
        assertFalse(message.contains("first-secret") || message.contains("second-secret"), message);
    }

    @Test
    void unknownSchemeAndPolicy() {
        Map<String, String> params = valid();
        params.put("signing-keys", "a-long-enough-secret-0123456789abcdef");
        params.put("signing-scheme", "md5");
        assertTrue(startupFailure(params).contains("init-param [signing-scheme]:[md5] is not valid; expected path-and-query, image-variant-expiry"));
        params.remove("signing-scheme");
        params.put("signature-required", "some");
        assertTrue(startupFailure(params).contains("init-param [signature-required]:[some] is not valid; expected all, flexible or none"));
    }

    @Test
    void contradictoryTokenLimits() {
        Map<String, String> params = valid();
        params.put("signing-keys", "a-long-enough-secret-0123456789abcdef");
        params.put("signature-leeway", "10m");
        params.put("max-token-lifetime", "5m");
        assertTrue(startupFailure(params).contains("init-param [signature-leeway]:[10m] is not shorter than [max-token-lifetime]:[5m]"));
    }

    @Test
    void fallbacksAndPresetsFileWork() throws Exception {
        Files.write(originals.resolve("a.jpg"), TestImages.jpeg(400, 200));
        Path presets = originals.resolveSibling(originals.getFileName() + "-presets.properties");
        Files.writeString(presets, "# presets\nbanner = width=200,height=50,fit=cover\n");
        Map<String, String> params = new HashMap<>();
        params.put("source", "${env:IMGFILTER_TEST_SURELY_UNSET|sys:imgfilter.test.originals}");
        params.put("presets-file", presets.toString());
        System.setProperty("imgfilter.test.originals", originals.toString());
        try (JettyHarness jetty = JettyHarness.start("/shop", false,
                c -> JettyHarness.addFilter(c, "images", "/images/*", params))) {
            var response = jetty.get("/shop/images/banner/a.jpg");
            assertEquals(200, response.statusCode());
            assertEquals(50, TestImages.decode(response.body()).getHeight());
        } finally {
            System.clearProperty("imgfilter.test.originals");
        }
    }
}
