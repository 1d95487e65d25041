package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;

import io.periodic.billing.money.Money;
import java.util.Currency;

/**
 * A customer's credit balance: money owed to the customer (overpayments, credit notes) that the next invoices
 * use before asking for payment. Never negative. Changed only together with a {@link CreditEntry} explaining it.
 */
public record CreditBalance(String customerId, Money balance, Long version) {
    public CreditBalance {
        customerId = Ids.check(customerId, "customer id");
        notNull(balance, "balance");
        if (balance.isNegative()) {
            throw new IllegalArgumentException("a credit balance cannot be negative: " + balance);
        }
    }

    public static CreditBalance empty(String customerId, Currency currency) {
        return new CreditBalance(customerId, Money.zero(currency), null);
    }

    public CreditBalance withVersion(Long newVersion) {
        return new CreditBalance(customerId, balance, newVersion);
    }
}
