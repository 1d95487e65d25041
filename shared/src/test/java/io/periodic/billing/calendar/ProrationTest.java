package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProrationTest {

    /** April 2026: 30 days, [Apr 1, May 1). */
    private static final Period APRIL = new Period(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1));

    @Test
    void fractionValidatesAndPrintsDayCounts() {
        Fraction f = new Fraction(12, 30);
        assertEquals("12/30", f.toString());
        assertEquals(12, f.numerator());
        assertEquals(30, f.denominator());
        assertFalse(f.isWhole());
        assertFalse(f.isZero());
        assertEquals(new Fraction(18, 30), f.complement());
        assertTrue(new Fraction(30, 30).isWhole());
        assertTrue(new Fraction(0, 30).isZero());
        assertEquals("6/15", new Fraction(6, 15).toString(), "not reduced");
        assertThrows(IllegalArgumentException.class, () -> new Fraction(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Fraction(0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Fraction(-1, 30));
        assertThrows(IllegalArgumentException.class, () -> new Fraction(31, 30));
    }

    @Test
    void remainingCountsFromTheChangeDayInclusive() {
        // Change on Apr 21: Apr 21..30 = 10 days at the new price.
        assertEquals(new Fraction(10, 30), Proration.remaining(APRIL, LocalDate.of(2026, 4, 21)));
        assertEquals(new Fraction(20, 30), Proration.used(APRIL, LocalDate.of(2026, 4, 21)));
        assertEquals("10/30", Proration.remaining(APRIL, LocalDate.of(2026, 4, 21)).toString());
    }

    @Test
    void changeOnTheStartDayIsWholeAndOnTheEndDayIsZero() {
        assertTrue(Proration.remaining(APRIL, APRIL.start()).isWhole());
        assertEquals(new Fraction(30, 30), Proration.remaining(APRIL, APRIL.start()));
        assertTrue(Proration.used(APRIL, APRIL.start()).isZero());
        assertEquals(new Fraction(0, 30), Proration.remaining(APRIL, APRIL.end()));
        assertTrue(Proration.used(APRIL, APRIL.end()).isWhole());
        assertEquals(new Fraction(1, 30), Proration.remaining(APRIL, APRIL.endInclusive()));
    }

    @Test
    void changeOutsideThePeriodIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Proration.remaining(APRIL, LocalDate.of(2026, 3, 31)));
        assertThrows(IllegalArgumentException.class, () -> Proration.remaining(APRIL, LocalDate.of(2026, 5, 2)));
        assertThrows(IllegalArgumentException.class, () -> Proration.used(APRIL, LocalDate.of(2026, 3, 31)));
        assertThrows(IllegalArgumentException.class, () -> Proration.used(APRIL, LocalDate.of(2026, 5, 2)));
    }

    @Test
    void partialFirstPeriod() {
        // Anchor Apr 1 monthly, customer signs up Apr 11: first invoice covers Apr 11..30.
        Period partial = new Period(LocalDate.of(2026, 4, 11), APRIL.end());
        assertEquals(new Fraction(20, 30), Proration.of(partial, APRIL));
        assertTrue(Proration.of(APRIL, APRIL).isWhole());
        // February of a leap year: 29 days, 1 day used.
        Period feb = new Period(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 3, 1));
        assertEquals("1/29", Proration.of(new Period(LocalDate.of(2028, 2, 29), feb.end()), feb).toString());
    }

    @Test
    void partMustLieWithinWhole() {
        Period startsEarlier = new Period(LocalDate.of(2026, 3, 31), APRIL.end());
        Period endsLater = new Period(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 2));
        assertThrows(IllegalArgumentException.class, () -> Proration.of(startsEarlier, APRIL));
        assertThrows(IllegalArgumentException.class, () -> Proration.of(endsLater, APRIL));
    }
}
