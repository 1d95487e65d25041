package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

import io.periodic.billing.money.Money;
import java.time.Instant;

/**
 * Money taken back from a payment: a refund or a dispute (charge-back), as its source reported it. Stored once per
 * (payment, refund id). A refund that arrives before its payment waits ({@link Status#WAITING}) and is decided
 * when the payment arrives, so delivery order does not change the outcome.
 *
 * <p>Refunds are counted so that no refund is counted twice, whatever shape its reports take
 * ({@link io.periodic.billing.payments.RefundTotals}): a refund object ({@code runningTotal} false) reports one
 * refund and its amount; a running total ({@code runningTotal} true, e.g. Stripe's {@code amount_refunded})
 * reports everything refunded from the payment so far. What a refund adds is decided against what the payment's
 * earlier refunds already count; a report that adds nothing is {@link Status#IGNORED}, kept with its reason.
 *
 * @param amount the amount reported: this refund's, or for a running total everything refunded so far
 * @param runningTotal whether {@code amount} is a running total of the payment's refunds
 * @param taken once decided, what it took back from the payment (zero when ignored or rejected)
 * @param reason once decided, why it took back less than it reported, or nothing; for a person
 * @param outcome a dispute's outcome once it closed ({@code charge.dispute.closed}), else null
 */
public record Refund(String paymentId, String refundId, Kind kind, Money amount, Status status, Instant receivedAt,
        boolean runningTotal, Money taken, String reason, Outcome outcome, Long version) {

    public enum Kind { REFUND, DISPUTE }

    /** How a dispute closed. */
    public enum Outcome {
        /** Decided for the seller: the disputed money comes back ({@link Status#REVERSED}). */
        WON,
        /** Decided for the payer: the money stays taken back. */
        LOST
    }

    public enum Status {
        /** Its payment is not known yet. */
        WAITING,
        /** Taken back from the payment's unapplied cash, invoices or credit. */
        APPLIED,
        /** Counted, but it adds nothing to what the payment's other refunds took back (a repeat in another shape). */
        IGNORED,
        /** It can never be applied (e.g. in another currency than its payment): held, with its reason, for a person. */
        REJECTED,
        /**
         * A dispute won: what it took back ({@code taken}, kept as history) was given back to the payment, and it
         * counts for nothing.
         */
        REVERSED
    }

    public Refund {
        required(paymentId, "payment id", 1000);
        required(refundId, "refund id", 255);
        notNull(kind, "kind");
        notNull(amount, "amount");
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a refund takes back a positive amount: " + amount);
        }
        notNull(status, "status");
        notNull(receivedAt, "receivedAt");
        if (runningTotal && kind != Kind.REFUND) {
            throw new IllegalArgumentException("only refunds are reported as running totals");
        }
        if (taken != null && (taken.isNegative() || !taken.currency().equals(amount.currency())
                || taken.isGreaterThan(amount))) {
            throw new IllegalArgumentException("taken " + taken + " is not between zero and " + amount);
        }
        reason = optional(reason, "reason", 1000);
        if (outcome != null && kind != Kind.DISPUTE) {
            throw new IllegalArgumentException("only a dispute has an outcome");
        }
        if (status == Status.REVERSED && outcome != Outcome.WON) {
            throw new IllegalArgumentException("only a won dispute is reversed");
        }
    }

    /** A refund or dispute without an outcome. */
    public Refund(String paymentId, String refundId, Kind kind, Money amount, Status status, Instant receivedAt,
            boolean runningTotal, Money taken, String reason, Long version) {
        this(paymentId, refundId, kind, amount, status, receivedAt, runningTotal, taken, reason, null, version);
    }

    /** A refund or dispute reported with its own amount, not yet decided. */
    public Refund(String paymentId, String refundId, Kind kind, Money amount, Status status, Instant receivedAt,
            Long version) {
        this(paymentId, refundId, kind, amount, status, receivedAt, false, null, null, version);
    }

    /** Applied in full. */
    public Refund applied() {
        return applied(amount, null);
    }

    /** Applied: {@code takenBack} taken back from the payment; {@code why} it is less than reported, if it is. */
    public Refund applied(Money takenBack, String why) {
        return toBuilder().status(Status.APPLIED).taken(takenBack).reason(fit(why)).build();
    }

    /** Counted, taking back nothing, because {@code why}. */
    public Refund ignored(String why) {
        return toBuilder().status(Status.IGNORED).taken(Money.zero(amount.currency())).reason(fit(why)).build();
    }

    /** Never to be applied, because {@code why}. */
    public Refund rejected(String why) {
        return toBuilder().status(Status.REJECTED).taken(Money.zero(amount.currency())).reason(fit(why)).build();
    }

    /** The dispute with its outcome recorded (its status unchanged). */
    public Refund closed(Outcome how) {
        return toBuilder().outcome(how).build();
    }

    /** The won dispute given back: what it took is history, it counts for nothing, {@code why} for a person. */
    public Refund reversed(String why) {
        return toBuilder().status(Status.REVERSED).outcome(Outcome.WON).reason(fit(why)).build();
    }

    public Refund withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    private static String fit(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this refund's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Refund}s field by field; {@link #build} runs the record's checks, so a built refund is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String paymentId;
        private String refundId;
        private Kind kind;
        private Money amount;
        private Status status;
        private Instant receivedAt;
        private boolean runningTotal;
        private Money taken;
        private String reason;
        private Outcome outcome;
        private Long version;

        private Builder() {}

        private Builder(Refund from) {
            paymentId = from.paymentId;
            refundId = from.refundId;
            kind = from.kind;
            amount = from.amount;
            status = from.status;
            receivedAt = from.receivedAt;
            runningTotal = from.runningTotal;
            taken = from.taken;
            reason = from.reason;
            outcome = from.outcome;
            version = from.version;
        }

        public Builder paymentId(String value) {
            paymentId = value;
            return this;
        }

        public Builder refundId(String value) {
            refundId = value;
            return this;
        }

        public Builder kind(Kind value) {
            kind = value;
            return this;
        }

        public Builder amount(Money value) {
            amount = value;
            return this;
        }

        public Builder status(Status value) {
            status = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            receivedAt = value;
            return this;
        }

        public Builder runningTotal(boolean value) {
            runningTotal = value;
            return this;
        }

        public Builder taken(Money value) {
            taken = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder outcome(Outcome value) {
            outcome = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Refund build() {
            return new Refund(paymentId, refundId, kind, amount, status, receivedAt, runningTotal, taken, reason,
                    outcome, version);
        }
    }
}
