package io.imgfilter.source.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.request.SourcePath;
import io.imgfilter.request.SourcePathParser;
import io.imgfilter.testing.TraversalForms;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Source paths become origin URLs below the base, whatever they hold. */
class HttpBaseUrlTest {

    private final HttpBaseUrl base = HttpBaseUrl.parse("https://secret.example.com/hidden-directory/");

    @Test
    void appendsEncodedSegments() {
        assertEquals(URI.create("https://secret.example.com/hidden-directory/2024/caf%C3%A9%20terrace.jpg"),
                base.locate(new SourcePath(List.of("2024", "café terrace.jpg"), "ignored")));
        assertEquals(URI.create("http://127.0.0.1:8081/x"), HttpBaseUrl.parse("http://127.0.0.1:8081").locate(
                new SourcePath(List.of("x"), "x")));
        assertEquals(URI.create("https://h/a/b"), HttpBaseUrl.parse("HTTPS://H:443/a").locate(new SourcePath(List.of("b"), "b")));
    }

    /** Segments no parser would let through: the URL still cannot leave host, port, scheme or base path. */
    @ParameterizedTest
    @ValueSource(strings = {"@evil.example.com", "evil.example.com:80@x", "%2e%2e", "%2F..%2F", "?query=1", "#fragment",
        "..;", " ..", "x\r\nHost: evil", "\u2215..\u2215", "~root", "%00", "\u0000"})
    void hostileSegmentsStayBelowTheBase(String segment) {
        URI uri = base.locate(new SourcePath(List.of(segment, "photo.jpg"), "ignored"));
        assertEquals("https", uri.getScheme());
        assertEquals("secret.example.com", uri.getHost());
        assertEquals(-1, uri.getPort());
        assertEquals(null, uri.getRawQuery());
        assertEquals(null, uri.getRawFragment());
        assertEquals(null, uri.getRawUserInfo());
        assertTrue(uri.getRawPath().startsWith("/hidden-directory/"), uri.toString());
        assertEquals(4, uri.getRawPath().split("/", -1).length, "one segment stays one segment: " + uri);
        assertTrue(base.contains(uri));
    }

    /**
     * A separator inside a segment would travel as %2F or %5C, which some origins decode and then
     * resolve: refused outright, as are dot and empty segments.
     */
    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/../../etc", "//evil.example.com", "http://evil.example.com/", "\\\\evil\\share",
        "..\\x"})
    void separatorDotAndEmptySegmentsAreRefusedEvenIfAParserMissedThem(String segment) {
        assertThrows(IllegalArgumentException.class, () -> base.locate(new SourcePath(List.of(segment, "x.jpg"), "ignored")));
    }

    @Test
    void theSourcePathParserRefusesEveryTraversalFormFirst() {
        for (String form : TraversalForms.all()) {
            assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parse(form), form);
        }
        for (String form : List.of("%2F%2Fevil.example.com/x.jpg", "a/%2e%2e/x.jpg", "%40evil/x.jpg".replace("%40", "%2F@"),
                "..%5Cx.jpg", "x.jpg%3F", "x.jpg%23")) {
            boolean refusedOrHarmless;
            try {
                URI uri = base.locate(SourcePathParser.parse(form));
                refusedOrHarmless = base.contains(uri) && uri.getRawQuery() == null && uri.getRawFragment() == null;
            } catch (SourcePathParser.UnsafePathException e) {
                refusedOrHarmless = true;
            }
            assertTrue(refusedOrHarmless, form);
        }
    }

    @Test
    void redirectsAreContainedOnlyBelowTheBase() {
        assertTrue(base.contains(URI.create("https://secret.example.com/hidden-directory/other.jpg")));
        assertTrue(base.contains(URI.create("https://SECRET.example.com:443/hidden-directory/a/b.jpg")));
        assertFalse(base.contains(URI.create("http://secret.example.com/hidden-directory/other.jpg")));
        assertFalse(base.contains(URI.create("https://secret.example.com:8443/hidden-directory/other.jpg")));
        assertFalse(base.contains(URI.create("https://evil.example.com/hidden-directory/other.jpg")));
        assertFalse(base.contains(URI.create("https://secret.example.com/hidden-directory-2/other.jpg")));
        assertFalse(base.contains(URI.create("https://secret.example.com/hidden-directory/../etc/passwd")));
        assertFalse(base.contains(URI.create("https://secret.example.com/hidden-directory/%2e%2e/etc")));
        assertFalse(base.contains(URI.create("https://user@secret.example.com/hidden-directory/x")));
        assertFalse(base.contains(URI.create("https://secret.example.com/hidden-directory")));
    }

    @Test
    void badBaseUrlsAreRefusedWithoutRepeatingThem() {
        IllegalArgumentException credentials = assertThrows(IllegalArgumentException.class,
                () -> HttpBaseUrl.parse("https://user:p4ssw0rd@secret.example.com/dir"));
        assertFalse(credentials.getMessage().contains("p4ssw0rd"));
        assertTrue(credentials.getMessage().contains("origin-headers"));
        for (String bad : List.of("ftp://x/y", "https:///nohost", "https://h/a?b=c", "https://h/a#f", "https://h/a//b",
                "https://h/a/../b", "https://h/%2e%2e/b", "https://h:0/", "https://h/a b", "//h/a")) {
            assertThrows(IllegalArgumentException.class, () -> HttpBaseUrl.parse(bad), bad);
        }
    }
}
