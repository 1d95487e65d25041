package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link PaymentService#unapply} on DynamoDB Local: a misapplied payment back to unapplied cash. */
@ExtendWith(DynamoDbLocalExtension.class)
class PaymentUnapplyTest {
    private static final Instant NOW = Instant.parse("2026-11-29T01:00:00Z");
    private static final String BY = "arn:aws:iam::123456789012:user/alice";
    private final BillingStore store;
    private final AtomicReference<Runnable> onNextClockRead = new AtomicReference<>();
    /** The use case's clock; a test may make another writer act at the moment the undo decides (after its reads). */
    private final Clock clock = () -> {
        Runnable race = onNextClockRead.getAndSet(null);
        if (race != null) {
            race.run();
        }
        return NOW;
    };
    private Path dir;
    private JsonLinesEventLog events;
    private PaymentService service;
    private String prefix;

    PaymentUnapplyTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("unapply");
        events = new JsonLinesEventLog(dir.resolve("events.jsonl"));
        service = new PaymentService(store, events, clock);
        prefix = "U" + Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null, 1, Map.of(), 0));
        // Threshold 0: every decision applies, as before the threshold existed; these tests are about what the
        // ledger does with short and over payments (holding: ConfidenceThresholdIntegrationTest).
    }

    private Customer customer() {
        return store.customers().create(new Customer(Ids.newId("cus"), "Yamada", "ap@" + Ids.newId("y")
                + ".example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
    }

    private Invoice invoice(Customer customer, long amount, LocalDate due) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1), due, null,
                null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                decision.creditEntry(), decision.balanceAfter());
    }

    /** A transfer from the customer's e-mail address: matched to their open invoices, the rest to credit. */
    private Payment pay(Customer c, long amount) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer("Yamada", c.email(), null, null), null, "thanks", NOW));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    private Invoice reload(Invoice i) {
        return store.invoices().get(i.id()).orElseThrow();
    }

    private static Money jpy(long minor) {
        return Money.of(minor, "JPY");
    }

    @Test
    void undoReopensTheInvoicesTakesBackTheCreditAndHoldsTheCashAsUnapplied() {
        Customer c = customer();
        Invoice a = invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Invoice b = invoice(c, 8_000, LocalDate.of(2026, 12, 20));
        Payment p = pay(c, 20_000);
        assertEquals(PaymentStatus.APPLIED, p.status());
        assertEquals(jpy(2_000), store.credit().balance(c.id(), c.currency()).balance());

        Payment after = service.unapply(p.id(), BY, "paid by the parent company for another subsidiary", null, 0);

        assertEquals(PaymentStatus.UNAPPLIED, after.status());
        assertEquals(jpy(20_000), after.unapplied());
        assertNull(after.customerId());
        assertEquals("unapplied by " + BY + " at " + NOW + ": paid by the parent company for another subsidiary",
                after.unappliedReason());
        assertTrue(after.announced());
        for (Invoice i : List.of(a, b)) {
            assertEquals(InvoiceStatus.OPEN, reload(i).status());
            assertEquals(reload(i).total(), reload(i).amountDue());
        }
        assertEquals(jpy(0), store.credit().balance(c.id(), c.currency()).balance(), "the credit it added is back");
        for (Allocation alloc : store.payments().allocationsOfPayment(p.id())) {
            assertTrue(alloc.amount().isZero());
            assertTrue(alloc.reason().contains("unapplied by " + BY), alloc.reason());
        }
        assertEquals(2, events.events().stream().filter(e -> e.type().equals(PaymentEvents.INVOICE_REOPENED))
                .count());
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(PaymentEvents.PAYMENT_UNAPPLIED)
                && e.detailJson().contains("paid by the parent company")));
        LedgerAudit.audit(store, List.of(c), List.of(a, b), List.of(p.id()));

        // Held as unapplied cash, it can be applied by hand again (here: to one invoice).
        Payment reapplied = service.applyManually(p.id(), List.of(new PaymentService.ManualApplication(a.id(),
                10_000)), BY);
        assertEquals(PaymentStatus.PARTIALLY_APPLIED, reapplied.status());
        assertEquals(InvoiceStatus.PAID, reload(a).status());
        LedgerAudit.audit(store, List.of(c), List.of(a, b), List.of(p.id()));
    }

    @Test
    void aSecondUndoIsAConflictAndChangesNothing() {
        Customer c = customer();
        Invoice a = invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Payment p = pay(c, 10_000);
        service.unapply(p.id(), BY, "misapplied", null, 0);
        Payment once = store.payments().get(p.id()).orElseThrow();
        ConflictException again = assertThrows(ConflictException.class,
                () -> service.unapply(p.id(), BY, "misapplied", null, 0));
        assertTrue(again.getMessage().contains("has nothing applied to undo (it is unapplied)"), again.getMessage());
        assertEquals(once, store.payments().get(p.id()).orElseThrow());
        assertEquals(jpy(10_000), reload(a).amountDue());
        assertThrows(NotFoundException.class, () -> service.unapply("bank:nope", BY, "misapplied", null, 0));
        assertThrows(IllegalArgumentException.class, () -> service.unapply(p.id(), BY, " ", null, 0));
        assertThrows(IllegalArgumentException.class, () -> service.unapply(p.id(), BY, "x".repeat(501), null, 0));
    }

    @Test
    void creditUsedSinceRefusesTheUndoWhole() {
        Customer c = customer();
        Invoice a = invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Payment p = pay(c, 15_000); // 5,000 to credit
        Invoice later = invoice(c, 4_000, LocalDate.of(2026, 12, 31)); // issued: 4,000 of that credit pays it
        assertEquals(InvoiceStatus.PAID, reload(later).status());
        ConflictException refused = assertThrows(ConflictException.class,
                () -> service.unapply(p.id(), BY, "misapplied", null, 0));
        assertTrue(refused.getMessage().contains("the credit was used since"), refused.getMessage());
        assertEquals(PaymentStatus.APPLIED, store.payments().get(p.id()).orElseThrow().status(), "nothing undone");
        assertEquals(InvoiceStatus.PAID, reload(a).status());
    }

    @Test
    void aWriteBetweenItsReadsAndItsCommitMakesTheUndoDecideAgain() {
        Customer c = customer();
        Invoice a = invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Payment p = pay(c, 10_000);
        // Another writer changes the invoice (a note, a dunning step...) while the undo decides: the version check
        // fails, the undo re-reads and decides again - once.
        onNextClockRead.set(() -> store.invoices().update(reload(a)));
        Payment after = service.unapply(p.id(), BY, "misapplied", null, 0);
        assertEquals(PaymentStatus.UNAPPLIED, after.status());
        assertEquals(jpy(10_000), reload(a).amountDue());
        assertEquals(jpy(0), reload(a).amountPaid(), "lowered once");
        LedgerAudit.audit(store, List.of(c), List.of(a), List.of(p.id()));
    }

    @Test
    void aRefundInTheMeantimeMakesTheUndoAConflict() {
        Customer c = customer();
        Invoice a = invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Payment p = pay(c, 10_000);
        PaymentService other = new PaymentService(store, events, () -> NOW);
        onNextClockRead.set(() -> other.handle(new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank",
                "evt-r", p.providerPaymentId(), "re_1", jpy(10_000), Payer.UNKNOWN, null, null, NOW)));
        ConflictException refused = assertThrows(ConflictException.class,
                () -> service.unapply(p.id(), BY, "misapplied", null, 0));
        assertTrue(refused.getMessage().contains("nothing applied to undo (it is refunded)"), refused.getMessage());
        assertEquals(PaymentStatus.REFUNDED, store.payments().get(p.id()).orElseThrow().status());
        LedgerAudit.audit(store, List.of(c), List.of(a), List.of(p.id()));
    }

    @Test
    void aRetryAfterTheUndoWasCommittedIsRecognisedByItsCommitMarker() {
        Customer c = customer();
        invoice(c, 10_000, LocalDate.of(2026, 12, 10));
        Payment p = pay(c, 10_000);
        String marker = Ids.randomLetters(32);
        long expires = NOW.getEpochSecond() + 86_400;
        service.unapply(p.id(), BY, "misapplied", marker, expires);
        assertThrows(DuplicateException.class, () -> service.unapply(p.id(), BY, "misapplied", marker, expires));
        assertThrows(ConflictException.class, () -> service.unapply(p.id(), BY, "misapplied",
                Ids.randomLetters(32), expires), "another request: a conflict");
    }

    @Test
    void dunningResumesForAReopenedOverdueInvoice() throws Exception {
        Customer c = customer();
        Invoice overdue = invoice(c, 10_000, LocalDate.of(2026, 11, 20));
        Set<String> executions = new HashSet<>();
        List<String> started = new ArrayList<>();
        WorkflowStarter stepFunctionsLike = (name, input) -> {
            started.add(name);
            return executions.add(name); // a name that ran before never starts again
        };
        FileOutboxMailer outbox = new FileOutboxMailer(dir.resolve("outbox"));
        DunningService dunning = new DunningService(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(dir.resolve("documents")), events), outbox, events, () -> NOW);
        DunningStarter starter = new DunningStarter(store, dunning, stepFunctionsLike, () -> NOW);

        starter.sweep();
        assertTrue(executions.contains(DunningStarter.executionName(overdue.id())), "dunning started");
        dunning.act(overdue.id(), dunning.plan(overdue.id()).next()); // the first reminder
        Payment p = pay(c, 10_000); // misapplied: it was meant for another customer
        assertTrue(dunning.plan(overdue.id()).done(), "paid: the workflow stops");
        assertTrue(dunning.plan(overdue.id()).done(), "a repeated stop records nothing new");
        assertEquals(1, store.dunning().history(overdue.id()).stream()
                .filter(e -> e.status() == DunningEntry.Status.STOPPED).count());

        service.unapply(p.id(), BY, "meant for another customer", null, 0);
        assertEquals(InvoiceStatus.OPEN, reload(overdue).status());
        DunningStarter.Result sweep = starter.sweep();
        String round1 = DunningStarter.executionName(overdue.id(), 1);
        assertEquals(1, sweep.started(), "a new round of dunning");
        assertTrue(executions.contains(round1), started.toString());
        assertTrue(store.dunning().get(overdue.id(), "RESUMED-1").isPresent());
        DunningService.State next = dunning.plan(overdue.id());
        assertFalse(next.done(), "the resumed round has steps left");
        assertFalse(store.dunning().history(overdue.id()).stream()
                .filter(e -> e.step().equals(next.next().name())).anyMatch(e -> e.status().done()),
                "it resumes with a step not taken yet, never repeats one");

        // Paid again and reopened again: each round stops with its own entry, so the next round starts too.
        Payment second = pay(c, 10_000);
        assertTrue(dunning.plan(overdue.id()).done());
        service.unapply(second.id(), BY, "meant for another customer too", null, 0);
        assertEquals(1, starter.sweep().started());
        assertTrue(executions.contains(DunningStarter.executionName(overdue.id(), 2)), started.toString());
        assertEquals(0, starter.sweep().started(), "the next day's sweep finds it running");
    }
}
