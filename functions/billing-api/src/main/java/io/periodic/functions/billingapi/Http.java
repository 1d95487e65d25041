package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.lambda.Problem;
import io.periodic.billing.model.Ids;
import io.periodic.billing.service.NotFoundException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The small HTTP vocabulary of the management API: a parsed request, a response, a refusal, a route, and a
 * resource (the routes of one resource family, e.g. {@link InvoiceRoutes}).
 */
final class Http {
    private Http() {}

    /**
     * @param body the parsed JSON body (null when there is none)
     * @param rawBody the body as received, for the idempotency fingerprint
     * @param caller who is calling (the IAM principal's ARN): records such as manual payment applications, and the
     *     owner of its idempotency keys
     * @param idempotencyScope the request's {@code Idempotency-Key} as the caller's ({@link Idempotency#scope}),
     *     null without a key
     * @param interrupted whether an earlier attempt of this request (same caller and key) may have committed its
     *     work without storing its answer: the operation answers from what was committed instead of doing it again
     * @param bytes the body's bytes, for a {@link Route#binary} route (an image upload); null otherwise
     */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            Map<String, String> headers, JsonNode body, String rawBody, String caller, String idempotencyScope,
            boolean interrupted, byte[] bytes) {

        Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                Map<String, String> headers, JsonNode body, String rawBody, String caller) {
            this(method, path, pathParams, query, headers, body, rawBody, caller, null, false, null);
        }

        /** This request as one attempt under its idempotency scope. */
        Request attempt(String scope, boolean earlierAttemptMayHaveCommitted) {
            return new Request(method, path, pathParams, query, headers, body, rawBody, caller, scope,
                    earlierAttemptMayHaveCommitted, bytes);
        }

        String pathParam(String name) {
            return pathParams.get(name);
        }

        /**
         * The id of what this request creates: derived from its idempotency scope when it has a key (so every
         * attempt of it creates the same record, once), else a new random id. Same shape either way:
         * {@code <prefix>_<32 hex>}.
         */
        String derivedId(String prefix) {
            return idempotencyScope == null ? Ids.newId(prefix) : prefix + "_" + idempotencyScope.substring(0, 32);
        }

        /** A header, case-insensitively. */
        String header(String name) {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    record Response(int status, String contentType, String body, boolean base64, Map<String, String> headers) {
        static Response json(int status, String body) {
            return new Response(status, "application/json", body, false, Map.of());
        }

        static Response ok(ObjectNode body) {
            return json(200, Bodies.write(body));
        }

        static Response created(ObjectNode body, String location) {
            return json(201, Bodies.write(body)).withHeader("Location", location);
        }

        /** 200 with bytes (an image): sent base64-encoded, as API Gateway wants a binary body. */
        static Response bytes(String contentType, byte[] content) {
            return new Response(200, contentType, Base64.getEncoder().encodeToString(content), true, Map.of());
        }

        /** 204: done, nothing to say (a DELETE). */
        static Response noContent() {
            return new Response(204, "application/json", "", false, Map.of());
        }

        Response withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, contentType, body, base64, all);
        }
    }

    /** One operation of the API. */
    @FunctionalInterface
    interface Operation {
        Response handle(Request request);
    }

    /**
     * A route: method and path template ({@code /customers/{id}}) to an operation, named as in openapi.yaml. A
     * {@code binary} route takes its body as bytes ({@link Request#bytes}, e.g. an image), not as JSON.
     */
    record Route(String method, String path, String operationId, Operation operation, boolean binary) {
        Route(String method, String path, String operationId, Operation operation) {
            this(method, path, operationId, operation, false);
        }
    }

    /** The routes of one resource family (one openapi.yaml tag): parsing, one call into a use case, the view. */
    interface Resource {
        List<Route> routes();
    }

    /**
     * Runs work that reads records a request body names: one that does not exist is a 422 on that field (the URL
     * itself was found), while a missing record the URL names stays a 404. {@code pointer} maps (what, id) to the
     * body field that named it, or null.
     */
    static <T> T referencing(Supplier<T> work, BiFunction<String, String, String> pointer) {
        try {
            return work.get();
        } catch (NotFoundException missing) {
            String field = pointer.apply(missing.what(), missing.id());
            if (field == null) {
                throw missing;
            }
            throw new ApiProblem(422, "unknown-reference", missing.getMessage(), field, null);
        }
    }

    /** Text from a request that goes into an answer: printable ASCII, at most 80 characters. */
    static String printable(String text) {
        String p = text.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }

    /**
     * A refusal with an RFC 9457 problem type and, where one field is at fault, where it is: a JSON pointer into
     * the body ({@code /billingAddress/country}) or the name of a query or path parameter. {@code retryAfter}
     * (seconds) when a retry later may succeed (503, 409 request-in-progress).
     */
    static final class ApiProblem extends RuntimeException {
        final int status;
        final String type;
        final String pointer;
        final String parameter;
        long retryAfter;

        ApiProblem(int status, String type, String detail) {
            this(status, type, detail, null, null);
        }

        ApiProblem(int status, String type, String detail, String pointer, String parameter) {
            super(detail);
            this.status = status;
            this.type = type;
            this.pointer = pointer;
            this.parameter = parameter;
        }

        ApiProblem retryAfter(long seconds) {
            this.retryAfter = seconds;
            return this;
        }

        static ApiProblem field(String pointer, String detail) {
            return new ApiProblem(422, "invalid-field", detail, pointer, null);
        }

        static ApiProblem parameter(String name, String detail) {
            return new ApiProblem(422, "invalid-parameter", detail, null, name);
        }

        static ApiProblem notFound(String detail) {
            return new ApiProblem(404, "not-found", detail);
        }

        static ApiProblem conflict(String detail) {
            return new ApiProblem(409, "state-conflict", detail);
        }

        /** Busy or failing for now: nothing was written that a retry would repeat. */
        static ApiProblem unavailable(String detail) {
            return new ApiProblem(503, "temporarily-unavailable", detail).retryAfter(BillingApi.RETRY_AFTER_SECONDS);
        }

        /** The problem+json body ({@link Problem}, the project's one renderer). */
        String body() {
            return Problem.body(status, type, getMessage(), pointer, parameter);
        }

        Response response() {
            Response response = new Response(status, Problem.CONTENT_TYPE, body(), false, Map.of());
            return retryAfter > 0 ? response.withHeader("Retry-After", Long.toString(retryAfter)) : response;
        }
    }
}
