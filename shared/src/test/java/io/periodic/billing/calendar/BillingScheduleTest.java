package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BillingScheduleTest {

    private static LocalDate d(int year, int month, int day) {
        return LocalDate.of(year, month, day);
    }

    private static List<LocalDate> starts(BillingSchedule schedule, int count) {
        return LongStream.range(0, count).mapToObj(schedule::periodStart).toList();
    }

    @Test
    void monthlyFromJan31ClampsWithoutDrifting() {
        var schedule = new BillingSchedule(d(2026, 1, 31), BillingInterval.monthly());
        assertEquals(List.of(d(2026, 1, 31), d(2026, 2, 28), d(2026, 3, 31), d(2026, 4, 30), d(2026, 5, 31),
                d(2026, 6, 30), d(2026, 7, 31), d(2026, 8, 31), d(2026, 9, 30), d(2026, 10, 31), d(2026, 11, 30),
                d(2026, 12, 31), d(2027, 1, 31), d(2027, 2, 28)), starts(schedule, 14));
    }

    @Test
    void monthlyFromJan31InLeapYearGivesFeb29() {
        var schedule = new BillingSchedule(d(2028, 1, 31), BillingInterval.monthly());
        assertEquals(List.of(d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31)), starts(schedule, 3));
        assertEquals(new Period(d(2028, 2, 29), d(2028, 3, 31)), schedule.period(1));
        assertEquals(31, schedule.period(1).days());
    }

    @Test
    void yearlyFromFeb29ClampsInNonLeapYearsOnly() {
        var schedule = new BillingSchedule(d(2028, 2, 29), BillingInterval.yearly());
        assertEquals(List.of(d(2028, 2, 29), d(2029, 2, 28), d(2030, 2, 28), d(2031, 2, 28), d(2032, 2, 29),
                d(2033, 2, 28)), starts(schedule, 6));
        assertEquals(d(2100, 2, 28), schedule.periodStart(72)); // 2100 is not a leap year
        assertEquals(d(2400, 2, 29), schedule.periodStart(372)); // 2400 is
    }

    @Test
    void quarterlyFromNov30() {
        var schedule = new BillingSchedule(d(2025, 11, 30), BillingInterval.of(IntervalUnit.MONTH, 3));
        assertEquals(List.of(d(2025, 11, 30), d(2026, 2, 28), d(2026, 5, 30), d(2026, 8, 30), d(2026, 11, 30),
                d(2027, 2, 28), d(2027, 5, 30), d(2027, 8, 30), d(2027, 11, 30), d(2028, 2, 29)),
                starts(schedule, 10));
        assertEquals(new Period(d(2025, 11, 30), d(2026, 2, 28)), schedule.period(0));
        assertEquals(90, schedule.period(0).days());
    }

    @Test
    void weeklyAndEveryTwoWeeks() {
        var weekly = new BillingSchedule(d(2026, 12, 28), BillingInterval.weekly());
        assertEquals(List.of(d(2026, 12, 28), d(2027, 1, 4), d(2027, 1, 11)), starts(weekly, 3));
        var biweekly = new BillingSchedule(d(2026, 2, 20), BillingInterval.of(IntervalUnit.WEEK, 2));
        assertEquals(List.of(d(2026, 2, 20), d(2026, 3, 6), d(2026, 3, 20)), starts(biweekly, 3));
        assertEquals(14, biweekly.period(5).days());
    }

    @Test
    void dailyAndEveryTenDays() {
        var daily = new BillingSchedule(d(2028, 2, 28), BillingInterval.daily());
        assertEquals(List.of(d(2028, 2, 28), d(2028, 2, 29), d(2028, 3, 1)), starts(daily, 3));
        assertEquals(1, daily.period(1).days());
        var tenDays = new BillingSchedule(d(2026, 1, 25), BillingInterval.of(IntervalUnit.DAY, 10));
        assertEquals(List.of(d(2026, 1, 25), d(2026, 2, 4), d(2026, 2, 14)), starts(tenDays, 3));
    }

    @Test
    void periodIndexOfAtBoundaries() {
        var schedule = new BillingSchedule(d(2026, 1, 31), BillingInterval.monthly());
        assertEquals(0, schedule.periodIndexOf(d(2026, 1, 31)));
        assertEquals(0, schedule.periodIndexOf(d(2026, 2, 27)));
        assertEquals(1, schedule.periodIndexOf(d(2026, 2, 28)));
        assertEquals(1, schedule.periodIndexOf(d(2026, 3, 30)));
        assertEquals(2, schedule.periodIndexOf(d(2026, 3, 31)));
        assertEquals(2, schedule.periodIndexOf(d(2026, 4, 29)));
        assertEquals(3, schedule.periodIndexOf(d(2026, 4, 30)));
        assertEquals(12, schedule.periodIndexOf(d(2027, 1, 31)));
        assertEquals(11, schedule.periodIndexOf(d(2027, 1, 30)));
    }

    @Test
    void periodIndexOfYearlyFromFeb29() {
        var schedule = new BillingSchedule(d(2028, 2, 29), BillingInterval.yearly());
        assertEquals(0, schedule.periodIndexOf(d(2029, 2, 27)));
        assertEquals(1, schedule.periodIndexOf(d(2029, 2, 28)));
        assertEquals(3, schedule.periodIndexOf(d(2032, 2, 28)));
        assertEquals(4, schedule.periodIndexOf(d(2032, 2, 29)));
    }

    @Test
    void periodContainingReturnsThePeriodAroundTheDate() {
        var schedule = new BillingSchedule(d(2025, 11, 30), BillingInterval.of(IntervalUnit.MONTH, 3));
        assertEquals(new Period(d(2026, 2, 28), d(2026, 5, 30)), schedule.periodContaining(d(2026, 2, 28)));
        assertEquals(new Period(d(2026, 2, 28), d(2026, 5, 30)), schedule.periodContaining(d(2026, 5, 29)));
        assertEquals(new Period(d(2026, 5, 30), d(2026, 8, 30)), schedule.periodContaining(d(2026, 5, 30)));
    }

    @Test
    void datesBeforeTheAnchorAndNegativeIndexesAreRejected() {
        var schedule = new BillingSchedule(d(2026, 1, 31), BillingInterval.monthly());
        assertThrows(IllegalArgumentException.class, () -> schedule.periodIndexOf(d(2026, 1, 30)));
        assertThrows(IllegalArgumentException.class, () -> schedule.periodContaining(d(2025, 12, 31)));
        assertThrows(IllegalArgumentException.class, () -> schedule.periodStart(-1));
        assertThrows(IllegalArgumentException.class, () -> schedule.period(-1));
        assertThrows(NullPointerException.class, () -> new BillingSchedule(null, BillingInterval.monthly()));
        assertThrows(NullPointerException.class, () -> new BillingSchedule(d(2026, 1, 1), null));
    }

    @Test
    void overflowIsReportedAsIllegalArgument() {
        for (IntervalUnit unit : IntervalUnit.values()) {
            var schedule = new BillingSchedule(d(2026, 1, 31), BillingInterval.of(unit, 1000));
            var tooFar = assertThrows(IllegalArgumentException.class, () -> schedule.periodStart(Long.MAX_VALUE));
            assertEquals("period " + Long.MAX_VALUE + " of " + schedule + " is outside the supported date range",
                    tooFar.getMessage());
            assertThrows(IllegalArgumentException.class, () -> schedule.periodStart(Long.MAX_VALUE / 1000));
            assertThrows(IllegalArgumentException.class, () -> schedule.period(Long.MAX_VALUE));
        }
        var monthly = new BillingSchedule(d(2026, 1, 31), BillingInterval.monthly());
        assertThrows(IllegalArgumentException.class, () -> monthly.periodStart(12_000_000_000L));
    }

    @Test
    void periodIndexOfIsConstantTimeForFarDates() {
        var daily = new BillingSchedule(d(2026, 1, 31), BillingInterval.daily());
        var monthly = new BillingSchedule(d(2026, 1, 31), BillingInterval.monthly());
        LocalDate far = d(900_000_000, 7, 15);
        // A loop from the anchor would take minutes for ~3e11 daily periods.
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long dailyIndex = daily.periodIndexOf(far);
            assertEquals(far, daily.periodStart(dailyIndex));
            long monthlyIndex = monthly.periodIndexOf(far);
            assertEquals(d(900_000_000, 6, 30), monthly.periodStart(monthlyIndex));
            assertEquals(d(900_000_000, 7, 31), monthly.periodStart(monthlyIndex + 1));
        });
    }
}
