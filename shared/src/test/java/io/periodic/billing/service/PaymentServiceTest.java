package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.JsonLinesEventLog;
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
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Payment notifications applied on DynamoDB Local: matching, duplicates, order, races, refunds. */
@ExtendWith(DynamoDbLocalExtension.class)
class PaymentServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private JsonLinesEventLog events;
    private PaymentService service;
    private String prefix;

    PaymentServiceTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        events = new JsonLinesEventLog(Files.createTempDirectory("pay").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
        prefix = "P" + io.periodic.billing.model.Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null, 1, Map.of(), 0));
        // Threshold 0: every decision applies, as before the threshold existed; these tests are about what the
        // ledger does with short and over payments (holding: ConfidenceThresholdIntegrationTest).
    }

    private Customer customer(String name, String email) {
        return store.customers().create(new Customer(Ids.newId("cus"), name, email, Currencies.of("JPY"),
                ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
    }

    private Invoice invoice(Customer customer, long amount, int dueDay) {
        Money net = Money.of(amount, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 11, dueDay), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(
                Finalization.seriesOf(draft, prefix)), store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }

    private static PaymentNotification received(String paymentId, long amount, String currency, Payer payer,
            String remittance) {
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + paymentId, paymentId, null,
                Money.of(amount, currency), payer, null, remittance, NOW);
    }

    private static PaymentNotification refunded(String paymentId, String refundId, long amount) {
        return new PaymentNotification(PaymentNotification.Kind.REFUNDED, "bank", "evt-" + refundId, paymentId,
                refundId, Money.of(amount, "JPY"), Payer.UNKNOWN, null, null, NOW);
    }

    private Invoice reload(Invoice i) {
        return store.invoices().get(i.id()).orElseThrow();
    }

    private Payment payment(String providerPaymentId) {
        return store.payments().getByProviderId("bank", providerPaymentId).orElseThrow();
    }

    @Test
    void aPaymentStoredBeforeACrashIsListedForTheCollectionsReportWhenItsMessageIsRedelivered() {
        String pid = Ids.newId("e");
        // The crash: the payment was stored, its receipt-day entry was not.
        store.payments().create(new Payment(Payment.idFor("bank", pid), "bank", pid, Money.of(7_000, "JPY"),
                Payer.UNKNOWN, null, NOW, io.periodic.billing.model.PaymentStatus.RECEIVED, Money.zero(
                Currencies.of("JPY")), Money.zero(Currencies.of("JPY")), null, null, null));
        Instant dayStart = NOW.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        assertTrue(store.payments().receivedBetween(dayStart, dayStart.plus(java.time.Duration.ofDays(1))).stream()
                .noneMatch(p -> p.providerPaymentId().equals(pid)), "not listed before the redelivery");

        service.handle(received(pid, 7_000, "JPY", Payer.UNKNOWN, null));
        service.handle(received(pid, 7_000, "JPY", Payer.UNKNOWN, null));

        List<Payment> listed = store.payments().receivedBetween(dayStart, dayStart.plus(java.time.Duration.ofDays(1)))
                .stream().filter(p -> p.providerPaymentId().equals(pid)).toList();
        assertEquals(1, listed.size(), "listed once, however often it is delivered");
        assertEquals(Money.of(7_000, "JPY"), listed.get(0).unapplied(), "held as unapplied cash");
    }

    @Test
    void aReferenceInFullWidthDigitsPaysTheInvoiceOnceEvenWhenDeliveredTwice() {
        Customer c = customer("株式会社みなと", "ap@minato.example");
        Invoice inv = invoice(c, 25_000, 30);
        String text = "請求書番号" + inv.number().replace("-", "－").replace("2", "２") + "分";
        String pid = Ids.newId("e");
        assertEquals(PaymentService.Outcome.APPLIED, service.handle(received(pid, 25_000, "JPY", Payer.UNKNOWN, text)));
        assertEquals(PaymentService.Outcome.DUPLICATE, service.handle(received(pid, 25_000, "JPY", Payer.UNKNOWN, text)));
        assertEquals(InvoiceStatus.PAID, reload(inv).status());
        assertEquals(Money.of(25_000, "JPY"), reload(inv).amountPaid(), "applied once");
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(PaymentEvents.INVOICE_PAID)));
        assertTrue(payment(pid).announced());
    }

    @Test
    void shortPaymentLeavesTheRestDueAndOverpaymentGoesToCredit() {
        Customer c = customer("Acme", "ap@acme-" + Ids.newId("x") + ".example");
        Invoice a = invoice(c, 10_000, 10);
        Invoice b = invoice(c, 8_000, 20);
        Payer payer = new Payer("ACME Inc.", c.email(), null, null);
        service.handle(received(Ids.newId("e"), 12_000, "JPY", payer, "thanks"));
        assertEquals(InvoiceStatus.PAID, reload(a).status());
        assertEquals(Money.of(6_000, "JPY"), reload(b).amountDue(), "short: the rest stays due");
        service.handle(received(Ids.newId("e"), 7_000, "JPY", payer, null));
        assertEquals(InvoiceStatus.PAID, reload(b).status());
        assertEquals(Money.of(1_000, "JPY"), store.credit().balance(c.id(), c.currency()).balance(), "over: credit");
    }

    @Test
    void unidentifiedAndWrongCurrencyPaymentsAreHeldAsUnappliedCash() {
        String unknown = Ids.newId("e");
        assertEquals(PaymentService.Outcome.UNAPPLIED,
                service.handle(received(unknown, 9_999, "JPY", new Payer("Nobody Known", null, null, null), "x")));
        Payment held = payment(unknown);
        assertEquals(PaymentStatus.UNAPPLIED, held.status());
        assertTrue(held.unappliedReason().contains("not identified"), held.unappliedReason());
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(PaymentEvents.PAYMENT_UNAPPLIED)));
        boolean listed = false;
        for (int s = 0; s < BillingTable.SHARDS; s++) {
            listed |= store.payments().unapplied(s, NOW.plusSeconds(1), 1000, null).items().contains(held.id());
        }
        assertTrue(listed, "listed for a person");

        Customer c = customer("Euro GmbH", "ap@" + Ids.newId("x") + ".example");
        Invoice inv = invoice(c, 5_000, 30);
        String usd = Ids.newId("e");
        service.handle(received(usd, 50, "USD", Payer.UNKNOWN, inv.number()));
        assertTrue(payment(usd).unappliedReason().startsWith("currency mismatch"));
        assertEquals(InvoiceStatus.OPEN, reload(inv).status());
    }

    @Test
    void aRefundBeforeItsPaymentWaitsAndTheInvoiceReopens() {
        Customer c = customer("Refund KK", "ap@" + Ids.newId("x") + ".example");
        Invoice inv = invoice(c, 10_000, 30);
        String pid = Ids.newId("e");
        assertEquals(PaymentService.Outcome.WAITING_FOR_PAYMENT, service.handle(refunded(pid, "re_1", 4_000)));
        service.handle(received(pid, 10_000, "JPY", Payer.UNKNOWN, inv.number()));
        Payment p = payment(pid);
        assertEquals(Money.of(4_000, "JPY"), p.refunded());
        assertEquals(p.amount(), p.applied().plus(p.unapplied()).plus(p.refunded()));
        Invoice reopened = reload(inv);
        assertEquals(InvoiceStatus.OPEN, reopened.status(), "reopened: dunning can resume");
        assertEquals(Money.of(4_000, "JPY"), reopened.amountDue());
        assertEquals(PaymentService.Outcome.DUPLICATE, service.handle(refunded(pid, "re_1", 4_000)));
        assertEquals(Money.of(4_000, "JPY"), payment(pid).refunded(), "refunded once");
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(PaymentEvents.INVOICE_REOPENED)));
    }

    @Test
    void twoPaymentsRacingOnOneInvoiceAreBothAccountedFor() throws Exception {
        Customer c = customer("Race AB", "ap@" + Ids.newId("x") + ".example");
        Invoice inv = invoice(c, 10_000, 30);
        CountDownLatch start = new CountDownLatch(1);
        String p1 = Ids.newId("e");
        String p2 = Ids.newId("e");
        Callable<PaymentService.Outcome> first = () -> {
            start.await();
            return service.handle(received(p1, 10_000, "JPY", Payer.UNKNOWN, inv.number()));
        };
        Callable<PaymentService.Outcome> second = () -> {
            start.await();
            return service.handle(received(p2, 10_000, "JPY", Payer.UNKNOWN, inv.number()));
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            Future<PaymentService.Outcome> a = pool.submit(first);
            Future<PaymentService.Outcome> b = pool.submit(second);
            start.countDown();
            a.get();
            b.get();
        }
        Invoice paid = reload(inv);
        assertEquals(Money.of(10_000, "JPY"), paid.amountPaid(), "paid once, never twice");
        assertEquals(Money.of(10_000, "JPY"), store.credit().balance(c.id(), c.currency()).balance(),
                "the second payment became credit");
        for (String pid : List.of(p1, p2)) {
            Payment p = payment(pid);
            assertEquals(PaymentStatus.APPLIED, p.status());
        }
    }
}
