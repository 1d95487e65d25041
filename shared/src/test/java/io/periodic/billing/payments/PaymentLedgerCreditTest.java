package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentMatchingTest.CUSTOMER;
import static io.periodic.billing.payments.PaymentMatchingTest.NOW;
import static io.periodic.billing.payments.PaymentMatchingTest.decide;
import static io.periodic.billing.payments.PaymentMatchingTest.invoice;
import static io.periodic.billing.payments.PaymentMatchingTest.ledgerHolds;
import static io.periodic.billing.payments.PaymentMatchingTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The ledger's use of credit (issue 12, defects 4 and 5), as plain domain logic: dunning's
 * {@link PaymentLedger#useCredit}; the credit balance and over-limit payments never overflow (a refund that reopens
 * an invoice and the credit that pays it: {@link RefundLedgerTest}).
 */
class PaymentLedgerCreditTest {

    record Paid(PaymentLedger.Result result, Payment payment, List<Allocation> allocations,
            Map<String, Invoice> invoices) {}

    static Paid pay(Payment p, List<Invoice> open, CreditBalance balance) {
        PaymentMatching.Decision d = decide(p, List.of(), CUSTOMER, open);
        Map<String, Invoice> byId = open.stream().collect(Collectors.toMap(Invoice::id, Function.identity()));
        PaymentLedger.Result r = PaymentLedger.apply(p, d, byId, balance, NOW);
        return new Paid(r, r.payment().withVersion(2L), r.newAllocations().stream().map(a -> a.withVersion(1L))
                .toList(), r.invoices().stream().collect(Collectors.toMap(Invoice::id, i -> i.withVersion(2L))));
    }

    static Refund refund(Payment p, String id, long minor) {
        return new Refund(p.id(), id, Refund.Kind.REFUND, Money.of(minor, p.amount().currency()),
                Refund.Status.WAITING, NOW, 1L);
    }

    @Test
    void useCreditPaysWhatItCanOfOneInvoiceAndNothingElse() {
        Invoice open = invoice(1, 1_000, "JPY").withVersion(7L);
        PaymentLedger.CreditUse covers = PaymentLedger.useCredit(open,
                new CreditBalance("cus_1", Money.of(1_200, "JPY"), 4L), NOW);
        assertEquals(InvoiceStatus.PAID, covers.invoices().get(0).status());
        assertEquals(Money.of(1_000, "JPY"), covers.amount());
        assertEquals(Money.of(200, "JPY"), covers.balanceAfter().balance());
        assertEquals("credit-used:inv_1:v7", covers.entry().id(), "one entry per version of the invoice");

        PaymentLedger.CreditUse part = PaymentLedger.useCredit(open,
                new CreditBalance("cus_1", Money.of(300, "JPY"), 4L), NOW);
        assertEquals(InvoiceStatus.OPEN, part.invoices().get(0).status());
        assertEquals(Money.of(700, "JPY"), part.invoices().get(0).amountDue());
        assertTrue(part.balanceAfter().balance().isZero());

        assertNull(PaymentLedger.useCredit(open, CreditBalance.empty("cus_1", Currencies.of("JPY")), NOW));
        assertNull(PaymentLedger.useCredit(open, new CreditBalance("cus_1", Money.of(300, "USD"), 4L), NOW),
                "credit in another currency is not converted");
        assertNull(PaymentLedger.useCredit(open.withStatus(InvoiceStatus.VOID),
                new CreditBalance("cus_1", Money.of(300, "JPY"), 4L), NOW));
        assertNull(PaymentLedger.useCredit(open, new CreditBalance("cus_2", Money.of(300, "JPY"), 4L), NOW),
                "another customer's credit");
    }

    @Test
    void creditEntryIdsStayWithinTheirLengthAndStayDeterministic() {
        String longId = "x".repeat(280);
        String id = PaymentLedger.entryId("refund", longId, "re_1");
        assertTrue(id.length() <= 300, id);
        assertEquals(id, PaymentLedger.entryId("refund", longId, "re_1"));
        assertTrue(!id.equals(PaymentLedger.entryId("refund", longId, "re_2")));
    }

    @Test
    void aCreditBalanceNeverGrowsOverTheMaximumTheRestIsHeldForAPerson() {
        Payment p = payment(1_000, "JPY");
        CreditBalance nearlyFull = new CreditBalance("cus_1", Money.of(Money.MAX_MINOR - 400, "JPY"), 5L);
        PaymentLedger.Result r = pay(p, List.of(), nearlyFull).result();
        ledgerHolds(r.payment());
        assertEquals(Money.maxAmount(Currencies.of("JPY")), r.balanceAfter().balance());
        assertEquals(Money.of(400, "JPY"), r.payment().applied());
        assertEquals(Money.of(600, "JPY"), r.payment().unapplied());
        assertEquals(PaymentStatus.PARTIALLY_APPLIED, r.payment().status());
        assertTrue(r.payment().unappliedReason().contains("maximum"), r.payment().unappliedReason());
    }

    @Test
    void aPaymentOverTheMaximumIsHeldWholeForAPerson() {
        Payment p = payment(Money.MAX_MINOR + 1, "JPY");
        PaymentMatching.Decision d = decide(p, List.of(invoice(1, 1_000, "JPY")), CUSTOMER,
                List.of(invoice(1, 1_000, "JPY")));
        assertEquals("unapplied", d.rule());
        assertEquals(p.amount(), d.unapplied());
        assertTrue(d.reason().contains("exceeds the maximum amount of JPY 999999999999999"), d.reason());
    }
}
