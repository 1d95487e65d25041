package io.periodic.billing.invoicing;

import static io.periodic.billing.invoicing.Samples.customer;
import static io.periodic.billing.invoicing.Samples.plan;
import static io.periodic.billing.invoicing.Samples.plans;
import static io.periodic.billing.invoicing.Samples.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mid-period changes: the period of April (30 days) was billed in advance; the change is effective April 21. */
class SubscriptionChangesTest {
    private static final LocalDate APRIL_21 = LocalDate.of(2026, 4, 21);
    private final Customer customer = customer("America/New_York", "USD", "0", 0);
    private final Plan basic = plan("basic", "USD", 3_000, TaxBehavior.EXCLUSIVE);
    private final Plan pro = plan("pro", "USD", 9_000, TaxBehavior.EXCLUSIVE);
    private final Map<String, Plan> plans = plans(basic, pro);

    /** A subscription on {@code item} whose April period was already invoiced. */
    private Subscription billedThroughApril(SubscriptionItem item) {
        Subscription s = subscription(LocalDate.of(2026, 1, 1), SubscriptionStatus.ACTIVE, null, item);
        for (int n = 0; n <= 3; n++) {
            s = BillingCycle.advance(s, customer, n, Set.of());
        }
        return s;
    }

    @Test
    void upgradeCreditsUnusedTimeAndChargesRemainingTime() {
        Subscription s = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("basic", 1)),
                List.of(new SubscriptionItem("pro", 1)), plans, APRIL_21, "chg1");
        // April 21..30 = 10 of 30 days remain.
        assertEquals(List.of(Money.of(-1_000, "USD"), Money.of(3_000, "USD")),
                s.pendingCharges().stream().map(PendingCharge::amount).toList());
        assertEquals(List.of(new SubscriptionItem("pro", 1)), s.items());

        Invoice may = InvoiceComposer.compose(customer, s, plans, 4, true, LocalDate.of(2026, 5, 1),
                Instant.parse("2026-05-01T04:00:00Z"));
        assertEquals(Money.of(9_000 - 1_000 + 3_000, "USD"), may.total());
    }

    @Test
    void theProrationFactorTravelsFromTheChangeToTheInvoiceLine() {
        Subscription s = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("basic", 2)),
                List.of(new SubscriptionItem("pro", 2)), plans, APRIL_21, "chg1");
        assertEquals(List.of(new Fraction(10, 30), new Fraction(10, 30)),
                s.pendingCharges().stream().map(PendingCharge::proration).toList());

        Invoice may = InvoiceComposer.compose(customer, s, plans, 4, true, LocalDate.of(2026, 5, 1),
                Instant.parse("2026-05-01T04:00:00Z"));
        assertNull(may.lines().get(0).proration(), "May is billed in full");
        for (InvoiceLine line : may.lines().subList(1, 3)) {
            // Every prorated line's arithmetic checks: quantity × unit × factor = |amount| (exclusive prices).
            assertEquals(new Fraction(10, 30), line.proration());
            assertEquals(line.proration().applyTo(line.unitAmount().times(line.quantity())), line.amount().abs());
        }
    }

    @Test
    void aProrationKeepsTheRateOfThePlanItComesFrom() {
        Plan reduced = new Plan("reduced", "Coffee", Money.of(3_000, "USD"), basic.interval(), 0,
                TaxBehavior.EXCLUSIVE, true, 1L, TaxRate.of("8"));
        Map<String, Plan> withRates = plans(basic, reduced);
        Subscription s = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("reduced", 1)),
                List.of(new SubscriptionItem("basic", 1)), withRates, APRIL_21, "chg-rate");
        assertEquals(Arrays.asList(TaxRate.of("8"), null),
                s.pendingCharges().stream().map(PendingCharge::taxRate).toList(),
                "the credit for the reduced-rate plan at 8 %, the charge for the plan without a rate at the customer's");
    }

    @Test
    void quantityChangeChargesOnlyTheDifference() {
        Subscription s = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("basic", 2)),
                List.of(new SubscriptionItem("basic", 5)), plans, APRIL_21, "chg2");
        Money net = s.pendingCharges().stream().map(PendingCharge::amount).reduce(Money::plus).orElseThrow();
        assertEquals(Money.of(3 * 3_000 / 3, "USD"), net, "3 more seats for 10 of 30 days");
    }

    @Test
    void downgradeCreatesCreditThatReachesTheCreditBalance() {
        Subscription s = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("pro", 1)),
                List.of(new SubscriptionItem("basic", 1)), plans, LocalDate.of(2026, 4, 2), "chg3");
        // April 2..30 = 29 of 30 days: credit 8,700, charge 2,900 → net −5,800; May costs 3,000.
        Invoice may = InvoiceComposer.compose(customer, s, plans, 4, true, LocalDate.of(2026, 5, 1),
                Instant.parse("2026-05-01T04:00:00Z"));
        assertEquals(Money.of(-2_800, "USD"), may.total());
        Finalization.Decision decision = Finalization.plan(may, Sequence.start("INV-2026"),
                CreditBalance.empty(customer.id(), customer.currency()), Instant.parse("2026-05-01T04:00:00Z"));
        assertEquals(InvoiceStatus.PAID, decision.invoice().status());
        assertEquals(Money.of(2_800, "USD"), decision.balanceAfter().balance());
    }

    @Test
    void aRepeatedChangeIsAppliedOnceAndOutOfPeriodChangesAreRefused() {
        Subscription once = SubscriptionChanges.change(billedThroughApril(new SubscriptionItem("basic", 1)),
                List.of(new SubscriptionItem("pro", 1)), plans, APRIL_21, "chg4");
        assertSame(once, SubscriptionChanges.change(once, List.of(new SubscriptionItem("pro", 1)), plans, APRIL_21,
                "chg4"));
        assertThrows(IllegalArgumentException.class, () -> SubscriptionChanges.change(
                billedThroughApril(new SubscriptionItem("basic", 1)), List.of(new SubscriptionItem("pro", 1)), plans,
                LocalDate.of(2026, 5, 1), "chg5"));
    }
}
