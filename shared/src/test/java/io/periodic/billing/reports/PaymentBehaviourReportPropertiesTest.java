package io.periodic.billing.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.reports.PaymentBehaviourReport.Line;
import io.periodic.billing.reports.PaymentBehaviourReport.Settled;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class PaymentBehaviourReportPropertiesTest {

    @Provide
    Arbitrary<List<Settled>> histories() {
        Arbitrary<LocalDate> due = Arbitraries.integers().between(0, 3_650)
                .map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        Arbitrary<Settled> settled = Combinators.combine(due, Arbitraries.integers().between(-90, 400),
                Arbitraries.of(true, false)).as((d, days, parts) -> new Settled(d, d.plusDays(days), parts));
        return settled.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 500)
    void averageLiesBetweenTheExtremesAndTheMedianWasObserved(@ForAll("histories") List<Settled> history) {
        Line line = PaymentBehaviourReport.of("cus_1", "Acme", history);
        long[] days = history.stream().mapToLong(s -> ChronoUnit.DAYS.between(s.dueDate(), s.paidOn())).toArray();
        long min = java.util.Arrays.stream(days).min().orElseThrow();
        long max = java.util.Arrays.stream(days).max().orElseThrow();
        int n = days.length;

        assertEquals(n, line.invoicesPaid());
        assertTrue(line.averageDaysTenths() >= min * 10 && line.averageDaysTenths() <= max * 10,
                () -> line.averageDaysTenths() + " outside [" + min * 10 + ", " + max * 10 + "]");
        long m = line.medianDays();
        assertTrue(java.util.Arrays.stream(days).anyMatch(d -> d == m), "the median is an observed value");
        // lower middle: at most (n-1)/2 values are below it, more than (n-1)/2 are at or below it
        long below = java.util.Arrays.stream(days).filter(d -> d < m).count();
        long atOrBelow = java.util.Arrays.stream(days).filter(d -> d <= m).count();
        assertTrue(below <= (n - 1) / 2 && atOrBelow > (n - 1) / 2, "median " + m + " is the lower middle");

        // Oracle: exact decimal arithmetic, HALF_UP in BigDecimal is half away from zero.
        long sum = java.util.Arrays.stream(days).sum();
        assertEquals(BigDecimal.valueOf(sum * 10).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP).longValue(),
                line.averageDaysTenths());
        long onTime = java.util.Arrays.stream(days).filter(d -> d <= 0).count();
        assertEquals(BigDecimal.valueOf(onTime * 100).divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_UP)
                .intValue(), line.onTimePercent());
        assertTrue(line.onTimePercent() >= 0 && line.onTimePercent() <= 100);
        assertEquals(history.stream().filter(Settled::paidInParts).count(), line.shortPayments());
    }

    @Property(tries = 1000)
    void divideHalfUpMatchesExactRounding(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L)
            long numerator, @ForAll @LongRange(min = 1, max = Integer.MAX_VALUE) long denominator) {
        assertEquals(BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 0, RoundingMode.HALF_UP)
                .longValue(), PaymentBehaviourReport.divideHalfUp(numerator, denominator));
    }
}
