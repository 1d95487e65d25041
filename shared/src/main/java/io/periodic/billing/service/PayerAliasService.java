package io.periodic.billing.service;

import io.periodic.billing.model.PayerAlias;
import io.periodic.billing.model.Payment;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.payments.PayerAliases;
import io.periodic.billing.persistence.BillingStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The payer aliases learned from manual applications ({@link ManualPaymentApplication} learns them): a customer's
 * aliases with their conflicts, forgetting one by hand, and forgetting what an undone application taught.
 */
public final class PayerAliasService {
    private static final Pattern ALIAS_ID = Pattern.compile("pal_[0-9a-f]{24}");

    private final BillingStore store;
    private final ConflictRetry retry = ConflictRetry.standard();

    public PayerAliasService(BillingStore store) {
        this.store = store;
    }

    /**
     * An alias as a person sees it.
     *
     * @param conflictsWith the other customers its bank key also points at (empty: none); an alias in conflict is
     *     never used automatically
     */
    public record AliasView(PayerAlias alias, List<String> conflictsWith) {
        public AliasView {
            conflictsWith = List.copyOf(conflictsWith);
        }

        public boolean conflict() {
            return !conflictsWith.isEmpty();
        }
    }

    /** A customer's learned aliases, each with its conflicts; {@link NotFoundException} for an unknown customer. */
    public List<AliasView> aliasesOf(String customerId) {
        requireCustomer(customerId);
        List<AliasView> views = new ArrayList<>();
        Map<String, List<PayerAlias>> byKey = new HashMap<>();
        for (PayerAlias alias : store.payerAliases().byCustomer(customerId)) {
            List<PayerAlias> ofKey = byKey.computeIfAbsent(alias.bankKey(), store.payerAliases()::byKey);
            views.add(new AliasView(alias, PayerAliases.conflicts(alias, ofKey)));
        }
        return views;
    }

    /**
     * Forgets one of a customer's aliases. Idempotent: an alias that is not (or no longer) there changes nothing.
     * {@link NotFoundException} for an unknown customer or a string that is no alias id.
     *
     * @return whether an alias was deleted
     */
    public boolean forget(String customerId, String aliasId) {
        requireCustomer(customerId);
        if (aliasId == null || !ALIAS_ID.matcher(aliasId).matches()) {
            throw new NotFoundException("payer alias", String.valueOf(aliasId));
        }
        for (PayerAlias alias : store.payerAliases().byCustomer(customerId)) {
            if (alias.id().equals(aliasId)) {
                store.payerAliases().delete(alias);
                return true;
            }
        }
        return false;
    }

    /**
     * Forgets what the manual application of a payment taught (for undoing it): the payment is taken out of the
     * alias it helped learn, and the alias deleted when it was the only one. Idempotent.
     *
     * @return the alias as it was before, or empty when the payment taught none
     */
    public Optional<PayerAlias> forgetAliasLearnedFrom(String paymentId) {
        Payment payment = store.payments().get(paymentId)
                .orElseThrow(() -> new NotFoundException("payment", paymentId));
        String key = payment.payer().name() == null ? null : BankNames.key(payment.payer().name());
        if (key == null) {
            return Optional.empty();
        }
        return retry.run(() -> {
            for (PayerAlias alias : store.payerAliases().byKey(key)) {
                if (!alias.learnedFrom().contains(paymentId)) {
                    continue;
                }
                PayerAlias current = store.payerAliases().get(key, alias.id()).orElse(null);
                if (current == null || !current.learnedFrom().contains(paymentId)) {
                    continue; // forgotten meanwhile
                }
                PayerAlias after = PayerAliases.unlearn(current, paymentId);
                if (after == null) {
                    store.payerAliases().delete(current);
                } else {
                    store.payerAliases().update(after);
                }
                return Optional.of(current);
            }
            return Optional.<PayerAlias>empty();
        });
    }

    private void requireCustomer(String customerId) {
        if (store.customers().get(customerId).isEmpty()) {
            throw new NotFoundException("customer", customerId);
        }
    }
}
