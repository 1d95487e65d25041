package io.periodic.functions.billingapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.invoicing.InvoiceStateException;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.model.Ids;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.BadCursorException;
import io.periodic.billing.service.ConcurrentChangeException;
import io.periodic.billing.service.ConflictException;
import io.periodic.billing.service.DuplicateException;
import io.periodic.billing.service.NotFoundException;
import io.periodic.billing.service.StaleSuggestionException;
import io.periodic.billing.service.StoreRefusals;
import io.periodic.billing.service.UnavailableException;
import io.periodic.billing.wiring.Periodic;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The management API's router: finds the route (the same table openapi.yaml describes, checked by a test), parses
 * the body ({@link Bodies}), runs the operation of a resource's routes ({@link CustomerRoutes}, {@link
 * InvoiceRoutes}, ...) through the idempotency store when a POST carries a key, and maps every refusal to {@code
 * application/problem+json} (RFC 9457) with the field at fault. A dependency failure answers 503 with {@code
 * Retry-After}, never 500. The routes parse, call one use case or query service and render the view; the store is
 * reached only through those services.
 */
public final class BillingApi {
    /** The API's strict JSON ({@link Bodies#JSON}). */
    static final ObjectMapper JSON = Bodies.JSON;
    /** Seconds a client is asked to wait before retrying a 503. */
    static final long RETRY_AFTER_SECONDS = 2;
    /** DynamoDB's limit on a partition key value, in UTF-8 bytes; payments are keyed {@code PAY#<id>}. */
    static final int PARTITION_KEY_BYTES = 2048;
    static final int PAYMENT_KEY_PREFIX_BYTES = "PAY#".length();

    private final Idempotency idempotency;
    private final List<Route> routes;

    BillingApi(Idempotency idempotency, List<Http.Resource> resources) {
        this.idempotency = idempotency;
        List<Route> all = new ArrayList<>();
        resources.forEach(resource -> all.addAll(resource.routes()));
        this.routes = List.copyOf(all);
    }

    /** The API over the root's services (one resource per openapi.yaml tag, in its order). */
    public static BillingApi over(Periodic root) {
        Clock clock = root.clock();
        return new BillingApi(new Idempotency(root.idempotentRequests(), clock), List.of(
                new CustomerRoutes(root.accounts(), root.paymentService().payerAliases(), root.deliveryFeedback(),
                        clock),
                new PlanRoutes(root.accounts()),
                new SubscriptionRoutes(root.accounts()),
                new InvoiceRoutes(root.invoiceQueries(), root.corrections()),
                new PaymentRoutes(root.paymentQueries(), root.paymentService(), clock),
                new ReportRoutes(root.reports(), clock),
                new SettingsRoutes(root.settings())));
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * Handles one request: finds the route, parses the body, runs the operation (through the idempotency store
     * when a POST carries a key) and turns every refusal into a problem response.
     */
    public Response handle(String method, String path, Map<String, String> query, Map<String, String> headers,
            String rawBody, String caller) {
        return dispatch(method, path, query, headers, rawBody, null, caller);
    }

    /**
     * The one way in: {@code bytes} is the body of a binary route when it arrived as bytes (else the text body's
     * UTF-8 is taken); a JSON route's body is {@code rawBody}.
     */
    private Response dispatch(String method, String path, Map<String, String> query, Map<String, String> headers,
            String rawBody, byte[] bytes, String caller) {
        try {
            Match match = match(method, path);
            if (match.route().binary()) {
                byte[] body = bytes != null ? bytes
                        : rawBody == null ? new byte[0] : rawBody.getBytes(StandardCharsets.UTF_8);
                return run(match.route(), new Request(method, path, match.params(), query == null ? Map.of() : query,
                        headers == null ? Map.of() : headers, null, null, caller == null ? "unknown" : caller, null,
                        false, body));
            }
            JsonNode body = Bodies.parse(method, rawBody, headers);
            Request request = new Request(method, path, match.params(), query == null ? Map.of() : query,
                    headers == null ? Map.of() : headers, body, rawBody, caller == null ? "unknown" : caller);
            String key = "POST".equals(method) ? Idempotency.key(request) : null;
            return key == null ? run(match.route(), request) : idempotency.run(request, key,
                    r -> run(match.route(), r));
        } catch (ApiProblem problem) {
            return problem.response();
        } catch (RuntimeException failure) {
            Log.event("api_unavailable", "method", method, "path", path, "error", failure.toString());
            return ApiProblem.unavailable("the request could not be completed right now; nothing was changed that "
                    + "a retry would repeat (POST with the same Idempotency-Key is safe), please retry").response();
        }
    }

    /**
     * {@link #handle} for a body received as bytes (API Gateway sends a body it does not take for text
     * base64-encoded): decoded as strict UTF-8, so bytes that are not UTF-8 are refused (400 {@code
     * invalid-encoding}) rather than replaced with U+FFFD.
     */
    public Response handleBytes(String method, String path, Map<String, String> query,
            Map<String, String> headers, byte[] rawBody, String caller) {
        if (rawBody != null && isBinary(method, path)) {
            return dispatch(method, path, query, headers, null, rawBody, caller);
        }
        String text;
        try {
            text = rawBody == null ? null : Utf8.decode(rawBody);
        } catch (Utf8.Malformed malformed) {
            return new ApiProblem(400, "invalid-encoding", "the body is not valid UTF-8 (byte "
                    + malformed.offset + "); send JSON encoded as UTF-8", "/", null).response();
        }
        return handle(method, path, query, headers, text, caller);
    }

    /** {@link #handleBytes} for a body as API Gateway passes it: base64-encoded, else text. */
    public Response handleEvent(String method, String path, Map<String, String> query, Map<String, String> headers,
            String body, boolean base64, String caller) {
        if (body == null || !base64) {
            return handle(method, path, query, headers, body, caller);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            return new ApiProblem(400, "malformed-body", "the body is not valid base64").response();
        }
        return handleBytes(method, path, query, headers, bytes, caller);
    }

    /**
     * Runs the operation and maps what the use cases refuse to problems; what the store refused reaches here in the
     * service layer's words ({@link StoreRefusals}).
     */
    private static Response run(Route route, Request request) {
        try {
            return route.operation().handle(request);
        } catch (RuntimeException failure) {
            throw problem(StoreRefusals.translate(failure));
        }
    }

    /** The problem a refusal is answered with; anything else is rethrown as it is (503 in {@link #handle}). */
    private static RuntimeException problem(RuntimeException e) {
        if (e instanceof NotFoundException || e instanceof NoSuchElementException) {
            return ApiProblem.notFound(e.getMessage());
        } else if (e instanceof ConflictException || e instanceof InvoiceStateException) {
            return ApiProblem.conflict(e.getMessage());
        } else if (e instanceof DuplicateException) {
            return new ApiProblem(409, "already-exists", e.getMessage());
        } else if (e instanceof BadCursorException) {
            return new ApiProblem(400, "invalid-cursor", e.getMessage(), null, "cursor");
        } else if (e instanceof IllegalArgumentException) {
            // The domain's own validation (records check their invariants): the request cannot work as sent.
            return new ApiProblem(422, "invalid-request", e.getMessage());
        } else if (e instanceof StaleSuggestionException) {
            return new ApiProblem(409, "suggestion-stale", e.getMessage());
        } else if (e instanceof ConcurrentChangeException) {
            return new ApiProblem(409, "concurrent-update", e.getMessage());
        } else if (e instanceof UnavailableException) {
            return ApiProblem.unavailable(e.getMessage());
        }
        return e;
    }

    // ---------------------------------------------------------------- routing

    /** Whether the request goes to a route that takes its body as bytes (an image upload). */
    private boolean isBinary(String method, String path) {
        if (path == null || path.length() > 2048) {
            return false;
        }
        String[] parts = split(path);
        for (Route route : routes) {
            if (route.binary() && route.method().equals(method) && matchTemplate(split(route.path()), parts) != null) {
                return true;
            }
        }
        return false;
    }

    record Match(Route route, Map<String, String> params) {}

    private Match match(String method, String path) {
        if (path == null || path.length() > 2048) {
            throw ApiProblem.notFound("no such resource");
        }
        String[] parts = split(path);
        boolean pathMatched = false;
        for (Route route : routes) {
            Map<String, String> params = matchTemplate(split(route.path()), parts);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (route.method().equals(method)) {
                checkIds(route, params);
                return new Match(route, params);
            }
        }
        if (pathMatched) {
            throw new ApiProblem(405, "method-not-allowed", method + " is not allowed on " + Http.printable(path));
        }
        throw ApiProblem.notFound("no resource at " + Http.printable(path));
    }

    private static Map<String, String> matchTemplate(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                String value = Utf8.decodePathSegment(parts[i]);
                if (value == null || value.isEmpty()) {
                    return null; // malformed escapes or not UTF-8: nothing has that name
                }
                params.put(t.substring(1, t.length() - 1), value);
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    /**
     * Refuses, as not found, a path id that no record can have: ids are 1-128 characters of A-Z a-z 0-9 _ . : -
     * (payment ids may be longer: within the key they are looked up under, counted in UTF-8 bytes), so an id that
     * is not never reaches a DynamoDB key (one over its 2,048-byte limit was a "503 please retry").
     */
    private static void checkIds(Route route, Map<String, String> params) {
        String id = params.get("id");
        if (id == null) {
            return;
        }
        boolean possible = route.path().startsWith("/payments/")
                ? Ids.wellFormedPaymentId(id, PAYMENT_KEY_PREFIX_BYTES, PARTITION_KEY_BYTES) : Ids.wellFormed(id);
        if (!possible) {
            String what = route.path().substring(1, route.path().indexOf('/', 1) - 1);
            throw ApiProblem.notFound("no " + what + " has the id '" + Http.printable(id) + "': ids are 1-128 "
                    + "characters of A-Z a-z 0-9 _ . : -");
        }
    }

    private static String[] split(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.split("/", -1);
    }
}
