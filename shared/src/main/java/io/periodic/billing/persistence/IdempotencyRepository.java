package io.periodic.billing.persistence;

import io.periodic.billing.model.IdempotentRequest;
import java.util.Optional;

/**
 * Remembered POST requests ({@code IDEM#<key> / IDEMPOTENCY}): created once when a request starts, completed with
 * its response, forgotten after a day by TTL, or deleted when the request failed for a reason a retry may fix.
 */
public final class IdempotencyRepository {
    private final EntityTable<IdempotentRequest> requests;

    IdempotencyRepository(EntityTable<IdempotentRequest> requests) {
        this.requests = requests;
    }

    /**
     * Claims the key for this request. Returns empty when the claim succeeded (the caller does the work), or the
     * request stored earlier under the key (the caller replays or refuses it).
     */
    public Optional<IdempotentRequest> claim(IdempotentRequest request) {
        try {
            requests.create(request);
            return Optional.empty();
        } catch (AlreadyExistsException taken) {
            return get(request.key());
        }
    }

    public Optional<IdempotentRequest> get(String key) {
        return requests.get(pk(key), "IDEMPOTENCY");
    }

    public IdempotentRequest complete(IdempotentRequest completed) {
        return requests.update(completed);
    }

    /** Frees the key after a failure a retry may fix (a dependency was down), so the retry does the work. */
    public void release(String key) {
        requests.delete(pk(key), "IDEMPOTENCY");
    }

    static String pk(String key) {
        return "IDEM#" + key;
    }
}
