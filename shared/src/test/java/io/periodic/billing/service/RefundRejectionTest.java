package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12, defect 9: a notification that can never be applied is held with its reason for a person, never thrown
 * (a throw is retried six times and dead-lettered without a word on why). On DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class RefundRejectionTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private JsonLinesEventLog events;
    private PaymentService service;

    RefundRejectionTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        events = new JsonLinesEventLog(Files.createTempDirectory("reject").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
    }

    private static PaymentNotification received(String paymentId, Money amount) {
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "acme-pay", "evt-" + paymentId, paymentId,
                null, amount, Payer.UNKNOWN, null, null, NOW);
    }

    private static PaymentNotification refunded(String paymentId, String refundId, Money amount) {
        return new PaymentNotification(PaymentNotification.Kind.REFUNDED, "acme-pay", "evt-" + Ids.randomLetters(8),
                paymentId, refundId, amount, Payer.UNKNOWN, null, null, NOW);
    }

    private Payment payment(String paymentId) {
        return store.payments().getByProviderId("acme-pay", paymentId).orElseThrow();
    }

    @Test
    void aRefundInAnotherCurrencyIsRejectedWithItsReasonAndListedNotThrown() {
        String pid = "pay_" + Ids.randomLetters(8);
        service.handle(received(pid, Money.of(5_000, "JPY")));

        PaymentService.Outcome outcome = service.handle(refunded(pid, "re_eur", Money.of(1_000, "EUR")));

        assertEquals(PaymentService.Outcome.REJECTED, outcome);
        Refund refund = store.payments().getRefund(payment(pid).id(), "re_eur").orElseThrow();
        assertEquals(Refund.Status.REJECTED, refund.status());
        assertTrue(refund.reason().contains("EUR") && refund.reason().contains("JPY"), refund.reason());
        assertTrue(payment(pid).refunded().isZero(), "nothing taken back");
        assertEquals(Money.of(5_000, "JPY"), payment(pid).unapplied());
        assertTrue(rejectedRefunds().stream().anyMatch(r -> r.refundId().equals("re_eur")
                && r.paymentId().equals(payment(pid).id())), "listed for a person");
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals("refund.rejected")), "and announced");

        assertEquals(PaymentService.Outcome.REJECTED, service.handle(refunded(pid, "re_eur", Money.of(1_000, "EUR"))),
                "a redelivery changes nothing and throws nothing");
    }

    @Test
    void aRefundInAnotherCurrencyThatArrivedFirstIsRejectedWhenItsPaymentArrives() {
        String pid = "pay_" + Ids.randomLetters(8);
        assertEquals(PaymentService.Outcome.WAITING_FOR_PAYMENT,
                service.handle(refunded(pid, "re_usd", Money.of(10, "USD"))));

        service.handle(received(pid, Money.of(5_000, "JPY")));

        assertEquals(PaymentStatus.UNAPPLIED, payment(pid).status(), "the payment is applied as usual");
        assertEquals(Refund.Status.REJECTED,
                store.payments().getRefund(payment(pid).id(), "re_usd").orElseThrow().status());
    }

    @Test
    void aWaitingRefundIsAppliedWhenThePaymentsMessageComesBackAfterACrash() {
        String pid = "pay_" + Ids.randomLetters(8);
        service.handle(refunded(pid, "re_1", Money.of(2_000, "JPY")));
        // The crash: the payment was stored and applied, its waiting refund not yet.
        Payment applied = new Payment(Payment.idFor("acme-pay", pid), "acme-pay", pid, Money.of(5_000, "JPY"),
                Payer.UNKNOWN, null, NOW, PaymentStatus.UNAPPLIED, Money.zero(Money.of(1, "JPY").currency()),
                Money.zero(Money.of(1, "JPY").currency()), null, "not identified", null);
        store.payments().create(applied);

        service.handle(received(pid, Money.of(5_000, "JPY"))); // SQS delivers the payment's message again

        assertEquals(Money.of(2_000, "JPY"), payment(pid).refunded(), "the waiting refund is not stranded");
        assertEquals(Refund.Status.APPLIED, store.payments().getRefund(payment(pid).id(), "re_1").orElseThrow()
                .status());
    }

    @Test
    void everyIdAndTextIntakeAcceptsCanBeStoredAppliedAndRefundedOftenWithoutAnExceptionThatWouldLoop()
            throws Exception {
        String prefix = "R" + Ids.randomLetters(6);
        store.settings().putSeller(new io.periodic.billing.model.SellerProfile("Seller", new io.periodic.billing.model
                .Address("1", null, null, "Tokyo", null, "JP"), "s@seller.example", null, null, null, null, null,
                prefix, null));
        io.periodic.billing.model.Customer customer = store.customers().create(new io.periodic.billing.model.Customer(
                Ids.newId("cus"), "Long Ids KK", "ap@" + Ids.randomLetters(8).toLowerCase() + ".example",
                io.periodic.billing.money.Currencies.of("JPY"), java.time.ZoneId.of("Asia/Tokyo"),
                java.util.Locale.JAPAN, 30, io.periodic.billing.money.TaxRate.ZERO, null,
                new io.periodic.billing.model.Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
        String longId = "p ".repeat(127) + "p"; // the documented limit of data.paymentId: 255, not key-safe
        String japanese = "支払".repeat(127); // 254 characters, 762 bytes
        String description = "d".repeat(1000);
        for (String pid : List.of(longId, japanese, "p".repeat(255))) {
            io.periodic.billing.model.Invoice invoice = invoice(customer, prefix, 600);
            PaymentNotification n = new PaymentNotification(PaymentNotification.Kind.RECEIVED, "acme-pay",
                    "evt-1", pid, null, Money.of(1_000, "JPY"), new Payer(null, null, customer.id(), null),
                    invoice.number(), description + description + description, NOW);
            service.handle(n); // 600 to the invoice, 400 to the credit balance
            for (int i = 0; i < 6; i++) { // each one appends to the allocation's history
                service.handle(refunded(pid, ("r" + i).repeat(127) + "x", Money.of(100, "JPY")));
            }
            Payment p = payment(pid);
            assertEquals(Money.of(600, "JPY"), p.refunded(), pid.substring(0, 4));
            assertEquals(p.amount(), p.applied().plus(p.unapplied()).plus(p.refunded()));
        }
    }

    private io.periodic.billing.model.Invoice invoice(io.periodic.billing.model.Customer customer, String prefix,
            long amount) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(net.currency());
        io.periodic.billing.model.Invoice draft = store.invoices().create(new io.periodic.billing.model.Invoice(
                Ids.newId("inv"), null, customer.id(), null, net.currency(),
                io.periodic.billing.model.InvoiceStatus.DRAFT, List.of(new io.periodic.billing.model.InvoiceLine("Plan",
                io.periodic.billing.model.LineKind.SUBSCRIPTION, null, null, null, 1, net, net,
                io.periodic.billing.money.TaxRate.ZERO, zero)), zero, zero, java.time.LocalDate.of(2026, 10, 1),
                java.time.LocalDate.of(2026, 11, 30), null, null, null, NOW, null, null));
        io.periodic.billing.invoicing.Finalization.Decision decision =
                io.periodic.billing.invoicing.Finalization.plan(draft,
                store.invoices().sequence(io.periodic.billing.invoicing.Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }

    private List<Refund> rejectedRefunds() {
        List<Refund> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = store.payments().rejectedRefunds(100, cursor);
            all.addAll(page.items());
            cursor = page.cursor();
        } while (cursor != null);
        return all;
    }
}
