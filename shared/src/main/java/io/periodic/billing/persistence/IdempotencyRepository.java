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
     * The outcome of claiming a key: {@code won} — the caller does the work, {@code request} is the stored claim (with
     * its version, to complete it) — or not, and {@code request} is what was stored under the key earlier.
     */
    public record Claim(boolean won, IdempotentRequest request) {}

    /** Claims the key for this request (create-once). */
    public Claim claim(IdempotentRequest request) {
        try {
            return new Claim(true, requests.create(request));
        } catch (AlreadyExistsException taken) {
            return new Claim(false, get(request.key()).orElseThrow(() -> taken));
        }
    }

    public Optional<IdempotentRequest> get(String key) {
        return requests.get(pk(key), "IDEMPOTENCY");
    }

    /** Stores the request's outcome (version-checked: only the holder of the claim completes it). */
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
