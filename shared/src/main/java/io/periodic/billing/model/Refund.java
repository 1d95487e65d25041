package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.time.Instant;

/**
 * Money taken back from a payment: a refund or a dispute (charge-back). Stored once per (payment, refund id). A
 * refund that arrives before its payment waits ({@link Status#WAITING}) and is applied when the payment arrives,
 * so delivery order does not change the outcome.
 */
public record Refund(String paymentId, String refundId, Kind kind, Money amount, Status status, Instant receivedAt,
        Long version) {

    public enum Kind { REFUND, DISPUTE }

    public enum Status {
        /** Its payment is not known yet. */
        WAITING,
        /** Taken back from the payment's unapplied cash, invoices or credit. */
        APPLIED
    }

    public Refund {
        required(paymentId, "payment id", 300);
        required(refundId, "refund id", 255);
        notNull(kind, "kind");
        notNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund takes back a positive amount: " + amount);
        }
        notNull(status, "status");
        notNull(receivedAt, "receivedAt");
    }

    public Refund applied() {
        return new Refund(paymentId, refundId, kind, amount, Status.APPLIED, receivedAt, version);
    }

    public Refund withVersion(Long newVersion) {
        return new Refund(paymentId, refundId, kind, amount, status, receivedAt, newVersion);
    }
}
