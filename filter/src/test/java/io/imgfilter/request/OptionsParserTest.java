package io.imgfilter.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsParserTest {

    private final OptionsParser parser = new OptionsParser(new Limits(1000, 800, 3.0));

    @Test
    void parsesEveryOption() {
        ResizeOptions options = parser.parse("width=400,height=300,fit=cover,quality=80,format=png,dpr=1.5");
        assertEquals(400, options.width());
        assertEquals(300, options.height());
        assertEquals(Fit.COVER, options.fit());
        assertEquals(80, options.quality());
        assertEquals(OutputFormat.PNG, options.format());
        assertEquals(600, options.pixelWidth());
        assertEquals(450, options.pixelHeight());
    }

    @Test
    void defaultsAndShortNames() {
        ResizeOptions options = parser.parse("w=300,q=70,f=jpg");
        assertEquals(Fit.SCALE_DOWN, options.fit());
        assertEquals(0, options.height());
        assertEquals(1.0, options.dpr());
        assertEquals(OutputFormat.JPEG, options.format());
        assertNull(parser.parse("h=10").format());
    }

    @Test
    void formatsGravityAndBackground() {
        ResizeOptions auto = parser.parse("width=300,format=auto");
        assertTrue(auto.autoFormat());
        assertNull(auto.format());
        assertEquals(OutputFormat.WEBP, parser.parse("w=1,f=webp").format());
        ResizeOptions cover = parser.parse("width=100,height=100,fit=cover,gravity=top-left,background=ff000080");
        assertEquals(Gravity.TOP_LEFT, cover.gravity());
        assertEquals(0x80FF0000, cover.background().argb());
        assertEquals(Gravity.TOP, parser.parse("width=1,g=north").gravity());
        assertEquals(Background.WHITE, parser.parse("width=1,bg=white").background());
        assertNotEquals(parser.parse("width=100,gravity=top").canonical(), parser.parse("width=100").canonical());
    }

    @Test
    void spellingsOfTheSameVariantShareOneCanonicalForm() {
        assertEquals(parser.parse("width=300,fit=scale-down").canonical(), parser.parse("w=300").canonical());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "width=1001|width 1001 is over the limit of 1000 pixels",
        "height=801|height 801 is over the limit of 800 pixels",
        "width=600,dpr=2|width 600 at dpr 2 is over the limit of 1000 pixels",
        "dpr=4,width=10|dpr 4 is over the limit of 3",
        "quality=101,width=10|quality 101 is over the limit of 100",
        "width=0|width must be from 1 to 1000",
        "width=-5|width [-5] must be a whole number from 1 to 1000",
        "width=1e3|width [1e3] must be a whole number from 1 to 1000",
        "width=99999999|width [99999999] must be a whole number from 1 to 1000",
        "fit=stretch,width=10|fit [stretch] is not one of scale-down, contain, cover, crop, pad",
        "format=tiff,width=10|format [tiff] is not one of auto, jpeg, png, webp",
        "gravity=middle,width=10|gravity [middle] is not one of center, top, bottom, left, right, top-left, top-right, bottom-left, bottom-right",
        "background=pink,width=10|background [pink] is not white, black, transparent or a hex colour RRGGBB or RRGGBBAA",
        "format=auto,format=png,width=10|option [format] is given twice",
        "width=10,width=20|option [width] is given twice",
        "w=10,width=20|option [width] is given twice",
        "blur=5,width=10|unknown option [blur]; allowed: width, height, fit, gravity, quality, format, background, dpr",
        "fit=cover|a width or a height is required",
        "width|malformed option [width]; expected name=value",
        "width=10,,height=5|malformed option []; expected name=value",
        "dpr=0.5,width=10|dpr [0.5] must be a number from 1 to 3",
        "dpr=NaN,width=10|dpr [NaN] must be a number from 1 to 3",
    })
    void refusesWithAMessageNamingTheLimit(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse(text));
        assertEquals(message, e.getMessage());
    }
}
