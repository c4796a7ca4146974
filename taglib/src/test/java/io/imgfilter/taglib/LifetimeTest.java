package io.imgfilter.taglib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.imgfilter.ImageUrls;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LifetimeTest {

    private static final Lifetime FALLBACK = Lifetime.ttl(Duration.ofHours(1));
    private static final long EXP = 1_893_456_000L; // 2030-01-01T00:00:00Z

    @ParameterizedTest
    @CsvSource({"3600,3600", "90s,90", "30m,1800", "1h,3600", "1d,86400", "2w,1209600", " 1H ,3600", "1,1"})
    void ttlTakesSecondsOrOneUnit(String text, long seconds) {
        ImageUrls urls = Fixtures.shop();
        String url = Lifetime.of(text, null, FALLBACK).url(urls, "cat.jpg", "small");
        assertTrue(url.contains("?exp=" + (Fixtures.NOW.getEpochSecond() + seconds) + "&"), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1.5h", "-5", "1 h", "h", "30x", "99999999999999"})
    void malformedTtlIsRefusedWithTheAllowedForms(String text) {
        ImageTagException e = assertThrows(ImageTagException.class, () -> Lifetime.of(text, null, FALLBACK));
        assertEquals("ttl [" + text + "] is not valid; expected seconds (3600) or a number with a unit s, m, h, d or w (30m, 1h, 1d)",
                e.getMessage());
    }

    @Test
    void zeroTtlIsRefused() {
        ImageTagException e = assertThrows(ImageTagException.class, () -> Lifetime.of("0", null, FALLBACK));
        assertEquals("ttl must be at least 1 second, not 0s", e.getMessage());
    }

    @Test
    void emptyOrMissingValuesMeanTheFallback() {
        assertSame(FALLBACK, Lifetime.of(null, null, FALLBACK));
        assertSame(FALLBACK, Lifetime.of("", "", FALLBACK));
    }

    @Test
    void ttlAndExpiresTogetherAreRefused() {
        ImageTagException e = assertThrows(ImageTagException.class, () -> Lifetime.of("1h", Instant.now(), FALLBACK));
        assertEquals("give either ttl or expires, not both", e.getMessage());
    }

    @Test
    void expiresTakesEveryKindOfPointInTime() {
        Instant instant = Instant.ofEpochSecond(EXP);
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("Europe/Paris"));
        calendar.setTimeInMillis(EXP * 1000);
        Object[] forms = {
            instant,
            instant.plusMillis(999), // rounded down
            Date.from(instant),
            new java.sql.Timestamp(EXP * 1000),
            new java.sql.Date(EXP * 1000), // whose toInstant() throws
            calendar,
            OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(5)),
            ZonedDateTime.ofInstant(instant, ZoneId.of("America/New_York")),
            "2030-01-01T00:00:00Z",
            " 2030-01-01T00:00:00.5Z ",
            "2030-01-01T02:00:00+02:00",
            "2029-12-31T19:00:00-05:00",
        };
        for (Object form : forms) {
            String url = Lifetime.of(null, form, FALLBACK).url(Fixtures.shop(), "cat.jpg", "small");
            assertTrue(url.contains("?exp=" + EXP + "&"), form + " (" + form.getClass().getName() + ") -> " + url);
        }
    }

    @Test
    void expiresWithoutTimeZoneIsRefused() {
        ImageTagException e = assertThrows(ImageTagException.class,
                () -> Lifetime.of(null, LocalDateTime.of(2030, 1, 1, 0, 0), FALLBACK));
        assertTrue(e.getMessage().startsWith("expires [2030-01-01T00:00] (java.time.LocalDateTime) has no time zone"), e.getMessage());
        ImageTagException text = assertThrows(ImageTagException.class, () -> Lifetime.of(null, "2030-01-01T00:00:00", FALLBACK));
        assertTrue(text.getMessage().startsWith("expires [2030-01-01T00:00:00] is not an ISO-8601 instant; expected"), text.getMessage());
    }

    @Test
    void expiresOfOtherTypesIsRefusedNamingThem() {
        ImageTagException number = assertThrows(ImageTagException.class, () -> Lifetime.of(null, EXP, FALLBACK));
        assertTrue(number.getMessage().startsWith("expires cannot be a java.lang.Long (seconds or milliseconds?); expected"),
                number.getMessage());
        ImageTagException text = assertThrows(ImageTagException.class, () -> Lifetime.of(null, "tomorrow", FALLBACK));
        assertTrue(text.getMessage().contains("ISO-8601 text such as 2030-01-01T00:00:00Z"), text.getMessage());
    }

    @Test
    void aPastExpiryIsAllowedForExpiredLinks() {
        String url = Lifetime.of(null, "2001-01-01T00:00:00Z", FALLBACK).url(Fixtures.shop(), "cat.jpg", "small");
        assertTrue(url.contains("?exp=978307200&"), url);
    }
}
