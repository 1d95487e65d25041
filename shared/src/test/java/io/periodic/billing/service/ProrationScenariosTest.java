package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.SubscriptionChanges;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.money.Money;
import io.periodic.billing.service.InvoiceIssuing.Outcome;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mid-period changes billed through InvoiceIssuing on DynamoDB Local. June has 30 days; changes on June 21. */
@ExtendWith(DynamoDbLocalExtension.class)
class ProrationScenariosTest {
    private final DynamoDbLocalEngine engine;

    ProrationScenariosTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    private record Setup(BillingWorld world, Customer customer, Plan basic, Plan pro, Subscription subscription) {}

    private Setup billedJune(long quantity, boolean onPro) {
        BillingWorld world = new BillingWorld(engine, Instant.parse("2026-06-01T00:00:00Z"));
        Customer customer = world.customer("UTC", "USD", "0");
        Plan basic = world.plan("USD", 3_000, BillingInterval.monthly());
        Plan pro = world.plan("USD", 9_000, BillingInterval.monthly());
        Subscription subscription = world.subscribe(customer, onPro ? pro : basic, quantity, LocalDate.of(2026, 6, 1),
                null);
        world.issuing().process(subscription.id());
        return new Setup(world, customer, basic, pro, world.reload(subscription));
    }

    private static Invoice julyAfter(Setup s, List<SubscriptionItem> newItems) {
        Subscription changed = SubscriptionChanges.change(s.subscription(), newItems,
                Map.of(s.basic().id(), s.basic(), s.pro().id(), s.pro()), LocalDate.of(2026, 6, 21), "change-1");
        s.world().store.subscriptions().update(changed);
        s.world().clock.set(Instant.parse("2026-07-01T00:00:00Z"));
        assertEquals(Outcome.Kind.BILLED, s.world().issuing().process(s.subscription().id()).kind());
        assertTrue(s.world().reload(s.subscription()).pendingCharges().isEmpty(), "billed charges are removed");
        return s.world().invoicesOf(s.customer()).get(1);
    }

    @Test
    void upgradeMidPeriod() {
        Setup s = billedJune(1, false);
        Invoice july = julyAfter(s, List.of(new SubscriptionItem(s.pro().id(), 1)));
        // 10 of 30 days remain: −1,000 unused basic, +3,000 remaining pro, then July on pro.
        assertEquals(List.of(9_000L, -1_000L, 3_000L), july.lines().stream().map(l -> l.amount().minor()).toList());
        assertEquals(List.of(LineKind.SUBSCRIPTION, LineKind.PRORATION, LineKind.PRORATION),
                july.lines().stream().map(l -> l.kind()).toList());
        assertEquals(LocalDate.of(2026, 6, 21), july.lines().get(1).periodStart());
        assertEquals(Money.of(11_000, "USD"), july.amountDue());
    }

    @Test
    void quantityChangeMidPeriod() {
        Setup s = billedJune(2, false);
        Invoice july = julyAfter(s, List.of(new SubscriptionItem(s.basic().id(), 5)));
        assertEquals(Money.of(5 * 3_000 - 2_000 + 5_000, "USD"), july.total());
    }

    @Test
    void downgradeCreatesCredit() {
        Setup s = billedJune(1, true);
        Invoice july = julyAfter(s, List.of(new SubscriptionItem(s.basic().id(), 1)));
        // −3,000 unused pro + 1,000 remaining basic + 3,000 July basic = +1,000: still payable.
        assertEquals(Money.of(1_000, "USD"), july.total());

        // A second downgrade to nothing billable: the credit exceeds the charges and goes to the balance.
        Setup t = billedJune(3, true);
        Invoice credit = julyAfter(t, List.of(new SubscriptionItem(t.basic().id(), 1)));
        // −9,000 + 1,000 + 3,000 = −5,000
        assertEquals(Money.of(-5_000, "USD"), credit.total());
        assertEquals(InvoiceStatus.PAID, credit.status());
        assertEquals(Money.of(5_000, "USD"),
                t.world().store.credit().balance(t.customer().id(), t.customer().currency()).balance());

        // August uses that credit first.
        t.world().clock.set(Instant.parse("2026-08-01T00:00:00Z"));
        t.world().issuing().process(t.subscription().id());
        Invoice august = t.world().invoicesOf(t.customer()).get(2);
        assertEquals(Money.of(3_000, "USD"), august.creditApplied());
        assertEquals(InvoiceStatus.PAID, august.status());
        assertEquals(Money.of(2_000, "USD"),
                t.world().store.credit().balance(t.customer().id(), t.customer().currency()).balance());
    }
}
