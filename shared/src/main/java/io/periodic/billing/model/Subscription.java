package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.optional;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.BillingSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A customer's subscription to one or more plans that share one billing interval.
 *
 * <p>Periods are computed from {@code anchor} ({@link BillingSchedule}): period n starts at anchor + n intervals,
 * never stepped from the previous period. {@code nextPeriodIndex} is the next period to invoice and {@code
 * nextBillingAt} the instant it becomes due (local midnight of its start in the customer's zone); both are
 * advanced together by the generator.
 *
 * @param trialEnd first day after the trial (exclusive end), or null when there is no trial
 * @param cancelAtPeriodEnd end the subscription at the end of the current period instead of renewing it
 * @param parkedReason set when invoicing failed unexpectedly: the scheduler skips it until an operator releases it
 * @param pendingCharges prorations and adjustments waiting for the next invoice
 */
public record Subscription(
        String id,
        String customerId,
        List<SubscriptionItem> items,
        LocalDate anchor,
        BillingInterval interval,
        SubscriptionStatus status,
        boolean cancelAtPeriodEnd,
        LocalDate trialEnd,
        long nextPeriodIndex,
        Instant nextBillingAt,
        String parkedReason,
        List<PendingCharge> pendingCharges,
        Instant createdAt,
        Long version) {

    public Subscription {
        id = Ids.check(id, "subscription id");
        customerId = Ids.check(customerId, "customer id");
        notNull(items, "items");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one item");
        }
        items = List.copyOf(items);
        if (items.stream().map(SubscriptionItem::planId).distinct().count() != items.size()) {
            throw new IllegalArgumentException("a plan may appear only once on a subscription; raise its quantity");
        }
        notNull(anchor, "anchor");
        notNull(interval, "interval");
        notNull(status, "status");
        if (trialEnd != null && trialEnd.isBefore(anchor)) {
            throw new IllegalArgumentException("trial end " + trialEnd + " is before the anchor " + anchor);
        }
        if (nextPeriodIndex < 0) {
            throw new IllegalArgumentException("next period index must be >= 0");
        }
        parkedReason = optional(parkedReason, "parked reason", 1000);
        pendingCharges = List.copyOf(pendingCharges == null ? List.of() : pendingCharges);
        if (pendingCharges.stream().map(PendingCharge::id).distinct().count() != pendingCharges.size()) {
            throw new IllegalArgumentException("pending charge ids must be unique on a subscription");
        }
        notNull(createdAt, "createdAt");
    }

    public BillingSchedule schedule() {
        return new BillingSchedule(anchor, interval);
    }

    /** Whether the scheduler should pick this subscription up when {@code nextBillingAt} has passed. */
    public boolean isSchedulable() {
        return status.isBilled() && parkedReason == null && nextBillingAt != null;
    }

    public Subscription withVersion(Long newVersion) {
        return toBuilder().version(newVersion).build();
    }

    public Subscription withStatus(SubscriptionStatus newStatus) {
        return toBuilder().status(newStatus).build();
    }

    public Subscription parked(String reason) {
        return toBuilder().parkedReason(reason).build();
    }

    public Subscription withItems(List<SubscriptionItem> newItems, List<PendingCharge> newPending) {
        return toBuilder().items(newItems).pendingCharges(newPending).build();
    }

    public Subscription withCancelAtPeriodEnd(boolean cancel) {
        return toBuilder().cancelAtPeriodEnd(cancel).build();
    }

    /**
     * The subscription after period {@code billedIndex} was invoiced: next period, its due instant, trial over
     * if it ended, and the pending charges that invoice billed removed.
     */
    public Subscription advancedPast(long billedIndex, Instant nextDue, SubscriptionStatus newStatus,
            Set<String> billedChargeIds) {
        List<PendingCharge> left = pendingCharges.stream().filter(c -> !billedChargeIds.contains(c.id())).toList();
        return toBuilder().status(newStatus).nextPeriodIndex(billedIndex + 1).nextBillingAt(nextDue)
                .pendingCharges(left).build();
    }

    /** Released by a person after fixing what parked it: the scheduler picks it up again at its next due instant. */
    public Subscription released() {
        return parked(null);
    }

    /** Ended: never billed again, out of the scheduler's index. */
    public Subscription canceled() {
        return toBuilder().status(SubscriptionStatus.CANCELED).nextBillingAt(null).build();
    }

    public Subscription advancedTo(long periodIndex, Instant billingAt) {
        return toBuilder().nextPeriodIndex(periodIndex).nextBillingAt(billingAt).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this subscription's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link Subscription}s field by field; {@link #build} runs the record's checks, so a built subscription is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String id;
        private String customerId;
        private List<SubscriptionItem> items;
        private LocalDate anchor;
        private BillingInterval interval;
        private SubscriptionStatus status;
        private boolean cancelAtPeriodEnd;
        private LocalDate trialEnd;
        private long nextPeriodIndex;
        private Instant nextBillingAt;
        private String parkedReason;
        private List<PendingCharge> pendingCharges;
        private Instant createdAt;
        private Long version;

        private Builder() {}

        private Builder(Subscription from) {
            id = from.id;
            customerId = from.customerId;
            items = from.items;
            anchor = from.anchor;
            interval = from.interval;
            status = from.status;
            cancelAtPeriodEnd = from.cancelAtPeriodEnd;
            trialEnd = from.trialEnd;
            nextPeriodIndex = from.nextPeriodIndex;
            nextBillingAt = from.nextBillingAt;
            parkedReason = from.parkedReason;
            pendingCharges = from.pendingCharges;
            createdAt = from.createdAt;
            version = from.version;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder customerId(String value) {
            customerId = value;
            return this;
        }

        public Builder items(List<SubscriptionItem> value) {
            items = value;
            return this;
        }

        public Builder anchor(LocalDate value) {
            anchor = value;
            return this;
        }

        public Builder interval(BillingInterval value) {
            interval = value;
            return this;
        }

        public Builder status(SubscriptionStatus value) {
            status = value;
            return this;
        }

        public Builder cancelAtPeriodEnd(boolean value) {
            cancelAtPeriodEnd = value;
            return this;
        }

        public Builder trialEnd(LocalDate value) {
            trialEnd = value;
            return this;
        }

        public Builder nextPeriodIndex(long value) {
            nextPeriodIndex = value;
            return this;
        }

        public Builder nextBillingAt(Instant value) {
            nextBillingAt = value;
            return this;
        }

        public Builder parkedReason(String value) {
            parkedReason = value;
            return this;
        }

        public Builder pendingCharges(List<PendingCharge> value) {
            pendingCharges = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Subscription build() {
            return new Subscription(id, customerId, items, anchor, interval, status, cancelAtPeriodEnd, trialEnd,
                    nextPeriodIndex, nextBillingAt, parkedReason, pendingCharges, createdAt, version);
        }
    }
}
