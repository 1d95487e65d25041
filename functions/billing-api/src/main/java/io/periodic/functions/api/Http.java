package io.periodic.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Ids;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small HTTP vocabulary of the management API: a parsed request, a response, a refusal. */
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
     */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            Map<String, String> headers, JsonNode body, String rawBody, String caller, String idempotencyScope,
            boolean interrupted) {

        Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                Map<String, String> headers, JsonNode body, String rawBody, String caller) {
            this(method, path, pathParams, query, headers, body, rawBody, caller, null, false);
        }

        /** This request as one attempt under its idempotency scope. */
        Request attempt(String scope, boolean earlierAttemptMayHaveCommitted) {
            return new Request(method, path, pathParams, query, headers, body, rawBody, caller, scope,
                    earlierAttemptMayHaveCommitted);
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

    /** A route: method and path template ({@code /customers/{id}}) to an operation, named as in openapi.yaml. */
    record Route(String method, String path, String operationId, Operation operation) {}

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
    }
}
