package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentMatching;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A bank transfer short by the bank fee the payer deducted (振込手数料) closes the invoice on DynamoDB Local: the seller's
 * JPY tolerance of 880, a customer identified by its payer name, a ¥440 short payment: the invoice is paid with 440
 * written off, the payment records the fee, the allocation the rule {@code fee-tolerance}, {@code invoice.paid} names
 * the write-off, the invoice leaves the open (dunnable) invoices, a redelivery changes nothing and the ledger audit
 * holds; the invoice's stored document becomes the paid copy (PAID, the fee on its own line) and, once the payment is
 * undone, open again. A customer's override of 0 turns it off; one yen beyond the tolerance is a part payment as before.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class FeeToleranceMatchingIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private Path eventLog;
    private DirectoryDocumentStore documents;
    /** What the document function does on invoice.paid / invoice.reopened. */
    private StoredInvoiceDocuments paidCopies;
    private JapaneseBook book;
    private String kana;

    FeeToleranceMatchingIntegrationTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        Path dir = Files.createTempDirectory("fee");
        eventLog = dir.resolve("events.jsonl");
        documents = new DirectoryDocumentStore(dir.resolve("documents"));
        service = new PaymentService(store, new JsonLinesEventLog(eventLog), () -> NOW);
        paidCopies = new StoredInvoiceDocuments(store, new DocumentRenderer(), documents);
        book = new JapaneseBook(store);
        String prefix = book.prefix();
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null, 1, Map.of("JPY", 880L)));
        kana = JapaneseBook.uniqueKana("ﾌｼﾞ");
    }

    private Customer customer(Money override) {
        return store.customers().create(JapaneseBook.draft("株式会社富士商事", List.of("ｶ)" + kana))
                .bankFeeTolerance(override).build());
    }

    private Invoice invoice(Customer customer, long amount) {
        return book.invoice(customer, amount);
    }

    private PaymentNotification transfer(String pid, long amount) {
        return new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(kana + "(ｶ", null, null, null), null, null, NOW);
    }

    private Payment pay(long amount) {
        String pid = Ids.newId("e");
        service.handle(transfer(pid, amount));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    @Test
    void aTransferShort440YenClosesTheInvoiceWithTheFeeWrittenOffAndNoDunning() throws Exception {
        Customer customer = customer(null);
        Invoice inv = invoice(customer, 10_000);
        Payment payment = pay(9_560);

        assertEquals(PaymentStatus.APPLIED, payment.status(), String.valueOf(payment.unappliedReason()));
        assertEquals(Money.of(440, "JPY"), payment.feeWrittenOff());
        assertEquals(Money.of(9_560, "JPY"), payment.applied());
        Invoice paid = store.invoices().get(inv.id()).orElseThrow();
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(Money.of(440, "JPY"), paid.writtenOff());
        assertEquals(Money.of(9_560, "JPY"), paid.amountPaid());
        assertTrue(paid.amountDue().isZero());
        assertEquals(List.of(), store.invoices().openByCustomer(customer.id(), 10), "nothing left to dun");
        List<Allocation> allocations = store.payments().allocationsOfPayment(payment.id());
        assertEquals(1, allocations.size());
        assertEquals(PaymentMatching.FEE_TOLERANCE, allocations.get(0).rule());
        assertTrue(allocations.get(0).reason().contains("identified by its payer name ｶ)" + kana)
                && allocations.get(0).reason().contains("440"), allocations.get(0).reason());
        String events = Files.readString(eventLog);
        assertTrue(events.contains("\"invoice.paid\"") && events.contains("\"bankFeeWrittenOff\":440"), events);
        // the paid copy of the document (re-rendered on invoice.paid): stamped, the fee on its own line
        paidCopies.refresh(inv.id());
        String document = document(inv);
        assertTrue(document.contains("class=\"stamp stamp-paid\">支払済<"), "the PAID stamp");
        assertTrue(document.contains("振込手数料（当社負担）"), "the bank fee line");
        assertTrue(document.contains("お支払いを確認いたしました"), "the paid summary");
        assertTrue(document.contains("440") && document.contains("9,560"), "the fee and the amount paid");

        // a redelivery of the same transfer changes nothing
        service.handle(transfer(payment.providerPaymentId(), 9_560));
        assertEquals(Money.of(440, "JPY"), store.invoices().get(inv.id()).orElseThrow().writtenOff());
        assertEquals(Money.of(440, "JPY"), store.payments().get(payment.id()).orElseThrow().feeWrittenOff());
        LedgerAudit.audit(store, List.of(customer), List.of(inv), List.of(payment.id()));
    }

    @Test
    void undoingAFeeTolerancePaymentMakesTheFeeOwedAgain() {
        Customer customer = customer(null);
        Invoice inv = invoice(customer, 10_000);
        Payment payment = pay(9_560);
        assertEquals(Money.of(440, "JPY"), store.payments().allocationsOfPayment(payment.id()).get(0).writtenOff(),
                "the allocation records the fee it wrote off");
        paidCopies.refresh(inv.id()); // on invoice.paid
        assertTrue(document(inv).contains("class=\"stamp stamp-paid\""), "the paid copy");

        Payment undone = service.unapply(payment.id(), "arn:aws:iam::123456789012:user/keiri", "wrong customer", null,
                0);

        assertEquals(PaymentStatus.UNAPPLIED, undone.status());
        assertTrue(undone.feeWrittenOff().isZero(), "the payment no longer writes anything off");
        assertEquals(Money.of(9_560, "JPY"), undone.unapplied());
        Invoice reopened = store.invoices().get(inv.id()).orElseThrow();
        assertEquals(InvoiceStatus.OPEN, reopened.status());
        assertTrue(reopened.writtenOff().isZero(), "the fee is owed again");
        assertEquals(Money.of(10_000, "JPY"), reopened.amountDue());
        Allocation reversed = store.payments().allocationsOfPayment(payment.id()).get(0);
        assertTrue(reversed.amount().isZero() && reversed.writtenOff().isZero(), reversed.toString());
        assertTrue(reversed.reason().contains("the bank fee of") && reversed.reason().contains("wrong customer"),
                reversed.reason());
        paidCopies.refresh(inv.id()); // on invoice.reopened
        String document = document(inv);
        assertFalse(document.contains("class=\"stamp stamp-paid\"") || document.contains("振込手数料（当社負担）"),
                "the document is open again: no stamp, no fee written off");
        LedgerAudit.audit(store, List.of(customer), List.of(inv), List.of(payment.id()));
    }

    private String document(Invoice invoice) {
        byte[] html = documents.get(InvoiceNotifications.documentKey(invoice));
        assertNotNull(html, "the invoice's document is stored");
        return new String(html, StandardCharsets.UTF_8);
    }

    @Test
    void oneYenBeyondTheToleranceIsAPartPaymentHeldForAPerson() {
        Customer customer = customer(null);
        Invoice inv = invoice(customer, 10_000);
        Payment payment = pay(9_119);
        Invoice after = store.invoices().get(inv.id()).orElseThrow();
        assertEquals(InvoiceStatus.OPEN, after.status());
        // oldest-first from a payer-name customer (confidence 0.50) is below the default threshold 0.90: held
        assertEquals(Money.of(10_000, "JPY"), after.amountDue());
        assertEquals(PaymentStatus.UNAPPLIED, payment.status());
        assertEquals(customer.id(), payment.customerId());
        assertTrue(payment.unappliedReason().startsWith("held: payer-name (oldest-first) decision with confidence "
                + "0.50 is below the auto-apply threshold 0.90"), payment.unappliedReason());
        assertTrue(after.writtenOff().isZero() && payment.feeWrittenOff().isZero());
        LedgerAudit.audit(store, List.of(customer), List.of(inv), List.of(payment.id()));
    }

    @Test
    void aCustomerOverrideOfZeroTurnsItOffAndAnOverrideAboveTheSellersIsUsed() {
        Customer off = customer(Money.zero(Currencies.of("JPY")));
        Invoice kept = invoice(off, 10_000);
        assertEquals(PaymentStatus.UNAPPLIED, pay(9_560).status(), "no tolerance: oldest-first, held");
        assertEquals(Money.of(10_000, "JPY"), store.invoices().get(kept.id()).orElseThrow().amountDue());

        store.customers().update(store.customers().get(off.id()).orElseThrow().toBuilder()
                .payerNames(List.of()).build());
        Customer generous = customer(Money.of(1_000, "JPY"));
        Invoice closed = invoice(generous, 10_000);
        Payment payment = pay(9_000);
        assertEquals(Money.of(1_000, "JPY"), store.invoices().get(closed.id()).orElseThrow().writtenOff());
        assertEquals(Money.of(1_000, "JPY"), payment.feeWrittenOff());
    }
}
