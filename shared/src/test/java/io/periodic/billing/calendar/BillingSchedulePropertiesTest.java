package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class BillingSchedulePropertiesTest {

    private static final int PERIODS = 48;

    /** Anchors on the 28th..31st (whichever exist) of every month of 1999..2104, leap and non-leap years. */
    @Provide
    Arbitrary<LocalDate> monthEndAnchors() {
        return yearMonths().flatMap(ym -> Arbitraries.integers().between(28, ym.lengthOfMonth()).map(ym::atDay));
    }

    @Provide
    Arbitrary<LocalDate> anyAnchors() {
        return yearMonths().flatMap(ym -> Arbitraries.integers().between(1, ym.lengthOfMonth()).map(ym::atDay));
    }

    private static Arbitrary<YearMonth> yearMonths() {
        return Arbitraries.integers().between(1999, 2104)
                .flatMap(y -> Arbitraries.integers().between(1, 12).map(m -> YearMonth.of(y, m)));
    }

    @Provide
    Arbitrary<Integer> monthCounts() {
        return Arbitraries.of(1, 2, 3, 6, 12);
    }

    @Provide
    Arbitrary<BillingInterval> intervals() {
        return Arbitraries.oneOf(
                Arbitraries.of(IntervalUnit.class).map(u -> BillingInterval.of(u, 1)),
                Arbitraries.of(IntervalUnit.class)
                        .flatMap(u -> Arbitraries.integers().between(1, 1000).map(c -> BillingInterval.of(u, c))));
    }

    /** Expected start of period n computed by plain arithmetic, independently of java.time's plus methods. */
    private static LocalDate expectedStart(LocalDate anchor, BillingInterval interval, long n) {
        long steps = n * interval.count();
        return switch (interval.unit()) {
            case DAY -> LocalDate.ofEpochDay(anchor.toEpochDay() + steps);
            case WEEK -> LocalDate.ofEpochDay(anchor.toEpochDay() + 7 * steps);
            case MONTH -> {
                long monthIndex = anchor.getYear() * 12L + anchor.getMonthValue() - 1 + steps;
                var month = YearMonth.of((int) Math.floorDiv(monthIndex, 12), (int) Math.floorMod(monthIndex, 12) + 1);
                yield clampedDay(month, anchor.getDayOfMonth());
            }
            case YEAR -> clampedDay(YearMonth.of((int) (anchor.getYear() + steps), anchor.getMonth()),
                    anchor.getDayOfMonth());
        };
    }

    private static LocalDate clampedDay(YearMonth month, int anchorDay) {
        return month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
    }

    private static void assertContiguousAndNeverDrifting(BillingSchedule schedule) {
        for (long n = 0; n < PERIODS; n++) {
            Period period = schedule.period(n);
            Period next = schedule.period(n + 1);
            assertEquals(expectedStart(schedule.anchor(), schedule.interval(), n), period.start(),
                    () -> "start drifted, " + schedule);
            assertEquals(next.start(), period.end(), "periods must be contiguous");
            assertTrue(period.start().isBefore(next.start()), "periods must not overlap");
        }
    }

    @Property
    void monthlyPeriodsFromMonthEndAnchorsNeverDrift(@ForAll("monthEndAnchors") LocalDate anchor) {
        var schedule = new BillingSchedule(anchor, BillingInterval.monthly());
        assertContiguousAndNeverDrifting(schedule);
        for (long n = 0; n < PERIODS; n++) {
            LocalDate start = schedule.periodStart(n);
            assertEquals(Math.min(anchor.getDayOfMonth(), start.lengthOfMonth()), start.getDayOfMonth());
            assertEquals(anchor.plusMonths(n).withDayOfMonth(1), start.withDayOfMonth(1), "one month per period");
        }
    }

    @Property
    void multiMonthPeriodsFromMonthEndAnchorsNeverDrift(
            @ForAll("monthEndAnchors") LocalDate anchor, @ForAll("monthCounts") int months) {
        var schedule = new BillingSchedule(anchor, BillingInterval.of(IntervalUnit.MONTH, months));
        assertContiguousAndNeverDrifting(schedule);
        for (long n = 0; n < PERIODS; n++) {
            LocalDate start = schedule.periodStart(n);
            assertEquals(Math.min(anchor.getDayOfMonth(), start.lengthOfMonth()), start.getDayOfMonth());
        }
    }

    @Property
    void yearlyPeriodsKeepTheAnchorDay(@ForAll("monthEndAnchors") LocalDate anchor) {
        var schedule = new BillingSchedule(anchor, BillingInterval.yearly());
        assertContiguousAndNeverDrifting(schedule);
        for (long n = 0; n < PERIODS; n++) {
            LocalDate start = schedule.periodStart(n);
            assertEquals(anchor.getMonth(), start.getMonth());
            assertEquals(Math.min(anchor.getDayOfMonth(), start.lengthOfMonth()), start.getDayOfMonth());
        }
    }

    @Property
    void anyIntervalIsContiguousAndComputedFromTheAnchor(
            @ForAll("anyAnchors") LocalDate anchor, @ForAll("intervals") BillingInterval interval) {
        assertContiguousAndNeverDrifting(new BillingSchedule(anchor, interval));
    }

    @Property
    void weeklyAndDailyPeriodsHaveFixedLength(@ForAll("anyAnchors") LocalDate anchor,
            @ForAll @IntRange(min = 1, max = 1000) int count, @ForAll @LongRange(max = 10_000) long n) {
        var weekly = new BillingSchedule(anchor, BillingInterval.of(IntervalUnit.WEEK, count));
        var daily = new BillingSchedule(anchor, BillingInterval.of(IntervalUnit.DAY, count));
        assertEquals(7L * count, weekly.period(n).days());
        assertEquals(anchor.getDayOfWeek(), weekly.periodStart(n).getDayOfWeek());
        assertEquals(count, daily.period(n).days());
    }

    @Property
    void periodIndexOfInvertsPeriodStart(@ForAll("anyAnchors") LocalDate anchor,
            @ForAll("intervals") BillingInterval interval, @ForAll @LongRange(max = 100_000) long n) {
        var schedule = new BillingSchedule(anchor, interval);
        assertEquals(n, schedule.periodIndexOf(schedule.periodStart(n)), "first day");
        assertEquals(n, schedule.periodIndexOf(schedule.periodStart(n + 1).minusDays(1)), "last day");
        if (n > 0) {
            assertEquals(n - 1, schedule.periodIndexOf(schedule.periodStart(n).minusDays(1)), "day before");
        }
    }

    @Property
    void periodContainingContainsTheDate(@ForAll("monthEndAnchors") LocalDate anchor,
            @ForAll("intervals") BillingInterval interval, @ForAll @IntRange(max = 40_000) int daysAfterAnchor) {
        var schedule = new BillingSchedule(anchor, interval);
        LocalDate date = anchor.plusDays(daysAfterAnchor);
        long n = schedule.periodIndexOf(date);
        Period period = schedule.periodContaining(date);
        assertTrue(period.contains(date), () -> period + " should contain " + date);
        assertEquals(schedule.period(n), period);
    }
}
