package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.IdempotentRequest;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.IdempotentRequests;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotency-Key handling against DynamoDB Local: what is stored, replayed, refused and released. */
@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyTest {
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private BillingStore store;
    private Idempotency idempotency;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void setUp(DynamoDbLocalEngine dynamo) {
        store = new BillingStore(dynamo.client(), BillingTable.LOGICAL_ID);
        idempotency = new Idempotency(new IdempotentRequests(store), () -> NOW);
    }

    private static Request post(String path, String body, String key) {
        return new Request("POST", path, Map.of(), Map.of(), Map.of("Idempotency-Key", key), null, body, "test");
    }

    private Response created(Request r) {
        calls.incrementAndGet();
        return Response.json(201, "{\"id\":\"cus_" + calls.get() + "\"}").withHeader("Location", "/customers/x");
    }

    @Test
    void theSameRequestIsAnsweredFromTheStoreWithoutDoingTheWorkAgain() {
        String key = UUID.randomUUID().toString();
        Response first = idempotency.run(post("/customers", "{\"a\":1}", key), key, this::created);
        Response again = idempotency.run(post("/customers", "{\"a\":1}", key), key, this::created);

        assertEquals(1, calls.get(), "the operation ran once");
        assertEquals(201, again.status());
        assertEquals(first.body(), again.body());
        assertEquals("/customers/x", again.headers().get("Location"));
        assertEquals("true", again.headers().get("Idempotent-Replayed"));
        assertNull(first.headers().get("Idempotent-Replayed"));
        IdempotentRequest stored = store.idempotency().get(Idempotency.scope("test", key)).orElseThrow();
        assertEquals(NOW.plus(Idempotency.KEEP).getEpochSecond(), stored.expiresAt(), "forgotten after 24 h by TTL");
    }

    @Test
    void theSameKeyWithAnotherBodyOrPathIsRefusedAndNothingRuns() {
        String key = UUID.randomUUID().toString();
        idempotency.run(post("/customers", "{\"a\":1}", key), key, this::created);

        ApiProblem otherBody = assertThrows(ApiProblem.class,
                () -> idempotency.run(post("/customers", "{\"a\":2}", key), key, this::created));
        ApiProblem otherPath = assertThrows(ApiProblem.class,
                () -> idempotency.run(post("/plans", "{\"a\":1}", key), key, this::created));

        assertEquals(422, otherBody.status);
        assertEquals("idempotency-key-reused", otherBody.type);
        assertEquals(422, otherPath.status);
        assertEquals(1, calls.get());
    }

    @Test
    void aRetryWhileTheFirstIsStillRunningGetsAConflict() {
        String key = UUID.randomUUID().toString();
        Request request = post("/customers", "{\"a\":1}", key);
        store.idempotency().claim(IdempotentRequest.claim(Idempotency.scope("test", key),
                Idempotency.fingerprint(request), NOW, NOW.getEpochSecond() + 86_400));

        ApiProblem inProgress = assertThrows(ApiProblem.class, () -> idempotency.run(request, key, this::created));

        assertEquals(409, inProgress.status);
        assertEquals("request-in-progress", inProgress.type);
        assertEquals(0, calls.get());
    }

    @Test
    void aRequestAbandonedLongAgoIsTakenOverByTheRetry() {
        String key = UUID.randomUUID().toString();
        Request request = post("/customers", "{\"a\":1}", key);
        Instant crashedAt = NOW.minus(Idempotency.ABANDONED_AFTER).minusSeconds(1);
        store.idempotency().claim(IdempotentRequest.claim(Idempotency.scope("test", key),
                Idempotency.fingerprint(request), crashedAt, crashedAt.getEpochSecond() + 86_400));
        java.util.List<Request> seen = new java.util.ArrayList<>();

        Response retry = idempotency.run(request, key, r -> {
            seen.add(r);
            return created(r);
        });

        assertEquals(201, retry.status());
        assertEquals(1, calls.get());
        assertTrue(seen.get(0).interrupted(), "the dead attempt may have committed: the retry is told so");
        assertEquals(201, store.idempotency().get(Idempotency.scope("test", key)).orElseThrow().statusCode(),
                "completed by the retry");
    }

    @Test
    void aRefusalIsStoredAndReplayedAsTheSameProblem() {
        String key = UUID.randomUUID().toString();
        Request request = post("/subscriptions", "{\"startDate\":\"2027-02-30\"}", key);
        Http.Operation refusing = r -> {
            calls.incrementAndGet();
            throw ApiProblem.field("/startDate", "not a date");
        };

        assertThrows(ApiProblem.class, () -> idempotency.run(request, key, refusing));
        Response replay = idempotency.run(request, key, refusing);

        assertEquals(1, calls.get());
        assertEquals(422, replay.status());
        assertEquals("application/problem+json", replay.contentType());
        assertTrue(replay.body().contains("\"pointer\":\"/startDate\""), replay.body());
    }

    @Test
    void aFailureARetryMayFixFreesTheKeySoTheRetryDoesTheWork() {
        String key = UUID.randomUUID().toString();
        Request request = post("/customers", "{\"a\":1}", key);
        java.util.List<Request> seen = new java.util.ArrayList<>();

        assertThrows(IllegalStateException.class, () -> idempotency.run(request, key, r -> {
            throw new IllegalStateException("DynamoDB unavailable");
        }));
        IdempotentRequest released = store.idempotency().get(Idempotency.scope("test", key)).orElseThrow();
        assertTrue(!released.completed() && !released.heldAt(NOW), "the key was released, no answer stored");
        Response retry = idempotency.run(request, key, r -> {
            seen.add(r);
            return created(r);
        });

        assertEquals(201, retry.status());
        assertEquals(1, calls.get());
        assertNotEquals("true", retry.headers().get("Idempotent-Replayed"));
        assertTrue(seen.get(0).interrupted(), "the failure may have come after a commit: the retry is told so");
    }

    @Test
    void aConflictIsNotStoredAsTheAnswerAndTheRetryIsNotTakenForAnInterruptedAttempt() {
        String key = UUID.randomUUID().toString();
        Request request = post("/customers", "{\"a\":1}", key);
        java.util.List<Request> seen = new java.util.ArrayList<>();
        Http.Operation conflictThenCreated = r -> {
            seen.add(r);
            if (seen.size() == 1) {
                throw new ApiProblem(409, "concurrent-update", "changed meanwhile");
            }
            return created(r);
        };

        ApiProblem conflict = assertThrows(ApiProblem.class, () -> idempotency.run(request, key, conflictThenCreated));
        Response retry = idempotency.run(request, key, conflictThenCreated);

        assertEquals(409, conflict.status);
        assertEquals(201, retry.status(), "the conflict was not replayed");
        assertTrue(!seen.get(1).interrupted(), "a conflict wrote nothing: the retry is a fresh attempt");
    }

    @Test
    void keysAreScopedToTheirCaller() {
        String key = UUID.randomUUID().toString();
        Request alice = new Request("POST", "/customers", Map.of(), Map.of(), Map.of("Idempotency-Key", key), null,
                "{\"a\":1}", "arn:aws:iam::1:user/alice");
        Request bob = new Request("POST", "/customers", Map.of(), Map.of(), Map.of("Idempotency-Key", key), null,
                "{\"a\":2}", "arn:aws:iam::1:user/bob");

        Response first = idempotency.run(alice, key, this::created);
        Response second = idempotency.run(bob, key, this::created);

        assertEquals(2, calls.get(), "bob's request is his own, not a reuse of alice's key");
        assertNotEquals(first.body(), second.body());
        assertNotEquals(Idempotency.scope(alice.caller(), key), Idempotency.scope(bob.caller(), key));
    }

    @Test
    void keysMustBeVisibleAsciiOfAtMost255Characters() {
        for (String bad : new String[] {"", "has space", "ü-umlaut", "x".repeat(256)}) {
            ApiProblem refused = assertThrows(ApiProblem.class, () -> Idempotency.key(post("/customers", "", bad)));
            assertEquals(400, refused.status, bad);
        }
        assertEquals("x".repeat(255), Idempotency.key(post("/customers", "", "x".repeat(255))));
    }
}
