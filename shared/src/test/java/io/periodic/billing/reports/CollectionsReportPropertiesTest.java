package io.periodic.billing.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.MoneyTotal;
import io.periodic.billing.reports.CollectionsReport.Day;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CollectionsReportPropertiesTest {
    private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");

    /** Received within 12 days of {@link #START}, to the second; applied and refunded within the amount. */
    @Provide
    Arbitrary<List<Payment>> payments() {
        Arbitrary<String> at = Arbitraries.longs().between(0, 12L * 86_400 - 1)
                .map(s -> START.plusSeconds(s).toString());
        return Combinators.combine(at, Arbitraries.of("JPY", "USD", "EUR", "BHD"),
                Arbitraries.longs().between(1, 10_000_000), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000))
                .as((when, currency, amount, a, r) -> {
                    long refunded = amount * r / 1000;
                    long applied = (amount - refunded) * a / 1000;
                    return CollectionsReportTest.payment(when, currency, amount, applied, refunded);
                }).list().ofMaxSize(40);
    }

    private record Key(LocalDate date, String currency) {}

    @Property(tries = 300)
    void everyRowBalancesAndEveryPaymentInRangeIsCountedOnce(
            @ForAll("payments") List<Payment> payments,
            @ForAll @IntRange(min = 0, max = 11) int fromDay,
            @ForAll @IntRange(min = 0, max = 11) int length) {
        LocalDate from = LocalDate.of(2027, 1, 1).plusDays(fromDay);
        LocalDate to = from.plusDays(length);
        List<Day> rows = CollectionsReport.build(payments, from, to);

        Map<Key, long[]> expected = new HashMap<>();
        int inRange = 0;
        for (Payment p : payments) {
            LocalDate date = LocalDate.ofInstant(p.receivedAt(), ZoneOffset.UTC);
            if (!date.isBefore(from) && !date.isAfter(to)) {
                inRange++;
                long[] sums = expected.computeIfAbsent(new Key(date, p.amount().currency().getCurrencyCode()),
                        k -> new long[5]);
                sums[0]++;
                sums[1] += p.amount().minor();
                sums[2] += p.applied().minor();
                sums[3] += p.unapplied().minor();
                sums[4] += p.refunded().minor();
            }
        }

        assertEquals(inRange, rows.stream().mapToInt(Day::payments).sum(), "payments in range, each once");
        assertEquals(expected.size(), rows.size(), "one row per (date, currency) with payments");
        Day previous = null;
        for (Day d : rows) {
            assertEquals(d.received(), d.applied().plus(d.unapplied()).plus(d.refunded()),
                    "received = applied + unapplied + refunded");
            assertFalse(d.date().isBefore(from) || d.date().isAfter(to));
            assertTrue(d.payments() > 0);
            for (MoneyTotal m : List.of(d.received(), d.applied(), d.unapplied(), d.refunded())) {
                assertEquals(d.currency(), m.currency().getCurrencyCode());
            }
            long[] sums = expected.get(new Key(d.date(), d.currency()));
            assertEquals(List.of(sums[0], sums[1], sums[2], sums[3], sums[4]), List.of((long) d.payments(),
                    d.received().minor().longValueExact(), d.applied().minor().longValueExact(),
                    d.unapplied().minor().longValueExact(), d.refunded().minor().longValueExact()));
            if (previous != null) {
                int byDate = previous.date().compareTo(d.date());
                assertTrue(byDate < 0 || (byDate == 0 && previous.currency().compareTo(d.currency()) < 0),
                        "sorted by date then currency, no duplicates");
            }
            previous = d;
        }
    }
}
