package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Plan;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The sparse, sharded work index on DynamoDB Local. Each test uses dates far from the others' so that the shared
 * table's other items do not interfere (data isolation instead of a fresh engine).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class WorkIndexTest {
    private final BillingStore store;

    WorkIndexTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    /** Reads every shard, every page (page size 2 to exercise cursors). */
    private static Set<String> allShards(BiFunction<Integer, String, Page<String>> query) {
        Set<String> ids = new HashSet<>();
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            String cursor = null;
            do {
                Page<String> page = query.apply(shard, cursor);
                ids.addAll(page.items());
                cursor = page.cursor();
            } while (cursor != null);
        }
        return ids;
    }

    @Test
    void dueSubscriptionsAreFoundAcrossShardsAndOnlyWhileBillable() {
        Customer customer = store.customers().create(Fixtures.tokyoCustomer());
        Plan plan = store.plans().create(Fixtures.plan("JPY", 5_000));
        // Anchors in 1990: far before any other test's data. Tokyo midnight of 1990-03-01 is 1990-02-28T15:00Z.
        List<Subscription> due = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            due.add(store.subscriptions().create(Fixtures.subscription(customer, plan, LocalDate.of(1990, 3, 1))));
        }
        Subscription later = store.subscriptions().create(Fixtures.subscription(customer, plan, LocalDate.of(1990, 3, 2)));
        Subscription paused = store.subscriptions().create(
                Fixtures.subscription(customer, plan, LocalDate.of(1990, 3, 1)).withStatus(SubscriptionStatus.PAUSED));

        Instant cutoff = Instant.parse("1990-02-28T15:00:00Z"); // exactly the due instant: included
        Set<String> found = allShards((shard, cursor) -> store.subscriptions().dueAtOrBefore(shard, cutoff, 2, cursor));
        found.retainAll(ids(due, later, paused));
        assertEquals(ids(due), found);
        assertTrue(due.stream().map(s -> BillingTable.shardOf(s.id())).distinct().count() > 1, "spread over shards");

        // Parking takes a subscription out of the index; advancing moves it.
        Subscription parked = store.subscriptions().update(due.get(0).parked("tax rate missing"));
        Subscription advanced = store.subscriptions().update(
                due.get(1).advancedTo(1, Instant.parse("1990-03-31T15:00:00Z")));
        Set<String> after = allShards((shard, cursor) -> store.subscriptions().dueAtOrBefore(shard, cutoff, 50, cursor));
        assertFalse(after.contains(parked.id()));
        assertFalse(after.contains(advanced.id()));
        assertTrue(after.contains(due.get(2).id()));
    }

    @Test
    void openInvoicesByDueDateLeaveTheIndexWhenPaid() {
        Customer customer = store.customers().create(Fixtures.belgradeCustomer());
        Invoice overdue = store.invoices().create(Fixtures.openInvoice(customer, LocalDate.of(1991, 5, 10)));
        Invoice notYet = store.invoices().create(Fixtures.openInvoice(customer, LocalDate.of(1991, 5, 11)));
        LocalDate today = LocalDate.of(1991, 5, 10);

        Set<String> found = allShards((s, c) -> store.invoices().openDueOnOrBefore(s, today, 2, c));
        assertTrue(found.contains(overdue.id()));
        assertFalse(found.contains(notYet.id()));
        assertEquals(List.of(overdue.id(), notYet.id()),
                store.invoices().openByCustomer(customer.id(), 10).stream().map(Invoice::id).toList());

        Invoice paid = store.invoices().update(overdue.withPayment(overdue.total(), InvoiceStatus.PAID));
        assertTrue(paid.amountDue().isZero());
        assertFalse(allShards((s, c) -> store.invoices().openDueOnOrBefore(s, today, 2, c)).contains(overdue.id()));
        assertEquals(List.of(notYet.id()),
                store.invoices().openByCustomer(customer.id(), 10).stream().map(Invoice::id).toList());
    }

    @Test
    void unappliedPaymentsAreListedUntilResolved() {
        Payment held = store.payments().create(Fixtures.unappliedPayment("USD", 12_345));
        Instant now = held.receivedAt().plusSeconds(1);
        assertTrue(allShards((s, c) -> store.payments().unapplied(s, now, 50, c)).contains(held.id()));
        Instant before = held.receivedAt().minusSeconds(1);
        assertFalse(allShards((s, c) -> store.payments().unapplied(s, before, 50, c)).contains(held.id()));

        Payment resolved = store.payments().update(new Payment(held.id(), held.provider(), held.providerPaymentId(),
                held.amount(), held.payer(), held.remittanceText(), held.receivedAt(), PaymentStatus.APPLIED,
                held.amount(), Money.zero(held.amount().currency()), "cus_1", null, held.version()));
        assertFalse(allShards((s, c) -> store.payments().unapplied(s, now, 50, c)).contains(resolved.id()));
    }

    @Test
    void aCursorThatIsNotOursIsRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> store.subscriptions().dueAtOrBefore(0, Instant.now(), 10, "not-a-cursor!"));
    }

    private static Set<String> ids(Object... groups) {
        Set<String> ids = new HashSet<>();
        for (Object group : groups) {
            if (group instanceof List<?> list) {
                list.forEach(s -> ids.add(((Subscription) s).id()));
            } else {
                ids.add(((Subscription) group).id());
            }
        }
        return ids;
    }
}
