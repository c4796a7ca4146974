package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "&|&amp;",
        "<|&lt;",
        ">|&gt;",
        "\"|&quot;",
        "'|&#39;",
        "/a?exp=1&sig=ab|/a?exp=1&amp;sig=ab",
        "Tom & Jerry \"<3\" 'x'|Tom &amp; Jerry &quot;&lt;3&quot; &#39;x&#39;",
        "&amp;|&amp;amp;",
        "&&<<|&amp;&amp;&lt;&lt;",
        "x&|x&amp;",
        "&x|&amp;x",
        "café 写真 😀 ÅÄÖ|café 写真 😀 ÅÄÖ",
        "`a=b, c; d%25 #e`|`a=b, c; d%25 #e`",
    })
    void escapesTheFiveSpecialCharactersOnly(String text, String expected) throws IOException {
        assertEquals(expected, Html.escape(text));
        StringWriter out = new StringWriter();
        Html.escape(text, out);
        assertEquals(expected, out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "/shop/images/thumb/2024/caf%C3%A9.jpg", "日本語"})
    void textWithoutSpecialCharactersIsReturnedAsIs(String text) {
        assertSame(text, Html.escape(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "alt|A \"cat\"|` alt=\"A &quot;cat&quot;\"`",
        "data-x|`'1' < 2`|` data-x=\"&#39;1&#39; &lt; 2\"`",
    })
    void attributesAreWrittenWithALeadingSpaceAndQuotes(String name, String value, String expected) throws IOException {
        StringWriter out = new StringWriter();
        Html.attribute(name, value, out);
        assertEquals(expected, out.toString());
    }
}
