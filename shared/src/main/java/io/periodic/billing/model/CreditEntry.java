package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.time.Instant;

/**
 * One movement of a customer's credit balance: positive adds credit (overpayment, credit note), negative uses it
 * (applied to an invoice). Its id derives from its source (e.g. {@code overpayment:<paymentId>}), so a retried
 * write creates it once.
 */
public record CreditEntry(String customerId, String id, Money amount, String source, Instant at) {
    public CreditEntry {
        customerId = Ids.check(customerId, "customer id");
        required(id, "credit entry id", 1010); // e.g. overpayment:<payment id>
        notNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a credit entry moves a non-zero amount");
        }
        source = required(source, "source", 1300); // e.g. refund <refund id> of payment <payment id>
        notNull(at, "at");
    }
}
