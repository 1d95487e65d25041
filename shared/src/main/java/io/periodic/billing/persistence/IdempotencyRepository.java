package io.periodic.billing.persistence;

import io.periodic.billing.model.IdempotentRequest;
import java.util.Optional;

/**
 * Remembered POST requests ({@code IDEM#<scope> / IDEMPOTENCY}): created once when a request starts, held by one
 * attempt at a time, completed with its response, forgotten after a day by TTL. The commit marker of a request
 * whose work writes one ({@code IDEM#<scope> / COMMITTED}, see {@link PaymentRepository#commit}) sits next to it.
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
            return new Claim(false, get(request.scope()).orElseThrow(() -> taken));
        }
    }

    public Optional<IdempotentRequest> get(String scope) {
        return requests.get(pk(scope), "IDEMPOTENCY");
    }

    /**
     * Stores a new state of the request - taken over, released, completed - if nobody changed it since it was read
     * (version-checked: one attempt at a time), and returns it with its new version.
     *
     * @throws ConcurrentUpdateException when another attempt changed it meanwhile
     */
    public IdempotentRequest update(IdempotentRequest request) {
        return requests.update(request);
    }

    static String pk(String scope) {
        return "IDEM#" + scope;
    }
}
