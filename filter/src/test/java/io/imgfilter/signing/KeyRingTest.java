package io.imgfilter.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {

    /** Two keys are the same secret when they sign alike. */
    private static String signatureOf(SigningKey key) {
        return new UrlSigner(KeyRing.of(key), SigningScheme.PATH_AND_QUERY, Clock.systemUTC()).signature("probe");
    }

    @Test
    void firstKeySignsAllAreKept() {
        SigningKey newest = SigningKey.of("k2", "new-secret");
        SigningKey older = SigningKey.of("k1", "old-secret");
        KeyRing ring = KeyRing.of(newest, older);
        assertSame(newest, ring.signingKey());
        assertEquals(List.of(newest, older), ring.keys());
        assertEquals(2, ring.size());
        assertSame(older, ring.findById("kid=k1", 4, 6));
        assertNull(ring.findById("kid=k3", 4, 6));
    }

    @Test
    void rejectsDuplicateIdsAndEmptyRings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyRing.of(SigningKey.of("k1", "a"), SigningKey.of("k1", "b")));
        assertTrue(e.getMessage().contains("duplicate key id [k1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of());
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(List.of()));
        // several keys without id are fine: tried in turn
        assertEquals(2, KeyRing.of(SigningKey.of("a"), SigningKey.of("b")).size());
    }

    @Test
    void parsesPlainSecret() {
        KeyRing ring = KeyRing.parse("just-a-secret");
        assertEquals(1, ring.size());
        assertFalse(ring.signingKey().hasId());
        assertEquals(signatureOf(SigningKey.of("just-a-secret")), signatureOf(ring.signingKey()));
    }

    @Test
    void parsesIdsCommasNewlinesAndBlanks() {
        KeyRing ring = KeyRing.parse(" k2:new-secret ,\n k1 : old-secret\r\n\n,plain-secret,\n");
        assertEquals(3, ring.size());
        assertEquals("k2", ring.keys().get(0).id());
        assertEquals("k1", ring.keys().get(1).id());
        assertNull(ring.keys().get(2).id());
        assertEquals(signatureOf(SigningKey.of("new-secret")), signatureOf(ring.keys().get(0)));
        assertEquals(signatureOf(SigningKey.of("old-secret")), signatureOf(ring.keys().get(1)));
        assertEquals(signatureOf(SigningKey.of("plain-secret")), signatureOf(ring.keys().get(2)));
    }

    @Test
    void colonsInSecrets() {
        KeyRing withId = KeyRing.parse("k1:sec:ret");
        assertEquals("k1", withId.signingKey().id());
        assertEquals(signatureOf(SigningKey.of("sec:ret")), signatureOf(withId.signingKey()));

        KeyRing withoutId = KeyRing.parse(":sec:ret");
        assertFalse(withoutId.signingKey().hasId());
        assertEquals(signatureOf(SigningKey.of("sec:ret")), signatureOf(withoutId.signingKey()));
    }

    @Test
    void parseErrorsNeverQuoteTheSpec() {
        String[] bad = {"", "  \n , ", "p@ss:w0rd", "k1:", "k1:  ", "k1:alpha-secret,k1:beta-secret"};
        for (String spec : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(spec), spec);
            assertFalse(e.getMessage().contains("p@ss") || e.getMessage().contains("w0rd")
                    || e.getMessage().contains("alpha") || e.getMessage().contains("beta"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> KeyRing.parse(null));
    }

    @Test
    void toStringListsIdsOnly() {
        String text = KeyRing.parse("k2:new-secret,old-secret").toString();
        assertEquals("KeyRing[k2, (no id)]", text);
    }
}
