package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginHeadersTest {

    @Test
    void linesOfNameAndValue() {
        OriginHeaders headers = OriginHeaders.parse("""
                Authorization: Bearer abc.def
                  Cookie:  session=1; theme=dark
                X-Api-Key:k:with:colons

                """);
        assertEquals(List.of(Map.entry("Authorization", "Bearer abc.def"), Map.entry("Cookie", "session=1; theme=dark"),
                Map.entry("X-Api-Key", "k:with:colons")), headers.headers("GET", null, List.of()));
        assertTrue(headers.sendsCredentials());
        assertTrue(headers.has("authorization"));
        assertEquals("[Authorization, Cookie, X-Api-Key]", headers.toString());
    }

    @Test
    void anEmptyValueIsNotSent() {
        OriginHeaders headers = OriginHeaders.parse("Authorization:\nX-Other:   ");
        assertTrue(headers.isEmpty());
        assertFalse(headers.sendsCredentials());
        assertTrue(OriginHeaders.parse(null).isEmpty());
        assertTrue(OriginHeaders.parse("  ").isEmpty());
    }

    @Test
    void errorsNeverHoldAValue() {
        for (String bad : List.of("Bearer s3cr3t-value", "Bad Name: s3cr3t-value", ": s3cr3t-value", "Host: s3cr3t-value",
                "If-None-Match: s3cr3t-value", "X-Key: s3cr3t-value\u0000", "Content-Length: s3cr3t-value")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OriginHeaders.parse(bad), bad);
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
    }
}
