package io.imgfilter.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PresetTableTest {

    private final OptionsParser options = new OptionsParser(Limits.DEFAULTS);

    @Test
    void inlineLinesAndSemicolonsInDeclarationOrder() {
        PresetTable table = PresetTable.parseInline("""
                # comment
                thumb: width=150,height=150,fit=cover,public
                small: width=300; medium: width=600
                """, options);
        assertEquals(List.of("thumb", "small", "medium"), table.all().stream().map(Preset::name).toList());
        assertTrue(table.get("thumb").publicAccess());
        assertFalse(table.get("small").publicAccess());
        assertEquals(Fit.COVER, table.get("thumb").options().fit());
    }

    @Test
    void propertiesFile() throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader("large = width=900, quality=90\navatar = width=64,height=64,fit=crop,public\n"));
        PresetTable table = PresetTable.fromProperties(properties, options);
        assertEquals(90, table.get("large").options().quality());
        assertTrue(table.get("avatar").publicAccess());
    }

    @Test
    void refusesBadEntries() {
        assertEquals("preset entry [small width=300] has no ':'; expected name: width=300,fit=cover",
                assertThrows(IllegalArgumentException.class, () -> PresetTable.parseInline("small width=300", options)).getMessage());
        assertEquals("preset name [sm all] must be 1 to 64 letters, digits, '-' or '_'",
                assertThrows(IllegalArgumentException.class, () -> PresetTable.parseInline("sm all: width=3", options)).getMessage());
        assertEquals("preset [a]: a width or a height is required",
                assertThrows(IllegalArgumentException.class, () -> PresetTable.parseInline("a: public", options)).getMessage());
    }

    @Test
    void mergeRefusesAPresetDeclaredInBothPlaces() {
        PresetTable inline = PresetTable.parseInline("small: width=300", options);
        Properties properties = new Properties();
        properties.setProperty("small", "width=400");
        assertThrows(IllegalArgumentException.class, () -> inline.merge(PresetTable.fromProperties(properties, options)));
    }
}
