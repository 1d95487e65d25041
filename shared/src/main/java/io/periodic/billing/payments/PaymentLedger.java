package io.periodic.billing.payments;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger arithmetic of payments (plain domain logic): what a matching decision or a refund does to the
 * payment, its invoices, its allocations and the customer's credit balance. The store commits each result in one
 * transaction. Invariants, for every payment: received = applied + unapplied + refunded; for every invoice:
 * total − credit applied − credited − paid = amount due ≥ 0.
 */
public final class PaymentLedger {
    private PaymentLedger() {}

    /** The new state of everything one step touches. {@code creditEntry}/{@code balanceAfter} may be null. */
    public record Result(Payment payment, List<Invoice> invoices, List<Allocation> newAllocations,
            List<Allocation> changedAllocations, CreditEntry creditEntry, CreditBalance balanceAfter,
            List<Refund> refunds, List<String> paidInvoiceIds, List<String> reopenedInvoiceIds) {}

    /** Applies a matching decision to a received payment. */
    public static Result apply(Payment payment, PaymentMatching.Decision decision, Map<String, Invoice> invoices,
            CreditBalance balance, Instant now) {
        if (payment.status() != PaymentStatus.RECEIVED) {
            throw new IllegalStateException("payment " + payment.id() + " was already applied");
        }
        List<Invoice> changed = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        for (PaymentMatching.Application a : decision.applications()) {
            Invoice invoice = invoices.get(a.invoiceId());
            if (invoice == null) {
                throw new IllegalArgumentException("invoice " + a.invoiceId() + " was not loaded");
            }
            if (a.amount().isGreaterThan(invoice.amountDue())) {
                throw new IllegalArgumentException("cannot apply " + a.amount() + " to invoice " + invoice.number()
                        + " with " + invoice.amountDue() + " due");
            }
            Money newPaid = invoice.amountPaid().plus(a.amount());
            Invoice after = invoice.withPayment(newPaid, invoice.status());
            if (after.amountDue().isZero()) {
                after = after.withStatus(InvoiceStatus.PAID);
                paid.add(after.id());
            }
            changed.add(after);
            allocations.add(new Allocation(payment.id(), invoice.id(), a.amount(), decision.rule(), decision.reason(),
                    now, null));
        }
        CreditEntry entry = null;
        CreditBalance balanceAfter = null;
        if (decision.toCredit().isPositive()) {
            entry = new CreditEntry(decision.customerId(), "overpayment:" + payment.id(), decision.toCredit(),
                    "payment " + payment.id(), now);
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().plus(decision.toCredit()),
                    balance.version());
        }
        Money applied = decision.applied();
        PaymentStatus status = applied.equals(payment.amount()) ? PaymentStatus.APPLIED
                : applied.isZero() ? PaymentStatus.UNAPPLIED : PaymentStatus.PARTIALLY_APPLIED;
        Payment after = payment.settled(status, applied, payment.refunded(), decision.customerId(),
                decision.unapplied().isPositive() ? decision.unappliedReason() : null);
        return new Result(after, changed, allocations, List.of(), entry, balanceAfter, List.of(), paid, List.of());
    }

    /**
     * Applies unapplied cash by hand, as a person decided: each amount to its invoice. Every invoice must be
     * payable, in the payment's currency, of one customer (the payment's, once it has one), and take no more than
     * its amount due; together they take no more than the payment's unapplied cash. An invoice the payment already
     * paid part of gets its allocation raised. Anything else is refused whole ({@link IllegalArgumentException}
     * for a request that can never work, {@link IllegalStateException} for one the current state refuses).
     *
     * @param allocations the payment's existing allocations
     * @param invoices the invoices named, by id
     */
    public static Result applyManually(Payment payment, List<PaymentMatching.Application> applications,
            List<Allocation> allocations, Map<String, Invoice> invoices, String by, Instant now) {
        if (applications.isEmpty()) {
            throw new IllegalArgumentException("name at least one invoice to apply the payment to");
        }
        if (applications.stream().map(PaymentMatching.Application::invoiceId).distinct().count()
                != applications.size()) {
            throw new IllegalArgumentException("each invoice may be named once");
        }
        Money total = Money.zero(payment.amount().currency());
        String customerId = payment.customerId();
        List<Invoice> changed = new ArrayList<>();
        List<Allocation> created = new ArrayList<>();
        List<Allocation> raised = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        Map<String, Allocation> existing = new java.util.HashMap<>();
        allocations.forEach(a -> existing.put(a.invoiceId(), a));
        for (PaymentMatching.Application a : applications) {
            Invoice invoice = invoices.get(a.invoiceId());
            if (invoice == null) {
                throw new IllegalArgumentException("invoice " + a.invoiceId() + " was not loaded");
            }
            if (!a.amount().isPositive()) {
                throw new IllegalArgumentException("the amount applied to " + a.invoiceId() + " must be positive");
            }
            if (!invoice.currency().equals(payment.amount().currency())) {
                throw new IllegalStateException("invoice " + label(invoice) + " is in " + invoice.currency()
                        + " but the payment in " + payment.amount().currency());
            }
            if (!invoice.status().acceptsPayment()) {
                throw new IllegalStateException("invoice " + label(invoice) + " is " + invoice.status().name()
                        .toLowerCase(java.util.Locale.ROOT) + " and accepts no payment");
            }
            if (a.amount().isGreaterThan(invoice.amountDue())) {
                throw new IllegalStateException("cannot apply " + a.amount() + " to invoice " + label(invoice)
                        + " with " + invoice.amountDue() + " due");
            }
            if (customerId == null) {
                customerId = invoice.customerId();
            } else if (!customerId.equals(invoice.customerId())) {
                throw new IllegalStateException("invoice " + label(invoice) + " belongs to customer "
                        + invoice.customerId() + ", not to " + customerId);
            }
            total = total.plus(a.amount());
            Invoice after = invoice.withPayment(invoice.amountPaid().plus(a.amount()), invoice.status());
            if (after.amountDue().isZero()) {
                after = after.withStatus(InvoiceStatus.PAID);
                paid.add(after.id());
            }
            changed.add(after);
            String reason = "applied by hand by " + by;
            Allocation before = existing.get(invoice.id());
            if (before == null) {
                created.add(new Allocation(payment.id(), invoice.id(), a.amount(), "manual", reason, now, null));
            } else {
                // Keep how the first part was applied (its rule and reason); the hand-applied part is appended.
                String history = before.reason() + "; " + a.amount() + " " + reason + " at " + now;
                raised.add(new Allocation(payment.id(), invoice.id(), before.amount().plus(a.amount()), before.rule(),
                        history.length() > 1000 ? history.substring(0, 999) + "…" : history, now,
                        before.version()));
            }
        }
        if (total.isGreaterThan(payment.unapplied())) {
            throw new IllegalStateException("the applications total " + total + " but the payment holds only "
                    + payment.unapplied() + " unapplied");
        }
        Money applied = payment.applied().plus(total);
        Money left = payment.amount().minus(applied).minus(payment.refunded());
        PaymentStatus status = left.isZero() ? PaymentStatus.APPLIED : PaymentStatus.PARTIALLY_APPLIED;
        Payment after = payment.settled(status, applied, payment.refunded(), customerId,
                left.isZero() ? null : payment.unappliedReason());
        return new Result(after, changed, created, raised, null, null, List.of(), paid, List.of());
    }

    private static String label(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.id();
    }

    /**
     * Takes a refund or dispute back from a payment: first from its unapplied cash, then from its allocations
     * newest first (those invoices reopen, so dunning can resume), then from the credit it added to the customer's
     * balance. The payment's refunded amount grows by the whole refund; a part that could not be taken back (the
     * credit was already used) is named in the payment's reason.
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
                    allocation.appliedAt(), allocation.version()));
            Invoice invoice = invoices.get(allocation.invoiceId());
            Invoice after = invoice.withPayment(invoice.amountPaid().minus(back),
                    invoice.status() == InvoiceStatus.PAID ? InvoiceStatus.OPEN : invoice.status());
            if (invoice.status() == InvoiceStatus.PAID) {
                reopened.add(invoice.id());
            }
            changedInvoices.put(after.id(), after);
        }
        CreditEntry entry = null;
        CreditBalance balanceAfter = null;
        Money fromCredit = left.min(balance.balance());
        if (fromCredit.isPositive() && payment.customerId() != null) {
            entry = new CreditEntry(payment.customerId(), "refund:" + refund.refundId(), fromCredit.negate(),
                    fit(refund.kind().name().toLowerCase() + " " + refund.refundId() + " of payment " + payment.id(),
                    1300), now);
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().minus(fromCredit),
                    balance.version());
            left = left.minus(fromCredit);
        }
        Money refunded = payment.refunded().plus(take);
        Money applied = payment.applied().minus(take.minus(fromCash));
        PaymentStatus status = refunded.equals(payment.amount())
                ? (refund.kind() == Refund.Kind.DISPUTE ? PaymentStatus.DISPUTED : PaymentStatus.REFUNDED)
                : applied.isZero() ? PaymentStatus.UNAPPLIED
                : applied.plus(refunded).equals(payment.amount()) ? PaymentStatus.APPLIED
                : PaymentStatus.PARTIALLY_APPLIED;
        String reason = left.isPositive()
                ? fit(left + " of " + refund.refundId() + " could not be taken back: the credit was already used", 1000)
                : payment.unappliedReason();
        Payment after = payment.settled(status, applied, refunded, payment.customerId(), reason);
        return new Result(after, List.copyOf(changedInvoices.values()), List.of(), changedAllocations, entry,
                balanceAfter, List.of(refund.applied(take, capped)), List.of(), reopened);
    }

    /** Text kept within a stored field's limit (reasons grow with each refund; ids may be long). */
    private static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
