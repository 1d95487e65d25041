package io.periodic.billing.payments;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Decides where a received payment goes (plain domain logic). The cascade, first rule that succeeds wins:
 * <ol>
 *   <li><b>reference</b>: invoices named by the payment (explicit reference, or numbers found in the remittance
 *       text in any formatting) that are still payable, oldest due first;
 *   <li><b>exact-amount</b>: the customer is identified and the amount equals one open invoice's amount due
 *       (the oldest such invoice);
 *   <li><b>invoice-group</b>: the customer is identified and the amount equals the sum of 2–5 open invoices
 *       (bounded search over the 20 oldest; fewest invoices first, then oldest);
 *   <li><b>fee-tolerance</b>: the customer is identified, has a bank-fee tolerance ({@link Context#feeTolerance}) and
 *       the amount is short of one open invoice's amount due by at most the tolerance (the oldest such), or else of
 *       the sum of 2–5 open invoices (the group search with a window of the tolerance; fewest, then oldest): they
 *       are closed, the cash applied oldest first in full and the shortfall written off on the last one as the bank
 *       fee the payer deducted ({@link Decision#writeOffs}). A payment that names its invoices (rule 1) and is short
 *       of them by at most the tolerance of their customer closes them the same way, under this rule;
 *   <li><b>oldest-first</b>: the customer is identified, the amount differs: applied to open invoices oldest first;
 *       what is short leaves the last invoice open with the rest due; what is over goes to the credit balance;
 *   <li><b>unapplied</b>: otherwise the money is held as unapplied cash with the reason, for a person.
 * </ol>
 * A customer identified by a rule of its own ({@link Context#identifyingRule}) gives rules 2, 3 and 5 that rule's
 * name; the reason still says how the amount was applied. Those rules, in the order the caller tries them:
 * {@code virtual-account} (the payment arrived in one of the customer's virtual accounts: certain, so first),
 * then, after the customer reference, the e-mail and the name, {@code payer-name} (the bank key of the payer's
 * name equals that of one of exactly one customer's payer names) and {@code learned-alias}. A bank fee written off
 * is always recorded as {@code fee-tolerance}, its reason naming how the customer was identified. An unidentified
 * payer never gets a tolerance. Amounts are integers in minor units: nothing is rounded.
 * <p>Every decision that applies money gets a confidence ({@link MatchConfidence}: a fixed table of the amount rule
 * and how the customer was identified, in basis points). One below the seller's threshold
 * ({@link Context#autoApplyConfidence}, default {@link MatchConfidence#DEFAULT_THRESHOLD} 0.90; equal applies) is
 * <b>held</b>: nothing applied, the payment stays unapplied, attributed to the customer, its reason naming the rule
 * that would have applied and its confidence, for a person to decide with the payment's suggestions.
 * Any money that would go to a referenced invoice or customer in another currency is held unapplied with the
 * reason "currency mismatch". A payment over the maximum amount ({@link Money#MAX_MINOR}; intake refuses them, so
 * only one stored before that limit existed) is held unapplied whole, for a person to check. Whatever is not applied to invoices goes to the identified customer's credit balance
 * (rules 1 and 4) or stays unapplied (rule 5). Every decision carries the rule and a sentence saying why.
 */
public final class PaymentMatching {
    static final int GROUP_SEARCH_INVOICES = 20;
    static final int GROUP_MAX_SIZE = 5;
    /** More applications than this would not fit one transaction; the rest goes to credit. */
    static final int MAX_APPLICATIONS = 40;
    public static final String FEE_TOLERANCE = "fee-tolerance";
    /** The stored unapplied reason holds at most 1,000 characters. */
    private static final int HELD_REASON_MAX = 1000;
    /** The rules that apply money because the customer was identified (2, 3, 5). */
    private static final Set<String> CUSTOMER_RULES = Set.of("exact-amount", "invoice-group", "oldest-first");

    private PaymentMatching() {}

    /**
     * @param referenced invoices the payment names (any state; not payable ones are skipped with a reason)
     * @param customer the identified customer, or null
     * @param identifiedBy how the customer was identified ("customer reference", "e-mail", "payer name", ...)
     * @param openInvoices the customer's payable invoices, oldest due date first
     * @param identifyingRule the rule a decision about the identified customer is recorded under instead of the
     *     amount rule ({@code payer-name}), or null
     * @param feeTolerance the identified customer's bank-fee tolerance (its own, else the seller's for the
     *     currency); null or zero: none
     * @param autoApplyConfidence the seller's threshold of automatic application in basis points (0..10,000):
     *     a decision less confident is held; 0 applies every decision (the cascade before the threshold existed)
     */
    public record Context(Payment payment, List<Invoice> referenced, Customer customer, String identifiedBy,
            List<Invoice> openInvoices, String identifyingRule, Money feeTolerance, int autoApplyConfidence) {
        public Context {
            referenced = List.copyOf(referenced);
            openInvoices = List.copyOf(openInvoices);
            if (autoApplyConfidence < 0 || autoApplyConfidence > MatchConfidence.CERTAIN) {
                throw new IllegalArgumentException("auto-apply confidence must be 0..10000 basis points, got "
                        + autoApplyConfidence);
            }
        }

        /** A context with the default threshold ({@link MatchConfidence#DEFAULT_THRESHOLD}). */
        public Context(Payment payment, List<Invoice> referenced, Customer customer, String identifiedBy,
                List<Invoice> openInvoices, String identifyingRule, Money feeTolerance) {
            this(payment, referenced, customer, identifiedBy, openInvoices, identifyingRule, feeTolerance,
                    MatchConfidence.DEFAULT_THRESHOLD);
        }

        /** A context without a bank-fee tolerance. */
        public Context(Payment payment, List<Invoice> referenced, Customer customer, String identifiedBy,
                List<Invoice> openInvoices, String identifyingRule) {
            this(payment, referenced, customer, identifiedBy, openInvoices, identifyingRule, null);
        }

        /** The tolerance that applies to the payment: zero unless the customer has one in its currency. */
        Money tolerance() {
            Money currencyZero = Money.zero(payment.amount().currency());
            return customer == null || feeTolerance == null
                    || !feeTolerance.currency().equals(currencyZero.currency()) || feeTolerance.isNegative()
                    ? currencyZero : feeTolerance;
        }

        /** A context whose customer (if any) was identified without a rule of its own. */
        public Context(Payment payment, List<Invoice> referenced, Customer customer, String identifiedBy,
                List<Invoice> openInvoices) {
            this(payment, referenced, customer, identifiedBy, openInvoices, null);
        }
    }

    public record Application(String invoiceId, Money amount) {}

    /**
     * @param toCredit part added to the customer's credit balance
     * @param unapplied part held as unapplied cash ({@code unappliedReason} says why)
     * @param writeOffs the bank fee written off per invoice ({@code fee-tolerance}; empty otherwise): with the
     *     applications it pays each named invoice's whole amount due
     * @param confidence how sure the cascade is, in basis points ({@link MatchConfidence}); a decision built without
     *     one (by hand) is certain
     */
    public record Decision(String rule, String reason, String customerId, List<Application> applications,
            Money toCredit, Money unapplied, String unappliedReason, List<Application> writeOffs, int confidence) {
        public Decision {
            applications = List.copyOf(applications);
            writeOffs = List.copyOf(writeOffs);
        }

        /** A decision built by hand: certain. */
        public Decision(String rule, String reason, String customerId, List<Application> applications,
                Money toCredit, Money unapplied, String unappliedReason, List<Application> writeOffs) {
            this(rule, reason, customerId, applications, toCredit, unapplied, unappliedReason, writeOffs,
                    MatchConfidence.CERTAIN);
        }

        /** Whether a rule decided where the money goes but its confidence was below the threshold. */
        public boolean held() {
            return !"unapplied".equals(rule) && applications.isEmpty() && !toCredit.isPositive()
                    && unapplied.isPositive();
        }

        /** A decision that writes nothing off. */
        public Decision(String rule, String reason, String customerId, List<Application> applications,
                Money toCredit, Money unapplied, String unappliedReason) {
            this(rule, reason, customerId, applications, toCredit, unapplied, unappliedReason, List.of());
        }

        public Money applied() {
            return applications.stream().map(Application::amount).reduce(toCredit, Money::plus);
        }

        /** The bank fee written off in all (zero unless {@code fee-tolerance}). */
        public Money feeWrittenOff() {
            return writeOffs.stream().map(Application::amount).reduce(Money.zero(toCredit.currency()), Money::plus);
        }
    }

    public static Decision decide(Context c) {
        Decision d = byRules(c);
        if ("unapplied".equals(d.rule())) {
            return new Decision(d.rule(), d.reason(), d.customerId(), d.applications(), d.toCredit(), d.unapplied(),
                    d.unappliedReason(), d.writeOffs(), 0);
        }
        int confidence = MatchConfidence.of(d, c);
        String rule = c.identifyingRule() != null && CUSTOMER_RULES.contains(d.rule()) ? c.identifyingRule()
                : d.rule();
        if (confidence >= c.autoApplyConfidence()) {
            return new Decision(rule, d.reason(), d.customerId(), d.applications(), d.toCredit(), d.unapplied(),
                    d.unappliedReason(), d.writeOffs(), confidence);
        }
        Money amount = c.payment().unapplied();
        String held = "held: " + rule + (rule.equals(d.rule()) ? "" : " (" + d.rule() + ")")
                + " decision with confidence " + MatchConfidence.format(confidence)
                + " is below the auto-apply threshold " + MatchConfidence.format(c.autoApplyConfidence())
                + "; see GET /payments/" + c.payment().id() + "/suggestions; it would have: ";
        String would = d.reason();
        if (held.length() + would.length() > HELD_REASON_MAX) {
            would = would.substring(0, HELD_REASON_MAX - held.length() - 1) + "…";
        }
        return new Decision(rule, d.reason(), d.customerId(), List.of(), Money.zero(amount.currency()), amount,
                held + would, List.of(), confidence);
    }

    private static Decision byRules(Context c) {
        Payment payment = c.payment();
        Money amount = payment.unapplied();
        if (!payment.amount().isWithinLimit()) {
            return unapplied(payment, null, "the amount " + payment.amount() + " exceeds the maximum amount of "
                    + Money.maxAmount(amount.currency()) + "; held for a person to check with the payer");
        }
        List<String> notes = new ArrayList<>();

        // 1. reference
        List<Invoice> payable = new ArrayList<>();
        for (Invoice invoice : c.referenced()) {
            if (!invoice.currency().equals(amount.currency())) {
                return unapplied(payment, invoice.customerId(), "currency mismatch: payment in "
                        + amount.currency() + ", invoice " + invoice.number() + " in " + invoice.currency());
            }
            if (invoice.status().acceptsPayment() && invoice.amountDue().isPositive()) {
                payable.add(invoice);
            } else {
                notes.add("invoice " + invoice.number() + " is " + invoice.status().name().toLowerCase()
                        + (invoice.amountDue().isZero() ? " with nothing due" : ""));
            }
        }
        Customer customer = c.customer();
        if (!payable.isEmpty()) {
            payable.sort(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::id));
            String customerId = payable.get(0).customerId();
            if (payable.stream().anyMatch(i -> !i.customerId().equals(customerId))) {
                return unapplied(payment, null, "the payment names invoices of different customers: "
                        + payable.stream().map(Invoice::number).toList());
            }
            if (customer != null && customer.id().equals(customerId)) {
                Decision fee = shortByFee("the payment names " + numbers(payable) + " (customer " + customerId
                        + " identified by " + c.identifiedBy() + ")", customerId, payable, amount, c.tolerance());
                if (fee != null) {
                    return fee;
                }
            }
            return spread("reference", "the payment names " + numbers(payable), customerId, payable, amount);
        }

        if (customer == null) {
            String why = c.referenced().isEmpty() ? "no invoice reference and the payer is not identified"
                    : "payer not identified and " + String.join("; ", notes);
            return unapplied(payment, null, why);
        }
        if (!customer.currency().equals(amount.currency())) {
            return unapplied(payment, customer.id(), "currency mismatch: payment in " + amount.currency()
                    + ", customer " + customer.id() + " is billed in " + customer.currency());
        }
        String who = "customer " + customer.id() + " identified by " + c.identifiedBy();
        List<Invoice> open = c.openInvoices().stream()
                .filter(i -> i.currency().equals(amount.currency()) && i.amountDue().isPositive())
                .toList();

        // 2. exact amount of one invoice, oldest first
        for (Invoice invoice : open) {
            if (invoice.amountDue().equals(amount)) {
                return new Decision("exact-amount", who + "; the amount equals what is due on " + invoice.number(),
                        customer.id(), List.of(new Application(invoice.id(), amount)), Money.zero(amount.currency()),
                        Money.zero(amount.currency()), null);
            }
        }
        // 3. exact sum of 2-5 invoices
        List<Invoice> group = group(open.subList(0, Math.min(open.size(), GROUP_SEARCH_INVOICES)), amount);
        if (group != null) {
            return new Decision("invoice-group", who + "; the amount equals the sum due on " + numbers(group),
                    customer.id(), group.stream().map(i -> new Application(i.id(), i.amountDue())).toList(),
                    Money.zero(amount.currency()), Money.zero(amount.currency()), null);
        }
        // 4. short of one invoice, then of a 2-5 group, by no more than the bank-fee tolerance
        Money tolerance = c.tolerance();
        if (tolerance.isPositive()) {
            for (Invoice invoice : open) {
                Decision fee = shortByFee(who, customer.id(), List.of(invoice), amount, tolerance);
                if (fee != null) {
                    return fee;
                }
            }
            List<Invoice> shortGroup = group(open.subList(0, Math.min(open.size(), GROUP_SEARCH_INVOICES)), amount,
                    tolerance.minor());
            if (shortGroup != null) {
                return shortByFee(who, customer.id(), shortGroup, amount, tolerance);
            }
        }
        // 5. oldest first, short or over
        String why = open.isEmpty() ? who + "; no open invoices, so it is kept as credit"
                : who + "; the amount matches no invoice, applied oldest first";
        if (!notes.isEmpty()) {
            why += " (" + String.join("; ", notes) + ")";
        }
        return spread("oldest-first", why, customer.id(), open, amount);
    }

    /** Applies the amount to invoices in order; the excess goes to the customer's credit balance. */
    private static Decision spread(String rule, String reason, String customerId, List<Invoice> invoices, Money amount) {
        List<Application> applications = new ArrayList<>();
        Money left = amount;
        for (Invoice invoice : invoices) {
            if (!left.isPositive() || applications.size() == MAX_APPLICATIONS) {
                break;
            }
            Money part = left.min(invoice.amountDue());
            applications.add(new Application(invoice.id(), part));
            left = left.minus(part);
        }
        String full = left.isPositive() ? reason + "; " + left + " over, added to the credit balance" : reason;
        return new Decision(rule, full, customerId, applications, left, Money.zero(amount.currency()), null);
    }

    /**
     * Closes the invoices when the amount is short of their sum due by 1..tolerance and every one still gets cash:
     * the cash oldest first in full, the shortfall written off on the last one; null otherwise.
     */
    private static Decision shortByFee(String why, String customerId, List<Invoice> invoices, Money amount,
            Money tolerance) {
        Money due = invoices.stream().map(Invoice::amountDue).reduce(Money.zero(amount.currency()), Money::plus);
        Money shortfall = due.minus(amount);
        Invoice last = invoices.get(invoices.size() - 1);
        if (!tolerance.isPositive() || !shortfall.isPositive() || shortfall.isGreaterThan(tolerance)
                || !last.amountDue().isGreaterThan(shortfall) || invoices.size() > MAX_APPLICATIONS) {
            return null;
        }
        List<Application> applications = new ArrayList<>();
        for (Invoice invoice : invoices) {
            applications.add(new Application(invoice.id(), invoice == last ? invoice.amountDue().minus(shortfall)
                    : invoice.amountDue()));
        }
        String reason = why + "; the amount is " + shortfall + " short of what is due on " + numbers(invoices)
                + ", within the bank-fee tolerance of " + tolerance + ": closed, " + shortfall
                + " written off as the bank fee on " + last.number();
        return new Decision(FEE_TOLERANCE, reason, customerId, applications, Money.zero(amount.currency()),
                Money.zero(amount.currency()), null, List.of(new Application(last.id(), shortfall)));
    }

    private static Decision unapplied(Payment payment, String customerId, String reason) {
        Money amount = payment.unapplied();
        return new Decision("unapplied", reason, customerId, List.of(), Money.zero(amount.currency()), amount, reason);
    }

    /** The first combination (fewest invoices, then oldest) of 2-5 invoices whose amounts due sum to the amount. */
    static List<Invoice> group(List<Invoice> candidates, Money amount) {
        return group(candidates, amount, 0);
    }

    /**
     * The first combination (fewest invoices, then oldest) of 2-5 invoices whose amounts due sum to between the
     * amount and the amount plus {@code slack} (0: exactly the amount) and, when over it, whose last invoice is due
     * more than the excess (so each gets cash when the excess is written off).
     */
    static List<Invoice> group(List<Invoice> candidates, Money amount, long slack) {
        long[] due = candidates.stream().mapToLong(i -> i.amountDue().minor()).toArray();
        for (int size = 2; size <= Math.min(GROUP_MAX_SIZE, candidates.size()); size++) {
            int[] picked = new int[size];
            if (search(due, amount.minor() + slack, slack, 0, 0, picked, size)) {
                List<Invoice> group = new ArrayList<>();
                for (int index : picked) {
                    group.add(candidates.get(index));
                }
                return group;
            }
        }
        return null;
    }

    private static boolean search(long[] due, long remaining, long slack, int from, int depth, int[] picked,
            int size) {
        if (depth == size) {
            // remaining = amount + slack - sum: the sum is within [amount, amount + slack]
            long excess = slack - remaining;
            return remaining <= slack && (excess == 0 || due[picked[size - 1]] > excess);
        }
        for (int i = from; i <= due.length - (size - depth); i++) {
            if (due[i] > remaining) {
                continue;
            }
            picked[depth] = i;
            if (search(due, remaining - due[i], slack, i + 1, depth + 1, picked, size)) {
                return true;
            }
        }
        return false;
    }

    private static String numbers(List<Invoice> invoices) {
        return String.join(", ", invoices.stream().map(Invoice::number).toList());
    }
}
