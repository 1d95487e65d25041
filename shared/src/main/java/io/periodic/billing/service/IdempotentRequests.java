package io.periodic.billing.service;

import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.IdempotencyRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * The remembered POST requests behind {@code Idempotency-Key}: a key is claimed once, held by one attempt at a
 * time, taken over when its attempt died, and completed with its answer or released. The management API's
 * idempotency edge decides what to answer; this is what it keeps.
 */
public final class IdempotentRequests {
    private final IdempotencyRepository requests;

    public IdempotentRequests(BillingStore store) {
        this.requests = store.idempotency();
    }

    /**
     * The outcome of claiming a key: {@code won} - the caller does the work, {@code request} is the stored claim
     * (with its version, to complete it) - or not, and {@code request} is what was stored under the key earlier.
     */
    public record Claim(boolean won, IdempotentRequest request) {}

    /** Claims the key for this request (create-once). */
    public Claim claim(IdempotentRequest request) {
        IdempotencyRepository.Claim claimed = requests.claim(request);
        return new Claim(claimed.won(), claimed.request());
    }

    /**
     * Takes over a key whose attempt is taken to be dead ({@link IdempotentRequest#takenOver}); empty when another
     * retry took it over first (version-checked: one retry takes it).
     */
    public Optional<IdempotentRequest> takeOver(IdempotentRequest stored, Instant now) {
        try {
            return Optional.of(requests.update(stored.takenOver(now)));
        } catch (ConcurrentUpdateException raced) {
            return Optional.empty();
        }
    }

    /**
     * Stores a new state of a held request - completed with its answer, or released - if nobody changed it since
     * (version-checked); a failure is the caller's to log: the key's lease then runs out on its own.
     */
    public void save(IdempotentRequest request) {
        requests.update(request);
    }
}
