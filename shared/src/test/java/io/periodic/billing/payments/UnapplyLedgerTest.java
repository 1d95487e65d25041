package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentLedgerManualTest.BY;
import static io.periodic.billing.payments.PaymentLedgerManualTest.NOW;
import static io.periodic.billing.payments.PaymentLedgerManualTest.byId;
import static io.periodic.billing.payments.PaymentLedgerManualTest.invoice;
import static io.periodic.billing.payments.PaymentLedgerManualTest.jpy;
import static io.periodic.billing.payments.PaymentLedgerManualTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.persistence.PaymentRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link UnapplyLedger#unapply}: a misapplied payment back to unapplied cash, and what it refuses. */
class UnapplyLedgerTest {
    private static final Instant APPLIED_AT = Instant.parse("2026-11-21T08:00:00Z");

    private static Allocation allocation(Payment p, String invoiceId, long amount) {
        return new Allocation(p.id(), invoiceId, jpy(amount), "reference", "invoice number found", APPLIED_AT, 1L);
    }

    private static CreditBalance balance(long minor) {
        return new CreditBalance("cus_1", jpy(minor), 7L);
    }

    @Test
    void reversesEveryAllocationReopensPaidInvoicesAndTakesBackTheCredit() {
        // 30,000 received: 10,000 paid invoice a, 15,000 part of invoice b (20,000), 5,000 to credit.
        Payment p = payment(30_000, 30_000, 0, "cus_1", PaymentStatus.APPLIED, null);
        Invoice a = invoice("a", "cus_1", "JPY", 10_000, 10_000, InvoiceStatus.PAID);
        Invoice b = invoice("b", "cus_1", "JPY", 20_000, 15_000, InvoiceStatus.OPEN);
        PaymentLedger.Result r = UnapplyLedger.unapply(p, List.of(allocation(p, "a", 10_000),
                allocation(p, "b", 15_000)), byId(a, b), balance(5_000), BY, "wrong customer", NOW);

        assertEquals(PaymentStatus.UNAPPLIED, r.payment().status());
        assertEquals(jpy(0), r.payment().applied());
        assertEquals(jpy(30_000), r.payment().unapplied());
        assertNull(r.payment().customerId(), "the customer it was matched to is forgotten");
        assertEquals("unapplied by " + BY + " at " + NOW + ": wrong customer", r.payment().unappliedReason());
        Map<String, Invoice> after = byId(r.invoices().toArray(Invoice[]::new));
        assertEquals(InvoiceStatus.OPEN, after.get("a").status());
        assertEquals(jpy(10_000), after.get("a").amountDue());
        assertEquals(jpy(20_000), after.get("b").amountDue());
        assertEquals(List.of("a"), r.reopenedInvoiceIds());
        assertTrue(r.changedAllocations().stream().allMatch(x -> x.amount().isZero()));
        String reason = r.changedAllocations().get(0).reason();
        assertTrue(reason.startsWith("invoice number found; ") && reason.endsWith(" unapplied by " + BY + " at "
                + NOW + ": wrong customer"), reason);
        assertEquals(1, r.creditEntries().size());
        assertEquals(jpy(-5_000), r.creditEntries().get(0).amount());
        assertEquals("unapplied:" + p.id() + ":v3", r.creditEntries().get(0).id());
        assertEquals(jpy(0), r.balanceAfter().balance());
        assertEquals(7L, r.balanceAfter().version(), "the balance is version-checked");
        PaymentLedgerManualTest.ledgerHolds(r.payment());
    }

    @Test
    void aPartlyRefundedPaymentKeepsItsRefundsAndHoldsTheRest() {
        Payment p = payment(30_000, 20_000, 10_000, "cus_1", PaymentStatus.APPLIED, null);
        Invoice a = invoice("a", "cus_1", "JPY", 20_000, 20_000, InvoiceStatus.PAID);
        PaymentLedger.Result r = UnapplyLedger.unapply(p, List.of(allocation(p, "a", 20_000),
                allocation(p, "old", 0)), byId(a), balance(0), BY, "misapplied", NOW);
        assertEquals(jpy(20_000), r.payment().unapplied());
        assertEquals(jpy(10_000), r.payment().refunded());
        assertEquals(1, r.changedAllocations().size(), "an allocation taken back to zero before is left alone");
        assertTrue(r.creditEntries().isEmpty());
        assertNull(r.balanceAfter());
    }

    @Test
    void otherCreditPaysTheReopenedInvoicesInTheSameResult() {
        Payment p = payment(10_000, 10_000, 0, "cus_1", PaymentStatus.APPLIED, null);
        Invoice a = invoice("a", "cus_1", "JPY", 10_000, 10_000, InvoiceStatus.PAID);
        PaymentLedger.Result r = UnapplyLedger.unapply(p, List.of(allocation(p, "a", 10_000)), byId(a),
                balance(4_000), BY, "misapplied", NOW);
        Invoice after = r.invoices().get(0);
        assertEquals(InvoiceStatus.OPEN, after.status());
        assertEquals(jpy(4_000), after.creditApplied());
        assertEquals(jpy(6_000), after.amountDue());
        assertEquals(jpy(0), r.balanceAfter().balance());
        assertEquals(jpy(-4_000), r.creditEntries().get(0).amount());
    }

    @Test
    void creditUsedSinceRefusesTheWholeUndo() {
        Payment p = payment(15_000, 15_000, 0, "cus_1", PaymentStatus.APPLIED, null);
        Invoice a = invoice("a", "cus_1", "JPY", 10_000, 10_000, InvoiceStatus.PAID);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> UnapplyLedger.unapply(p,
                List.of(allocation(p, "a", 10_000)), byId(a), balance(2_000), BY, "misapplied", NOW));
        assertTrue(refused.getMessage().contains("added " + jpy(5_000) + " to the credit balance of customer cus_1, "
                + "which holds only " + jpy(2_000)), refused.getMessage());
        assertTrue(refused.getMessage().contains("nothing was undone"), refused.getMessage());
    }

    @Test
    void refusesWhatHasNothingToUndo() {
        for (Payment p : List.of(payment(10_000, 0, 0, null, PaymentStatus.UNAPPLIED, "unidentified"),
                payment(10_000, 0, 10_000, "cus_1", PaymentStatus.REFUNDED, null),
                payment(10_000, 0, 10_000, "cus_1", PaymentStatus.DISPUTED, null),
                payment(10_000, 0, 0, null, PaymentStatus.RECEIVED, null))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> UnapplyLedger.unapply(
                    p, List.of(), Map.of(), balance(0), BY, "why", NOW), p.status().name());
            assertEquals(PaymentTransitions.refusal(p, PaymentTransitions.Event.UNAPPLIED_BY_HAND),
                    refused.getMessage());
        }
    }

    @Test
    void theLargestPaymentFitsOneTransaction() {
        int n = PaymentLedger.MAX_ALLOCATIONS_PER_PAYMENT;
        long each = 1_000;
        Payment p = payment(each * n + 500, each * n + 500, 0, "cus_1", PaymentStatus.APPLIED, null);
        List<Allocation> allocations = new ArrayList<>();
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            invoices.add(invoice("i" + i, "cus_1", "JPY", each, each, InvoiceStatus.PAID));
            allocations.add(allocation(p, "i" + i, each));
        }
        // 500 went to credit; the customer holds 1,500 more, which pays a reopened invoice: both credit entries.
        PaymentLedger.Result r = UnapplyLedger.unapply(p, allocations, byId(invoices.toArray(Invoice[]::new)),
                balance(2_000), BY, "misapplied", NOW);
        PaymentRepository.Application a = new PaymentRepository.Application(r.payment(), r.invoices(),
                r.newAllocations(), r.changedAllocations(), r.creditEntries(), r.balanceAfter(), r.refunds());
        assertEquals(2, r.creditEntries().size());
        int items = PaymentRepository.itemsOf(a) + 1; // + the request's commit marker
        assertEquals(2 * n + UnapplyLedger.FIXED_ITEMS, items);
        assertTrue(items <= PaymentRepository.MAX_TRANSACTION_ITEMS, items + " items");
    }
}
