package io.periodic.billing.payments;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ledger arithmetic of payments (plain domain logic): what a matching decision or a manual application does
 * to the payment, its invoices, its allocations and the customer's credit balance (a refund: {@link RefundLedger}).
 * The store commits each result in one transaction. Invariants, for every payment: received + fee written off =
 * (applied + fee written off) + unapplied + refunded, i.e. what it settled on invoices and credit, counting the bank
 * fee written off as settled (docs/bank-fees.md), plus what it holds and what it returned; for every invoice: total −
 * credit applied − credited − paid − written off = amount due ≥ 0.
 *
 * <p>Credit is never left beside an amount due that it could pay: a refund that reopens an invoice pays it from
 * the customer's credit balance in the same result ({@link RefundLedger#refund}), and the dunning workflow does the
 * same before every step ({@link #useCredit}), so a customer whose credit covers what they owe is never reminded,
 * charged a late fee or suspended.
 */
public final class PaymentLedger {
    /**
     * The most invoices one payment may be allocated to. A refund of the whole payment is one transaction that
     * rewrites every allocation and its invoice (2 items each) plus the payment, the refund, at most two credit
     * entries (credit taken back, credit that pays the invoices it reopened) and the balance (5 items), and a
     * DynamoDB transaction holds at most 100 items: (100 - 5) / 2 = 47. Automatic matching stays below it
     * ({@link PaymentMatching#MAX_APPLICATIONS}); a manual application that would pass it is refused.
     */
    public static final int MAX_ALLOCATIONS_PER_PAYMENT = (100 - 5) / 2;

    /** Longest credit-entry id ({@link CreditEntry}); longer derived ids are shortened to a hash. */
    private static final int MAX_ENTRY_ID = 300;

    private PaymentLedger() {}

    /**
     * The new state of everything one step touches. {@code creditEntries} move the balance from its state when read
     * to {@code balanceAfter} (null when it does not move; then the list is empty).
     */
    public record Result(Payment payment, List<Invoice> invoices, List<Allocation> newAllocations,
            List<Allocation> changedAllocations, List<CreditEntry> creditEntries, CreditBalance balanceAfter,
            List<Refund> refunds, List<String> paidInvoiceIds, List<String> reopenedInvoiceIds) {
        public Result {
            creditEntries = List.copyOf(creditEntries);
            if (creditEntries.isEmpty() != (balanceAfter == null)) {
                throw new IllegalArgumentException("credit entries and the balance after them go together");
            }
        }
    }

    /** Credit used on invoices: the invoices after, the ledger entry (negative) and the balance after it. */
    public record CreditUse(List<Invoice> invoices, CreditEntry entry, CreditBalance balanceAfter) {
        public CreditUse {
            invoices = List.copyOf(invoices);
        }

        /** @return the total taken from the balance */
        public Money amount() {
            return entry.amount().negate();
        }
    }

    /**
     * Pays what is due on one invoice from the customer's credit balance, as far as it goes (the dunning workflow's
     * first move before every step, and the same rule {@code Finalization} applies when an invoice is issued).
     * The entry's id derives from the invoice and its version, so a retried commit creates it once and a later
     * use on the same invoice (after another reopening) gets its own entry.
     *
     * @return what to commit (invoice update version-checked, entry create-once, balance version-checked), or
     *     null when there is nothing to use: no credit, nothing due, the invoice does not accept payment, or the
     *     balance is in another currency
     */
    public static CreditUse useCredit(Invoice invoice, CreditBalance balance, Instant now) {
        return useCredit(List.of(invoice), balance, entryId("credit-used", invoice.id(),
                "v" + invoice.version()), "used on invoice " + label(invoice), now);
    }

    /** Pays the invoices, in the order given, from the balance; null when nothing is used. */
    static CreditUse useCredit(List<Invoice> invoices, CreditBalance balance, String entryId, String source,
            Instant now) {
        if (balance == null || !balance.balance().isPositive()) {
            return null;
        }
        Money left = balance.balance();
        Money used = Money.zero(left.currency());
        List<Invoice> after = new ArrayList<>();
        for (Invoice invoice : invoices) {
            if (!left.isPositive()) {
                break;
            }
            if (!invoice.currency().equals(left.currency()) || !invoice.status().acceptsPayment()
                    || !invoice.amountDue().isPositive() || !invoice.customerId().equals(balance.customerId())) {
                continue;
            }
            Money part = left.min(invoice.amountDue());
            after.add(InvoiceTransitions.settled(invoice.withCreditApplied(invoice.creditApplied().plus(part))));
            left = left.minus(part);
            used = used.plus(part);
        }
        if (!used.isPositive()) {
            return null;
        }
        String shortSource = source.length() <= 300 ? source : source.substring(0, 299) + "…";
        CreditEntry entry = new CreditEntry(balance.customerId(), entryId, used.negate(), shortSource, now);
        return new CreditUse(after, entry, new CreditBalance(balance.customerId(), left, balance.version()));
    }

    /**
     * A credit-entry id derived from business identity: {@code kind:part:part...}, or, when that would be longer
     * than an entry id may be, {@code kind:#<sha-256 of the parts>} (still deterministic, so still create-once).
     */
    static String entryId(String kind, String... parts) {
        String id = kind + ":" + String.join(":", parts);
        if (id.length() <= MAX_ENTRY_ID) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return kind + ":#" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Applies a matching decision to a received payment. */
    public static Result apply(Payment payment, PaymentMatching.Decision decision, Map<String, Invoice> invoices,
            CreditBalance balance, Instant now) {
        PaymentTransitions.require(payment, PaymentTransitions.Event.MATCHED);
        List<Invoice> changed = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        Map<String, Money> writeOffs = new HashMap<>();
        decision.writeOffs().forEach(w -> writeOffs.merge(w.invoiceId(), w.amount(), Money::plus));
        for (PaymentMatching.Application a : decision.applications()) {
            Invoice invoice = invoices.get(a.invoiceId());
            if (invoice == null) {
                throw new IllegalArgumentException("invoice " + a.invoiceId() + " was not loaded");
            }
            Money fee = writeOffs.getOrDefault(a.invoiceId(), Money.zero(invoice.currency()));
            if (a.amount().plus(fee).isGreaterThan(invoice.amountDue())) {
                throw new IllegalArgumentException("cannot apply " + a.amount() + " and write off " + fee
                        + " on invoice " + invoice.number() + " with " + invoice.amountDue() + " due");
            }
            Money newPaid = invoice.amountPaid().plus(a.amount());
            Invoice withFee = fee.isZero() ? invoice : invoice.withWrittenOff(fee);
            Invoice after = InvoiceTransitions.settled(withFee.withPayment(newPaid, invoice.status()));
            if (after.status() == InvoiceStatus.PAID) {
                paid.add(after.id());
            }
            changed.add(after);
            allocations.add(new Allocation(payment.id(), invoice.id(), a.amount(), decision.rule(), decision.reason(),
                    now, fee, null));
        }
        List<CreditEntry> entries = new ArrayList<>();
        CreditBalance balanceAfter = null;
        Money toCredit = decision.toCredit();
        Money unapplied = decision.unapplied();
        String unappliedReason = decision.unappliedReason();
        if (toCredit.isPositive()) {
            // A credit balance is an amount like any other: it stays within Money.MAX_MINOR, so summing balances
            // and invoices can never overflow. What would not fit is held for a person, never lost or stuck.
            Money room = Money.maxAmount(toCredit.currency()).minus(balance.balance()).max(Money.zero(
                    toCredit.currency()));
            if (toCredit.isGreaterThan(room)) {
                Money held = toCredit.minus(room);
                toCredit = room;
                unapplied = unapplied.plus(held);
                unappliedReason = held + " held: the customer's credit balance would exceed the maximum amount of "
                        + Money.maxAmount(held.currency());
            }
        }
        if (toCredit.isPositive()) {
            entries.add(new CreditEntry(decision.customerId(), entryId("overpayment", payment.id()), toCredit,
                    "payment " + payment.id(), now));
            balanceAfter = new CreditBalance(balance.customerId(), balance.balance().plus(toCredit),
                    balance.version());
        }
        Money applied = decision.applied().minus(decision.toCredit()).plus(toCredit);
        PaymentStatus status = PaymentTransitions.after(payment, PaymentTransitions.Event.MATCHED, applied,
                payment.refunded());
        if (decision.writeOffs().stream().anyMatch(w -> decision.applications().stream()
                .noneMatch(a -> a.invoiceId().equals(w.invoiceId())))) {
            throw new IllegalArgumentException("a bank fee is written off only on an invoice the payment pays");
        }
        Payment after = payment.settled(status, applied, payment.refunded(), decision.customerId(),
                unapplied.isPositive() ? unappliedReason : null);
        if (decision.feeWrittenOff().isPositive()) {
            after = after.withFeeWrittenOff(decision.feeWrittenOff());
        }
        return new Result(after, changed, allocations, List.of(), entries, balanceAfter, List.of(), paid, List.of());
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
        return applyManually(payment, applications, allocations, invoices, "manual", "applied by hand by " + by, now);
    }

    /**
     * {@link #applyManually(Payment, List, List, Map, String, Instant)} recorded under another rule and reason (a
     * person accepting a suggestion: {@code suggestion-accepted}).
     */
    public static Result applyManually(Payment payment, List<PaymentMatching.Application> applications,
            List<Allocation> allocations, Map<String, Invoice> invoices, String rule, String reason, Instant now) {
        PaymentTransitions.require(payment, PaymentTransitions.Event.APPLIED_BY_HAND);
        if (applications.isEmpty()) {
            throw new IllegalArgumentException("name at least one invoice to apply the payment to");
        }
        if (applications.stream().map(PaymentMatching.Application::invoiceId).distinct().count()
                != applications.size()) {
            throw new IllegalArgumentException("each invoice may be named once");
        }
        Set<String> allocated = new HashSet<>();
        allocations.forEach(a -> allocated.add(a.invoiceId()));
        applications.forEach(a -> allocated.add(a.invoiceId()));
        if (allocated.size() > MAX_ALLOCATIONS_PER_PAYMENT) {
            throw new IllegalArgumentException("a payment can be allocated to at most " + MAX_ALLOCATIONS_PER_PAYMENT
                    + " invoices (so that refunding it stays one transaction); this one is allocated to "
                    + allocations.size() + " and the request adds " + (allocated.size() - allocations.size()));
        }
        Money total = Money.zero(payment.amount().currency());
        String customerId = payment.customerId();
        List<Invoice> changed = new ArrayList<>();
        List<Allocation> created = new ArrayList<>();
        List<Allocation> raised = new ArrayList<>();
        List<String> paid = new ArrayList<>();
        Map<String, Allocation> existing = new HashMap<>();
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
                        .toLowerCase(Locale.ROOT) + " and accepts no payment");
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
            Invoice after = InvoiceTransitions.settled(invoice.withPayment(invoice.amountPaid().plus(a.amount()),
                    invoice.status()));
            if (after.status() == InvoiceStatus.PAID) {
                paid.add(after.id());
            }
            changed.add(after);
            Allocation before = existing.get(invoice.id());
            if (before == null) {
                created.add(new Allocation(payment.id(), invoice.id(), a.amount(), rule, fit(reason, 1000), now,
                        null));
            } else {
                // Keep how the first part was applied (its rule and reason); the hand-applied part is appended.
                String history = before.reason() + "; " + a.amount() + " " + reason + " at " + now;
                raised.add(new Allocation(payment.id(), invoice.id(), before.amount().plus(a.amount()), before.rule(),
                        history.length() > 1000 ? history.substring(0, 999) + "…" : history, now,
                        before.writtenOff(), before.version()));
            }
        }
        if (total.isGreaterThan(payment.unapplied())) {
            throw new IllegalStateException("the applications total " + total + " but the payment holds only "
                    + payment.unapplied() + " unapplied");
        }
        Money applied = payment.applied().plus(total);
        Money left = payment.amount().minus(applied).minus(payment.refunded());
        PaymentStatus status = PaymentTransitions.after(payment, PaymentTransitions.Event.APPLIED_BY_HAND, applied,
                payment.refunded());
        Payment after = payment.settled(status, applied, payment.refunded(), customerId,
                left.isZero() ? null : payment.unappliedReason());
        return new Result(after, changed, created, raised, List.of(), null, List.of(), paid, List.of());
    }

    static String label(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.id();
    }

    /** Text kept within a stored field's limit (reasons grow with each refund; ids may be long). */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
