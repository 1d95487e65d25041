package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link RefundTotals}: however a charge's refunds are reported - refund objects, running totals, both, repeated,
 * in any order - what is taken back never exceeds what was refunded, and equals it once every refund is reported.
 */
class RefundTotalsPropertiesTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void reportsInAnyShapeAndOrderCountEachRefundOnce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int refunds) {
        Random random = new Random(seed);
        List<Long> amounts = new ArrayList<>();
        for (int i = 0; i < refunds; i++) {
            amounts.add(1L + random.nextInt(5_000));
        }
        // Every report Stripe could send: each refund object (some twice), and the running total after each refund
        // (some twice, some with the list, which is the same report); a random subset, shuffled.
        List<Refund> reports = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < refunds; i++) {
            total += amounts.get(i);
            if (random.nextInt(3) > 0) {
                reports.add(report("re_" + i, amounts.get(i), false));
            }
            if (random.nextInt(3) > 0 || i == refunds - 1) {
                reports.add(report("ch_1:refunded:" + total, total, true));
            }
        }
        List<Refund> deliveries = new ArrayList<>(reports);
        for (int i = random.nextInt(3); i > 0; i--) {
            deliveries.add(reports.get(random.nextInt(reports.size()))); // redeliveries
        }
        Collections.shuffle(deliveries, random);

        List<Refund> stored = new ArrayList<>();
        long taken = 0;
        for (Refund delivered : deliveries) {
            if (stored.stream().anyMatch(r -> r.refundId().equals(delivered.refundId()))) {
                continue; // stored once per refund id: a redelivery is a duplicate
            }
            Money newly = RefundTotals.newlyRefunded(delivered, stored);
            assertFalse(newly.isNegative());
            taken += newly.minor();
            stored.add(newly.isPositive() ? delivered.applied(newly, null) : delivered.ignored("adds nothing"));
            assertFalse(taken > total, "never more than was refunded: " + taken + " > " + total);
        }
        assertEquals(total, taken, "the final running total covers every refund");
    }

    private static Refund report(String id, long amount, boolean runningTotal) {
        return new Refund("stripe:pi_1", id, Refund.Kind.REFUND, Money.of(amount, "USD"), Refund.Status.WAITING, AT,
                runningTotal, null, null, null);
    }
}
