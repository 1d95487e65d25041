package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BillingIntervalTest {

    @Test
    void factoriesUseCountOne() {
        assertEquals(new BillingInterval(IntervalUnit.DAY, 1), BillingInterval.daily());
        assertEquals(new BillingInterval(IntervalUnit.WEEK, 1), BillingInterval.weekly());
        assertEquals(new BillingInterval(IntervalUnit.MONTH, 1), BillingInterval.monthly());
        assertEquals(new BillingInterval(IntervalUnit.YEAR, 1), BillingInterval.yearly());
        assertEquals(new BillingInterval(IntervalUnit.MONTH, 3), BillingInterval.of(IntervalUnit.MONTH, 3));
    }

    @Test
    void countMustBeWithinOneToThousand() {
        assertEquals(1, BillingInterval.of(IntervalUnit.DAY, 1).count());
        assertEquals(1000, BillingInterval.of(IntervalUnit.DAY, 1000).count());
        assertThrows(IllegalArgumentException.class, () -> BillingInterval.of(IntervalUnit.DAY, 0));
        assertThrows(IllegalArgumentException.class, () -> BillingInterval.of(IntervalUnit.DAY, -1));
        assertThrows(IllegalArgumentException.class, () -> BillingInterval.of(IntervalUnit.DAY, 1001));
        assertThrows(NullPointerException.class, () -> BillingInterval.of(null, 1));
    }

    @Test
    void toStringIsCountSpaceUnit() {
        assertEquals("1 MONTH", BillingInterval.monthly().toString());
        assertEquals("3 MONTH", BillingInterval.of(IntervalUnit.MONTH, 3).toString());
        assertEquals("1000 DAY", BillingInterval.of(IntervalUnit.DAY, 1000).toString());
    }

    @Test
    void parseAcceptsCanonicalForm() {
        assertEquals(BillingInterval.monthly(), BillingInterval.parse("1 MONTH"));
        assertEquals(BillingInterval.of(IntervalUnit.MONTH, 3), BillingInterval.parse("3 MONTH"));
        assertEquals(BillingInterval.of(IntervalUnit.WEEK, 2), BillingInterval.parse("2 WEEK"));
        assertEquals(BillingInterval.of(IntervalUnit.YEAR, 1000), BillingInterval.parse("1000 YEAR"));
        assertEquals(BillingInterval.daily(), BillingInterval.parse("1 DAY"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"month", "MONTH", "1 month", "1 Month", "1 MONTHS", "01 MONTH", "+1 MONTH", "-1 MONTH",
        "0 MONTH", "1001 MONTH", "10000 MONTH", "99999999999 MONTH", " 1 MONTH", "1 MONTH ", "1  MONTH", "1\tMONTH",
        "1MONTH", "1 QUARTER", "1.5 MONTH", "１ MONTH"})
    void parseRejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> BillingInterval.parse(text));
    }
}
