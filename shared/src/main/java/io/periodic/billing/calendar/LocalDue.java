package io.periodic.billing.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a billing date becomes due: a billing date is a local date in the customer's time zone and is due from the
 * start of that local day (local midnight) onwards.
 *
 * <p>Time-zone edge cases, as defined by {@link LocalDate#atStartOfDay(ZoneId)}:
 * <ul>
 *   <li>DST gap at midnight (e.g. America/Santiago, America/Sao_Paulo until 2018, Asia/Beirut, America/Havana in
 *       March): midnight does not exist, the day starts at the first valid instant after the gap (usually 01:00).
 *   <li>Overlap at midnight (America/Havana falls back 01:00 → 00:00 in November): midnight occurs twice, the
 *       EARLIER occurrence (the offset before the transition) is used, so the due instant exists exactly once.
 * </ul>
 */
public final class LocalDue {

    private LocalDue() {
    }

    /** The instant the local {@code date} starts in {@code zone} (see the class doc for gaps and overlaps). */
    public static Instant startOfLocalDay(LocalDate date, ZoneId zone) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
        return date.atStartOfDay(zone).toInstant();
    }

    /** The customer's local date at {@code instant}. */
    public static LocalDate localDate(Instant instant, ZoneId zone) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(zone, "zone");
        return LocalDate.ofInstant(instant, zone);
    }

    /** True once {@code now >= startOfLocalDay(billingDate, zone)}; flips from false to true exactly once. */
    public static boolean isDue(LocalDate billingDate, ZoneId zone, Instant now) {
        Objects.requireNonNull(now, "now");
        return !now.isBefore(startOfLocalDay(billingDate, zone));
    }
}
