package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.dunning.LateFees;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dunning steps on DynamoDB Local, driven the way the workflow drives them: plan, wait (the clock jumps to
 * the planned instant), act, repeat.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DunningServiceTest {
    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);
    private final BillingStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T00:00:00Z"));
    private final List<Email> sent = new ArrayList<>();
    private DunningService service;
    private JsonLinesEventLog events;
    private String prefix;

    DunningServiceTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        Path out = Files.createTempDirectory("dunning");
        events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        prefix = "D" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller KK", new Address("1-1", null, "100-0001", "Tokyo", null,
                "JP"), "billing@seller.example", "03-0000-0000", null, "T9234567890123",
                new SellerProfile.BankAccount("Bank", "Seller KK", null, null, "1234567", "0001-001"), null, prefix,
                null));
        Mailer outbox = new FileOutboxMailer(out.resolve("outbox"));
        service = service(email -> {
            outbox.send(email);
            sent.add(email);
        });
    }

    private DunningService service(Mailer mailer) throws Exception {
        Path out = Files.createTempDirectory("dunning-docs");
        return new DunningService(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out), events), mailer, events, now::get);
    }

    private record Case(Customer customer, Subscription subscription, Invoice invoice) {}

    private Case overdueCase() {
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Minato " + prefix,
                prefix.toLowerCase(Locale.ROOT) + "@minato.example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "Tokyo", null, "JP"), now.get(), null));
        Subscription subscription = store.subscriptions().create(new Subscription(Ids.newId("sub"), customer.id(),
                List.of(new SubscriptionItem("price_x", 1)), LocalDate.of(2026, 11, 1), BillingInterval.monthly(),
                SubscriptionStatus.ACTIVE, false, null, 1, null, null, List.of(), now.get(), null));
        Money net = Money.of(20_000, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), subscription.id(),
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 11, 1), DUE, null, null,
                null, now.get(), null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), now.get());
        Invoice open = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
        return new Case(customer, subscription, open);
    }

    /** Runs the workflow's loop until it stops; returns the steps taken. */
    private List<StepKind> run(Case c, java.util.function.Consumer<StepKind> beforeAct) {
        List<StepKind> taken = new ArrayList<>();
        DunningService.State state = service.plan(c.invoice().id());
        while (!state.done()) {
            now.set(state.at());
            beforeAct.accept(state.next());
            taken.add(state.next());
            state = service.act(c.invoice().id(), state.next());
        }
        return taken;
    }

    @Test
    void neverPaysFullEscalationOneLateFeeAndSuspension() {
        Case c = overdueCase();
        List<StepKind> steps = run(c, s -> { });
        assertEquals(List.of(StepKind.COURTESY, StepKind.FRIENDLY, StepKind.FIRM, StepKind.LATE_FEE,
                StepKind.FINAL_NOTICE, StepKind.SUSPEND), steps);
        assertEquals(6, sent.size(), "one e-mail per step");
        Invoice fee = store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).orElseThrow();
        assertEquals(Money.of(300, "JPY"), fee.total(), "1.5% of 20,000");
        assertEquals(InvoiceStatus.OPEN, fee.status());
        assertEquals(SubscriptionStatus.SUSPENDED,
                store.subscriptions().get(c.subscription().id()).orElseThrow().status());
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals("subscription.suspended")));
        List<DunningEntry> history = store.dunning().history(c.invoice().id());
        assertEquals(6, history.size());
        assertTrue(history.stream().allMatch(e -> "email".equals(e.channel()) && "ja".equals(e.language())),
                history.toString());
        assertTrue(history.get(0).reason().contains("days before"), history.get(0).reason());

        // Acting on a step again (a retried task) charges and sends nothing more.
        service.act(c.invoice().id(), StepKind.LATE_FEE);
        assertEquals(6, sent.size());
    }

    @Test
    void aLateFeeInvoiceIsRemindedButNeverChargedAFeeNorSuspendsTheSubscription() {
        Case c = overdueCase();
        run(c, s -> { });
        Invoice fee = store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).orElseThrow();
        Subscription subscription = store.subscriptions().get(c.subscription().id()).orElseThrow();
        store.subscriptions().update(subscription.withStatus(SubscriptionStatus.ACTIVE)); // reinstated by a person

        List<StepKind> steps = run(new Case(c.customer(), c.subscription(), fee), s -> { });

        assertEquals(List.of(StepKind.COURTESY, StepKind.FRIENDLY, StepKind.FIRM, StepKind.FINAL_NOTICE), steps,
                "reminded like any invoice (it has its own due date), without LATE_FEE and SUSPEND");
        assertTrue(store.invoices().get(LateFees.feeInvoiceId(fee.id())).isEmpty(), "no fee on a fee");
        assertEquals(SubscriptionStatus.ACTIVE,
                store.subscriptions().get(c.subscription().id()).orElseThrow().status());
    }

    @Test
    void paysAfterTheFirstReminderStopsWithoutFee() {
        Case c = overdueCase();
        List<StepKind> steps = run(c, next -> {
            if (next == StepKind.FIRM) {
                Invoice current = store.invoices().get(c.invoice().id()).orElseThrow();
                store.invoices().update(current.withPayment(current.total(), InvoiceStatus.PAID));
            }
        });
        assertEquals(List.of(StepKind.COURTESY, StepKind.FRIENDLY, StepKind.FIRM), steps);
        assertEquals(2, sent.size(), "the firm reminder is not sent: the invoice was paid first");
        assertTrue(store.invoices().get(LateFees.feeInvoiceId(c.invoice().id())).isEmpty(), "no fee");
        assertEquals("RECOVERED", store.dunning().get(c.invoice().id(), "STOPPED").orElseThrow().detail());
    }

    @Test
    void partialPaymentContinuesWithTheRemainderAndVoidingStops() {
        Case c = overdueCase();
        List<StepKind> steps = run(c, next -> {
            Invoice current = store.invoices().get(c.invoice().id()).orElseThrow();
            if (next == StepKind.FIRM) {
                store.invoices().update(current.withPayment(Money.of(5_000, "JPY"), InvoiceStatus.OPEN));
            }
            if (next == StepKind.FINAL_NOTICE) {
                store.invoices().update(current.withStatus(InvoiceStatus.VOID));
            }
        });
        assertEquals(List.of(StepKind.COURTESY, StepKind.FRIENDLY, StepKind.FIRM, StepKind.LATE_FEE,
                StepKind.FINAL_NOTICE), steps);
        Email firm = sent.get(2);
        assertTrue(firm.textBody().contains("¥15,000"), firm.textBody());
        assertEquals(Money.of(225, "JPY"), store.invoices().get(LateFees.feeInvoiceId(c.invoice().id()))
                .orElseThrow().total(), "1.5% of the 15,000 still due");
        assertEquals("CANCELLED", store.dunning().get(c.invoice().id(), "STOPPED").orElseThrow().detail());
        assertEquals(SubscriptionStatus.ACTIVE, store.subscriptions().get(c.subscription().id()).orElseThrow().status());
    }

    @Test
    void aStepFailingTwiceThenSucceedingSendsOneReminder() throws Exception {
        Case c = overdueCase();
        AtomicInteger attempts = new AtomicInteger();
        DunningService flaky = service(email -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("SES throttled");
            }
            sent.add(email);
        });
        now.set(Instant.parse("2026-11-28T00:00:00Z"));
        for (int i = 0; i < 2; i++) {
            try {
                flaky.act(c.invoice().id(), StepKind.COURTESY);
            } catch (IllegalStateException expected) {
                // the workflow's Retry calls the step again
            }
        }
        DunningService.State next = flaky.act(c.invoice().id(), StepKind.COURTESY);
        assertEquals(1, sent.size(), "one reminder, not three");
        assertEquals(StepKind.FRIENDLY, next.next());
        assertEquals(DunningEntry.Status.SENT,
                store.dunning().get(c.invoice().id(), "COURTESY").orElseThrow().status());
        assertNull(store.dunning().get(c.invoice().id(), "FRIENDLY").orElse(null));
    }

    @Test
    void aCustomersOwnPolicyIsStoredAndFollowed() {
        Case c = overdueCase();
        io.periodic.billing.dunning.DunningPolicy custom = new io.periodic.billing.dunning.DunningPolicy(List.of(
                new io.periodic.billing.dunning.DunningPolicy.Step(StepKind.FRIENDLY, 2),
                new io.periodic.billing.dunning.DunningPolicy.Step(StepKind.SUSPEND, 10)),
                new io.periodic.billing.dunning.LateFee(new java.math.BigDecimal("2.5"), java.util.Map.of("EUR", 1_500L),
                        java.util.Map.of("JPY", 1_000L)), true);
        store.dunning().putCustomerPolicy(c.customer().id(), custom);
        assertEquals(custom, store.dunning().policyFor(c.customer().id()), "stored with every field");

        List<StepKind> steps = run(c, s -> { });
        assertEquals(List.of(StepKind.FRIENDLY, StepKind.SUSPEND), steps);
        assertEquals(InvoiceStatus.UNCOLLECTIBLE, store.invoices().get(c.invoice().id()).orElseThrow().status(),
                "this policy writes the invoice off on suspension");

        store.dunning().removeCustomerPolicy(c.customer().id());
        assertEquals(io.periodic.billing.dunning.DunningPolicy.DEFAULT, store.dunning().policyFor(c.customer().id()));
    }
}
