package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import java.time.Instant;

/**
 * A POST request made with an {@code Idempotency-Key}, remembered for a day so that a retry gets the first answer
 * instead of doing the work twice. Keyed on the client's key; {@code fingerprint} (a SHA-256 of method, path and
 * body) tells a true retry from a different request that reuses the key.
 *
 * @param statusCode the stored response's status, 0 while the first request is still being processed
 * @param responseBody the stored response's body (JSON), null while in progress
 * @param expiresAt epoch seconds after which DynamoDB's TTL forgets the key
 */
public record IdempotentRequest(String key, String fingerprint, int statusCode, String responseBody,
        String location, Instant createdAt, long expiresAt, Long version) {

    public IdempotentRequest {
        key = required(key, "idempotency key", 255);
        fingerprint = required(fingerprint, "fingerprint", 128);
        notNull(createdAt, "createdAt");
    }

    public boolean completed() {
        return statusCode != 0;
    }

    /** Taken over by a retry after the first attempt was abandoned (its function timed out or crashed). */
    public IdempotentRequest restartedAt(Instant now) {
        return new IdempotentRequest(key, fingerprint, 0, null, null, now, expiresAt, version);
    }

    public IdempotentRequest completedWith(int status, String body, String newLocation) {
        return new IdempotentRequest(key, fingerprint, status, body, newLocation, createdAt, expiresAt, version);
    }
}
