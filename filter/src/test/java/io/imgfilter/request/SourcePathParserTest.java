package io.imgfilter.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.imgfilter.testing.TraversalForms;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourcePathParserTest {

    static Stream<String> forms() {
        return TraversalForms.all().stream();
    }

    @ParameterizedTest
    @MethodSource("forms")
    void refusesEveryTraversalForm(String form) {
        assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parse(form));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/", "a//b", "a/./b", "a\u0001b", "trailing./a.jpg", "space%20/a.jpg"})
    void refusesOtherOddities(String raw) {
        assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parse(raw));
    }

    @Test
    void aDecodedPathIsCheckedByTheSameRules() throws Exception {
        assertEquals("2024/café terrace.jpg", SourcePathParser.parseDecoded("2024/café terrace.jpg").decoded());
        assertEquals("2024/caf%C3%A9%20terrace.jpg", SourcePathParser.parseDecoded("2024/café terrace.jpg").raw());
        assertEquals("100%.jpg", SourcePathParser.parseDecoded("100%.jpg").decoded());
        for (String refused : new String[] {"", "/a.jpg", "a//b.jpg", "../a.jpg", "a/../b.jpg", ".hidden", "a/b.",
            "a\\b.jpg", "c:/a.jpg", "a\u0000b.jpg", "%2e%2e/a.jpg", "a\ud800.jpg"}) {
            assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parseDecoded(refused), refused);
        }
    }

    @Test
    void refusesOverlongPaths() {
        assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parse("x".repeat(1025)));
    }

    @Test
    void refusesTooManySegments() {
        String deep = String.join("/", java.util.Collections.nCopies(33, "a"));
        assertThrows(SourcePathParser.UnsafePathException.class, () -> SourcePathParser.parse(deep));
    }

    @Test
    void decodesOrdinaryNames() throws Exception {
        SourcePath path = SourcePathParser.parse("2024/caf%C3%A9%20terrace%26co%27s%2B%23%3F.jpg");
        assertEquals(List.of("2024", "café terrace&co's+#?.jpg"), path.segments());
        assertEquals("2024/caf%C3%A9%20terrace%26co%27s%2B%23%3F.jpg", path.raw());
        assertEquals("café terrace&co's+#?.jpg", path.fileName());
    }

    @Test
    void keepsLiteralPlusAndTilde() throws Exception {
        assertEquals(List.of("a+b~c.jpg"), SourcePathParser.parse("a+b~c.jpg").segments());
    }

    @Test
    void acceptsAPercentSignThatIsNotAnEscape() throws Exception {
        assertEquals(List.of("100% cotton.jpg"), SourcePathParser.parse("100%25%20cotton.jpg").segments());
    }
}
