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
 *   <li><b>oldest-first</b>: the customer is identified, the amount differs: applied to open invoices oldest first;
 *       what is short leaves the last invoice open with the rest due; what is over goes to the credit balance;
 *   <li><b>unapplied</b>: otherwise the money is held as unapplied cash with the reason, for a person.
 * </ol>
 * A customer identified by a rule of its own ({@link Context#identifyingRule}) gives rules 2–4 that rule's name;
 * the reason still says how the amount was applied. Those rules, in the order the caller tries them:
 * {@code virtual-account} (the payment arrived in one of the customer's virtual accounts: certain, so first),
 * then, after the customer reference, the e-mail and the name, {@code payer-name} (the bank key of the payer's
 * name equals that of one of exactly one customer's payer names).
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
    /** The rules that apply money because the customer was identified (2–4). */
    private static final Set<String> CUSTOMER_RULES = Set.of("exact-amount", "invoice-group", "oldest-first");

    private PaymentMatching() {}

    /**
     * @param referenced invoices the payment names (any state; not payable ones are skipped with a reason)
     * @param customer the identified customer, or null
     * @param identifiedBy how the customer was identified ("customer reference", "e-mail", "payer name", ...)
     * @param openInvoices the customer's payable invoices, oldest due date first
     * @param identifyingRule the rule a decision about the identified customer is recorded under instead of the
     *     amount rule ({@code payer-name}), or null
     */
    public record Context(Payment payment, List<Invoice> referenced, Customer customer, String identifiedBy,
            List<Invoice> openInvoices, String identifyingRule) {
        public Context {
            referenced = List.copyOf(referenced);
            openInvoices = List.copyOf(openInvoices);
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
     */
    public record Decision(String rule, String reason, String customerId, List<Application> applications,
            Money toCredit, Money unapplied, String unappliedReason) {
        public Decision {
            applications = List.copyOf(applications);
        }

        public Money applied() {
            return applications.stream().map(Application::amount).reduce(toCredit, Money::plus);
        }
    }

    public static Decision decide(Context c) {
        Decision d = byRules(c);
        if (c.identifyingRule() == null || !CUSTOMER_RULES.contains(d.rule())) {
            return d;
        }
        return new Decision(c.identifyingRule(), d.reason(), d.customerId(), d.applications(), d.toCredit(),
                d.unapplied(), d.unappliedReason());
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
        // 4. oldest first, short or over
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

    private static Decision unapplied(Payment payment, String customerId, String reason) {
        Money amount = payment.unapplied();
        return new Decision("unapplied", reason, customerId, List.of(), Money.zero(amount.currency()), amount, reason);
    }

    /** The first combination (fewest invoices, then oldest) of 2-5 invoices whose amounts due sum to the amount. */
    static List<Invoice> group(List<Invoice> candidates, Money amount) {
        long[] due = candidates.stream().mapToLong(i -> i.amountDue().minor()).toArray();
        for (int size = 2; size <= Math.min(GROUP_MAX_SIZE, candidates.size()); size++) {
            int[] picked = new int[size];
            if (search(due, amount.minor(), 0, 0, picked, size)) {
                List<Invoice> group = new ArrayList<>();
                for (int index : picked) {
                    group.add(candidates.get(index));
                }
                return group;
            }
        }
        return null;
    }

    private static boolean search(long[] due, long remaining, int from, int depth, int[] picked, int size) {
        if (depth == size) {
            return remaining == 0;
        }
        for (int i = from; i <= due.length - (size - depth); i++) {
            if (due[i] > remaining) {
                continue;
            }
            picked[depth] = i;
            if (search(due, remaining - due[i], i + 1, depth + 1, picked, size)) {
                return true;
            }
        }
        return false;
    }

    private static String numbers(List<Invoice> invoices) {
        return String.join(", ", invoices.stream().map(Invoice::number).toList());
    }
}
