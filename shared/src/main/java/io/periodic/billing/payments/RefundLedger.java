package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentLedger.entryId;
import static io.periodic.billing.payments.PaymentLedger.fit;
import static io.periodic.billing.payments.PaymentLedger.useCredit;

import io.periodic.billing.invoicing.InvoiceTransitions;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentLedger.CreditUse;
import io.periodic.billing.payments.PaymentLedger.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger arithmetic of a refund or dispute (plain domain logic): what taking money back does to the payment,
 * its allocations, their invoices and the customer's credit balance, as one {@link Result} the store commits in
 * one transaction. The invariants are {@link PaymentLedger}'s.
 */
public final class RefundLedger {
    private RefundLedger() {}

    /**
     * Takes a refund or dispute back from a payment: first from its unapplied cash, then from its allocations
     * newest first (those invoices reopen, so dunning can resume), then from the credit it added to the customer's
     * balance. The payment's refunded amount grows by the whole refund; a part that could not be taken back (the
     * credit was already used) is named in the payment's reason.
     *
     * <p>Then, in the same result (one transaction), the invoices it reopened are paid from what is left of the
     * customer's credit balance, oldest due first: credit is never left beside an amount due it could pay. An
     * invoice paid again in full this way is not reported as reopened.
     *
     * @param allocations the payment's allocations
     * @param invoices the invoices of those allocations, by id
     */
    public static Result refund(Payment payment, Refund refund, List<Allocation> allocations,
            Map<String, Invoice> invoices, CreditBalance balance, Instant now) {
        return refund(payment, refund, refund.amount(), allocations, invoices, balance, now);
    }

    /**
     * Takes back {@code newlyRefunded} (what the refund adds to the payment's earlier refunds, see
     * {@link RefundTotals}), at most what the payment still holds; the refund is recorded as applied with what it
     * took and, when that is less, why.
     */
    public static Result refund(Payment payment, Refund refund, Money newlyRefunded, List<Allocation> allocations,
            Map<String, Invoice> invoices, CreditBalance balance, Instant now) {
        PaymentTransitions.Event event = PaymentTransitions.Event.takingBack(refund.kind());
        PaymentTransitions.require(payment, event);
        Money remaining = payment.amount().minus(payment.refunded());
        Money take = newlyRefunded.min(remaining);
        String capped = take.equals(newlyRefunded) ? null : newlyRefunded.minus(take) + " of " + newlyRefunded
                + " not taken back: the payment of " + payment.amount() + " had only " + remaining + " left to refund";
        Money left = take;
        Money fromCash = left.min(payment.unapplied());
        left = left.minus(fromCash);

        List<Allocation> changedAllocations = new ArrayList<>();
        Map<String, Invoice> changedInvoices = new LinkedHashMap<>();
        List<String> reopened = new ArrayList<>();
        List<Allocation> newestFirst = new ArrayList<>(allocations);
        // Newest first: the latest application; within one application, the invoice due last gives back first.
        newestFirst.sort(Comparator.comparing(Allocation::appliedAt)
                .thenComparing((Allocation a) -> invoices.get(a.invoiceId()).dueDate())
                .thenComparing(Allocation::invoiceId)
                .reversed());
        for (Allocation allocation : newestFirst) {
            if (!left.isPositive()) {
                break;
            }
            Money back = left.min(allocation.amount());
            if (!back.isPositive()) {
                continue;
            }
            left = left.minus(back);
            changedAllocations.add(new Allocation(allocation.paymentId(), allocation.invoiceId(),
                    allocation.amount().minus(back), allocation.rule(), fit(allocation.reason() + "; "
                    + back + " taken back by " + refund.kind().name().toLowerCase() + " " + refund.refundId(), 1000),
                    allocation.appliedAt(), allocation.writtenOff(), allocation.version()));
            Invoice invoice = invoices.get(allocation.invoiceId());
            // A paid invoice the refund took money back from is open again.
            Invoice after = InvoiceTransitions.settled(invoice.withPayment(invoice.amountPaid().minus(back),
                    invoice.status()));
            if (invoice.status() == InvoiceStatus.PAID) {
                reopened.add(invoice.id());
            }
            changedInvoices.put(after.id(), after);
        }
        List<CreditEntry> entries = new ArrayList<>();
        CreditBalance balanceAfter = null;
        Money fromCredit = left.min(balance.balance());
        if (fromCredit.isPositive() && payment.customerId() != null) {
            entries.add(new CreditEntry(payment.customerId(), entryId("refund", payment.id(), refund.refundId()),
                    fromCredit.negate(), fit(refund.kind().name().toLowerCase() + " " + refund.refundId()
                    + " of payment " + payment.id(), 1300), now));
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().minus(fromCredit),
                    balance.version());
            left = left.minus(fromCredit);
        }
        if (payment.customerId() != null && !reopened.isEmpty()) {
            List<Invoice> reopenedOldestFirst = changedInvoices.values().stream()
                    .filter(i -> reopened.contains(i.id()))
                    .sorted(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::id))
                    .toList();
            CreditUse use = useCredit(reopenedOldestFirst, balanceAfter != null ? balanceAfter : balance,
                    entryId("credit-used", payment.id(), refund.refundId()), "used on invoices reopened by "
                    + refund.kind().name().toLowerCase() + " " + refund.refundId() + " of payment " + payment.id()
                    + ": " + String.join(", ", reopenedOldestFirst.stream().map(PaymentLedger::label).toList()), now);
            if (use != null) {
                entries.add(use.entry());
                balanceAfter = use.balanceAfter();
                for (Invoice paidAgain : use.invoices()) {
                    changedInvoices.put(paidAgain.id(), paidAgain);
                    if (paidAgain.status() == InvoiceStatus.PAID) {
                        reopened.remove(paidAgain.id());
                    }
                }
            }
        }
        Money refunded = payment.refunded().plus(take);
        Money applied = payment.applied().minus(take.minus(fromCash));
        PaymentStatus status = PaymentTransitions.after(payment, event, applied, refunded);
        String reason = left.isPositive()
                ? fit(left + " of " + refund.refundId() + " could not be taken back: the credit was already used", 1000)
                : payment.unappliedReason();
        Payment after = payment.settled(status, applied, refunded, payment.customerId(), reason);
        return new Result(after, List.copyOf(changedInvoices.values()), List.of(), changedAllocations, entries,
                balanceAfter, List.of(refund.applied(take, capped)), List.of(), reopened);
    }

}
