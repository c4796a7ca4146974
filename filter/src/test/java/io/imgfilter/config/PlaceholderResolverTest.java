package io.imgfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderResolverTest {

    private final PlaceholderResolver resolver = new PlaceholderResolver(
            Map.of("KEY", "s3cret", "EMPTY", "")::get, Map.of("app.dir", "/srv/app")::get);

    @Test
    void resolvesReferencesInsideText() {
        assertEquals("k1:s3cret", resolver.resolve("k1:${env:KEY}"));
        assertEquals("/srv/app/originals", resolver.resolve("${sys:app.dir}/originals"));
        assertEquals("plain", resolver.resolve("plain"));
        assertEquals("cost $5", resolver.resolve("cost $$5"));
    }

    @Test
    void alternativesAreTriedInOrderAndTheLastMayBeAPlainValue() {
        assertEquals("/srv/app", resolver.resolve("${env:MISSING|sys:app.dir}"));
        assertEquals("default", resolver.resolve("${env:EMPTY|default}"));
        assertEquals("webapp:/WEB-INF/originals", resolver.resolve("${env:MISSING|env:EMPTY|webapp:/WEB-INF/originals}"));
        assertEquals("s3cret", resolver.resolve("${env:KEY|unused}"));
        assertEquals("Authorization: ", resolver.resolve("Authorization: ${env:MISSING|}"), "an empty fallback");
        assertEquals("s3cret", resolver.resolve("${env:MISSING|env:KEY|sys:app.dir}"));
    }

    @Test
    void refusesWhatItCannotResolve() {
        assertEquals("environment variable MISSING referenced as ${env:MISSING} is not set (add a fallback: ${env:MISSING|value})",
                assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:MISSING}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${sys:missing}"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${jndi:ldap://x}"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:KEY"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:}"));
    }

    @Test
    void theFormThatTomcatResolvesItselfIsRefusedWithTheFormThatSurvives() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> resolver.resolve("${env:IMAGE_ORIGIN_URL:-${env:IMAGE_ORIGINALS_DIR:-webapp:/WEB-INF/originals}}")).getMessage();
        assertTrue(message.contains("Tomcat resolves ${name:-fallback}"), message);
        assertTrue(message.contains("${env:IMAGE_ORIGIN_URL|env:IMAGE_ORIGINALS_DIR|webapp:/WEB-INF/originals}"), message);
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:KEY:-x}"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:MISSING|sys:missing}"), "no plain fallback");
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${plain|env:KEY}"), "a plain value comes last");
    }
}
