package io.imgfilter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"3600, 3600", "90s, 90", "30m, 1800", "1h, 3600", "1d, 86400", "2w, 1209600", " 1H , 3600", "0, 0"})
    void parses(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "1y", "-5", "1.5h", "1 h", "1hh", "9999999999999d"})
    void refuses(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }
}
