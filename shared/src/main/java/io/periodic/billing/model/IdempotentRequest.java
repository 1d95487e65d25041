package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.notNull;
import static io.periodic.billing.model.Checks.required;

import java.time.Duration;
import java.time.Instant;

/**
 * A POST request made with an {@code Idempotency-Key}, remembered for a day so that a retry gets the first answer
 * instead of doing the work twice. Keyed on {@code scope}: the key as the caller's (a SHA-256 of the caller's
 * principal and its key), so two callers never share a key. {@code fingerprint} (a SHA-256 of method, path and
 * body) tells a true retry from a different request that reuses the key.
 *
 * <p>One attempt at a time holds the request, for at most {@link #LEASE}: {@code leaseUntil} is set while an
 * attempt runs and cleared when it ends without a stored answer (a conflict, a dependency failure). A lease that
 * ran out means its attempt died (crash, timeout). {@code interrupted} records that an earlier attempt may have
 * committed its work without storing its answer (it failed or died after starting the work): the next attempt then
 * answers from what was committed instead of doing the work again.
 *
 * @param statusCode the stored response's status, 0 while there is none
 * @param responseBody the stored response's body (JSON), null while there is none
 * @param createdAt when the first attempt started
 * @param leaseUntil until when the running attempt holds the request; null when no attempt holds it
 * @param expiresAt epoch seconds after which DynamoDB's TTL forgets the key
 */
public record IdempotentRequest(String scope, String fingerprint, int statusCode, String responseBody,
        String location, Instant createdAt, Instant leaseUntil, boolean interrupted, long expiresAt, Long version) {

    /**
     * How long one attempt holds the request: far beyond the function's timeout (29 s), so an attempt still holding
     * it after this has died, and a retry takes it over instead of waiting for the key to expire.
     */
    public static final Duration LEASE = Duration.ofMinutes(2);

    public IdempotentRequest {
        scope = required(scope, "idempotency scope", 255);
        fingerprint = required(fingerprint, "fingerprint", 128);
        notNull(createdAt, "createdAt");
    }

    /** The first attempt's claim: it holds the request until {@code now + LEASE}. */
    public static IdempotentRequest claim(String scope, String fingerprint, Instant now, long expiresAt) {
        return new IdempotentRequest(scope, fingerprint, 0, null, null, now, now.plus(LEASE), false, expiresAt, null);
    }

    public boolean completed() {
        return statusCode != 0;
    }

    /** Whether an attempt holds the request at {@code now}. */
    public boolean heldAt(Instant now) {
        return !completed() && leaseUntil != null && leaseUntil.isAfter(now);
    }

    /**
     * Taken over by a new attempt at {@code now}: the previous one ended without an answer, or died holding it
     * (then it may have committed its work: interrupted).
     */
    public IdempotentRequest takenOver(Instant now) {
        return toBuilder().statusCode(0).responseBody(null).location(null).leaseUntil(now.plus(LEASE))
                .interrupted(interrupted || leaseUntil != null).build();
    }

    /**
     * Let go by an attempt that ended without an answer to store: after a definite refusal that wrote nothing (a
     * conflict), or - {@code mayHaveCommitted} - after a failure that may have come after its work was committed.
     */
    public IdempotentRequest released(boolean mayHaveCommitted) {
        return toBuilder().statusCode(0).responseBody(null).location(null).leaseUntil(null)
                .interrupted(interrupted || mayHaveCommitted).build();
    }

    public IdempotentRequest completedWith(int status, String body, String newLocation) {
        return toBuilder().statusCode(status).responseBody(body).location(newLocation).leaseUntil(null).build();
    }

    /** A builder with every field unset (nulls, zeros, false). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's fields: change some, then {@link Builder#build} checks the result. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link IdempotentRequest}s field by field; {@link #build} runs the record's checks, so a built request is as
     * valid as a constructed one.
     */
    public static final class Builder {
        private String scope;
        private String fingerprint;
        private int statusCode;
        private String responseBody;
        private String location;
        private Instant createdAt;
        private Instant leaseUntil;
        private boolean interrupted;
        private long expiresAt;
        private Long version;

        private Builder() {}

        private Builder(IdempotentRequest from) {
            scope = from.scope;
            fingerprint = from.fingerprint;
            statusCode = from.statusCode;
            responseBody = from.responseBody;
            location = from.location;
            createdAt = from.createdAt;
            leaseUntil = from.leaseUntil;
            interrupted = from.interrupted;
            expiresAt = from.expiresAt;
            version = from.version;
        }

        public Builder scope(String value) {
            scope = value;
            return this;
        }

        public Builder fingerprint(String value) {
            fingerprint = value;
            return this;
        }

        public Builder statusCode(int value) {
            statusCode = value;
            return this;
        }

        public Builder responseBody(String value) {
            responseBody = value;
            return this;
        }

        public Builder location(String value) {
            location = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder leaseUntil(Instant value) {
            leaseUntil = value;
            return this;
        }

        public Builder interrupted(boolean value) {
            interrupted = value;
            return this;
        }

        public Builder expiresAt(long value) {
            expiresAt = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public IdempotentRequest build() {
            return new IdempotentRequest(scope, fingerprint, statusCode, responseBody, location, createdAt, leaseUntil,
                    interrupted, expiresAt, version);
        }
    }
}
