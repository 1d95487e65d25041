package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.money.Money;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.service.InvoiceIssuing.Outcome;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly once per period against DynamoDB Local: duplicate jobs, racing generators, and a crash injected after
 * every write in turn, each followed by a rerun. Every case must end with one invoice, one number consumed and the
 * subscription advanced exactly once.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyAndFaultsTest {
    private static final Instant DUE = Instant.parse("2026-11-01T00:00:00Z");
    private final DynamoDbLocalEngine engine;

    IdempotencyAndFaultsTest(DynamoDbLocalEngine engine) {
        this.engine = engine;
    }

    private record Case(BillingWorld world, Customer customer, Subscription subscription) {}

    /** A due subscription whose customer has some credit, so finalisation also moves the credit balance. */
    private Case dueCase() {
        BillingWorld world = new BillingWorld(engine, DUE);
        Customer customer = world.customer("UTC", "EUR", "20");
        world.store.credit().post(new CreditEntry(customer.id(), "seed", Money.of(500, "EUR"), "test", DUE),
                world.store.credit().balance(customer.id(), customer.currency()));
        Subscription subscription = world.subscribe(customer, world.plan("EUR", 10_000, BillingInterval.monthly()), 1,
                LocalDate.of(2026, 11, 1), null);
        return new Case(world, customer, subscription);
    }

    private static void assertBilledExactlyOnce(Case c) {
        List<Invoice> invoices = c.world().invoicesOf(c.customer());
        assertEquals(1, invoices.size(), "one invoice for the period");
        Invoice invoice = invoices.get(0);
        assertEquals(InvoiceStatus.OPEN, invoice.status());
        assertEquals(c.world().seller.invoicePrefix() + "-2026-000001", invoice.number());
        assertEquals(1, c.world().numbersTaken(2026), "one number consumed");
        assertEquals(Money.of(500, "EUR"), invoice.creditApplied(), "credit used once");
        assertTrue(c.world().store.credit().balance(c.customer().id(), c.customer().currency()).balance().isZero());
        Subscription after = c.world().reload(c.subscription());
        assertEquals(1, after.nextPeriodIndex(), "advanced exactly once");
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), after.nextBillingAt());
        assertTrue(c.world().afterFinalization.get(invoice.id()).get() >= 1, "document, event and mail followed");
    }

    @Test
    void theSameJobDeliveredTwice() {
        Case c = dueCase();
        InvoiceIssuing issuing = c.world().issuing();
        assertEquals(Outcome.Kind.BILLED, issuing.process(c.subscription().id()).kind());
        assertEquals(Outcome.Kind.NOT_DUE, issuing.process(c.subscription().id()).kind());
        assertBilledExactlyOnce(c);
        assertEquals(1, c.world().afterFinalization.values().iterator().next().get());
    }

    @Test
    void twoGeneratorsOnTheSameJobConcurrently() throws Exception {
        for (int round = 0; round < 5; round++) {
            Case c = dueCase();
            CountDownLatch start = new CountDownLatch(1);
            Callable<Outcome> run = () -> {
                start.await();
                return c.world().issuing().process(c.subscription().id());
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Outcome> a = pool.submit(run);
                Future<Outcome> b = pool.submit(run);
                start.countDown();
                assertNotNull(a.get());
                assertNotNull(b.get());
            } finally {
                pool.shutdownNow();
            }
            assertBilledExactlyOnce(c);
        }
    }

    @Test
    void aDraftStoredByAnEarlierVersionIsFinalisedInPlace() {
        // Earlier versions stored the draft before finalising it; such a draft left by a crash must be finalised
        // (same id, one number), never billed a second time beside it.
        Case c = dueCase();
        Subscription subscription = c.world().reload(c.subscription());
        java.util.Map<String, io.periodic.billing.model.Plan> plans = new java.util.HashMap<>();
        subscription.items().forEach(i -> c.world().store.plans().get(i.planId()).ifPresent(p -> plans.put(p.id(), p)));
        Invoice draft = c.world().store.invoices().create(io.periodic.billing.invoicing.InvoiceComposer.compose(
                c.customer(), subscription, plans, 0, true, LocalDate.of(2026, 11, 1), DUE));
        assertEquals(InvoiceStatus.DRAFT, draft.status());

        assertEquals(Outcome.Kind.BILLED, c.world().issuing().process(c.subscription().id()).kind());
        assertBilledExactlyOnce(c);
        assertEquals(draft.id(), c.world().invoicesOf(c.customer()).get(0).id());
    }

    @Test
    void aCrashAfterEachWriteInTurnThenARerun() {
        // Count the writes of one clean run, then crash after write 1, 2, ... of a fresh case each time.
        Case probe = dueCase();
        probe.world().faults.heal();
        probe.world().issuing().process(probe.subscription().id());
        int writes = probe.world().faults.writesSinceArmed();
        assertTrue(writes >= 2, "create-and-finalise, advance at least; saw " + writes);

        List<String> crashedAt = new ArrayList<>();
        for (int k = 1; k <= writes; k++) {
            Case c = dueCase();
            c.world().faults.crashAfterWrite(k, false);
            try {
                c.world().issuing().process(c.subscription().id());
            } catch (RuntimeException crash) {
                crashedAt.add(crash.getMessage());
            }
            c.world().faults.heal();
            c.world().issuing().process(c.subscription().id()); // the redelivered job
            assertBilledExactlyOnce(c);
        }
        assertEquals(writes, crashedAt.size(), "every write was crashed after once: " + crashedAt);
    }
}
