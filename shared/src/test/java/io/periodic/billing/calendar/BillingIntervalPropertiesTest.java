package io.periodic.billing.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BillingIntervalPropertiesTest {

    @Property
    void toStringRoundTripsThroughParse(@ForAll IntervalUnit unit, @ForAll @IntRange(min = 1, max = 1000) int count) {
        BillingInterval interval = BillingInterval.of(unit, count);
        assertEquals(interval, BillingInterval.parse(interval.toString()));
    }
}
