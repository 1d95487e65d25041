package io.periodic.billing.webhooks;

import io.periodic.billing.payments.PaymentNotification;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of parsing one verified delivery: notifications to apply, or an event type we deliberately ignore
 * (answer 2xx and record it, so the sender does not retry).
 */
public sealed interface Parsed permits Parsed.Notifications, Parsed.Ignored {

    /** The sender's id of the event (Stripe {@code evt_…}; the {@code webhook-id} header for Standard Webhooks). */
    String eventId();

    /** The sender's event type, e.g. {@code payment_intent.succeeded} or {@code payment.received}. */
    String eventType();

    /**
     * A handled event type. The list may be empty when the event moved no money (a Stripe charge that was only
     * authorised, not captured).
     */
    record Notifications(String eventId, String eventType, List<PaymentNotification> notifications) implements Parsed {
        public Notifications {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(eventType, "eventType");
            notifications = List.copyOf(notifications);
        }
    }

    /** An event type we do not handle. */
    record Ignored(String eventId, String eventType) implements Parsed {
        public Ignored {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(eventType, "eventType");
        }
    }
}
