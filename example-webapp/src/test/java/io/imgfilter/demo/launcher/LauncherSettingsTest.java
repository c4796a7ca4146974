package io.imgfilter.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LauncherSettingsTest {

    @Test
    void defaultsWhenNothingIsSet() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.of());

        assertEquals(8080, settings.port());
        assertEquals(Optional.empty(), settings.signingKey());
        assertEquals(Optional.empty(), settings.originalsDir());
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "8080, 8080", "' 9090 ', 9090", "65535, 65535", "00080, 80"})
    void acceptsPortsFromZeroTo65535(String value, int expected) {
        assertEquals(expected, LauncherSettings.parsePort(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankPortMeansTheDefault(String value) {
        assertEquals(8080, LauncherSettings.parsePort(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "99999", "123456", "abc", "80.0", "0x50", "8 0", "+80", "８０"})
    void refusesAnythingElseNamingTheVariableAndTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LauncherSettings.parsePort(value));

        assertEquals("PORT must be a whole number from 0 to 65535 (0 picks a free port), not \"" + value + "\"",
                e.getMessage());
    }

    @Test
    void blankSigningKeyCountsAsUnset() {
        assertEquals(Optional.empty(),
                LauncherSettings.fromEnvironment(Map.of("IMAGE_SIGNING_KEY", "  ")).signingKey());
        assertEquals(Optional.of("s3cret"),
                LauncherSettings.fromEnvironment(Map.of("IMAGE_SIGNING_KEY", "s3cret")).signingKey());
    }

    @Test
    void originalsDirMayBeAPathOrAFileUri(@TempDir Path dir) {
        assertEquals(Optional.of(dir), LauncherSettings.parseOriginalsDir(dir.toString()));
        assertEquals(Optional.of(dir), LauncherSettings.parseOriginalsDir(dir.toUri().toString()));
        assertEquals(Optional.empty(), LauncherSettings.parseOriginalsDir(""));
    }

    @Test
    void originalsDirMustBeAnExistingAbsoluteDirectory(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Map<String, String> env = new HashMap<>();

        for (String value : new String[] {"relative/dir", dir.resolve("missing").toString(), file.toString()}) {
            env.put("IMAGE_ORIGINALS_DIR", value);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LauncherSettings.fromEnvironment(env));
            assertTrue(e.getMessage().startsWith("IMAGE_ORIGINALS_DIR ") && e.getMessage().contains(value),
                    e.getMessage());
        }
    }
}
