package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Proration fractions applied to money: the full period costs exactly the full price, in every currency. */
class ProratedAmountPropertiesTest {
    record Case(Period period, LocalDate changeDate, Money price) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<LocalDate> anchors = Arbitraries.integers().between(0, 40_000)
                .map(days -> LocalDate.of(1999, 1, 1).plusDays(days));
        Arbitrary<BillingInterval> intervals = Arbitraries.of(IntervalUnit.class)
                .flatMap(u -> Arbitraries.of(1, 2, 3, 6, 12).map(c -> BillingInterval.of(u, c)));
        Arbitrary<Period> periods = Combinators.combine(anchors, intervals, Arbitraries.longs().between(0, 240))
                .as((anchor, interval, n) -> new BillingSchedule(anchor, interval).period(n));
        Arbitrary<Money> prices = Combinators.combine(
                        Arbitraries.longs().between(0, 1_000_000_000_000L),
                        Arbitraries.of(Currencies.supported()))
                .as(Money::of);
        return Combinators.combine(periods, prices).flatAs((p, price) -> Arbitraries.longs().between(0, p.days())
                .map(offset -> new Case(p, p.start().plusDays(offset), price)));
    }

    @Property
    void aFullPeriodProratesToExactlyTheFullPrice(@ForAll("cases") Case c) {
        assertEquals(c.price(), Proration.of(c.period(), c.period()).applyTo(c.price()));
        assertEquals(c.price(), Proration.remaining(c.period(), c.period().start()).applyTo(c.price()));
    }

    @Property
    void usedAndRemainingShareThePriceWithinOneMinorUnit(@ForAll("cases") Case c) {
        Money used = Proration.used(c.period(), c.changeDate()).applyTo(c.price());
        Money remaining = Proration.remaining(c.period(), c.changeDate()).applyTo(c.price());
        long difference = Math.abs(c.price().minus(used.plus(remaining)).minor());
        assertTrue(difference <= 1, "each part is rounded once, so together they are off by at most one unit");
        assertTrue(!used.isNegative() && !remaining.isNegative());
    }
}
