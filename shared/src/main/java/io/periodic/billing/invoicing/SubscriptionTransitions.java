package io.periodic.billing.invoicing;

import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every change of a subscription's status a person or dunning asks for, decided here (plain domain logic; the
 * billing cycle's own moves - trial to active, canceled at period end - are {@link BillingCycle}'s, using
 * {@link #inTrialOn}):
 * <pre>
 *   change   from TRIALING, ACTIVE, PAST_DUE, PAUSED      (plan or quantity; the status stays)
 *   pause    from TRIALING, ACTIVE, PAST_DUE              to PAUSED
 *   resume   from PAUSED, SUSPENDED                       to TRIALING while the trial lasts, else ACTIVE
 *   cancel   from anything but CANCELED                   to CANCELED, or marked to end at period end
 *   suspend  from anything but SUSPENDED, CANCELED        to SUSPENDED (dunning; already suspended: as it is)
 * </pre>
 * A refusal is data - its reason, or null when the transition is allowed - so that each caller reports it its way
 * (the management API: 409).
 */
public final class SubscriptionTransitions {
    private SubscriptionTransitions() {}

    /** A status change asked of a subscription, with the statuses it starts from. */
    public enum Transition {
        CHANGE("changed", EnumSet.of(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE,
                SubscriptionStatus.PAST_DUE, SubscriptionStatus.PAUSED)),
        PAUSE("paused", EnumSet.of(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE,
                SubscriptionStatus.PAST_DUE)),
        RESUME("resumed", EnumSet.of(SubscriptionStatus.PAUSED, SubscriptionStatus.SUSPENDED)),
        CANCEL("canceled", EnumSet.complementOf(EnumSet.of(SubscriptionStatus.CANCELED))),
        SUSPEND("suspended", EnumSet.complementOf(EnumSet.of(SubscriptionStatus.SUSPENDED,
                SubscriptionStatus.CANCELED)));

        private final String verb;
        private final Set<SubscriptionStatus> from;

        Transition(String verb, Set<SubscriptionStatus> from) {
            this.verb = verb;
            this.from = from;
        }

        /** Whether a subscription in {@code status} may undergo it. */
        public boolean allowedFrom(SubscriptionStatus status) {
            return from.contains(status);
        }
    }

    /** Why {@code subscription} cannot undergo {@code transition}; null when it can. */
    public static String refusal(Subscription subscription, Transition transition) {
        if (transition.allowedFrom(subscription.status())) {
            return null;
        }
        if (transition == Transition.CANCEL) {
            return "subscription " + subscription.id() + " is already canceled";
        }
        return "a " + subscription.status().name().toLowerCase(Locale.ROOT) + " subscription cannot be "
                + transition.verb;
    }

    /** Whether the subscription is in its free trial on {@code date} (the trial ends at the start of trialEnd). */
    public static boolean inTrialOn(Subscription subscription, LocalDate date) {
        return subscription.trialEnd() != null && date.isBefore(subscription.trialEnd());
    }

    /** The status a resumed subscription takes on {@code today}. */
    public static SubscriptionStatus resumedStatus(Subscription subscription, LocalDate today) {
        return inTrialOn(subscription, today) ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE;
    }

    /**
     * The subscription suspended by dunning, or as it is when that does not apply (already suspended, or
     * canceled: nothing to suspend).
     */
    public static Subscription suspended(Subscription subscription) {
        return Transition.SUSPEND.allowedFrom(subscription.status())
                ? subscription.withStatus(SubscriptionStatus.SUSPENDED) : subscription;
    }

    /**
     * Whether the subscription already is where {@code transition} takes it: for a request that may have been
     * made before (an interrupted attempt of the same request) and is refused now, that is its success.
     *
     * @param atPeriodEnd for {@link Transition#CANCEL}: whether the cancel was at period end
     */
    public static boolean reached(Subscription subscription, Transition transition, boolean atPeriodEnd) {
        SubscriptionStatus status = subscription.status();
        return switch (transition) {
            case PAUSE -> status == SubscriptionStatus.PAUSED;
            case RESUME -> status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING;
            case CANCEL -> status == SubscriptionStatus.CANCELED || atPeriodEnd && subscription.cancelAtPeriodEnd();
            case SUSPEND -> status == SubscriptionStatus.SUSPENDED;
            case CHANGE -> false;
        };
    }
}
