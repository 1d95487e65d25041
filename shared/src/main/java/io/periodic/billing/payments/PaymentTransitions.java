package io.periodic.billing.payments;

import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every change of a payment's status, decided here and nowhere else (plain domain logic):
 * <pre>
 *   event            from                                   to
 *   matched          RECEIVED                               APPLIED, PARTIALLY_APPLIED or UNAPPLIED
 *   applied by hand  UNAPPLIED, PARTIALLY_APPLIED           APPLIED or PARTIALLY_APPLIED
 *   refunded         APPLIED, PARTIALLY_APPLIED, UNAPPLIED  REFUNDED when nothing is left, else as the amounts stand
 *   disputed         APPLIED, PARTIALLY_APPLIED, UNAPPLIED  DISPUTED when nothing is left, else as the amounts stand
 *   unapplied by hand APPLIED, PARTIALLY_APPLIED           UNAPPLIED (every application undone)
 *   dispute won      any but RECEIVED, with something taken  as the amounts stand (what the dispute took is back)
 *   REFUNDED, DISPUTED                                      everything received was taken back (final but for a
 *                                                           dispute won)
 * </pre>
 * Where an event takes a payment follows from its amounts after it ({@link #after}): taken back in full
 * (refunded = received) by a refund: REFUNDED, by a dispute: DISPUTED (the last take-back names it); else nothing
 * applied: UNAPPLIED; else nothing unapplied (applied + refunded = received): APPLIED; else PARTIALLY_APPLIED. So a
 * payment holds unapplied cash exactly when it is UNAPPLIED or PARTIALLY_APPLIED (and while it is RECEIVED).
 * <ul>
 *   <li><b>Matched</b>: once, right after the payment is stored; a payment matched before is not matched again.
 *   <li><b>Applied by hand</b>: only unapplied cash; a payment still being matched is refused for now.
 *   <li><b>Refunded / disputed</b>: a payment not matched yet keeps the take-back waiting (it is decided right
 *       after the matching); one taken back in full has nothing left to take.
 *   <li><b>Unapplied by hand</b> (a person undoes a misapplication): only a payment with something applied; a
 *       payment still being matched is refused for now, one refunded or disputed in full has nothing to undo.
 * </ul>
 * A refusal is data - its reason, or null when the event may happen ({@link #refusal}) - so that each caller
 * reports it its way (the payment matcher: a waiting or ignored refund; the management API: 409).
 */
public final class PaymentTransitions {
    private PaymentTransitions() {}

    /** What happens to a payment, with the statuses it may happen from. */
    public enum Event {
        MATCHED(EnumSet.of(PaymentStatus.RECEIVED)),
        APPLIED_BY_HAND(EnumSet.of(PaymentStatus.UNAPPLIED, PaymentStatus.PARTIALLY_APPLIED)),
        REFUNDED(EnumSet.of(PaymentStatus.APPLIED, PaymentStatus.PARTIALLY_APPLIED, PaymentStatus.UNAPPLIED)),
        DISPUTED(EnumSet.of(PaymentStatus.APPLIED, PaymentStatus.PARTIALLY_APPLIED, PaymentStatus.UNAPPLIED)),
        UNAPPLIED_BY_HAND(EnumSet.of(PaymentStatus.APPLIED, PaymentStatus.PARTIALLY_APPLIED)),
        DISPUTE_WON(EnumSet.complementOf(EnumSet.of(PaymentStatus.RECEIVED)));

        private final Set<PaymentStatus> from;

        Event(Set<PaymentStatus> from) {
            this.from = from;
        }

        /** Whether a payment in {@code status} may undergo it. */
        public boolean allowedFrom(PaymentStatus status) {
            return from.contains(status);
        }

        /** The event of a refund or a dispute. */
        public static Event takingBack(Refund.Kind kind) {
            return kind == Refund.Kind.DISPUTE ? DISPUTED : REFUNDED;
        }
    }

    /** Whether the payment is still to be matched (stored, not yet applied): what a take-back waits for. */
    public static boolean awaitsMatching(Payment payment) {
        return payment.status() == PaymentStatus.RECEIVED;
    }

    /** Why {@code payment} cannot undergo {@code event}; null when it can. */
    public static String refusal(Payment payment, Event event) {
        PaymentStatus status = payment.status();
        return switch (event) {
            case MATCHED -> event.allowedFrom(status) ? null : "payment " + payment.id() + " was already applied";
            case APPLIED_BY_HAND -> awaitsMatching(payment)
                    ? "payment " + payment.id() + " is still being matched; try again shortly"
                    : event.allowedFrom(status) && payment.unapplied().isPositive() ? null
                    : "payment " + payment.id() + " holds no unapplied cash (it is "
                            + status.name().toLowerCase(Locale.ROOT) + ")";
            case REFUNDED, DISPUTED -> awaitsMatching(payment)
                    ? "payment " + payment.id() + " is not matched yet; what it takes back waits for it"
                    : event.allowedFrom(status) && payment.amount().isGreaterThan(payment.refunded()) ? null
                    : "payment " + payment.id() + " is refunded in full already";
            case UNAPPLIED_BY_HAND -> awaitsMatching(payment)
                    ? "payment " + payment.id() + " is still being matched; try again shortly"
                    : event.allowedFrom(status) && payment.applied().isPositive() ? null
                    : "payment " + payment.id() + " has nothing applied to undo (it is "
                            + status.name().toLowerCase(Locale.ROOT) + ")";
            case DISPUTE_WON -> awaitsMatching(payment)
                    ? "payment " + payment.id() + " is not matched yet; its dispute waits for it"
                    : payment.refunded().isPositive() ? null
                    : "payment " + payment.id() + " has nothing taken back to give back";
        };
    }

    /** Refuses ({@link IllegalStateException}, with the {@link #refusal}) an event that may not happen to it. */
    public static void require(Payment payment, Event event) {
        String refusal = refusal(payment, event);
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    /**
     * The status {@code payment} takes when {@code event} leaves its amounts at {@code applied} and
     * {@code refunded} (see the rules above).
     *
     * @throws IllegalStateException with the {@link #refusal} when the event may not happen to it
     */
    public static PaymentStatus after(Payment payment, Event event, Money applied, Money refunded) {
        require(payment, event);
        if ((event == Event.REFUNDED || event == Event.DISPUTED) && refunded.equals(payment.amount())) {
            return event == Event.DISPUTED ? PaymentStatus.DISPUTED : PaymentStatus.REFUNDED;
        }
        if (applied.isZero()) {
            return PaymentStatus.UNAPPLIED;
        }
        return applied.plus(refunded).equals(payment.amount()) ? PaymentStatus.APPLIED
                : PaymentStatus.PARTIALLY_APPLIED;
    }
}
