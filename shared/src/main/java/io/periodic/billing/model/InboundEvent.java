package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;

/**
 * A verified delivery from a payment gateway or bank, stored before it is acknowledged, once per (provider, event
 * id): a retried delivery finds it and changes nothing. Kept for a year and a month (TTL) as evidence.
 *
 * @param type the source's event type (e.g. {@code payment_intent.succeeded}, {@code camt.054})
 * @param body the delivery's body: the bytes that were sent, as they were sent (at most 256 KB; a text body that
 *     reached us as a string is turned back into bytes in the charset the sender declared). Deliveries stored
 *     before bodies were kept as bytes hold the UTF-8 encoding of the text they were stored as. Null for a Zengin
 *     file (up to 10 MiB, above DynamoDB's 400 KB item limit): its event id is the SHA-256 of its bytes and its
 *     entries are stored as payments.
 * @param notifications how many payment notifications it produced (0 when ignored)
 */
public record InboundEvent(String provider, String eventId, String type, Status status, byte[] body,
        int notifications, Instant receivedAt, long expiresAt, Long version) {

    public enum Status {
        /** Stored; its notifications may not all be on the queue yet (a retry re-enqueues them). */
        RECEIVED,
        /** Its notifications are on the payment queue. */
        ENQUEUED,
        /** A type we do not handle: recorded, acknowledged, nothing else. */
        IGNORED
    }

    public InboundEvent {
        required(provider, "provider", 40);
        required(eventId, "event id", 255);
        required(type, "type", 100);
        notNull(status, "status");
        notNull(receivedAt, "receivedAt");
    }

    public InboundEvent withStatus(Status newStatus) {
        return new InboundEvent(provider, eventId, type, newStatus, body, notifications, receivedAt, expiresAt,
                version);
    }

    public InboundEvent withVersion(Long newVersion) {
        return new InboundEvent(provider, eventId, type, status, body, notifications, receivedAt, expiresAt,
                newVersion);
    }
}
