package io.imgfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void fallbacksMayNest() {
        assertEquals("/srv/app", resolver.resolve("${env:MISSING:-${sys:app.dir}}"));
        assertEquals("default", resolver.resolve("${env:EMPTY:-default}"));
        assertEquals("webapp:/WEB-INF/originals", resolver.resolve("${env:MISSING:-webapp:/WEB-INF/originals}"));
        assertEquals("s3cret", resolver.resolve("${env:KEY:-unused}"));
    }

    @Test
    void refusesWhatItCannotResolve() {
        assertEquals("environment variable MISSING referenced as ${env:MISSING} is not set (add a fallback with ${env:MISSING:-value})",
                assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:MISSING}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${sys:missing}"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${jndi:ldap://x}"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:KEY"));
        assertThrows(IllegalArgumentException.class, () -> resolver.resolve("${env:}"));
    }
}
