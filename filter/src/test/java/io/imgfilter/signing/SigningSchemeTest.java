package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SigningSchemeTest {

    @Test
    void configNames() {
        assertEquals("path-and-query", SigningScheme.PATH_AND_QUERY.configName());
        assertEquals("image-variant-expiry", SigningScheme.IMAGE_VARIANT_EXPIRY.configName());
        assertSame(SigningScheme.PATH_AND_QUERY, SigningScheme.DEFAULT);
        for (SigningScheme scheme : SigningScheme.values()) {
            assertSame(scheme, SigningScheme.fromConfigName(scheme.configName()));
        }
        assertSame(SigningScheme.IMAGE_VARIANT_EXPIRY, SigningScheme.fromConfigName(" Image-Variant-Expiry "));
    }

    @Test
    void unknownNameListsTheAllowedOnes() {
        for (String name : new String[] {"PATH_AND_QUERY", "hmac", "", null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SigningScheme.fromConfigName(name));
            assertTrue(e.getMessage().contains("[" + name + "]"), e.getMessage());
            assertTrue(e.getMessage().endsWith("allowed: path-and-query, image-variant-expiry"), e.getMessage());
        }
    }
}
