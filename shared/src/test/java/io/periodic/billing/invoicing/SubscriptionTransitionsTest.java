package io.periodic.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.SubscriptionTransitions.Transition;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The status changes of a subscription, specified once ({@link SubscriptionTransitions}). */
class SubscriptionTransitionsTest {
    private static final LocalDate ANCHOR = LocalDate.of(2026, 11, 1);

    private static Subscription in(SubscriptionStatus status) {
        return Samples.subscription(ANCHOR, status, null, new SubscriptionItem("price_1", 1));
    }

    private static Set<SubscriptionStatus> allowed(Transition transition) {
        Set<SubscriptionStatus> allowed = EnumSet.noneOf(SubscriptionStatus.class);
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            if (SubscriptionTransitions.refusal(in(status), transition) == null) {
                allowed.add(status);
            }
        }
        return allowed;
    }

    @Test
    void whichStatusEachTransitionStartsFrom() {
        assertEquals(EnumSet.of(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE,
                SubscriptionStatus.PAUSED), allowed(Transition.CHANGE));
        assertEquals(EnumSet.of(SubscriptionStatus.TRIALING, SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE),
                allowed(Transition.PAUSE));
        assertEquals(EnumSet.of(SubscriptionStatus.PAUSED, SubscriptionStatus.SUSPENDED), allowed(Transition.RESUME));
        assertEquals(EnumSet.complementOf(EnumSet.of(SubscriptionStatus.CANCELED)), allowed(Transition.CANCEL));
        assertEquals(EnumSet.complementOf(EnumSet.of(SubscriptionStatus.SUSPENDED, SubscriptionStatus.CANCELED)),
                allowed(Transition.SUSPEND));
    }

    @Test
    void refusalsSayWhy() {
        assertEquals("a paused subscription cannot be paused",
                SubscriptionTransitions.refusal(in(SubscriptionStatus.PAUSED), Transition.PAUSE));
        assertEquals("a trialing subscription cannot be resumed",
                SubscriptionTransitions.refusal(in(SubscriptionStatus.TRIALING), Transition.RESUME));
        assertEquals("subscription sub_1 is already canceled",
                SubscriptionTransitions.refusal(in(SubscriptionStatus.CANCELED), Transition.CANCEL));
        assertNull(SubscriptionTransitions.refusal(in(SubscriptionStatus.ACTIVE), Transition.CANCEL));
    }

    @Test
    void dunningSuspendsWhatIsNotSuspendedOrCanceledAndLeavesTheRest() {
        assertEquals(SubscriptionStatus.SUSPENDED,
                SubscriptionTransitions.suspended(in(SubscriptionStatus.PAUSED)).status());
        assertEquals(SubscriptionStatus.SUSPENDED,
                SubscriptionTransitions.suspended(in(SubscriptionStatus.ACTIVE)).status());
        Subscription canceled = in(SubscriptionStatus.CANCELED);
        assertSame(canceled, SubscriptionTransitions.suspended(canceled));
        Subscription suspended = in(SubscriptionStatus.SUSPENDED);
        assertSame(suspended, SubscriptionTransitions.suspended(suspended));
    }

    @Test
    void aResumedSubscriptionIsInItsTrialUntilTheTrialEnds() {
        Subscription trial = Samples.subscription(ANCHOR, SubscriptionStatus.PAUSED, ANCHOR.plusDays(14),
                new SubscriptionItem("price_1", 1));
        assertEquals(SubscriptionStatus.TRIALING, SubscriptionTransitions.resumedStatus(trial, ANCHOR.plusDays(13)));
        assertEquals(SubscriptionStatus.ACTIVE, SubscriptionTransitions.resumedStatus(trial, ANCHOR.plusDays(14)),
                "the trial ends at the start of its end date");
        assertEquals(SubscriptionStatus.ACTIVE,
                SubscriptionTransitions.resumedStatus(in(SubscriptionStatus.PAUSED), ANCHOR), "no trial");
    }

    @Test
    void whereEachTransitionTakesASubscription() {
        assertTrue(SubscriptionTransitions.reached(in(SubscriptionStatus.PAUSED), Transition.PAUSE, false));
        assertTrue(SubscriptionTransitions.reached(in(SubscriptionStatus.TRIALING), Transition.RESUME, false));
        assertTrue(SubscriptionTransitions.reached(in(SubscriptionStatus.CANCELED), Transition.CANCEL, false));
        assertTrue(SubscriptionTransitions.reached(in(SubscriptionStatus.ACTIVE).withCancelAtPeriodEnd(true),
                Transition.CANCEL, true));
        assertFalse(SubscriptionTransitions.reached(in(SubscriptionStatus.ACTIVE).withCancelAtPeriodEnd(true),
                Transition.CANCEL, false), "marked to end at period end is not canceled now");
        assertFalse(SubscriptionTransitions.reached(in(SubscriptionStatus.SUSPENDED), Transition.RESUME, false));
    }
}
