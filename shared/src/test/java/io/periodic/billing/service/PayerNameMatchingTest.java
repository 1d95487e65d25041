package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
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
 * A transfer whose payer name, as the bank printed it, has the bank key of one customer's payer names pays that
 * customer's invoice under rule {@code payer-name}; a key two customers share identifies nobody; the lookup items
 * follow the payer names through updates. On DynamoDB Local.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PayerNameMatchingTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private PaymentService service;
    private JapaneseBook book;
    /** A name no other test uses, so the lookup keys of this run are its own. */
    private String kana;

    PayerNameMatchingTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        JsonLinesEventLog events = new JsonLinesEventLog(Files.createTempDirectory("pay").resolve("events.jsonl"));
        service = new PaymentService(store, events, () -> NOW);
        book = new JapaneseBook(store).withPlainSeller();
        kana = JapaneseBook.uniqueKana("ﾔﾏﾀﾞ");
    }

    private Customer customer(String name, List<String> payerNames) {
        return book.customer(name, payerNames);
    }

    private Invoice invoice(Customer customer, long amount) {
        return book.invoice(customer, amount);
    }

    private Payment pay(String payerName, long amount) {
        String pid = Ids.newId("e");
        service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", "evt-" + pid, pid, null,
                Money.of(amount, "JPY"), new Payer(payerName, null, null, null), null, null, NOW));
        return store.payments().getByProviderId("bank", pid).orElseThrow();
    }

    @Test
    void aBankPrintedPayerNamePaysTheCustomerWhosePayerNameHasItsKey() {
        Customer yamada = customer("株式会社山田商事", List.of("ｶ)" + kana, "ﾔﾏﾀﾞ ﾀﾛｳ " + kana));
        Invoice inv = invoice(yamada, 33_000);
        // the bank prints it with a space in it and the abbreviation after the name
        String printed = kana.substring(0, 4) + " " + kana.substring(4) + "(ｶ";
        Payment payment = pay(printed, 33_000);

        assertEquals(PaymentStatus.APPLIED, payment.status(), String.valueOf(payment.unappliedReason()));
        assertEquals(InvoiceStatus.PAID, store.invoices().get(inv.id()).orElseThrow().status());
        List<Allocation> allocations = store.payments().allocationsOfPayment(payment.id());
        assertEquals(1, allocations.size());
        assertEquals("payer-name", allocations.get(0).rule());
        String reason = allocations.get(0).reason();
        assertTrue(reason.contains("its payer name ｶ)" + kana) && reason.contains(printed)
                && reason.contains("the amount equals what is due on " + inv.number()), reason);
    }

    @Test
    void aKeyTwoCustomersShareIdentifiesNobody() {
        customer("株式会社山田商事", List.of("ｶ)" + kana));
        customer("山田商事有限会社", List.of(kana + "(ﾕ"));
        Payment payment = pay(kana, 10_000);
        assertEquals(PaymentStatus.UNAPPLIED, payment.status());
        assertTrue(payment.unappliedReason().contains("not identified"), payment.unappliedReason());
    }

    @Test
    void theLookupFollowsThePayerNamesThroughUpdates() {
        Customer c = customer("合同会社キタ", List.of());
        assertEquals(List.of(), store.customers().findByPayerName("ﾄﾞ)" + kana), "no payer names, no lookup");

        Customer named = store.customers().update(c.toBuilder().payerNames(List.of("ﾄﾞ)" + kana)).build());
        assertEquals(List.of(c.id()), ids(store.customers().findByPayerName(kana + "(ﾄﾞ")));

        store.customers().update(named.toBuilder().payerNames(List.of("ｷﾀ" + kana)).build());
        assertEquals(List.of(), store.customers().findByPayerName(kana), "the old key is gone");
        assertEquals(List.of(c.id()), ids(store.customers().findByPayerName("ｷﾀ " + kana)));
        assertEquals(List.of(c.id()), ids(store.customers().findByName("合同会社キタ")), "the name lookup is kept");
    }

    private static List<String> ids(List<Customer> customers) {
        return customers.stream().map(Customer::id).toList();
    }
}
