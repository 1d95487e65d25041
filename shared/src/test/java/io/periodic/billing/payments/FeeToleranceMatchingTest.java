package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentMatchingTest.CUSTOMER;
import static io.periodic.billing.payments.PaymentMatchingTest.NOW;
import static io.periodic.billing.payments.PaymentMatchingTest.invoice;
import static io.periodic.billing.payments.PaymentMatchingTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code fee-tolerance} rule: a transfer short by the bank fee the payer deducted (振込手数料) closes the invoice. */
class FeeToleranceMatchingTest {
    static final Money TOLERANCE = Money.of(880, "JPY");

    /** The cascade's choice alone: threshold 0 applies every decision (holding is {@code MatchConfidenceTest}'s). */
    static PaymentMatching.Decision decide(Payment p, List<Invoice> referenced, Customer customer, List<Invoice> open,
            Money tolerance) {
        return PaymentMatching.decide(new PaymentMatching.Context(p, referenced, customer, "e-mail", open, null,
                tolerance, 0));
    }

    static PaymentMatching.Application app(String invoiceId, long minor) {
        return new PaymentMatching.Application(invoiceId, Money.of(minor, "JPY"));
    }

    @Test
    void aPaymentShortByAtMostTheToleranceClosesTheOldestSuchInvoiceAndWritesOffTheShortfall() {
        List<Invoice> open = List.of(invoice(1, 5_000, "JPY"), invoice(2, 10_000, "JPY"), invoice(3, 10_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(9_560, "JPY"), List.of(), CUSTOMER, open, TOLERANCE);
        assertEquals("fee-tolerance", d.rule());
        assertEquals(List.of(app("inv_2", 9_560)), d.applications());
        assertEquals(List.of(app("inv_2", 440)), d.writeOffs());
        assertEquals(Money.of(440, "JPY"), d.feeWrittenOff());
        assertTrue(d.reason().contains("customer cus_1 identified by e-mail"), d.reason());
        assertTrue(d.reason().contains("written off as the bank fee on INV-2026-000002"), d.reason());
        assertTrue(d.toCredit().isZero() && d.unapplied().isZero());

        PaymentLedger.Result r = apply(payment(9_560, "JPY"), d, open);
        Invoice paid = r.invoices().get(0);
        assertEquals(InvoiceStatus.PAID, paid.status());
        assertEquals(Money.of(440, "JPY"), paid.writtenOff());
        assertEquals(Money.of(9_560, "JPY"), paid.amountPaid());
        assertTrue(paid.amountDue().isZero());
        assertEquals(List.of("inv_2"), r.paidInvoiceIds());
        assertEquals(Money.of(440, "JPY"), r.payment().feeWrittenOff());
        assertEquals(Money.of(9_560, "JPY"), r.payment().applied());
        assertTrue(r.payment().unapplied().isZero());
    }

    @Test
    void exactlyTheToleranceShortStillClosesButOneYenMoreDoesNot() {
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"));
        assertEquals("fee-tolerance", decide(payment(9_120, "JPY"), List.of(), CUSTOMER, open, TOLERANCE).rule());
        PaymentMatching.Decision over = decide(payment(9_119, "JPY"), List.of(), CUSTOMER, open, TOLERANCE);
        assertEquals("oldest-first", over.rule());
        assertTrue(over.writeOffs().isEmpty());
        assertEquals(List.of(app("inv_1", 9_119)), over.applications());
    }

    @Test
    void anExactMatchWinsOverAFeeShortfall() {
        // 9,560 is 440 short of invoice 1 but exactly what is due on invoice 2 (and on the group 3 + 4)
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"), invoice(2, 9_560, "JPY"));
        assertEquals("exact-amount", decide(payment(9_560, "JPY"), List.of(), CUSTOMER, open, TOLERANCE).rule());
        List<Invoice> groupable = List.of(invoice(1, 10_000, "JPY"), invoice(3, 4_560, "JPY"),
                invoice(4, 5_000, "JPY"));
        PaymentMatching.Decision group = decide(payment(9_560, "JPY"), List.of(), CUSTOMER, groupable, TOLERANCE);
        assertEquals("invoice-group", group.rule());
        assertTrue(group.writeOffs().isEmpty());
    }

    @Test
    void aGroupOfInvoicesShortByAtMostTheToleranceIsClosedTheFeeWrittenOffOnTheLast() {
        List<Invoice> open = List.of(invoice(1, 3_000, "JPY"), invoice(2, 4_000, "JPY"), invoice(3, 50_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(6_340, "JPY"), List.of(), CUSTOMER, open, TOLERANCE);
        assertEquals("fee-tolerance", d.rule());
        assertEquals(List.of(app("inv_1", 3_000), app("inv_2", 3_340)), d.applications());
        assertEquals(List.of(app("inv_2", 660)), d.writeOffs());
        PaymentLedger.Result r = apply(payment(6_340, "JPY"), d, open);
        assertEquals(List.of("inv_1", "inv_2"), r.paidInvoiceIds());
        assertTrue(r.invoices().stream().allMatch(i -> i.amountDue().isZero()));
    }

    @Test
    void anUnidentifiedPayerNeverGetsTheTolerance() {
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(9_560, "JPY"), List.of(), null, open, TOLERANCE);
        assertEquals("unapplied", d.rule());
        assertTrue(d.writeOffs().isEmpty());
    }

    @Test
    void offByDefaultAndACustomerOverrideOfZeroTurnsItOff() {
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"));
        assertEquals("oldest-first", PaymentMatchingTest.decide(payment(9_560, "JPY"), List.of(), CUSTOMER, open)
                .rule(), "no tolerance in the context: off");
        assertEquals("oldest-first", decide(payment(9_560, "JPY"), List.of(), CUSTOMER, open, Money.zero(
                TOLERANCE.currency())).rule(), "zero: off");
    }

    @Test
    void aToleranceInAnotherCurrencyDoesNotApply() {
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"));
        PaymentMatching.Decision d = decide(payment(9_560, "JPY"), List.of(), CUSTOMER, open, Money.of(880, "USD"));
        assertEquals("oldest-first", d.rule());
        // a payment in another currency than the customer's is held, tolerance or not
        PaymentMatching.Decision usd = decide(payment(9_560, "USD"), List.of(), CUSTOMER, open, TOLERANCE);
        assertEquals("unapplied", usd.rule());
        assertTrue(usd.reason().startsWith("currency mismatch"));
    }

    @Test
    void aPaymentNamingItsInvoiceShortByTheFeeClosesIt() {
        Invoice named = invoice(1, 10_000, "JPY");
        PaymentMatching.Decision d = decide(payment(9_560, "JPY"), List.of(named), CUSTOMER, List.of(), TOLERANCE);
        assertEquals("fee-tolerance", d.rule());
        assertTrue(d.reason().startsWith("the payment names INV-2026-000001"), d.reason());
        assertEquals(List.of(app("inv_1", 440)), d.writeOffs());
        // beyond the tolerance it is a part payment of the named invoice, as before
        PaymentMatching.Decision part = decide(payment(9_000, "JPY"), List.of(named), CUSTOMER, List.of(),
                TOLERANCE);
        assertEquals("reference", part.rule());
        assertTrue(part.writeOffs().isEmpty());
    }

    @Test
    void aCustomerIdentifiedByItsPayerNameIsRecordedAsFeeToleranceNamingHowItWasIdentified() {
        List<Invoice> open = List.of(invoice(1, 10_000, "JPY"));
        PaymentMatching.Decision d = PaymentMatching.decide(new PaymentMatching.Context(payment(9_560, "JPY"),
                List.of(), CUSTOMER, "its payer name ｶ)ｱｸﾐ", open, "payer-name", TOLERANCE));
        assertEquals("fee-tolerance", d.rule());
        assertTrue(d.reason().contains("identified by its payer name ｶ)ｱｸﾐ"), d.reason());
        PaymentMatching.Decision exact = PaymentMatching.decide(new PaymentMatching.Context(payment(10_000, "JPY"),
                List.of(), CUSTOMER, "its payer name ｶ)ｱｸﾐ", open, "payer-name", TOLERANCE));
        assertEquals("payer-name", exact.rule());
    }

    @Test
    void anInvoiceDueLessThanTheShortfallIsNeverClosedByAWriteOffAlone() {
        // 3,000 + 500 = 3,500; paying 2,700 is 800 short (within 880) but the last invoice (500) would get no cash
        List<Invoice> open = List.of(invoice(1, 3_000, "JPY"), invoice(2, 500, "JPY"));
        PaymentMatching.Decision d = decide(payment(2_700, "JPY"), List.of(), CUSTOMER, open, TOLERANCE);
        assertNotEquals(List.of("inv_1", "inv_2"), d.applications().stream()
                .map(PaymentMatching.Application::invoiceId).toList());
        assertEquals("fee-tolerance", d.rule(), "300 short of invoice 1 alone");
        assertEquals(List.of(app("inv_1", 300)), d.writeOffs());
    }

    static PaymentLedger.Result apply(Payment p, PaymentMatching.Decision d, List<Invoice> invoices) {
        Map<String, Invoice> byId = new LinkedHashMap<>();
        invoices.forEach(i -> byId.put(i.id(), i));
        return PaymentLedger.apply(p, d, byId, new CreditBalance("cus_1", Money.zero(p.amount().currency()), null),
                NOW);
    }
}
