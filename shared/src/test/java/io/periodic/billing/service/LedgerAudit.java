package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.persistence.BillingStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads a world back from the store and checks the ledger, as an auditor would, from three independent records
 * (invoices, payments with their allocations, the credit ledger):
 * <ul>
 *   <li>every payment: received + fee written off = (applied + fee written off) + unapplied + refunded, none
 *       negative; none left in {@code received}; every refund of a stored payment applied;
 *   <li>every invoice: total − credit applied − credited − paid − written off = amount due ≥ 0 (never over-paid),
 *       and what it says is paid is exactly the sum of the allocations to it; the bank fees the invoices wrote off
 *       are exactly the fees the payments say were written off (docs/bank-fees.md);
 *   <li>every customer: the credit balance is exactly the sum of its ledger entries, and the credit the invoices
 *       say they used is exactly what the ledger says was used on them;
 *   <li>every payment's applied amount is where it went: its allocations plus the credit it added, net of the credit
 *       its refunds took back; what is left over is the <em>shortfall</em>: refunded money that could not be taken
 *       back because the credit had already paid an invoice (named in the payment's reason), never negative.
 * </ul>
 * Over the world, these give the conservation law: Σ amounts due − Σ credit balances + Σ shortfalls = Σ invoice
 * totals − Σ credited − Σ applied, which {@link Summary#netPosition()} and {@link Summary#shortfall()} expose for
 * comparing worlds that received the same notifications in another order.
 */
final class LedgerAudit {
    private LedgerAudit() {}

    /** Totals of a world, in minor units of its one currency. */
    record Summary(List<Long> due, long credit, long unapplied, long refunded, long netPosition, long shortfall) {
        /** What no order of arrival can change: Σ invoices − Σ applied = net position + shortfall. */
        long netPositionPlusShortfall() {
            return netPosition + shortfall;
        }
    }

    static Summary audit(BillingStore store, Collection<Customer> customers, List<Invoice> invoices,
            Collection<String> paymentIds) {
        List<Long> due = new ArrayList<>();
        long totalDue = 0;
        long invoiceTotals = 0;
        long writtenOff = 0;
        for (Invoice i : invoices) {
            Invoice now = store.invoices().get(i.id()).orElseThrow();
            Money expected = now.total().minus(now.creditApplied()).minus(now.credited()).minus(now.amountPaid())
                    .minus(now.writtenOff());
            assertEquals(expected, now.amountDue(),
                    "total - credit applied - credited - paid - written off = due, " + now.id());
            assertFalse(now.writtenOff().isNegative(), now.id());
            writtenOff += now.writtenOff().minor();
            assertFalse(now.amountDue().isNegative(), "never over-paid: " + now.id() + " " + now.amountDue());
            assertFalse(now.amountPaid().isNegative() || now.creditApplied().isNegative(), now.id());
            long allocated = store.payments().allocationsOfInvoice(now.id()).stream()
                    .mapToLong(a -> a.amount().minor()).sum();
            assertEquals(now.amountPaid().minor(), allocated, "paid = the allocations to it, " + now.id());
            due.add(now.amountDue().minor());
            totalDue += now.amountDue().minor();
            invoiceTotals += now.total().minus(now.credited()).minus(now.writtenOff()).minor();
        }
        long credit = 0;
        long creditUsedByEntries = 0;
        List<CreditEntry> entries = new ArrayList<>();
        for (Customer c : customers) {
            long balance = store.credit().balance(c.id(), c.currency()).balance().minor();
            assertTrue(balance >= 0, "credit balance never negative");
            List<CreditEntry> own = store.credit().entries(c.id());
            assertEquals(balance, own.stream().mapToLong(e -> e.amount().minor()).sum(),
                    "balance = sum of its ledger entries, " + c.id());
            creditUsedByEntries -= own.stream().filter(e -> e.id().startsWith("credit-used:"))
                    .mapToLong(e -> e.amount().minor()).sum();
            entries.addAll(own);
            credit += balance;
        }
        long creditApplied = 0;
        for (Invoice i : invoices) {
            creditApplied += store.invoices().get(i.id()).orElseThrow().creditApplied().minor();
        }
        assertEquals(creditUsedByEntries, creditApplied, "credit the invoices used = credit the ledger says was used");

        long unapplied = 0;
        long refunded = 0;
        long applied = 0;
        long shortfall = 0;
        long fees = 0;
        for (String id : paymentIds) {
            var stored = store.payments().get(id);
            if (stored.isEmpty()) {
                continue; // only refunds arrived for it: they wait
            }
            Payment p = stored.get();
            Money fee = p.feeWrittenOff();
            assertEquals(p.amount().plus(fee), p.applied().plus(fee).plus(p.unapplied()).plus(p.refunded()),
                    "received + fee written off = (applied + fee written off) + unapplied + refunded, " + id);
            assertFalse(fee.isNegative(), id);
            fees += fee.minor();
            assertFalse(p.applied().isNegative() || p.unapplied().isNegative() || p.refunded().isNegative(), id);
            assertTrue(p.status() != PaymentStatus.RECEIVED, "stuck in received: " + id);
            long taken = 0;
            for (Refund r : store.payments().refundsOf(id)) {
                // Decided: applied (what it took back), or ignored with its reason because the payment was refunded
                // in full already (more refunds than the payment's amount) - never waiting beside its payment.
                assertTrue(r.status() == Refund.Status.APPLIED || r.status() == Refund.Status.IGNORED
                        || r.status() == Refund.Status.REVERSED,
                        "refund " + r.refundId() + " of " + id + " decided, was " + r.status());
                if (r.status() == Refund.Status.IGNORED) {
                    assertTrue(r.reason() != null && !r.reason().isBlank(), "an ignored refund says why: " + r);
                    assertTrue(p.amount().equals(p.refunded()) || r.outcome() == Refund.Outcome.WON,
                            "only a refund beyond the payment, or a dispute won before it was applied, is ignored: "
                            + r);
                }
                // A won dispute's taken is history: it was given back (REVERSED).
                taken += r.taken() == null || r.status() == Refund.Status.REVERSED ? 0 : r.taken().minor();
            }
            assertEquals(p.refunded().minor(), taken, "refunded = what its refunds took back, " + id);
            long allocated = store.payments().allocationsOfPayment(id).stream().mapToLong(a -> a.amount().minor())
                    .sum();
            long creditFromIt = entries.stream().filter(e -> e.id().equals("overpayment:" + id)
                    || e.id().startsWith("unapplied:" + id + ":") || e.id().startsWith("refund:" + id + ":"))
                    .mapToLong(e -> e.amount().minor()).sum();
            long lost = allocated + creditFromIt - p.applied().minor();
            assertTrue(lost >= 0, "applied = allocations + its credit - shortfall, shortfall >= 0: " + id + " " + lost);
            if (lost > 0) {
                assertTrue(p.unappliedReason() != null && p.unappliedReason().contains("could not be taken back"),
                        "a shortfall is named on the payment: " + id);
            }
            unapplied += p.unapplied().minor();
            refunded += p.refunded().minor();
            applied += p.applied().minor();
            shortfall += lost;
        }
        assertEquals(writtenOff, fees, "Σ written off on invoices = Σ fees written off by payments");
        assertEquals(invoiceTotals - applied, totalDue - credit + shortfall,
                "Σ invoices - Σ applied = Σ due - Σ credit + Σ shortfall");
        return new Summary(due, credit, unapplied, refunded, totalDue - credit, shortfall);
    }
}
