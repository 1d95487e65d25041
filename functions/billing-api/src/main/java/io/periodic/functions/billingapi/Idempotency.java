package io.periodic.functions.billingapi;

import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Problem;
import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.DuplicateException;
import io.periodic.billing.service.IdempotentRequests;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST requests, done here because Powertools' idempotency module does not resolve from
 * our registry.
 * <ul>
 *   <li>A key belongs to its caller: it is stored under its <em>scope</em>, a SHA-256 of the caller's IAM principal
 *       and the key, so two callers using the same key never see each other's requests.
 *   <li>The key is claimed with a create-once write before any work, and held by one attempt at a time for at most
 *       {@link IdempotentRequest#LEASE} (an attempt still holding it after that has died; a retry takes it over).
 *   <li>An answer that is the request's answer - a success, or a refusal the same request will get again (400,
 *       404, 422, ...) - is stored for 24 hours and replayed to a retry with the same method, path and body
 *       ({@code Idempotent-Replayed: true}); the same key with a different request is refused with 422.
 *   <li>A transient outcome is never stored: a conflict (409: it describes a moment) or a failure (5xx, an
 *       exception) releases the key, and the retry does the work.
 *   <li>The work itself cannot happen twice: an operation that creates derives the new id from the scope
 *       ({@link Request#derivedId}), so a retry after a crash between the work and storing its answer finds what
 *       the first attempt created; other writes are recognised from what they committed
 *       ({@link Request#interrupted}: an earlier attempt may have committed without storing its answer).
 * </ul>
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final Duration KEEP = Duration.ofHours(24);
    /** After this long an attempt still holding a key is taken to be dead, and a retry takes the key over. */
    static final Duration ABANDONED_AFTER = IdempotentRequest.LEASE;

    private final IdempotentRequests requests;
    private final Clock clock;

    Idempotency(IdempotentRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    /** The request's key, checked (1-255 visible ASCII characters), or null when it has none. */
    static String key(Request request) {
        String key = request.header(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiProblem(400, "invalid-idempotency-key",
                    "Idempotency-Key must be 1-255 visible ASCII characters (a UUID is a good choice)", null, HEADER);
        }
        return key;
    }

    /** The key as the caller's: SHA-256 (hex) of the caller's principal and the key. */
    static String scope(String caller, String key) {
        return sha256(caller + "\u0000" + key);
    }

    Response run(Request request, String key, Http.Operation operation) {
        Instant now = clock.now();
        String scope = scope(request.caller(), key);
        IdempotentRequest claim = IdempotentRequest.claim(scope, fingerprint(request), now,
                now.plus(KEEP).getEpochSecond());
        IdempotentRequests.Claim claimed = requests.claim(claim);
        if (claimed.won()) {
            return execute(request.attempt(scope, false), claimed.request(), operation);
        }
        IdempotentRequest stored = claimed.request();
        if (!stored.fingerprint().equals(claim.fingerprint())) {
            throw new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key '" + key
                    + "' was already used for a different request; use a new key for a new request", null, HEADER);
        }
        if (stored.completed()) {
            Response replay = new Response(stored.statusCode(), stored.statusCode() >= 400
                    ? Problem.CONTENT_TYPE : "application/json", stored.responseBody(), false,
                    Map.of()).withHeader("Idempotent-Replayed", "true");
            return stored.location() == null ? replay : replay.withHeader("Location", stored.location());
        }
        if (stored.heldAt(now)) {
            throw inProgress(key, Duration.between(now, stored.leaseUntil()));
        }
        Optional<IdempotentRequest> takenOver = requests.takeOver(stored, now); // version-checked: one retry takes it
        if (takenOver.isEmpty()) {
            throw inProgress(key, IdempotentRequest.LEASE);
        }
        return execute(request.attempt(scope, takenOver.get().interrupted()), takenOver.get(), operation);
    }

    /**
     * Creates a record under an id derived from the request's idempotency key ({@link Request#derivedId}). The id
     * exists already when an earlier attempt of this very request created it and then failed or died before its
     * answer was stored: that record is the answer. Otherwise (a key reused after its 24 hours) it is refused.
     */
    static <T> T createOnce(Request r, Supplier<T> create, Supplier<T> existing) {
        try {
            return create.get();
        } catch (DuplicateException exists) {
            if (r.idempotencyScope() == null) {
                throw exists;
            }
            if (!r.interrupted()) {
                throw keyUsedBefore();
            }
            return existing.get();
        }
    }

    /** The key was used more than 24 hours ago for what it created then (its answer is no longer kept). */
    static ApiProblem keyUsedBefore() {
        return new ApiProblem(422, "idempotency-key-reused", "this Idempotency-Key was used before (more than 24 "
                + "hours ago, for what it created then); use a new key for a new request", null, HEADER);
    }

    private static ApiProblem inProgress(String key, Duration wait) {
        return new ApiProblem(409, "request-in-progress", "a request with Idempotency-Key '" + key
                + "' is still being processed; retry in a moment")
                .retryAfter(Math.max(1, Math.min(wait.toSeconds() + 1, IdempotentRequest.LEASE.toSeconds())));
    }

    /** Does the work and stores its answer on the claim held (no second read of the key), or lets the key go. */
    private Response execute(Request request, IdempotentRequest held, Http.Operation operation) {
        Response response;
        try {
            response = operation.handle(request);
        } catch (ApiProblem refused) {
            if (refused.status >= 500) {
                release(held, true);
            } else if (refused.status == 409) {
                release(held, false); // a conflict describes a moment, not the request: nothing was written
            } else {
                // A refusal is an answer too: the same request will be refused the same way.
                store(held.completedWith(refused.status, refused.body(), null));
            }
            throw refused;
        } catch (RuntimeException failure) {
            release(held, true);
            throw failure;
        }
        if (response.status() >= 500) {
            release(held, true);
        } else if (response.status() == 409) {
            release(held, false);
        } else {
            store(held.completedWith(response.status(), response.body(), response.headers().get("Location")));
        }
        return response;
    }

    /**
     * Stores the answer. If that fails the answer still goes out (the work is done; the client need not retry);
     * the key stays held until its lease runs out, and a retry after that answers from what was committed.
     */
    private void store(IdempotentRequest completed) {
        try {
            requests.save(completed);
        } catch (RuntimeException failure) {
            Log.event("idempotency_store_failed", "scope", completed.scope(),
                    "error", failure.toString());
        }
    }

    /**
     * Lets the key go without an answer, so that a retry does the work at once. If that fails, the lease runs out
     * on its own; the failure that got us here is what the caller sees.
     */
    private void release(IdempotentRequest held, boolean mayHaveCommitted) {
        try {
            requests.save(held.released(mayHaveCommitted));
        } catch (RuntimeException failure) {
            Log.event("idempotency_release_failed", "scope", held.scope(),
                    "error", failure.toString());
        }
    }

    static String fingerprint(Request request) {
        return sha256(request.method() + " " + request.path() + "\n"
                + (request.rawBody() == null ? "" : request.rawBody()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
