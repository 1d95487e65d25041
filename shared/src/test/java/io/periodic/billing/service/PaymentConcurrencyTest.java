package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real concurrency on DynamoDB Local (over HTTP, as in Lambda): {@value #THREADS} threads deliver
 * {@value #PAYMENTS} payments, {@value #REFUNDS} refunds and {@value #DUPLICATES} duplicate deliveries - in random
 * order, refunds often before their payment - to the {@value #INVOICES} invoices of 10 customers, through
 * {@link PaymentService#handle}, the payment matcher's use case. A delivery that fails (e.g. a conflict that kept
 * losing) goes back on the queue like an SQS redelivery; after {@value #MAX_RECEIVES} receives it would be on the
 * dead-letter queue, which must stay empty.
 *
 * <p>Afterwards {@link LedgerAudit} checks the ledger invariant (per payment received = applied + unapplied +
 * refunded; per invoice total − credit applied − credited − paid = due ≥ 0 and paid = its allocations; credit
 * balances = their ledgers; the sums over the world) and that no invoice is over-paid; and the same notifications,
 * replayed one at a time in another order on a fresh store, end with the same unapplied cash, refunded total and
 * Σ invoices − Σ applied.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PaymentConcurrencyTest {
    static final int THREADS = 8;
    static final int CUSTOMERS = 10;
    static final int INVOICES = 50;
    static final int PAYMENTS = 400;
    static final int REFUNDS = 100;
    static final int DUPLICATES = 150;
    static final int MAX_RECEIVES = 10;
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    private final BillingStore store;

    PaymentConcurrencyTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    /** The world's fixed shape: customers and their invoices (ids and amounts), created alike in any store. */
    private record Shape(List<Customer> customers, List<Invoice> drafts, String prefix) {}

    private static Shape shape(Random random) {
        String prefix = "C" + Ids.randomLetters(7);
        List<Customer> customers = new ArrayList<>();
        List<Invoice> drafts = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            Customer customer = new Customer(Ids.newId("cus"), "Concurrent " + prefix + " " + c,
                    "ap" + c + "@" + prefix.toLowerCase(Locale.ROOT) + ".example", Currencies.of("JPY"),
                    ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                    new Address("1", null, null, "Tokyo", null, "JP"), NOW, null);
            customers.add(customer);
            for (int i = 0; i < INVOICES / CUSTOMERS; i++) {
                Money net = Money.of(1_000 + random.nextInt(19_000), "JPY");
                Money zero = Money.zero(Currencies.of("JPY"));
                drafts.add(new Invoice(Ids.newId("inv"), null, customer.id(), null, Currencies.of("JPY"),
                        InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, null, null,
                        1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                        LocalDate.of(2026, 11, 1 + random.nextInt(28)), null, null, null, NOW, null, null));
            }
        }
        return new Shape(customers, drafts, prefix);
    }

    /** Stores the shape: customers, and every invoice finalised (numbered, open). */
    private static List<Invoice> build(BillingStore store, Shape shape) {
        shape.customers().forEach(store.customers()::create);
        List<Invoice> open = new ArrayList<>();
        Sequence sequence = null;
        for (Invoice draft : shape.drafts()) {
            if (sequence == null) {
                sequence = Sequence.start(Finalization.seriesOf(draft, shape.prefix()));
            }
            Finalization.Decision decision = Finalization.plan(draft, sequence,
                    CreditBalance.empty(draft.customerId(), draft.currency()), NOW);
            open.add(store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null));
            Sequence after = decision.sequenceAfter();
            sequence = new Sequence(after.series(), after.last(), after.version() == null ? 1L : after.version() + 1);
        }
        return open;
    }

    /**
     * The notifications: payments naming an invoice (half), identified by e-mail (a third of the rest) or not at
     * all; refunds of random payments, up to their whole amount; then duplicates of any of them.
     */
    private static List<PaymentNotification> notifications(Shape shape, List<Invoice> invoices, Random random) {
        List<PaymentNotification> out = new ArrayList<>();
        List<String> paymentIds = new ArrayList<>();
        for (int p = 0; p < PAYMENTS; p++) {
            String id = shape.prefix() + "-p" + p;
            paymentIds.add(id);
            Invoice named = invoices.get(random.nextInt(invoices.size()));
            Customer payer = shape.customers().get(random.nextInt(CUSTOMERS));
            int kind = random.nextInt(6);
            String reference = kind < 3 ? named.number() : null;
            Payer who = kind < 3 || kind == 5 ? Payer.UNKNOWN : new Payer(null, payer.email(), null, null);
            long amount = 500 + random.nextInt(kind < 3 ? 20_000 : 12_000);
            out.add(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + id, id, null,
                    Money.of(amount, "JPY"), who, reference, null, NOW));
        }
        for (int r = 0; r < REFUNDS; r++) {
            String paymentId = paymentIds.get(random.nextInt(paymentIds.size()));
            out.add(new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank", "evt-r" + r, paymentId,
                    "re-" + r, Money.of(100 + random.nextInt(15_000), "JPY"), Payer.UNKNOWN, null, null, NOW));
        }
        for (int d = 0; d < DUPLICATES; d++) {
            out.add(out.get(random.nextInt(PAYMENTS + REFUNDS)));
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** One queued message: a notification and how often it was received. */
    private record Delivery(PaymentNotification notification, AtomicInteger receives) {}

    private static List<String> paymentIds(Shape shape) {
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < PAYMENTS; p++) {
            ids.add(Payment.idFor("bank", shape.prefix() + "-p" + p));
        }
        return ids;
    }

    @Test
    void eightThreadsOfPaymentsRefundsAndDuplicatesKeepTheLedgerExact() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Shape shape = shape(random);
        // Threshold 0: every decision applies, as before the auto-apply threshold (this test's model expects the
        // oldest-first and credit decisions applied; holding: ConfidenceThresholdIntegrationTest).
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "T", null, "JP"),
                "s@seller.example", null, null, null, null, null, null, null, 1, Map.of(), 0));
        List<Invoice> invoices = build(store, shape);
        List<PaymentNotification> deliveries = notifications(shape, invoices, random);
        assertTrue(deliveries.size() >= 500);

        PaymentService service = new PaymentService(store, e -> { }, () -> NOW);
        ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
        deliveries.forEach(n -> queue.add(new Delivery(n, new AtomicInteger())));
        List<String> deadLetters = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger redelivered = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger(deliveries.size());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                while (inFlight.get() > 0) {
                    Delivery d = queue.poll();
                    if (d == null) {
                        LockSupport.parkNanos(1_000_000); // the others still hold deliveries that may come back
                        continue;
                    }
                    int receive = d.receives().incrementAndGet();
                    try {
                        service.handle(d.notification());
                        inFlight.decrementAndGet();
                    } catch (RuntimeException failed) {
                        if (receive >= MAX_RECEIVES) {
                            deadLetters.add(d.notification().eventId() + ": " + failed);
                            inFlight.decrementAndGet();
                        } else {
                            redelivered.incrementAndGet();
                            queue.add(d); // an SQS redelivery
                        }
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the deliveries finish");

        assertEquals(List.of(), deadLetters, "nothing on the dead-letter queue (seed " + seed + ")");
        List<String> ids = paymentIds(shape);
        for (String id : ids) {
            assertTrue(store.payments().get(id).isPresent(), "every payment stored once: " + id);
        }
        LedgerAudit.Summary concurrent = LedgerAudit.audit(store, shape.customers(), invoices, ids);

        // The same notifications one at a time, in another order, on a fresh store (DynamoDB Local in-process).
        BillingStore fresh = new BillingStore(EmbeddedDynamoDb.client(), BillingTable.LOGICAL_ID);
        fresh.settings().putSeller(store.settings().requireSeller());
        List<Invoice> replayInvoices = build(fresh, shape);
        PaymentService replay = new PaymentService(fresh, e -> { }, () -> NOW);
        List<PaymentNotification> sequential = new ArrayList<>(deliveries);
        Collections.shuffle(sequential, new Random(seed + 1));
        sequential.forEach(replay::handle);
        LedgerAudit.Summary oneByOne = LedgerAudit.audit(fresh, shape.customers(), replayInvoices, ids);

        String context = " (seed " + seed + ", " + redelivered.get() + " redeliveries)";
        assertEquals(oneByOne.unapplied(), concurrent.unapplied(), "unapplied cash" + context);
        assertEquals(oneByOne.refunded(), concurrent.refunded(), "refunded" + context);
        assertEquals(oneByOne.netPositionPlusShortfall(), concurrent.netPositionPlusShortfall(),
                "Σ invoices − Σ applied" + context);
        assertTrue(concurrent.refunded() > 0 && concurrent.unapplied() > 0, "the mix exercised refunds and holds");
    }
}
