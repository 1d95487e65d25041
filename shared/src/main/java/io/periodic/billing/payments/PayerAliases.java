package io.periodic.billing.payments;

import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PayerAlias;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Learned payer aliases, as pure decisions: what a manual application teaches, which customer an alias identifies
 * (rule {@code learned-alias}), when aliases are in conflict, what undoing an application unlearns.
 * <p>
 * An alias names the bank key of a payer's name ({@link BankNames#key}) and, when the source said, the account the
 * payer remitted from (a Zengin credit: the remitting bank and branch). A payment is identified by the aliases of
 * its payer name's key that fit its remitting account (an alias without one fits any); it identifies a customer
 * only when every alias of that key names the same customer: a key that points at two customers is a conflict and
 * is never used automatically.
 */
public final class PayerAliases {
    private PayerAliases() {}

    /** The alias id of (bank key, remitted from, customer): {@code pal_} and 24 hex digits of their SHA-256. */
    public static String id(String bankKey, String remittedFrom, String customerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((bankKey + "\n"
                    + (remittedFrom == null ? "" : remittedFrom) + "\n" + customerId).getBytes(StandardCharsets.UTF_8));
            return "pal_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What applying {@code payment} by hand to invoices of {@code customerIds} teaches: an alias of its payer's name
     * to that customer, or {@code existing} confirmed by one more payment; null when there is nothing to learn (no
     * payer name, a name with no bank key, invoices of several customers, or nothing applied).
     *
     * @param existing the alias with the id this one would have, as stored, or null
     */
    public static PayerAlias learn(Payment payment, Collection<String> customerIds, PayerAlias existing, String by,
            Instant now) {
        Objects.requireNonNull(payment, "payment");
        String name = payment.payer().name();
        String key = name == null ? null : BankNames.key(name);
        if (key == null || customerIds.isEmpty() || new TreeSet<>(customerIds).size() != 1) {
            return null;
        }
        String customerId = customerIds.iterator().next();
        String from = payment.payer().account();
        String id = id(key, from, customerId);
        if (existing == null) {
            return new PayerAlias(id, key, name, from, customerId, by, now, now, 1, List.of(payment.id()), null);
        }
        if (!existing.id().equals(id)) {
            throw new IllegalArgumentException("alias " + existing.id() + " is not " + id);
        }
        if (existing.learnedFrom().contains(payment.id())) {
            return existing; // the same payment applied by hand again (another part of it): nothing new
        }
        List<String> from2 = new ArrayList<>(existing.learnedFrom());
        from2.add(payment.id());
        while (from2.size() > PayerAlias.MAX_LEARNED_FROM) {
            from2.remove(0);
        }
        return new PayerAlias(id, key, name, from, customerId, existing.learnedBy(), existing.learnedAt(), now,
                existing.confirmations() + 1, from2, existing.version());
    }

    /** Who a learned alias says paid, and by which alias. */
    public record Identification(String customerId, PayerAlias alias) {}

    /**
     * The customer the aliases of a payer name's key identify for a payment remitted from {@code remittedFrom}:
     * the one customer of the aliases that fit it, or null when none fits or the key points at more than one
     * customer (a conflict, for a person).
     *
     * @param aliasesOfKey every alias with the payer name's bank key
     */
    public static Identification identify(List<PayerAlias> aliasesOfKey, String remittedFrom) {
        if (customersOf(aliasesOfKey).size() != 1) {
            return null;
        }
        for (PayerAlias alias : aliasesOfKey) {
            if (alias.remittedFrom() == null || alias.remittedFrom().equals(remittedFrom)) {
                return new Identification(alias.customerId(), alias);
            }
        }
        return null;
    }

    /** The other customers the alias's key also points at (empty: no conflict), sorted. */
    public static List<String> conflicts(PayerAlias alias, List<PayerAlias> aliasesOfKey) {
        TreeSet<String> others = customersOf(aliasesOfKey);
        others.remove(alias.customerId());
        return List.copyOf(others);
    }

    /**
     * The alias after undoing the application of {@code paymentId}: without that payment, or null when it was the
     * only one the alias was learned from (the alias is deleted); the alias itself when it was not learned from it.
     */
    public static PayerAlias unlearn(PayerAlias alias, String paymentId) {
        if (!alias.learnedFrom().contains(paymentId)) {
            return alias;
        }
        List<String> rest = new ArrayList<>(alias.learnedFrom());
        rest.remove(paymentId);
        if (rest.isEmpty()) {
            return null;
        }
        return new PayerAlias(alias.id(), alias.bankKey(), alias.payerName(), alias.remittedFrom(),
                alias.customerId(), alias.learnedBy(), alias.learnedAt(), alias.confirmedAt(),
                Math.max(1, alias.confirmations() - 1), rest, alias.version());
    }

    private static TreeSet<String> customersOf(List<PayerAlias> aliases) {
        TreeSet<String> customers = new TreeSet<>();
        for (PayerAlias alias : aliases) {
            customers.add(alias.customerId());
        }
        return customers;
    }
}
