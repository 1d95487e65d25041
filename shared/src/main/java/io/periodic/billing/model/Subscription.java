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
 * A customer's subscription to one or more prices that share one billing interval.
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
        if (items.stream().map(SubscriptionItem::priceId).distinct().count() != items.size()) {
            throw new IllegalArgumentException("a price may appear only once on a subscription; raise its quantity");
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
        return new Subscription(id, customerId, items, anchor, interval, status, cancelAtPeriodEnd, trialEnd,
                nextPeriodIndex, nextBillingAt, parkedReason, pendingCharges, createdAt, newVersion);
    }

    public Subscription withStatus(SubscriptionStatus newStatus) {
        return new Subscription(id, customerId, items, anchor, interval, newStatus, cancelAtPeriodEnd, trialEnd,
                nextPeriodIndex, nextBillingAt, parkedReason, pendingCharges, createdAt, version);
    }

    public Subscription parked(String reason) {
        return new Subscription(id, customerId, items, anchor, interval, status, cancelAtPeriodEnd, trialEnd,
                nextPeriodIndex, nextBillingAt, reason, pendingCharges, createdAt, version);
    }

    public Subscription withItems(List<SubscriptionItem> newItems, List<PendingCharge> newPending) {
        return new Subscription(id, customerId, newItems, anchor, interval, status, cancelAtPeriodEnd, trialEnd,
                nextPeriodIndex, nextBillingAt, parkedReason, newPending, createdAt, version);
    }

    public Subscription withCancelAtPeriodEnd(boolean cancel) {
        return new Subscription(id, customerId, items, anchor, interval, status, cancel, trialEnd,
                nextPeriodIndex, nextBillingAt, parkedReason, pendingCharges, createdAt, version);
    }

    /**
     * The subscription after period {@code billedIndex} was invoiced: next period, its due instant, trial over
     * if it ended, and the pending charges that invoice billed removed.
     */
    public Subscription advancedPast(long billedIndex, Instant nextDue, SubscriptionStatus newStatus,
            Set<String> billedChargeIds) {
        List<PendingCharge> left = pendingCharges.stream().filter(c -> !billedChargeIds.contains(c.id())).toList();
        return new Subscription(id, customerId, items, anchor, interval, newStatus, cancelAtPeriodEnd, trialEnd,
                billedIndex + 1, nextDue, parkedReason, left, createdAt, version);
    }

    /** Released by a person after fixing what parked it: the scheduler picks it up again at its next due instant. */
    public Subscription released() {
        return parked(null);
    }

    /** Ended: never billed again, out of the scheduler's index. */
    public Subscription canceled() {
        return new Subscription(id, customerId, items, anchor, interval, SubscriptionStatus.CANCELED, cancelAtPeriodEnd,
                trialEnd, nextPeriodIndex, null, parkedReason, pendingCharges, createdAt, version);
    }

    public Subscription advancedTo(long periodIndex, Instant billingAt) {
        return new Subscription(id, customerId, items, anchor, interval, status, cancelAtPeriodEnd, trialEnd,
                periodIndex, billingAt, parkedReason, pendingCharges, createdAt, version);
    }
}
