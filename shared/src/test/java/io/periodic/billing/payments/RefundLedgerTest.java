package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentLedgerCreditTest.pay;
import static io.periodic.billing.payments.PaymentLedgerCreditTest.refund;
import static io.periodic.billing.payments.PaymentMatchingTest.NOW;
import static io.periodic.billing.payments.PaymentMatchingTest.invoice;
import static io.periodic.billing.payments.PaymentMatchingTest.ledgerHolds;
import static io.periodic.billing.payments.PaymentMatchingTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentLedgerCreditTest.Paid;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link RefundLedger#refund} and credit (issue 12, defects 4 and 5), as plain domain logic: a refund that reopens an
 * invoice pays it from the customer's credit balance in the same result, and never uses again the credit it takes
 * back.
 */
class RefundLedgerTest {

    @Test
    void aRefundThatReopensAnInvoiceWhileCreditCoversItLeavesItPaidFromCreditInTheSameResult() {
        Invoice a = invoice(1, 1_000, "JPY");
        Paid paid = pay(payment(1_000, "JPY"), List.of(a), CreditBalance.empty("cus_1", Currencies.of("JPY")));
        assertEquals(PaymentStatus.APPLIED, paid.payment().status());
        CreditBalance credit = new CreditBalance("cus_1", Money.of(1_000, "JPY"), 3L); // from another payment

        PaymentLedger.Result r = RefundLedger.refund(paid.payment(), refund(paid.payment(), "re_1", 1_000),
                paid.allocations(), paid.invoices(), credit, NOW.plusSeconds(60));

        ledgerHolds(r.payment());
        assertEquals(Money.of(1_000, "JPY"), r.payment().refunded());
        Invoice after = r.invoices().get(0);
        assertEquals(InvoiceStatus.PAID, after.status(), "paid again, from the credit");
        assertTrue(after.amountPaid().isZero());
        assertEquals(Money.of(1_000, "JPY"), after.creditApplied());
        assertEquals(List.of(), r.reopenedInvoiceIds(), "not announced as reopened: nothing is due");
        assertEquals(1, r.creditEntries().size());
        CreditEntry used = r.creditEntries().get(0);
        assertEquals(Money.of(-1_000, "JPY"), used.amount());
        assertEquals("credit-used:" + paid.payment().id() + ":re_1", used.id());
        assertEquals(new CreditBalance("cus_1", Money.zero(Currencies.of("JPY")), 3L), r.balanceAfter(),
                "version-checked against the balance that was read");
    }

    @Test
    void creditTheRefundTakesBackIsNotUsedAgainAndTheRestPaysTheReopenedInvoices() {
        Invoice a = invoice(1, 1_000, "JPY");
        Invoice b = invoice(2, 2_000, "JPY");
        // 4,000 pays both (3,000) and leaves 1,000 of credit; the customer also holds 500 from elsewhere.
        Paid paid = pay(payment(4_000, "JPY"), List.of(a, b), new CreditBalance("cus_1", Money.of(500, "JPY"), 1L));
        CreditBalance balance = paid.result().balanceAfter().withVersion(2L);
        assertEquals(Money.of(1_500, "JPY"), balance.balance());

        // The whole payment back: both allocations, then the 1,000 of credit it added. 500 of credit is left, and
        // goes to the reopened invoice due first.
        PaymentLedger.Result r = RefundLedger.refund(paid.payment(), refund(paid.payment(), "re_1", 4_000),
                paid.allocations(), paid.invoices(), balance, NOW.plusSeconds(60));

        ledgerHolds(r.payment());
        assertEquals(PaymentStatus.REFUNDED, r.payment().status());
        assertEquals(List.of(Money.of(-1_000, "JPY"), Money.of(-500, "JPY")),
                r.creditEntries().stream().map(CreditEntry::amount).toList());
        assertEquals("refund:" + paid.payment().id() + ":re_1", r.creditEntries().get(0).id());
        assertTrue(r.balanceAfter().balance().isZero());
        Map<String, Invoice> after = r.invoices().stream().collect(Collectors.toMap(Invoice::id, Function.identity()));
        assertEquals(Money.of(500, "JPY"), after.get("inv_1").amountDue(), "oldest due first");
        assertEquals(Money.of(2_000, "JPY"), after.get("inv_2").amountDue());
        assertEquals(List.of("inv_2", "inv_1"), r.reopenedInvoiceIds(), "both still have something due");
    }
}
