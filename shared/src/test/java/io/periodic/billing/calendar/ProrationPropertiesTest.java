package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ProrationPropertiesTest {

    /** A period of a random schedule plus a change date in [start, end]. */
    record PeriodAndChange(Period period, LocalDate changeDate) {
    }

    @Provide
    Arbitrary<Period> periods() {
        Arbitrary<LocalDate> anchors = Arbitraries.integers().between(0, 40_000)
                .map(days -> LocalDate.of(1999, 1, 1).plusDays(days));
        Arbitrary<BillingInterval> intervals = Arbitraries.of(IntervalUnit.class)
                .flatMap(u -> Arbitraries.of(1, 2, 3, 6, 12, 1000).map(c -> BillingInterval.of(u, c)));
        return Combinators.combine(anchors, intervals, Arbitraries.longs().between(0, 500))
                .as((anchor, interval, n) -> new BillingSchedule(anchor, interval).period(n));
    }

    @Provide
    Arbitrary<PeriodAndChange> changes() {
        return periods().flatMap(p -> Arbitraries.longs().between(0, p.days())
                .map(offset -> new PeriodAndChange(p, p.start().plusDays(offset))));
    }

    @Property
    void fullPeriodIsWhole(@ForAll("periods") Period period) {
        Fraction f = Proration.of(period, period);
        assertTrue(f.isWhole());
        assertEquals(period.days(), f.denominator());
    }

    @Property
    void remainingPlusUsedIsWhole(@ForAll("changes") PeriodAndChange c) {
        Fraction remaining = Proration.remaining(c.period(), c.changeDate());
        Fraction used = Proration.used(c.period(), c.changeDate());
        assertEquals(c.period().days(), remaining.denominator());
        assertEquals(c.period().days(), used.denominator());
        assertEquals(c.period().days(), remaining.numerator() + used.numerator());
        assertEquals(remaining.complement(), used);
    }

    @Property
    void remainingEqualsFractionOfTheTailPeriod(@ForAll("changes") PeriodAndChange c) {
        Fraction remaining = Proration.remaining(c.period(), c.changeDate());
        if (c.changeDate().isBefore(c.period().end())) {
            assertEquals(Proration.of(new Period(c.changeDate(), c.period().end()), c.period()), remaining);
        } else {
            assertTrue(remaining.isZero());
        }
    }
}
