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
 * The ledger arithmetic of undoing a misapplied payment (plain domain logic): every allocation of the payment goes
 * back to zero (its invoice's paid amount lowered, and the bank fee it wrote off owed again; a paid invoice reopens), the credit it added to the customer's
 * balance is taken back, and what it held becomes unapplied cash again (unapplied = received − refunded), with who
 * undid it, when and why. One {@link Result}, committed in one version-checked transaction. The invariants are
 * {@link PaymentLedger}'s.
 *
 * <p>Credit the payment added that has been used since cannot be taken back: the undo is refused whole (the
 * use case's 409), naming how much is missing, rather than leaving a payment half undone. Credit the customer holds
 * from elsewhere pays the reopened invoices in the same result, oldest due first, as after a refund: credit is never
 * left beside an amount due it could pay.
 */
public final class UnapplyLedger {
    /**
     * Items the undo writes beside two per allocation (the allocation and its invoice): the payment, at most two
     * credit entries (the credit taken back, credit that pays reopened invoices) and the balance, and the
     * request's commit marker: 2 × {@link PaymentLedger#MAX_ALLOCATIONS_PER_PAYMENT} + 5 = 99 ≤ 100.
     */
    public static final int FIXED_ITEMS = 5;

    private UnapplyLedger() {}

    /**
     * Undoes every application of {@code payment}.
     *
     * @param allocations the payment's allocations
     * @param invoices the invoices of those allocations, by id
     * @param balance the credit balance of the payment's customer in its currency (an empty one when it has none)
     * @param by who undoes it (the caller's principal)
     * @param why the person's reason
     * @throws IllegalStateException when the payment's state refuses it (nothing applied, refunded in full, still
     *     being matched) or the credit it added has been used since
     */
    public static Result unapply(Payment payment, List<Allocation> allocations, Map<String, Invoice> invoices,
            CreditBalance balance, String by, String why, Instant now) {
        PaymentTransitions.require(payment, PaymentTransitions.Event.UNAPPLIED_BY_HAND);
        String note = "unapplied by " + by + " at " + now + ": " + why;
        Money toInvoices = Money.zero(payment.amount().currency());
        List<Allocation> changedAllocations = new ArrayList<>();
        Map<String, Invoice> changedInvoices = new LinkedHashMap<>();
        List<String> reopened = new ArrayList<>();
        for (Allocation allocation : allocations) {
            if (!allocation.amount().isPositive()) {
                continue;
            }
            Invoice invoice = invoices.get(allocation.invoiceId());
            if (invoice == null) {
                throw new IllegalArgumentException("invoice " + allocation.invoiceId() + " was not loaded");
            }
            toInvoices = toInvoices.plus(allocation.amount());
            Money fee = allocation.writtenOff();
            changedAllocations.add(new Allocation(allocation.paymentId(), allocation.invoiceId(),
                    Money.zero(allocation.amount().currency()), allocation.rule(), fit(allocation.reason() + "; "
                    + allocation.amount() + (fee.isZero() ? "" : " and the bank fee of " + fee + " written off")
                    + " " + note, 1000), allocation.appliedAt(), null, allocation.version()));
            // The bank fee this application wrote off is owed again: the invoice is due as before it.
            Invoice withoutFee = fee.isZero() ? invoice : invoice.withWrittenOff(fee.negate());
            Invoice after = InvoiceTransitions.settled(withoutFee.withPayment(
                    invoice.amountPaid().minus(allocation.amount()), invoice.status()));
            if (invoice.status() == InvoiceStatus.PAID && after.status() != InvoiceStatus.PAID) {
                reopened.add(invoice.id());
            }
            changedInvoices.put(after.id(), after);
        }
        Money toCredit = payment.applied().minus(toInvoices);
        List<CreditEntry> entries = new ArrayList<>();
        CreditBalance balanceAfter = null;
        if (toCredit.isPositive()) {
            if (payment.customerId() == null || balance.balance().isLessThan(toCredit)) {
                throw new IllegalStateException("payment " + payment.id() + " added " + toCredit
                        + " to the credit balance of customer " + payment.customerId() + ", which holds only "
                        + balance.balance() + " now: the credit was used since. "
                        + "Refund the customer or correct the invoices that used it first; nothing was undone");
            }
            entries.add(new CreditEntry(payment.customerId(), entryId("unapplied", payment.id(),
                    "v" + payment.version()), toCredit.negate(), fit("payment " + payment.id() + " " + note, 1300),
                    now));
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().minus(toCredit),
                    balance.version());
        }
        if (payment.customerId() != null && !reopened.isEmpty()) {
            List<Invoice> oldestFirst = changedInvoices.values().stream()
                    .filter(i -> reopened.contains(i.id()))
                    .sorted(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::id))
                    .toList();
            CreditUse use = useCredit(oldestFirst, balanceAfter != null ? balanceAfter : balance,
                    entryId("credit-used", payment.id(), "unapplied", "v" + payment.version()),
                    "used on invoices reopened when payment " + payment.id() + " was unapplied: "
                    + String.join(", ", oldestFirst.stream().map(PaymentLedger::label).toList()), now);
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
        Money applied = Money.zero(payment.amount().currency());
        PaymentStatus status = PaymentTransitions.after(payment, PaymentTransitions.Event.UNAPPLIED_BY_HAND, applied,
                payment.refunded());
        // The customer it was matched to is forgotten too: a misapplication is often to the wrong customer.
        Payment after = payment.settled(status, applied, payment.refunded(), null, fit(note, 1000))
                .toBuilder().feeWrittenOff(Money.zero(payment.amount().currency())).build();
        return new Result(after, List.copyOf(changedInvoices.values()), List.of(), changedAllocations, entries,
                balanceAfter, List.of(), List.of(), reopened);
    }
}
