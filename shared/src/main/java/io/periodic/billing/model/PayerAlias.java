package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;
import java.util.List;

/**
 * A payer alias learned from a person: a payment from a payer whose name has this bank key (and, when the alias
 * has one, who remitted from this bank and branch) is this customer's. Learned when someone applies unapplied cash
 * by hand to one customer's invoices; one alias per (bank key, remitted from, customer), so learning it again
 * confirms it.
 *
 * @param id {@code pal_} and 24 hex digits, derived from (bank key, remitted from, customer)
 * @param bankKey the bank key ({@code payments.BankNames.key}) of the payer's name
 * @param payerName the payer's name as the bank printed it, the last time it was learned
 * @param remittedFrom the payer's account as the source reported it (a Zengin credit: the remitting bank and
 *     branch, {@code 仕向銀行名/仕向店名}), or null when unknown: then the alias matches from any bank
 * @param learnedBy who applied the payment by hand the first time (the IAM principal)
 * @param learnedAt when it was first learned
 * @param confirmedAt when it was last learned again (= learnedAt until then)
 * @param confirmations how many manual applications taught it (1 when first learned)
 * @param learnedFrom the payments it was learned from, oldest first, at most {@link #MAX_LEARNED_FROM} (the
 *     most recent): undoing one of those applications takes that payment out, and the alias goes with the last
 */
public record PayerAlias(String id, String bankKey, String payerName, String remittedFrom, String customerId,
        String learnedBy, Instant learnedAt, Instant confirmedAt, int confirmations, List<String> learnedFrom,
        Long version) {

    public static final int MAX_LEARNED_FROM = 20;

    public PayerAlias {
        id = Ids.check(id, "alias id");
        bankKey = required(bankKey, "bank key", 300);
        payerName = required(payerName, "payer name", 300);
        remittedFrom = optional(remittedFrom, "remitted from", 64);
        customerId = Ids.check(customerId, "customer id");
        learnedBy = required(learnedBy, "learned by", 2048);
        notNull(learnedAt, "learnedAt");
        notNull(confirmedAt, "confirmedAt");
        if (confirmations < 1) {
            throw new IllegalArgumentException("an alias is learned at least once, got " + confirmations);
        }
        learnedFrom = List.copyOf(notNull(learnedFrom, "learnedFrom"));
        if (learnedFrom.isEmpty() || learnedFrom.size() > MAX_LEARNED_FROM) {
            throw new IllegalArgumentException("an alias is learned from 1.." + MAX_LEARNED_FROM + " payments");
        }
    }

    /** The payment it was first learned from (of those it still remembers). */
    public String learnedFromPayment() {
        return learnedFrom.get(0);
    }
}
