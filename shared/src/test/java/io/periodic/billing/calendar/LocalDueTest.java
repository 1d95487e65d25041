package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalDueTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId HONOLULU = ZoneId.of("Pacific/Honolulu");
    private static final ZoneId HAVANA = ZoneId.of("America/Havana");

    /** The first transition in {@code zone} after {@code from}, looked up in the JDK's tz rules (not guessed). */
    private static ZoneOffsetTransition nextTransition(ZoneId zone, String from) {
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse(from));
        assertNotNull(t, () -> "no transition in " + zone + " after " + from);
        return t;
    }

    @Test
    void sameLocalDateStartsNineteenHoursApartInTokyoAndHonolulu() {
        LocalDate date = LocalDate.of(2026, 3, 10);
        Instant tokyo = LocalDue.startOfLocalDay(date, TOKYO);
        Instant honolulu = LocalDue.startOfLocalDay(date, HONOLULU);
        assertEquals(Instant.parse("2026-03-09T15:00:00Z"), tokyo);
        assertEquals(Instant.parse("2026-03-10T10:00:00Z"), honolulu);
        assertEquals(Duration.ofHours(19), Duration.between(tokyo, honolulu));
    }

    @Test
    void localDateDependsOnTheZone() {
        Instant instant = Instant.parse("2026-03-09T15:00:00Z");
        assertEquals(LocalDate.of(2026, 3, 10), LocalDue.localDate(instant, TOKYO));
        assertEquals(LocalDate.of(2026, 3, 9), LocalDue.localDate(instant, HONOLULU));
        assertEquals(LocalDate.of(2026, 3, 9), LocalDue.localDate(instant.minusNanos(1), TOKYO));
    }

    @Test
    void isDueFromLocalMidnightOnwards() {
        LocalDate date = LocalDate.of(2026, 3, 10);
        Instant midnight = Instant.parse("2026-03-09T15:00:00Z");
        assertFalse(LocalDue.isDue(date, TOKYO, midnight.minusNanos(1)));
        assertTrue(LocalDue.isDue(date, TOKYO, midnight));
        assertTrue(LocalDue.isDue(date, TOKYO, midnight.plus(Duration.ofDays(40))));
        // Same instant: due in Tokyo, not yet in Honolulu.
        assertFalse(LocalDue.isDue(date, HONOLULU, midnight));
    }

    /** Zones whose clocks spring forward at local midnight; the transition is looked up, then checked. */
    @ParameterizedTest(name = "{0} after {1}")
    @CsvSource({
        "America/Santiago, 2025-06-01T00:00:00Z",
        "America/Santiago, 2026-06-01T00:00:00Z",
        "America/Sao_Paulo, 2018-06-01T00:00:00Z",
        "Asia/Beirut, 2025-01-01T00:00:00Z",
        "America/Havana, 2025-01-01T00:00:00Z"})
    void dstGapAtMidnightStartsTheDayAtTheFirstInstantAfterTheGap(String zoneName, String searchFrom) {
        ZoneId zone = ZoneId.of(zoneName);
        ZoneOffsetTransition gap = nextTransition(zone, searchFrom);
        assertTrue(gap.isGap(), () -> "expected a gap: " + gap);
        assertEquals(LocalTime.MIDNIGHT, gap.getDateTimeBefore().toLocalTime(), () -> "not at midnight: " + gap);
        LocalDate day = gap.getDateTimeBefore().toLocalDate();

        Instant start = LocalDue.startOfLocalDay(day, zone);

        assertEquals(gap.getInstant(), start);
        assertEquals(gap.getDateTimeAfter(), LocalDateTime.ofInstant(start, zone)); // e.g. 01:00 local
        assertEquals(LocalTime.of(1, 0), LocalDateTime.ofInstant(start, zone).toLocalTime());
        assertEquals(day, LocalDue.localDate(start, zone));
        assertEquals(day.minusDays(1), LocalDue.localDate(start.minusNanos(1), zone));
        assertFalse(LocalDue.isDue(day, zone, start.minusNanos(1)));
        assertTrue(LocalDue.isDue(day, zone, start));
    }

    @Test
    void santiagoSpringForward2025StartsAtOneInTheMorning() {
        ZoneId santiago = ZoneId.of("America/Santiago");
        // Clocks jump from 2025-09-07 00:00 -04:00 to 01:00 -03:00 (checked against ZoneRules in the test above).
        assertEquals(Instant.parse("2025-09-07T04:00:00Z"),
                LocalDue.startOfLocalDay(LocalDate.of(2025, 9, 7), santiago));
    }

    @Test
    void overlapAtMidnightInHavanaUsesTheEarlierOccurrence() {
        ZoneOffsetTransition overlap = nextTransition(HAVANA, "2025-07-01T00:00:00Z");
        assertTrue(overlap.isOverlap(), () -> "expected an overlap: " + overlap);
        // 01:00 CDT -> 00:00 CST: local 00:00..00:59 occurs twice on this day.
        assertEquals(LocalTime.MIDNIGHT, overlap.getDateTimeAfter().toLocalTime(),
                () -> "not at midnight: " + overlap);
        LocalDate day = overlap.getDateTimeAfter().toLocalDate();
        assertEquals(LocalDate.of(2025, 11, 2), day);
        Instant earlierMidnight = day.atTime(LocalTime.MIDNIGHT).toInstant(overlap.getOffsetBefore());
        Instant laterMidnight = day.atTime(LocalTime.MIDNIGHT).toInstant(overlap.getOffsetAfter());
        assertEquals(Duration.ofHours(1), Duration.between(earlierMidnight, laterMidnight));

        Instant start = LocalDue.startOfLocalDay(day, HAVANA);

        assertEquals(earlierMidnight, start);
        assertEquals(Instant.parse("2025-11-02T04:00:00Z"), start);
        assertEquals(ZoneOffset.ofHours(-4), HAVANA.getRules().getOffset(start));
        assertEquals(day.minusDays(1), LocalDue.localDate(start.minusNanos(1), HAVANA));

        // Sweep minute by minute across both midnights: isDue flips false -> true exactly once, at the earlier one.
        Instant flippedAt = null;
        int flips = 0;
        boolean previous = false;
        Instant sweepEnd = laterMidnight.plus(Duration.ofHours(2));
        for (Instant now = earlierMidnight.minus(Duration.ofHours(2)); now.isBefore(sweepEnd);
                now = now.plus(Duration.ofMinutes(1))) {
            boolean due = LocalDue.isDue(day, HAVANA, now);
            if (due != previous) {
                flips++;
                flippedAt = now;
            }
            previous = due;
        }
        assertEquals(1, flips);
        assertEquals(earlierMidnight, flippedAt);
    }
}
