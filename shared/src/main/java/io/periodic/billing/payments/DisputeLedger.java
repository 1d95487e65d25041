package io.periodic.billing.payments;

import static io.periodic.billing.payments.PaymentLedger.fit;

import io.periodic.billing.invoicing.InvoiceTransitions;
import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ledger arithmetic of a dispute won (plain domain logic): what the dispute took back comes back to the payment
 * (its refunded amount falls by it, the dispute is {@link Refund.Status#REVERSED}), and is applied again to the
 * invoices the payment had paid that have something due - the ones the dispute reopened - oldest due first,
 * raising their allocations (rule {@code dispute-won} in the reason). What they cannot take (paid since by other
 * means) is held as unapplied cash with its reason, for a person. One {@link PaymentLedger.Result}, committed in
 * one version-checked transaction: the payment, the dispute, each allocation raised and its invoice (at most
 * 2 × 47 + 2 items). The invariants are {@link PaymentLedger}'s.
 */
public final class DisputeLedger {
    private DisputeLedger() {}

    /**
     * Gives back what the won {@code dispute} took from {@code payment}.
     *
     * @param allocations the payment's allocations
     * @param invoices the invoices of those allocations, by id
     * @throws IllegalStateException when the dispute took nothing that is still counted, or the payment's state
     *     refuses it
     */
    public static PaymentLedger.Result won(Payment payment, Refund dispute, List<Allocation> allocations,
            Map<String, Invoice> invoices, Instant now) {
        if (dispute.kind() != Refund.Kind.DISPUTE || dispute.status() != Refund.Status.APPLIED
                || dispute.taken() == null || !dispute.taken().isPositive()) {
            throw new IllegalStateException("dispute " + dispute.refundId() + " took nothing back to give back");
        }
        PaymentTransitions.require(payment, PaymentTransitions.Event.DISPUTE_WON);
        Money back = dispute.taken().min(payment.refunded());
        Money left = back;
        List<Allocation> raised = new ArrayList<>();
        List<Invoice> changed = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        List<Allocation> oldestDueFirst = allocations.stream()
                .filter(a -> invoices.containsKey(a.invoiceId()))
                .sorted(Comparator.comparing((Allocation a) -> invoices.get(a.invoiceId()).dueDate())
                        .thenComparing(Allocation::invoiceId))
                .toList();
        for (Allocation allocation : oldestDueFirst) {
            Invoice invoice = invoices.get(allocation.invoiceId());
            if (!left.isPositive()) {
                break;
            }
            if (!invoice.status().acceptsPayment() || !invoice.amountDue().isPositive()
                    || !invoice.currency().equals(left.currency())) {
                continue;
            }
            Money part = left.min(invoice.amountDue());
            left = left.minus(part);
            raised.add(new Allocation(allocation.paymentId(), allocation.invoiceId(),
                    allocation.amount().plus(part), allocation.rule(), fit(allocation.reason() + "; " + part
                    + " applied again (dispute-won: dispute " + dispute.refundId() + " won at " + now + ")", 1000),
                    allocation.appliedAt(), allocation.writtenOff(), allocation.version()));
            Invoice after = InvoiceTransitions.settled(invoice.withPayment(invoice.amountPaid().plus(part),
                    invoice.status()));
            if (after.status() == InvoiceStatus.PAID) {
                paid.add(after.id());
            }
            changed.add(after);
        }
        Money applied = payment.applied().plus(back.minus(left));
        Money refunded = payment.refunded().minus(back);
        PaymentStatus status = PaymentTransitions.after(payment, PaymentTransitions.Event.DISPUTE_WON, applied,
                refunded);
        Money unapplied = payment.amount().minus(applied).minus(refunded);
        String reason = left.isPositive()
                ? fit(left + " given back by dispute " + dispute.refundId() + " (won) is held: the invoices it had "
                        + "paid are paid since or accept no payment", 1000)
                : unapplied.isZero() ? null : payment.unappliedReason();
        Payment after = payment.settled(status, applied, refunded, payment.customerId(), reason);
        Refund reversed = dispute.reversed(fit("won: " + back + " given back, " + back.minus(left)
                + " applied again" + (dispute.reason() == null ? "" : "; " + dispute.reason()), 1000));
        return new PaymentLedger.Result(after, changed, List.of(), raised, List.of(), null, List.of(reversed), paid,
                List.of());
    }
}
