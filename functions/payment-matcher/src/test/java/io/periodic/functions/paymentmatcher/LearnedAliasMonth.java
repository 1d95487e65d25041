package io.periodic.functions.paymentmatcher;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.service.PaymentService;
import io.periodic.functions.paymentmatcher.CashApplicationDataset.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The second month of the cash-application benchmark: what a person's work teaches (rule {@code learned-alias}).
 * Every payment the matcher held in month 1 although a person can tell whose it is (the label names invoices, or a
 * parent paid for its subsidiary) is applied by hand as the label says — the oldest open invoices of the labelled
 * customer, as much as the payment covers — which teaches a payer alias. Then each of those payers pays again, the
 * same name as its bank printed it, the exact amount of a new invoice, no reference. Printed: how many month-2
 * payments were applied automatically, by which rule, how many wrongly, and how many stayed held (e.g. a parent
 * paying for two subsidiaries: its alias is a conflict and never used).
 */
final class LearnedAliasMonth {
    /** A payment held in month 1, with its label and the account it arrived in. */
    record Held(CashApplicationDataset.Payment label, String paymentId, String receivingAccount) {}

    private LearnedAliasMonth() {}

    /**
     * @param customerIds dataset customer key → stored customer id
     * @param newInvoice creates and finalises a month-2 invoice (customer key, amount) → the invoice
     */
    static void run(BillingStore store, PaymentService service, List<Held> held, Map<String, String> customerIds,
            BiFunction<String, Long, Invoice> newInvoice, Instant now) {
        int resolved = 0;
        int refused = 0;
        List<Held> taught = new ArrayList<>();
        Set<String> payers = new HashSet<>();
        for (Held h : held) {
            String customerId = customerIds.get(h.label().expectedCustomer());
            long left = h.label().amount();
            List<PaymentService.ManualApplication> applications = new ArrayList<>();
            for (Invoice open : store.invoices().openByCustomer(customerId, 20)) {
                if (left <= 0 || !open.currency().getCurrencyCode().equals(h.label().currency())) {
                    continue;
                }
                long part = Math.min(left, open.amountDue().minor());
                applications.add(new PaymentService.ManualApplication(open.id(), part));
                left -= part;
            }
            if (applications.isEmpty()) {
                refused++;
                continue;
            }
            try {
                service.applyManually(h.paymentId(), applications, "arn:aws:iam::123456789012:user/keiri");
                resolved++;
                if (payers.add(h.label().payerName() + "|" + h.label().expectedCustomer())) {
                    taught.add(h);
                }
            } catch (RuntimeException e) {
                refused++; // e.g. a payment in another currency than the customer's invoices
            }
        }
        int auto = 0;
        int right = 0;
        int wrong = 0;
        int stillHeld = 0;
        Map<String, Integer> rules = new TreeMap<>();
        Map<String, Integer> heldWhy = new TreeMap<>();
        for (Held h : taught) {
            CashApplicationDataset.Payment p = h.label();
            Invoice next = newInvoice.apply(p.expectedCustomer(), p.amount());
            String providerId = "m2-" + p.key() + "-" + next.id();
            service.handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED, "bank", providerId, providerId,
                    null, Money.of(p.amount(), p.currency()), new Payer(p.payerName(), null, null, null), null, null,
                    now, false, h.receivingAccount()));
            Payment stored = store.payments().getByProviderId("bank", providerId).orElseThrow();
            if (stored.status() != PaymentStatus.APPLIED && stored.status() != PaymentStatus.PARTIALLY_APPLIED) {
                stillHeld++;
                long pointedAt = store.payerAliases().byKey(BankNames.key(p.payerName())).stream()
                        .map(PayerAlias::customerId).distinct().count();
                String why = pointedAt > 1 ? "its alias is a conflict: the name was applied by hand to " + pointedAt
                        + " customers' invoices (a name two customers share), never used automatically"
                        : String.valueOf(stored.unappliedReason());
                heldWhy.merge(why.indexOf(';') > 0 ? why.substring(0, why.indexOf(';')) : why, 1, Integer::sum);
                continue;
            }
            auto++;
            boolean ok = customerIds.get(p.expectedCustomer()).equals(stored.customerId());
            for (Allocation a : store.payments().allocationsOfPayment(stored.id())) {
                rules.merge(a.rule(), 1, Integer::sum);
            }
            if (ok) {
                right++;
            } else {
                wrong++;
            }
        }
        System.out.printf("month 2 (learned aliases): %d held payments applied by hand in month 1 (%d could not be), "
                + "teaching %d payers; their next payments: %d auto-applied (%d right, %d wrong), %d held; rules %s%n",
                resolved, refused, taught.size(), auto, right, wrong, stillHeld, rules);
        System.out.printf("           before rule learned-alias the same payers' payments are held as in month 1: "
                + "0 of %d auto-applied%n", taught.size());
        heldWhy.forEach((why, count) -> System.out.printf("           held in month 2: %3d  %s%n", count, why));
    }

    /** Whether a held month-1 payment is one a person can resolve: its label names invoices, or a parent paid. */
    static boolean resolvable(CashApplicationDataset.Payment p) {
        return !p.expectedInvoices().isEmpty() || p.kind() == Kind.PARENT;
    }
}
