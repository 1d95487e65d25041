package io.periodic.functions.api;

import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.persistence.IdempotencyRepository;
import io.periodic.billing.ports.Clock;
import io.periodic.functions.api.Http.ApiProblem;
import io.periodic.functions.api.Http.Request;
import io.periodic.functions.api.Http.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code Idempotency-Key} on POST requests, done here because Powertools' idempotency module does not resolve from
 * our registry. The key is claimed with a create-once write before any work; the response (2xx or 4xx) is stored
 * under it for 24 hours. A retry with the same key and the same method, path and body gets the stored response
 * (marked {@code Idempotent-Replayed: true}); the same key with a different request is refused with 422; a retry
 * while the first is still running gets 409. A request that failed for a reason a retry may fix (503) frees its
 * key, so the retry does the work.
 */
final class Idempotency {
    static final String HEADER = "Idempotency-Key";
    static final Duration KEEP = Duration.ofHours(24);
    /**
     * After this long an unfinished request is taken to be abandoned (the function's timeout is 29 s: it crashed or
     * timed out) and a retry takes the key over instead of waiting 24 hours.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final IdempotencyRepository requests;
    private final Clock clock;

    Idempotency(IdempotencyRepository requests, Clock clock) {
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

    Response run(Request request, String key, Http.Operation operation) {
        var now = clock.now();
        IdempotentRequest claim = new IdempotentRequest(key, fingerprint(request), 0, null, null, now,
                now.plus(KEEP).getEpochSecond(), null);
        IdempotencyRepository.Claim claimed = requests.claim(claim);
        if (!claimed.won()) {
            IdempotentRequest stored = claimed.request();
            if (!stored.fingerprint().equals(claim.fingerprint())) {
                throw new ApiProblem(422, "idempotency-key-reused", "Idempotency-Key '" + key
                        + "' was already used for a different request; use a new key for a new request", null, HEADER);
            }
            if (!stored.completed()) {
                if (stored.createdAt().plus(ABANDONED_AFTER).isAfter(now)) {
                    throw new ApiProblem(409, "request-in-progress", "a request with Idempotency-Key '" + key
                            + "' is still being processed; retry in a moment");
                }
                IdempotentRequest takenOver;
                try {
                    takenOver = requests.complete(stored.restartedAt(now)); // version-checked: one retry takes it
                } catch (io.periodic.billing.persistence.ConcurrentUpdateException raced) {
                    throw new ApiProblem(409, "request-in-progress", "a request with Idempotency-Key '" + key
                            + "' is still being processed; retry in a moment");
                }
                return execute(request, takenOver, operation);
            }
            Response replay = new Response(stored.statusCode(), stored.statusCode() >= 400
                    ? "application/problem+json" : "application/json", stored.responseBody(), false,
                    java.util.Map.of()).withHeader("Idempotent-Replayed", "true");
            return stored.location() == null ? replay : replay.withHeader("Location", stored.location());
        }
        return execute(request, claimed.request(), operation);
    }

    /** Does the work and stores its answer on the claim held (no second read of the key). */
    private Response execute(Request request, IdempotentRequest held, Http.Operation operation) {
        String key = held.key();
        Response response;
        try {
            response = operation.handle(request);
        } catch (ApiProblem refused) {
            if (refused.status >= 500) {
                requests.release(key);
                throw refused;
            }
            // A refusal is an answer too: the same request will be refused the same way.
            requests.complete(held.completedWith(refused.status, BillingApi.problemBody(refused), null));
            throw refused;
        } catch (RuntimeException failure) {
            requests.release(key);
            throw failure;
        }
        if (response.status() >= 500) {
            requests.release(key);
        } else {
            requests.complete(held.completedWith(response.status(), response.body(),
                    response.headers().get("Location")));
        }
        return response;
    }

    static String fingerprint(Request request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.method() + " " + request.path() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((request.rawBody() == null ? "" : request.rawBody()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
