package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code charge.dispute.closed} on DynamoDB Local: won gives the money back and applies it again, lost keeps it. */
@ExtendWith(DynamoDbLocalExtension.class)
class DisputeClosingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private String prefix;
    private Customer customer;

    DisputeClosingTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        service = new PaymentService(store, new JsonLinesEventLog(Files.createTempDirectory("dispute")
                .resolve("events.jsonl")), () -> NOW);
        prefix = "D" + Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        customer = store.customers().create(new Customer(Ids.newId("cus"), "Card Co", "ap@" + Ids.newId("c")
                + ".example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
    }

    private Invoice invoice(long amount) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, 30), null, null, null, NOW, null, null));
        Finalization.Decision d = Finalization.plan(draft, store.invoices().sequence(Finalization.seriesOf(draft,
                prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(d.invoice(), d.sequenceAfter(), d.creditEntry(), d.balanceAfter());
    }

    private PaymentService.Outcome notify(Kind kind, String pid, String disputeId, long amount) {
        Payer payer = kind == Kind.RECEIVED ? new Payer("Card Co", customer.email(), null, null) : Payer.UNKNOWN;
        return service.handle(new PaymentNotification(kind, "stripe", "evt-" + kind + "-" + pid + disputeId, pid,
                kind == Kind.RECEIVED ? null : disputeId, Money.of(amount, "JPY"), payer, null, null, NOW));
    }

    private Payment payment(String pid) {
        return store.payments().getByProviderId("stripe", pid).orElseThrow();
    }

    private Refund dispute(String pid, String disputeId) {
        return store.payments().getRefund(payment(pid).id(), disputeId).orElseThrow();
    }

    private Invoice reload(Invoice i) {
        return store.invoices().get(i.id()).orElseThrow();
    }

    private void audit(Invoice invoice, String pid) {
        LedgerAudit.audit(store, List.of(customer), List.of(invoice), List.of(payment(pid).id()));
    }

    @Test
    void wonGivesTheMoneyBackAndPaysTheReopenedInvoiceAgainOnce() {
        Invoice inv = invoice(10_000);
        String pid = "pi_" + Ids.randomLetters(10);
        notify(Kind.RECEIVED, pid, null, 10_000);
        notify(Kind.DISPUTED, pid, "dp_1", 10_000);
        assertEquals(PaymentStatus.DISPUTED, payment(pid).status());
        assertEquals(InvoiceStatus.OPEN, reload(inv).status(), "the dispute reopened it");

        assertEquals(PaymentService.Outcome.DISPUTE_CLOSED, notify(Kind.DISPUTE_WON, pid, "dp_1", 10_000));
        Payment restored = payment(pid);
        assertEquals(PaymentStatus.APPLIED, restored.status());
        assertEquals(Money.zero(Currencies.of("JPY")), restored.refunded());
        assertEquals(InvoiceStatus.PAID, reload(inv).status(), "paid again");
        Refund won = dispute(pid, "dp_1");
        assertEquals(Refund.Status.REVERSED, won.status());
        assertEquals(Refund.Outcome.WON, won.outcome());
        assertTrue(store.payments().allocationsOfPayment(restored.id()).get(0).reason().contains("dispute-won"));
        audit(inv, pid);

        assertEquals(PaymentService.Outcome.DUPLICATE, notify(Kind.DISPUTE_WON, pid, "dp_1", 10_000));
        assertEquals(restored.version(), payment(pid).version(), "a redelivered closed event changes nothing");
        assertEquals(Money.of(10_000, "JPY"), reload(inv).amountPaid());
        audit(inv, pid);
    }

    @Test
    void lostKeepsThePaymentDisputedAndRecordsTheOutcome() {
        Invoice inv = invoice(10_000);
        String pid = "pi_" + Ids.randomLetters(10);
        notify(Kind.RECEIVED, pid, null, 10_000);
        notify(Kind.DISPUTED, pid, "dp_2", 10_000);
        assertEquals(PaymentService.Outcome.DISPUTE_CLOSED, notify(Kind.DISPUTE_LOST, pid, "dp_2", 10_000));
        assertEquals(PaymentStatus.DISPUTED, payment(pid).status());
        assertEquals(Refund.Outcome.LOST, dispute(pid, "dp_2").outcome());
        assertEquals(Refund.Status.APPLIED, dispute(pid, "dp_2").status());
        assertEquals(InvoiceStatus.OPEN, reload(inv).status());
        Long version = payment(pid).version();
        assertEquals(PaymentService.Outcome.DUPLICATE, notify(Kind.DISPUTE_LOST, pid, "dp_2", 10_000));
        assertEquals(PaymentService.Outcome.DUPLICATE, notify(Kind.DISPUTE_WON, pid, "dp_2", 10_000),
                "closed once: a later, contradicting report changes nothing");
        assertEquals(version, payment(pid).version());
        audit(inv, pid);
    }

    @Test
    void wonBeforeItsDisputeWasStoredTakesNothingBack() {
        Invoice inv = invoice(10_000);
        String pid = "pi_" + Ids.randomLetters(10);
        notify(Kind.RECEIVED, pid, null, 10_000);
        assertEquals(PaymentService.Outcome.DISPUTE_CLOSED, notify(Kind.DISPUTE_WON, pid, "dp_3", 10_000));
        assertEquals(PaymentService.Outcome.DUPLICATE, notify(Kind.DISPUTED, pid, "dp_3", 10_000),
                "the created event arriving late finds the dispute decided");
        assertEquals(PaymentStatus.APPLIED, payment(pid).status());
        assertEquals(InvoiceStatus.PAID, reload(inv).status());
        assertEquals(Refund.Status.IGNORED, dispute(pid, "dp_3").status());
        audit(inv, pid);
    }

    @Test
    void lostBeforeItsPaymentWaitsAndIsTakenBackWhenThePaymentArrives() {
        Invoice inv = invoice(10_000);
        String pid = "pi_" + Ids.randomLetters(10);
        assertEquals(PaymentService.Outcome.WAITING_FOR_PAYMENT, notify(Kind.DISPUTE_LOST, pid, "dp_4", 10_000));
        assertEquals(PaymentService.Outcome.WAITING_FOR_PAYMENT, notify(Kind.DISPUTE_LOST, pid, "dp_4", 10_000));
        notify(Kind.RECEIVED, pid, null, 10_000);
        assertEquals(PaymentStatus.DISPUTED, payment(pid).status());
        assertEquals(Refund.Outcome.LOST, dispute(pid, "dp_4").outcome());
        assertEquals(InvoiceStatus.OPEN, reload(inv).status());
        audit(inv, pid);
    }

    @Test
    void wonAfterTheInvoiceWasPaidOtherwiseHoldsTheMoneyAsUnappliedCash() {
        Invoice inv = invoice(10_000);
        String pid = "pi_" + Ids.randomLetters(10);
        notify(Kind.RECEIVED, pid, null, 10_000);
        notify(Kind.DISPUTED, pid, "dp_5", 10_000);
        String other = "pi_" + Ids.randomLetters(10);
        notify(Kind.RECEIVED, other, null, 10_000); // the customer paid the reopened invoice again
        assertEquals(InvoiceStatus.PAID, reload(inv).status());

        notify(Kind.DISPUTE_WON, pid, "dp_5", 10_000);
        Payment restored = payment(pid);
        assertEquals(PaymentStatus.UNAPPLIED, restored.status());
        assertEquals(Money.of(10_000, "JPY"), restored.unapplied());
        assertTrue(restored.unappliedReason().contains("given back by dispute dp_5 (won) is held"),
                restored.unappliedReason());
        assertNull(store.payments().allocationsOfPayment(restored.id()).stream()
                .filter(a -> a.amount().isPositive()).findAny().orElse(null));
        LedgerAudit.audit(store, List.of(customer), List.of(inv), List.of(restored.id(), payment(other).id()));
    }
}
