package io.periodic.billing.invoicing;

import static io.periodic.billing.invoicing.Samples.customer;
import static io.periodic.billing.invoicing.Samples.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BillingCycleTest {
    private final Customer tokyo = customer("Asia/Tokyo", "JPY", "10", 30);
    private final Customer honolulu = customer("Pacific/Honolulu", "USD", "0", 30);

    private static Subscription due(Customer customer, LocalDate anchor) {
        Subscription s = subscription(anchor, SubscriptionStatus.ACTIVE, null, new SubscriptionItem("p", 1));
        return s.advancedTo(0, BillingCycle.dueInstant(s, customer, 0));
    }

    @Test
    void dueAtTheCustomersLocalMidnight() {
        Subscription inTokyo = due(tokyo, LocalDate.of(2026, 12, 1));
        Subscription inHonolulu = due(honolulu, LocalDate.of(2026, 12, 1));
        assertEquals(Instant.parse("2026-11-30T15:00:00Z"), inTokyo.nextBillingAt());
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), inHonolulu.nextBillingAt());

        Instant justBefore = Instant.parse("2026-11-30T14:59:59Z");
        assertInstanceOf(BillingDecision.NotDue.class, BillingCycle.decide(inTokyo, tokyo, justBefore, 12));
        assertEquals(new BillingDecision.Bill(0),
                BillingCycle.decide(inTokyo, tokyo, Instant.parse("2026-11-30T15:00:00Z"), 12));
        assertInstanceOf(BillingDecision.NotDue.class,
                BillingCycle.decide(inHonolulu, honolulu, Instant.parse("2026-12-01T09:59:59Z"), 12));
        assertEquals(new BillingDecision.Bill(0),
                BillingCycle.decide(inHonolulu, honolulu, Instant.parse("2026-12-01T10:00:00Z"), 12));
    }

    @Test
    void monthlyOnThe31stForThirteenMonthsNeverDrifts() {
        Subscription s = due(tokyo, LocalDate.of(2026, 1, 31));
        List<LocalDate> starts = new ArrayList<>();
        for (int n = 0; n < 13; n++) {
            assertEquals(new BillingDecision.Bill(n), BillingCycle.decide(s, tokyo, s.nextBillingAt(), 12));
            starts.add(s.schedule().periodStart(n));
            s = BillingCycle.advance(s, tokyo, n, Set.of());
        }
        assertEquals(List.of("2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30",
                "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31"),
                starts.stream().map(LocalDate::toString).toList());
        assertEquals(Instant.parse("2027-02-27T15:00:00Z"), s.nextBillingAt(), "Feb 28 2027, Tokyo midnight");
    }

    @Test
    void pausedSuspendedCanceledAndParkedAreSkipped() {
        Instant later = Instant.parse("2030-01-01T00:00:00Z");
        for (SubscriptionStatus status : List.of(SubscriptionStatus.PAUSED, SubscriptionStatus.SUSPENDED,
                SubscriptionStatus.CANCELED)) {
            assertInstanceOf(BillingDecision.Skip.class,
                    BillingCycle.decide(due(tokyo, LocalDate.of(2029, 12, 1)).withStatus(status), tokyo, later, 12));
        }
        assertInstanceOf(BillingDecision.Skip.class,
                BillingCycle.decide(due(tokyo, LocalDate.of(2029, 12, 1)).parked("x"), tokyo, later, 12));
    }

    @Test
    void catchesUpWithinTheBoundAndParksBeyondIt() {
        Subscription s = due(tokyo, LocalDate.of(2026, 1, 1));
        Instant twelvePeriodsLater = Instant.parse("2026-12-15T00:00:00Z"); // periods 0..11 due
        assertEquals(new BillingDecision.Bill(0), BillingCycle.decide(s, tokyo, twelvePeriodsLater, 12));
        Instant thirteen = Instant.parse("2027-01-15T00:00:00Z");
        assertInstanceOf(BillingDecision.Park.class, BillingCycle.decide(s, tokyo, thirteen, 12));
    }

    @Test
    void cancelAtPeriodEndEndsItInsteadOfRenewing() {
        Subscription s = BillingCycle.advance(due(tokyo, LocalDate.of(2026, 1, 1)), tokyo, 0, Set.of())
                .withCancelAtPeriodEnd(true);
        assertEquals(new BillingDecision.Cancel(1), BillingCycle.decide(s, tokyo, s.nextBillingAt(), 12));
    }

    @Test
    void advanceEndsTheTrialAndRemovesOnlyTheBilledCharges() {
        PendingCharge billed = charge("a");
        PendingCharge added = charge("b");
        Subscription s = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.TRIALING, LocalDate.of(2026, 2, 1),
                new SubscriptionItem("p", 1));
        s = s.withItems(s.items(), List.of(billed, added));
        Subscription next = BillingCycle.advance(s, tokyo, 0, Set.of("a"));
        assertEquals(SubscriptionStatus.ACTIVE, next.status());
        assertEquals(1, next.nextPeriodIndex());
        assertEquals(List.of(added), next.pendingCharges());
        Subscription stillTrial = BillingCycle.advance(
                subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.TRIALING, LocalDate.of(2026, 3, 1),
                        new SubscriptionItem("p", 1)), tokyo, 0, Set.of());
        assertEquals(SubscriptionStatus.TRIALING, stillTrial.status());
    }

    private static PendingCharge charge(String id) {
        return new PendingCharge(id, "x", LineKind.ADJUSTMENT, null, null, null, 1, Money.of(1, "JPY"),
                Money.of(1, "JPY"), TaxBehavior.EXCLUSIVE);
    }
}
