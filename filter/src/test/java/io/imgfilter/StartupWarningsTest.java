package io.imgfilter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.testing.JettyHarness;
import io.imgfilter.testing.LogCapture;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the filter says at start-up about a configuration that works but is risky, as
 * java.util.logging prints it (values with braces and quotes intact, keys by id only).
 */
class StartupWarningsTest {

    @TempDir
    Path originals;

    private Map<String, String> params(String... more) {
        Map<String, String> params = new HashMap<>(Map.of("source", originals.toString(), "presets", "small: width=300"));
        for (int i = 0; i < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    /** The warnings printed while a filter with these init-params starts, formatted as JUL does. */
    private static String warningsOf(Map<String, String> params) throws Exception {
        try (LogCapture capture = LogCapture.of("io.imgfilter");
             JettyHarness ignored = JettyHarness.start("", false, c -> JettyHarness.addFilter(c, "images", "/images/*", params))) {
            return String.join("\n", capture.messages(Level.WARNING));
        }
    }

    @Test
    void flexibleOptionsWithoutSignaturesAreSaid() throws Exception {
        String open = warningsOf(params("flexible-options", "true"));
        assertTrue(open.contains("filter [images] takes flexible options without signed URLs"), open);
        String signed = warningsOf(params("flexible-options", "true", "signing-keys", "k1:" + "x".repeat(40)));
        assertFalse(signed.contains("flexible options without signed URLs"), signed);
        assertFalse(warningsOf(params()).contains("flexible options"), "presets only: nothing to say");
    }

    @Test
    void aWeakKeyIsNamedByItsIdAndAValueWithBracesIsPrintedAsWritten() throws Exception {
        String weak = warningsOf(params("signing-keys", "k1:short"));
        assertTrue(weak.contains("signing key k1 is shorter than 32 bytes"), weak);
        assertFalse(weak.contains("SigningKey["), weak);
        assertFalse(weak.contains("short;") || weak.contains(":short"), "never the secret: " + weak);

        Map<String, String> origin = params("source", "https://images.example.com/originals", "origin-headers",
                "Authorization: Bearer plain-token");
        String clear = warningsOf(origin);
        assertTrue(clear.contains("init-param [origin-headers] holds a secret written in clear; use ${env:NAME} or ${sys:name}"), clear);
        assertFalse(clear.contains("{0}") || clear.contains("{1}"), clear);
        assertFalse(clear.contains("plain-token"), clear);
    }
}
