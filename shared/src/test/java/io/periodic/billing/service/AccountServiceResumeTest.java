package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.BillingSchedule;
import io.periodic.billing.calendar.IntervalUnit;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** {@link AccountService#resumedPeriodIndex}: which period a resumed subscription bills next. */
class AccountServiceResumeTest {
    /** Period starts: Jan 31, Feb 28, Mar 31, Apr 30, May 31, ... (month-end clamping, never drifting). */
    private static final BillingSchedule MONTH_END =
            new BillingSchedule(LocalDate.of(2027, 1, 31), BillingInterval.monthly());

    private static long resumed(BillingSchedule schedule, long next, int year, int month, int day) {
        return AccountService.resumedPeriodIndex(schedule, next, LocalDate.of(year, month, day));
    }

    @Test
    void theScheduleIsAsExpected() {
        assertEquals(LocalDate.of(2027, 2, 28), MONTH_END.periodStart(1));
        assertEquals(LocalDate.of(2027, 3, 31), MONTH_END.periodStart(2));
        assertEquals(LocalDate.of(2027, 4, 30), MONTH_END.periodStart(3));
        assertEquals(LocalDate.of(2028, 2, 29), MONTH_END.periodStart(13));
    }

    @Test
    void resumingBeforeTheAnchorKeepsNext() {
        assertEquals(0, resumed(MONTH_END, 0, 2027, 1, 15));
        assertEquals(0, resumed(MONTH_END, 0, 2027, 1, 30));
        assertEquals(3, resumed(MONTH_END, 3, 2026, 6, 1), "whatever next was");
    }

    @Test
    void resumingOnAPeriodStartBillsThatPeriod() {
        assertEquals(0, resumed(MONTH_END, 0, 2027, 1, 31), "the anchor itself");
        assertEquals(1, resumed(MONTH_END, 0, 2027, 2, 28), "clamped Feb 28 is period 1's start");
        assertEquals(2, resumed(MONTH_END, 0, 2027, 3, 31));
        assertEquals(3, resumed(MONTH_END, 1, 2027, 4, 30), "clamped Apr 30");
        assertEquals(13, resumed(MONTH_END, 0, 2028, 2, 29), "leap day");
    }

    @Test
    void resumingMidPeriodBillsTheFollowingOne() {
        assertEquals(1, resumed(MONTH_END, 0, 2027, 2, 1), "Feb 1 is in period 0: next is Feb 28");
        assertEquals(1, resumed(MONTH_END, 0, 2027, 2, 27));
        assertEquals(2, resumed(MONTH_END, 0, 2027, 3, 1), "Mar 1 is in period 1 (Feb 28 - Mar 30)");
        assertEquals(2, resumed(MONTH_END, 0, 2027, 3, 30));
        assertEquals(3, resumed(MONTH_END, 0, 2027, 4, 1));
        assertEquals(13, resumed(MONTH_END, 0, 2028, 2, 28), "2028-02-28 is in period 12 (Jan 31 - Feb 28)");
        assertEquals(14, resumed(MONTH_END, 0, 2028, 3, 1));
    }

    @Test
    void neverGoesBelowNext() {
        assertEquals(5, resumed(MONTH_END, 5, 2027, 2, 10), "would be 1, but 5 was already next");
        assertEquals(2, resumed(MONTH_END, 2, 2027, 2, 28), "would be 1");
        assertEquals(2, resumed(MONTH_END, 2, 2027, 3, 31), "equal: that period");
        assertEquals(3, resumed(MONTH_END, 2, 2027, 4, 1), "later than next: skips the paused periods");
    }

    @Test
    void otherUnits() {
        BillingSchedule leapYearly = new BillingSchedule(LocalDate.of(2024, 2, 29), BillingInterval.yearly());
        assertEquals(1, resumed(leapYearly, 0, 2025, 2, 28), "Feb 28 in a non-leap year starts period 1");
        assertEquals(2, resumed(leapYearly, 0, 2025, 3, 1));
        assertEquals(4, resumed(leapYearly, 0, 2028, 2, 29));
        BillingSchedule weekly = new BillingSchedule(LocalDate.of(2027, 1, 4), BillingInterval.weekly());
        assertEquals(1, resumed(weekly, 0, 2027, 1, 5));
        assertEquals(1, resumed(weekly, 0, 2027, 1, 11));
        BillingSchedule everyTenDays = new BillingSchedule(LocalDate.of(2027, 1, 1),
                BillingInterval.of(IntervalUnit.DAY, 10));
        assertEquals(3, resumed(everyTenDays, 0, 2027, 1, 31));
        assertEquals(4, resumed(everyTenDays, 0, 2027, 2, 1));
    }

    // ------------------------------------------------------------------------------------------------ property

    @Provide
    Arbitrary<BillingSchedule> schedules() {
        Arbitrary<LocalDate> anchor = Arbitraries.integers().between(0, 365 * 30)
                .map(d -> LocalDate.of(2000, 1, 1).plusDays(d));
        Arbitrary<BillingInterval> interval = Combinators.combine(Arbitraries.of(IntervalUnit.class),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(1)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(2, 12))))
                .as(BillingInterval::of);
        return Combinators.combine(anchor, interval).as(BillingSchedule::new);
    }

    @Property(tries = 1000)
    void theFirstPeriodStartingOnOrAfterTodayNeverBeforeNext(@ForAll("schedules") BillingSchedule schedule,
            @ForAll @LongRange(min = 0, max = 120) long next, @ForAll @IntRange(min = -400, max = 5000) int offset) {
        LocalDate today = schedule.anchor().plusDays(offset);
        long r = AccountService.resumedPeriodIndex(schedule, next, today);
        assertTrue(r >= next, "never before next");
        assertFalse(schedule.periodStart(r).isBefore(today), "no period that started while paused is billed");
        assertTrue(r == next || schedule.periodStart(r - 1).isBefore(today), "the first such period");
        if (today.isBefore(schedule.anchor())) {
            assertEquals(next, r);
        }
    }
}
