package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final LocalDate FEB_1 = LocalDate.of(2026, 2, 1);
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);

    @Test
    void daysCountsHalfOpenRange() {
        assertEquals(28, new Period(FEB_1, MAR_1).days());
        assertEquals(29, new Period(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 3, 1)).days());
        assertEquals(1, new Period(FEB_1, FEB_1.plusDays(1)).days());
        assertEquals(365, new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)).days());
    }

    @Test
    void containsStartButNotEnd() {
        Period feb = new Period(FEB_1, MAR_1);
        assertTrue(feb.contains(FEB_1));
        assertTrue(feb.contains(LocalDate.of(2026, 2, 28)));
        assertFalse(feb.contains(MAR_1));
        assertFalse(feb.contains(LocalDate.of(2026, 1, 31)));
    }

    @Test
    void endInclusiveIsDayBeforeEnd() {
        assertEquals(LocalDate.of(2026, 2, 28), new Period(FEB_1, MAR_1).endInclusive());
        assertEquals(FEB_1, new Period(FEB_1, FEB_1.plusDays(1)).endInclusive());
    }

    @Test
    void enclosesSubPeriodsOnly() {
        Period feb = new Period(FEB_1, MAR_1);
        assertTrue(feb.encloses(feb));
        assertTrue(feb.encloses(new Period(LocalDate.of(2026, 2, 10), MAR_1)));
        assertFalse(feb.encloses(new Period(LocalDate.of(2026, 1, 31), MAR_1)));
        assertFalse(feb.encloses(new Period(FEB_1, MAR_1.plusDays(1))));
    }

    @Test
    void startMustBeBeforeEnd() {
        assertThrows(IllegalArgumentException.class, () -> new Period(FEB_1, FEB_1));
        assertThrows(IllegalArgumentException.class, () -> new Period(MAR_1, FEB_1));
        assertThrows(NullPointerException.class, () -> new Period(null, MAR_1));
        assertThrows(NullPointerException.class, () -> new Period(FEB_1, null));
    }

    @Test
    void toStringShowsHalfOpenRange() {
        assertEquals("[2026-02-01, 2026-03-01)", new Period(FEB_1, MAR_1).toString());
    }
}
