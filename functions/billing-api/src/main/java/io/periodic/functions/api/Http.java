package io.periodic.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The small HTTP vocabulary of the management API: a parsed request, a response, a refusal. */
final class Http {
    private Http() {}

    /**
     * @param body the parsed JSON body (null when there is none)
     * @param rawBody the body as received, for the idempotency fingerprint
     * @param caller who is calling (the IAM principal's ARN), for records such as manual payment applications
     */
    record Request(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            Map<String, String> headers, JsonNode body, String rawBody, String caller) {

        String pathParam(String name) {
            return pathParams.get(name);
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
     * the body ({@code /billingAddress/country}) or the name of a query or path parameter.
     */
    static final class ApiProblem extends RuntimeException {
        final int status;
        final String type;
        final String pointer;
        final String parameter;

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
    }
}
