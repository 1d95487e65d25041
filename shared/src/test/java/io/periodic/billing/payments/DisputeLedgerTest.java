package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentLedgerManualTest.NOW;
import static io.periodic.billing.payments.PaymentLedgerManualTest.byId;
import static io.periodic.billing.payments.PaymentLedgerManualTest.invoice;
import static io.periodic.billing.payments.PaymentLedgerManualTest.jpy;
import static io.periodic.billing.payments.PaymentLedgerManualTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DisputeLedger#won}: what a won dispute took back comes back and pays the reopened invoices again. */
class DisputeLedgerTest {
    private static final Instant APPLIED_AT = Instant.parse("2026-11-21T08:00:00Z");

    private static Refund dispute(Payment p, long taken) {
        return new Refund(p.id(), "dp_1", Refund.Kind.DISPUTE, jpy(taken), Refund.Status.APPLIED, APPLIED_AT, false,
                jpy(taken), null, 6L);
    }

    private static Allocation allocation(Payment p, String invoiceId, long amount) {
        return new Allocation(p.id(), invoiceId, jpy(amount), "reference", "invoice number found", APPLIED_AT, 2L);
    }

    @Test
    void theMoneyComesBackAndPaysTheReopenedInvoicesOldestDueFirst() {
        // 20,000 paid a (10,000) and b (10,000); a dispute of 15,000 took all of b and half of a.
        Payment p = payment(20_000, 5_000, 15_000, "cus_1", PaymentStatus.APPLIED, null);
        Invoice a = invoice("a", "cus_1", "JPY", 10_000, 5_000, InvoiceStatus.OPEN);
        Invoice b = invoice("b", "cus_1", "JPY", 10_000, 0, InvoiceStatus.OPEN);
        PaymentLedger.Result r = DisputeLedger.won(p, dispute(p, 15_000), List.of(allocation(p, "a", 5_000),
                allocation(p, "b", 0)), byId(a, b), NOW);

        assertEquals(PaymentStatus.APPLIED, r.payment().status());
        assertEquals(jpy(0), r.payment().refunded());
        assertEquals(jpy(20_000), r.payment().applied());
        Map<String, Invoice> after = byId(r.invoices().toArray(Invoice[]::new));
        assertEquals(InvoiceStatus.PAID, after.get("a").status());
        assertEquals(InvoiceStatus.PAID, after.get("b").status());
        assertEquals(List.of("a", "b"), r.paidInvoiceIds());
        assertEquals(jpy(10_000), r.changedAllocations().get(0).amount());
        assertTrue(r.changedAllocations().get(0).reason().contains("dispute-won: dispute dp_1 won"));
        Refund reversed = r.refunds().get(0);
        assertEquals(Refund.Status.REVERSED, reversed.status());
        assertEquals(Refund.Outcome.WON, reversed.outcome());
        assertEquals(jpy(15_000), reversed.taken(), "what it took stays as history");
        PaymentLedgerManualTest.ledgerHolds(r.payment());
    }

    @Test
    void whatTheInvoicesCannotTakeIsHeldWithItsReason() {
        Payment p = payment(10_000, 0, 10_000, "cus_1", PaymentStatus.DISPUTED, null);
        Invoice paidSince = invoice("a", "cus_1", "JPY", 10_000, 10_000, InvoiceStatus.PAID);
        PaymentLedger.Result r = DisputeLedger.won(p, dispute(p, 10_000), List.of(allocation(p, "a", 0)),
                byId(paidSince), NOW);
        assertEquals(PaymentStatus.UNAPPLIED, r.payment().status());
        assertEquals(jpy(10_000), r.payment().unapplied());
        assertTrue(r.payment().unappliedReason().startsWith(jpy(10_000) + " given back by dispute dp_1 (won) is held"),
                r.payment().unappliedReason());
        assertTrue(r.invoices().isEmpty());
        PaymentLedgerManualTest.ledgerHolds(r.payment());
    }

    @Test
    void aDisputeThatTookNothingHasNothingToGiveBack() {
        Payment p = payment(10_000, 10_000, 0, "cus_1", PaymentStatus.APPLIED, null);
        Refund ignored = dispute(p, 10_000).ignored("adds nothing");
        assertThrows(IllegalStateException.class, () -> DisputeLedger.won(p, ignored, List.of(), Map.of(), NOW));
        Refund applied = dispute(p, 10_000);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DisputeLedger.won(p, applied, List.of(), Map.of(), NOW));
        assertEquals(PaymentTransitions.refusal(p, PaymentTransitions.Event.DISPUTE_WON), refused.getMessage());
    }
}
