package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SigningKeyTest {

    @Test
    void keyWithAndWithoutId() {
        assertEquals("k1", SigningKey.of("k1", "secret").id());
        assertTrue(SigningKey.of("k1", "secret").hasId());
        assertNull(SigningKey.of("secret").id());
        assertFalse(SigningKey.of("secret").hasId());
        assertEquals("a.B-9_z", SigningKey.of("a.B-9_z", "s").id());
        assertEquals("x".repeat(64), SigningKey.of("x".repeat(64), "s").id());
    }

    @Test
    void weaknessCountsUtf8Bytes() {
        assertTrue(SigningKey.of("x".repeat(31)).isWeak());
        assertFalse(SigningKey.of("x".repeat(32)).isWeak());
        assertFalse(SigningKey.of("é".repeat(16)).isWeak(), "16 characters but 32 bytes");
        assertTrue(SigningKey.of("demo-key-please-change").isWeak());
    }

    @Test
    void rejectsEmptySecretsAndBadIds() {
        assertThrows(IllegalArgumentException.class, () -> SigningKey.of(""));
        assertThrows(IllegalArgumentException.class, () -> SigningKey.of("k1", "   "));
        assertThrows(NullPointerException.class, () -> SigningKey.of("k1", null));
        for (String badId : new String[] {"", "has space", "a:b", "x".repeat(65), "ü", "a/b"}) {
            assertThrows(IllegalArgumentException.class, () -> SigningKey.of(badId, "secret"), badId);
        }
    }

    @Test
    void toStringShowsIdOnly() {
        assertEquals("SigningKey[id=k1]", SigningKey.of("k1", "top-secret-value").toString());
        assertEquals("SigningKey[no id]", SigningKey.of("top-secret-value").toString());
    }
}
