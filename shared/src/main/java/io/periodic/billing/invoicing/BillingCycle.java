package io.periodic.billing.invoicing;

import io.periodic.billing.calendar.BillingSchedule;
import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * When a subscription is billed, and how it moves on. Periods are billed in advance: period n is invoiced when its
 * first local day starts in the customer's time zone. Every date is computed from the anchor.
 */
public final class BillingCycle {
    /** Default bound of periods caught up unattended after an outage (a year of monthly periods). */
    public static final int DEFAULT_MAX_CATCH_UP = 12;

    private BillingCycle() {}

    /** The instant period {@code n} becomes due: local midnight of its start in the customer's zone. */
    public static Instant dueInstant(Subscription subscription, Customer customer, long n) {
        return LocalDue.startOfLocalDay(subscription.schedule().periodStart(n), customer.timeZone());
    }

    public static BillingDecision decide(Subscription subscription, Customer customer, Instant now, int maxCatchUp) {
        if (subscription.parkedReason() != null) {
            return new BillingDecision.Skip("parked: " + subscription.parkedReason());
        }
        if (!subscription.status().isBilled()) {
            return new BillingDecision.Skip(subscription.status().name().toLowerCase() + " subscriptions are not billed");
        }
        long next = subscription.nextPeriodIndex();
        if (now.isBefore(dueInstant(subscription, customer, next))) {
            return new BillingDecision.NotDue();
        }
        if (subscription.cancelAtPeriodEnd() && next > 0) {
            return new BillingDecision.Cancel(next);
        }
        BillingSchedule schedule = subscription.schedule();
        LocalDate today = LocalDue.localDate(now, customer.timeZone());
        long behind = schedule.periodIndexOf(today) - next + 1;
        if (behind > maxCatchUp) {
            return new BillingDecision.Park(behind + " periods are due (from " + schedule.periodStart(next)
                    + "), more than the " + maxCatchUp + " caught up automatically; review, then release");
        }
        return new BillingDecision.Bill(next);
    }

    /**
     * The subscription after period {@code billedIndex} was invoiced by an invoice that billed {@code
     * billedChargeIds}: the next period and its due instant, a trial that ended becomes active.
     */
    public static Subscription advance(Subscription subscription, Customer customer, long billedIndex,
            Set<String> billedChargeIds) {
        long next = billedIndex + 1;
        LocalDate nextStart = subscription.schedule().periodStart(next);
        SubscriptionStatus status = subscription.status();
        if (status == SubscriptionStatus.TRIALING && !SubscriptionTransitions.inTrialOn(subscription, nextStart)) {
            status = SubscriptionStatus.ACTIVE;
        }
        return subscription.advancedPast(billedIndex, dueInstant(subscription, customer, next), status,
                billedChargeIds);
    }
}
