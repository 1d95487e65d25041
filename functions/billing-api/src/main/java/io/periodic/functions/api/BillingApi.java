package io.periodic.functions.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.IntervalUnit;
import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.invoicing.InvoiceStateException;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Price;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.InvalidCursorException;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.persistence.ThrottledException;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.service.AccountService;
import io.periodic.billing.service.ConflictException;
import io.periodic.billing.service.CorrectionService;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.service.NotFoundException;
import io.periodic.billing.service.PaymentService;
import io.periodic.billing.service.ReportService;
import io.periodic.functions.api.Http.ApiProblem;
import io.periodic.functions.api.Http.Request;
import io.periodic.functions.api.Http.Response;
import io.periodic.functions.api.Http.Route;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The management API: routes (the same table openapi.yaml describes, checked by a test), request parsing, and the
 * calls into the services. Every answer is JSON; every refusal is {@code application/problem+json} (RFC 9457) with
 * the field at fault; a dependency failure answers 503 with {@code Retry-After}, never 500. Bodies are strict
 * JSON: UTF-8 (invalid bytes refused, not replaced), one object, no repeated key, nothing after it.
 */
public final class BillingApi {
    /**
     * Strict JSON: a repeated key is malformed (two readers could see different values - the last one won before),
     * as is anything after the top-level value. NaN and Infinity are refused by Jackson's defaults, and so is a
     * document nested deeper than 1,000 levels (its stream read constraints).
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** The largest body accepted, in bytes (UTF-8). */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** Seconds a client is asked to wait before retrying a 503. */
    static final long RETRY_AFTER_SECONDS = 2;
    static final int DEFAULT_PAGE = 25;
    static final int MAX_PAGE = 100;
    /** Locales documents and reminders are written in; others are refused rather than printed in English. */
    static final Set<String> LANGUAGES = Set.of("en", "ja", "ko", "sr");

    private final BillingStore store;
    private final AccountService accounts;
    private final CorrectionService corrections;
    private final PaymentService payments;
    private final ReportService reports;
    private final DocumentStore documents;
    private final Clock clock;
    private final Idempotency idempotency;
    private final List<Route> routes;

    public BillingApi(BillingStore store, CorrectionService corrections, PaymentService payments,
            DocumentStore documents, Clock clock) {
        this.store = store;
        this.accounts = new AccountService(store, clock);
        this.corrections = corrections;
        this.payments = payments;
        this.reports = new ReportService(store);
        this.documents = documents;
        this.clock = clock;
        this.idempotency = new Idempotency(store.idempotency(), clock);
        this.routes = List.of(
                new Route("POST", "/customers", "createCustomer", this::createCustomer),
                new Route("GET", "/customers/{id}", "getCustomer", this::getCustomer),
                new Route("PATCH", "/customers/{id}", "updateCustomer", this::updateCustomer),
                new Route("POST", "/plans", "createPlan", this::createPlan),
                new Route("GET", "/plans/{id}", "getPlan", this::getPlan),
                new Route("POST", "/subscriptions", "createSubscription", this::createSubscription),
                new Route("GET", "/subscriptions/{id}", "getSubscription", this::getSubscription),
                new Route("POST", "/subscriptions/{id}/changes", "changeSubscription", this::changeSubscription),
                new Route("POST", "/subscriptions/{id}/cancel", "cancelSubscription", this::cancelSubscription),
                new Route("POST", "/subscriptions/{id}/pause", "pauseSubscription", this::pauseSubscription),
                new Route("POST", "/subscriptions/{id}/resume", "resumeSubscription", this::resumeSubscription),
                new Route("GET", "/invoices", "listInvoices", this::listInvoices),
                new Route("GET", "/invoices/{id}", "getInvoice", this::getInvoice),
                new Route("GET", "/invoices/{id}/document", "getInvoiceDocument", this::getInvoiceDocument),
                new Route("POST", "/invoices/{id}/void", "voidInvoice", this::voidInvoice),
                new Route("POST", "/invoices/{id}/credit-notes", "createCreditNote", this::createCreditNote),
                new Route("GET", "/payments", "listPayments", this::listPayments),
                new Route("GET", "/payments/{id}", "getPayment", this::getPayment),
                new Route("POST", "/payments/{id}/applications", "applyPayment", this::applyPayment),
                new Route("GET", "/refunds", "listRefunds", this::listRefunds),
                new Route("GET", "/reports/aging", "agingReport", this::agingReport),
                new Route("GET", "/reports/payment-behaviour", "paymentBehaviourReport", this::behaviourReport),
                new Route("GET", "/reports/collections", "collectionsReport", this::collectionsReport),
                new Route("GET", "/settings", "getSettings", this::getSettings),
                new Route("PUT", "/settings", "putSettings", this::putSettings));
    }

    /** Wires the API over a store with the usual services. */
    public static BillingApi over(BillingStore store, InvoiceNotifications notifications,
            io.periodic.billing.ports.EventPublisher events, DocumentStore documents, Clock clock) {
        return new BillingApi(store, new CorrectionService(store, notifications, clock),
                new PaymentService(store, events, clock), documents, clock);
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
        try {
            Match match = match(method, path);
            JsonNode body = parseBody(method, rawBody, headers);
            Request request = new Request(method, path, match.params(), query == null ? Map.of() : query,
                    headers == null ? Map.of() : headers, body, rawBody, caller == null ? "unknown" : caller);
            String key = "POST".equals(method) ? Idempotency.key(request) : null;
            return key == null ? run(match.route(), request) : idempotency.run(request, key,
                    r -> run(match.route(), r));
        } catch (ApiProblem problem) {
            return problem(problem);
        } catch (RuntimeException failure) {
            io.periodic.billing.lambda.Log.event("api_unavailable", "method", method, "path", path,
                    "error", failure.toString());
            return problem(ApiProblem.unavailable("the request could not be completed right now; nothing was "
                    + "changed that a retry would repeat (POST with the same Idempotency-Key is safe), please retry"));
        }
    }

    /**
     * {@link #handle} for a body received as bytes (API Gateway sends a
     * body it does not take for text base64-encoded): decoded as strict UTF-8, so bytes that are not UTF-8 are
     * refused (400 {@code invalid-encoding}) rather than replaced with U+FFFD.
     */
    public Response handleBytes(String method, String path, Map<String, String> query,
            Map<String, String> headers, byte[] rawBody, String caller) {
        String text;
        try {
            text = rawBody == null ? null : Utf8.decode(rawBody);
        } catch (Utf8.Malformed malformed) {
            return problem(new ApiProblem(400, "invalid-encoding", "the body is not valid UTF-8 (byte "
                    + malformed.offset + "); send JSON encoded as UTF-8", "/", null));
        }
        return handle(method, path, query, headers, text, caller);
    }

    private Response run(Route route, Request request) {
        try {
            return route.operation().handle(request);
        } catch (NotFoundException | NoSuchElementException e) {
            throw ApiProblem.notFound(e.getMessage());
        } catch (ConflictException | InvoiceStateException e) {
            throw ApiProblem.conflict(e.getMessage());
        } catch (AlreadyExistsException e) {
            throw new ApiProblem(409, "already-exists", e.getMessage());
        } catch (InvalidCursorException e) {
            throw new ApiProblem(400, "invalid-cursor", e.getMessage(), null, "cursor");
        } catch (IllegalArgumentException e) {
            // The domain's own validation (records check their invariants): the request cannot work as sent.
            throw new ApiProblem(422, "invalid-request", e.getMessage());
        } catch (ConcurrentUpdateException e) {
            if (e.contention()) {
                // Another transaction kept being in flight on the same items: busy, not in conflict.
                throw ApiProblem.unavailable("the records this request changes are busy with other writes right "
                        + "now; nothing was changed, please retry");
            }
            throw new ApiProblem(409, "concurrent-update", "the record was changed by someone else meanwhile; "
                    + "read it again and retry");
        } catch (ThrottledException e) {
            throw ApiProblem.unavailable("the billing table is throttled right now; nothing was changed, please "
                    + "retry after a pause");
        }
    }

    // ---------------------------------------------------------------- routing

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
            throw new ApiProblem(405, "method-not-allowed", method + " is not allowed on " + printable(path));
        }
        throw ApiProblem.notFound("no resource at " + printable(path));
    }

    private static Map<String, String> matchTemplate(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new java.util.LinkedHashMap<>();
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
            throw ApiProblem.notFound("no " + what + " has the id '" + printable(id) + "': ids are 1-128 characters "
                    + "of A-Z a-z 0-9 _ . : -");
        }
    }

    /** DynamoDB's limit on a partition key value, in UTF-8 bytes; payments are keyed {@code PAY#<id>}. */
    static final int PARTITION_KEY_BYTES = 2048;
    static final int PAYMENT_KEY_PREFIX_BYTES = "PAY#".length();

    /** A body field naming a record: refused on its pointer when no record can have that id. */
    static String idField(JsonIn in, String field) {
        String id = in.string(field);
        if (!Ids.wellFormed(id)) {
            throw ApiProblem.field(in.at(field), "'" + field + "' is not an id we issue: ids are 1-128 characters "
                    + "of A-Z a-z 0-9 _ . : -");
        }
        return id;
    }

    private static String[] split(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.split("/", -1);
    }

    private static JsonNode parseBody(String method, String rawBody, Map<String, String> headers) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        if ("GET".equals(method)) {
            throw new ApiProblem(400, "unexpected-body", "a GET request has no body");
        }
        String type = headers == null ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst()
                .orElse(null);
        if (type != null && !isJson(type)) {
            throw new ApiProblem(415, "unsupported-media-type", "send the body as application/json (UTF-8), not "
                    + printable(type));
        }
        if (rawBody.length() > MAX_BODY_BYTES || utf8Length(rawBody) > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "body-too-large", "the body is larger than 256 KB");
        }
        int replacement = rawBody.indexOf('\uFFFD');
        if (replacement >= 0) {
            // What a lenient decoder leaves of bytes that were not UTF-8: the text is already damaged.
            throw new ApiProblem(400, "invalid-encoding", "the body holds U+FFFD (character " + replacement
                    + "), the mark of bytes that were not UTF-8; send JSON encoded as UTF-8", "/", null);
        }
        try {
            JsonNode body = JSON.readTree(rawBody);
            if (body == null || !body.isObject()) {
                throw new ApiProblem(400, "malformed-json", "the body must be a JSON object", "/", null);
            }
            return body;
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                String pointer = pointerOf(e);
                throw new ApiProblem(400, "duplicate-key", "the key " + pointer + " appears more than once in its "
                        + "object; send each key once", pointer, null);
            }
            throw new ApiProblem(400, "malformed-json", "the body is not valid JSON: " + message, "/", null);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage(),
                    "/", null);
        }
    }

    /** {@code application/json}, with no charset or UTF-8 (JSON is UTF-8: RFC 8259). */
    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")
                    && !parameter.substring(8).replace("\"", "").strip().equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** Where the parser was when it failed, as a JSON pointer ("/" for the document). */
    private static String pointerOf(StreamReadException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            return pointer.isEmpty() ? "/" : pointer;
        }
        return "/";
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    // ---------------------------------------------------------------- customers

    private static final String[] CUSTOMER_FIELDS = {"name", "email", "currency", "timeZone", "locale",
        "paymentTermsDays", "taxRate", "taxId", "address", "externalRef"};
    private static final String[] ADDRESS_FIELDS = {"line1", "line2", "postalCode", "city", "region", "country"};

    private Response createCustomer(Request r) {
        JsonIn in = JsonIn.body(r.body(), CUSTOMER_FIELDS);
        String id = r.derivedId("cus");
        Customer customer = in.build(() -> new Customer(id, in.string("name"), in.string("email"),
                in.currency("currency"), zone(in, true), locale(in, true),
                in.intIn("paymentTermsDays", 0, 365, 14), taxRate(in, TaxRate.ZERO), in.optString("taxId"),
                address(in.object("address", ADDRESS_FIELDS)), in.optString("externalRef"), clock.now(), null));
        Customer created = createOnce(r, () -> accounts.createCustomer(customer), () -> accounts.customer(id));
        return created(Views.customer(created), "/customers/" + created.id());
    }

    private Response getCustomer(Request r) {
        return ok(Views.customer(accounts.customer(r.pathParam("id"))));
    }

    private Response updateCustomer(Request r) {
        JsonIn in = JsonIn.body(r.body(), CUSTOMER_FIELDS);
        in.notCleared("name", "email", "currency", "timeZone", "locale", "paymentTermsDays", "taxRate", "address");
        Customer after = accounts.updateCustomer(r.pathParam("id"), c -> in.build(() -> new Customer(c.id(),
                in.has("name") ? in.string("name") : c.name(),
                in.has("email") ? in.string("email") : c.email(),
                in.has("currency") ? in.currency("currency") : c.currency(),
                in.has("timeZone") ? zone(in, true) : c.timeZone(),
                in.has("locale") ? locale(in, true) : c.locale(),
                in.intIn("paymentTermsDays", 0, 365, c.paymentTermsDays()),
                taxRate(in, c.taxRate()),
                in.present("taxId") ? in.optString("taxId") : c.taxId(),
                in.has("address") ? address(in.object("address", ADDRESS_FIELDS)) : c.billingAddress(),
                in.present("externalRef") ? in.optString("externalRef") : c.externalRef(),
                c.createdAt(), c.version())));
        return ok(Views.customer(after));
    }

    private static ZoneId zone(JsonIn in, boolean required) {
        return in.parsed("timeZone", required, text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not an IANA time zone such as Asia/Tokyo: " + text);
            }
        });
    }

    private static Locale locale(JsonIn in, boolean required) {
        return in.parsed("locale", required, text -> {
            Locale locale;
            try {
                locale = new Locale.Builder().setLanguageTag(text).build();
            } catch (IllformedLocaleException e) {
                throw new IllegalArgumentException("not a BCP 47 language tag such as ja or sr-Latn: " + text);
            }
            if (!LANGUAGES.contains(locale.getLanguage())) {
                throw new IllegalArgumentException("documents are written in en, ja, ko and sr (Latin); got " + text);
            }
            return locale;
        });
    }

    private static TaxRate taxRate(JsonIn in, TaxRate absent) {
        TaxRate rate = in.parsed("taxRate", false, TaxRate::of);
        return rate == null ? absent : rate;
    }

    private static Address address(JsonIn a) {
        return a.build(() -> new Address(a.string("line1"), a.optString("line2"), a.optString("postalCode"),
                a.string("city"), a.optString("region"), a.string("country")));
    }

    // ---------------------------------------------------------------- plans

    private Response createPlan(Request r) {
        JsonIn in = JsonIn.body(r.body(), "name", "currency", "unitAmount", "interval", "intervalCount",
                "trialDays", "taxBehavior");
        Currency currency = in.currency("currency");
        Long unit = in.optAmount("unitAmount");
        if (unit == null) {
            throw ApiProblem.field("/unitAmount", "'unitAmount' is required (minor units, e.g. 1999 for 19.99)");
        }
        IntervalUnit interval = in.parsed("interval", true, text -> switch (text) {
            case "day" -> IntervalUnit.DAY;
            case "week" -> IntervalUnit.WEEK;
            case "month" -> IntervalUnit.MONTH;
            case "year" -> IntervalUnit.YEAR;
            default -> throw new IllegalArgumentException("must be day, week, month or year, got " + text);
        });
        int count = in.intIn("intervalCount", BillingInterval.MIN_COUNT, BillingInterval.MAX_COUNT, 1);
        TaxBehavior tax = in.parsed("taxBehavior", false, text -> switch (text) {
            case "exclusive" -> TaxBehavior.EXCLUSIVE;
            case "inclusive" -> TaxBehavior.INCLUSIVE;
            default -> throw new IllegalArgumentException("must be exclusive or inclusive, got " + text);
        });
        String id = r.derivedId("plan");
        Price plan = in.build(() -> new Price(id, in.string("name"), Money.of(unit, currency),
                BillingInterval.of(interval, count), in.intIn("trialDays", 0, 730, 0),
                tax == null ? TaxBehavior.EXCLUSIVE : tax, true, null));
        Price created = createOnce(r, () -> accounts.createPlan(plan), () -> accounts.plan(id));
        return created(Views.plan(created), "/plans/" + created.id());
    }

    private Response getPlan(Request r) {
        return ok(Views.plan(accounts.plan(r.pathParam("id"))));
    }

    // ---------------------------------------------------------------- subscriptions

    private Response createSubscription(Request r) {
        JsonIn in = JsonIn.body(r.body(), "customerId", "planId", "quantity", "startDate");
        String customerId = idField(in, "customerId");
        String planId = idField(in, "planId");
        long quantity = quantity(in, 1L);
        LocalDate start = in.date("startDate");
        String subscriptionId = r.derivedId("sub");
        io.periodic.billing.model.Subscription subscription;
        try {
            subscription = referencing(() -> createOnce(r,
                    () -> accounts.subscribe(subscriptionId, customerId, planId, quantity, start),
                    () -> accounts.subscription(subscriptionId)),
                    (what, id) -> what.equals("customer") && id.equals(customerId) ? "/customerId"
                            : what.equals("plan") && id.equals(planId) ? "/planId" : null);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field(refused.getMessage().startsWith("startDate") ? "/startDate" : "/quantity",
                    refused.getMessage());
        }
        return created(Views.subscription(subscription), "/subscriptions/" + subscription.id());
    }

    private static long quantity(JsonIn in, Long absent) {
        Long quantity = in.optInteger("quantity");
        if (quantity == null) {
            return absent;
        }
        if (quantity < 1 || quantity > 1_000_000_000L) {
            throw ApiProblem.field("/quantity", "'quantity' must be 1..1000000000, got " + quantity);
        }
        return quantity;
    }

    /**
     * Runs work that reads records a request body names: one that does not exist is a 422 on that field (the URL
     * itself was found), while a missing record the URL names stays a 404. {@code pointer} maps (what, id) to the
     * body field that named it, or null.
     */
    private static <T> T referencing(java.util.function.Supplier<T> work,
            java.util.function.BiFunction<String, String, String> pointer) {
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

    /**
     * Creates a record under an id derived from the request's idempotency key ({@link Request#derivedId}). The id
     * exists already when an earlier attempt of this very request created it and then failed or died before its
     * answer was stored: that record is the answer. Otherwise (a key reused after its 24 hours) it is refused.
     */
    private static <T> T createOnce(Request r, java.util.function.Supplier<T> create,
            java.util.function.Supplier<T> existing) {
        try {
            return create.get();
        } catch (AlreadyExistsException exists) {
            if (r.idempotencyScope() == null) {
                throw exists;
            }
            if (!r.interrupted()) {
                throw keyUsedBefore(r);
            }
            return existing.get();
        }
    }

    private static ApiProblem keyUsedBefore(Request r) {
        return new ApiProblem(422, "idempotency-key-reused", "this Idempotency-Key was used before (more than 24 "
                + "hours ago, for what it created then); use a new key for a new request", null, Idempotency.HEADER);
    }

    private Response getSubscription(Request r) {
        return ok(Views.subscription(accounts.subscription(r.pathParam("id"))));
    }

    private Response changeSubscription(Request r) {
        JsonIn in = JsonIn.body(r.body(), "planId", "quantity", "effectiveDate");
        String planId = in.has("planId") ? idField(in, "planId") : null;
        Long quantity = in.has("quantity") ? quantity(in, null) : null;
        if (planId == null && quantity == null) {
            throw ApiProblem.field("/", "name a new 'planId', a new 'quantity', or both");
        }
        // One change per request: every attempt of it carries the same change id (scoped to the caller's key).
        String changeId = r.idempotencyScope() != null ? "chg" + r.idempotencyScope().substring(0, 16)
                : Ids.newId("chg");
        io.periodic.billing.model.Subscription after;
        try {
            after = referencing(() -> accounts.change(r.pathParam("id"), planId, quantity,
                    in.optDate("effectiveDate"), changeId),
                    (what, id) -> what.equals("plan") && id.equals(planId) ? "/planId" : null);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/quantity", refused.getMessage());
        }
        return ok(Views.subscription(after));
    }

    private Response cancelSubscription(Request r) {
        JsonIn in = JsonIn.optionalBody(r.body(), "atPeriodEnd");
        Boolean atPeriodEnd = in.optBoolean("atPeriodEnd");
        boolean atEnd = atPeriodEnd == null || atPeriodEnd;
        return ok(Views.subscription(transition(r, () -> accounts.cancel(r.pathParam("id"), atEnd),
                s -> s.status() == SubscriptionStatus.CANCELED || atEnd && s.cancelAtPeriodEnd())));
    }

    private Response pauseSubscription(Request r) {
        JsonIn.optionalBody(r.body());
        return ok(Views.subscription(transition(r, () -> accounts.pause(r.pathParam("id")),
                s -> s.status() == SubscriptionStatus.PAUSED)));
    }

    private Response resumeSubscription(Request r) {
        JsonIn.optionalBody(r.body());
        return ok(Views.subscription(transition(r, () -> accounts.resume(r.pathParam("id")),
                s -> s.status() == SubscriptionStatus.ACTIVE || s.status() == SubscriptionStatus.TRIALING)));
    }

    /**
     * A status change that refuses to happen twice (409). When an earlier attempt of this very request may have
     * committed it ({@link Request#interrupted}) and the subscription is where the request takes it, that is the
     * request's success, answered as such.
     */
    private Subscription transition(Request r, java.util.function.Supplier<Subscription> change,
            java.util.function.Predicate<Subscription> done) {
        try {
            return change.get();
        } catch (ConflictException refused) {
            if (r.interrupted()) {
                Subscription now = accounts.subscription(r.pathParam("id"));
                if (done.test(now)) {
                    return now;
                }
            }
            throw refused;
        }
    }

    // ---------------------------------------------------------------- invoices

    private Response listInvoices(Request r) {
        Query q = new Query(r.query(), "customerId", "status", "limit", "cursor");
        String customerId = q.string("customerId");
        if (customerId != null && !Ids.wellFormed(customerId)) {
            throw ApiProblem.parameter("customerId", "'customerId' is not an id we issue: ids are 1-128 characters "
                    + "of A-Z a-z 0-9 _ . : -");
        }
        InvoiceStatus status = q.parsed("status", text -> {
            try {
                return InvoiceStatus.valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be one of draft, open, paid, void, uncollectible");
            }
        });
        int limit = q.limit();
        String cursor = q.string("cursor");
        Page<Invoice> page;
        if (customerId != null) {
            page = status == null ? store.invoices().byCustomer(customerId, limit, cursor)
                    : store.invoices().byCustomer(customerId, status, limit, cursor);
        } else if (status == InvoiceStatus.OPEN) {
            page = store.invoices().openPage(limit, cursor);
        } else {
            throw ApiProblem.parameter("customerId",
                    "'customerId' is required unless status=open (all open invoices)");
        }
        return ok(Views.page(page.items().stream().map(Views::invoiceSummary).toList(), page.cursor()));
    }

    private Invoice invoice(String id) {
        return store.invoices().get(id).orElseThrow(() -> new NotFoundException("invoice", id));
    }

    private Response getInvoice(Request r) {
        Invoice invoice = invoice(r.pathParam("id"));
        return ok(Views.invoice(invoice, store.dunning().history(invoice.id()),
                store.payments().allocationsOfInvoice(invoice.id())));
    }

    private Response getInvoiceDocument(Request r) {
        Query q = new Query(r.query(), "format");
        String format = q.string("format");
        if (format == null) {
            format = "html";
        }
        if (!format.equals("html") && !format.equals("pdf")) {
            throw ApiProblem.parameter("format", "'format' must be html or pdf, got " + format);
        }
        Invoice invoice = invoice(r.pathParam("id"));
        if (invoice.status() == InvoiceStatus.DRAFT) {
            throw ApiProblem.conflict("invoice " + invoice.id() + " is a draft: it has no document yet");
        }
        String htmlKey = InvoiceNotifications.documentKey(invoice);
        String key = format.equals("html") ? htmlKey : htmlKey.substring(0, htmlKey.length() - 5) + ".pdf";
        byte[] content = documents.get(key);
        if (content == null) {
            throw ApiProblem.notFound("the " + format + " document of invoice " + invoice.id() + " is not stored "
                    + (format.equals("pdf") ? "yet (PDFs are rendered within a minute of issue)" : ""));
        }
        if (format.equals("html")) {
            return new Response(200, "text/html; charset=utf-8",
                    new String(content, java.nio.charset.StandardCharsets.UTF_8), false, Map.of());
        }
        return new Response(200, "application/pdf", Base64.getEncoder().encodeToString(content), true,
                Map.of("Content-Disposition", "inline; filename=\"" + (invoice.number() == null ? invoice.id()
                        : invoice.number()) + ".pdf\""));
    }

    private Response voidInvoice(Request r) {
        JsonIn.optionalBody(r.body());
        Invoice invoice = invoice(r.pathParam("id"));
        if (invoice.status() == InvoiceStatus.VOID) {
            if (r.interrupted()) {
                // An earlier attempt of this request voided it and failed or died before answering: answer its
                // success, and make sure what follows a void (document, invoice.voided) happened.
                return ok(Views.invoiceSummary(corrections.voidInvoice(invoice.id())));
            }
            throw ApiProblem.conflict("invoice " + invoice.id() + " is already void");
        }
        if (invoice.status() != InvoiceStatus.OPEN) {
            throw ApiProblem.conflict("only an open invoice can be voided; invoice " + invoice.id() + " is "
                    + Views.lower(invoice.status().name())
                    + (invoice.status() == InvoiceStatus.PAID ? " (issue a credit note instead)" : ""));
        }
        Invoice voided = corrections.voidInvoice(invoice.id());
        return ok(Views.invoiceSummary(voided));
    }

    private Response createCreditNote(Request r) {
        JsonIn in = JsonIn.body(r.body(), "amount", "reason", "disposition");
        Invoice invoice = invoice(r.pathParam("id"));
        Long amount = in.optAmount("amount");
        if (amount != null && amount == 0) {
            throw ApiProblem.field("/amount", "'amount' must be positive (omit it to credit everything not yet credited)");
        }
        String reason = in.string("reason");
        if (reason.strip().length() > 1000) {
            throw ApiProblem.field("/reason", "'reason' may be at most 1000 characters");
        }
        CreditNote.Disposition disposition = in.parsed("disposition", false, text -> switch (text) {
            case "reduce_amount_due" -> CreditNote.Disposition.REDUCE_AMOUNT_DUE;
            case "customer_balance" -> CreditNote.Disposition.CUSTOMER_BALANCE;
            default -> throw new IllegalArgumentException("must be reduce_amount_due or customer_balance, got " + text);
        });
        // One note per request: every attempt of it issues the note under the same id (scoped to the caller's key).
        String noteKey = r.idempotencyScope() != null ? r.idempotencyScope().substring(0, 20) : Ids.newId("k");
        CreditNote note;
        try {
            note = corrections.creditNote(invoice.id(), noteKey, amount == null ? null
                    : Money.of(amount, invoice.currency()), reason,
                    disposition == null ? CreditNote.Disposition.REDUCE_AMOUNT_DUE : disposition);
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/amount", refused.getMessage());
        }
        return created(Views.creditNote(note), "/invoices/" + invoice.id());
    }

    // ---------------------------------------------------------------- payments

    private Response listPayments(Request r) {
        Query q = new Query(r.query(), "status", "limit", "cursor");
        String status = q.string("status");
        if (!"unapplied".equals(status)) {
            throw ApiProblem.parameter("status", "list payments with status=unapplied (payments holding unapplied "
                    + "cash); a customer's payments are on GET /invoices/{id} and GET /payments/{id}");
        }
        Page<Payment> page = store.payments().unappliedPage(q.limit(), q.string("cursor"));
        return ok(Views.page(page.items().stream().map(p -> Views.payment(p, null)).toList(), page.cursor()));
    }

    private Response listRefunds(Request r) {
        Query q = new Query(r.query(), "status", "limit", "cursor");
        if (!"rejected".equals(q.string("status"))) {
            throw ApiProblem.parameter("status", "list refunds with status=rejected (refunds and disputes that can "
                    + "never be applied, e.g. in another currency than their payment, with the reason)");
        }
        Page<io.periodic.billing.model.Refund> page = store.payments().rejectedRefunds(q.limit(), q.string("cursor"));
        return ok(Views.page(page.items().stream().map(Views::refund).toList(), page.cursor()));
    }

    private Response getPayment(Request r) {
        Payment payment = store.payments().get(r.pathParam("id"))
                .orElseThrow(() -> new NotFoundException("payment", r.pathParam("id")));
        return ok(Views.payment(payment, store.payments().allocationsOfPayment(payment.id())));
    }

    private Response applyPayment(Request r) {
        JsonIn in = JsonIn.body(r.body(), "applications");
        List<PaymentService.ManualApplication> applications = new ArrayList<>();
        List<JsonIn> items = in.objectsWithin("applications", 1, PaymentService.MAX_MANUAL_APPLICATIONS,
                " (one application is one transaction, never half-applied, and DynamoDB takes at most "
                        + io.periodic.billing.persistence.PaymentRepository.MAX_TRANSACTION_ITEMS
                        + " items in one: apply to more invoices in several requests)", "invoiceId", "amount");
        List<String> invoiceIds = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonIn item = items.get(i);
            String invoiceId = idField(item, "invoiceId");
            Long amount = item.optAmount("amount");
            if (amount == null || amount == 0) {
                throw ApiProblem.field("/applications/" + i + "/amount", "'amount' is required and must be positive");
            }
            invoiceIds.add(invoiceId);
            applications.add(new PaymentService.ManualApplication(invoiceId, amount));
        }
        long markerExpires = clock.now().plus(Idempotency.KEEP.multipliedBy(2)).getEpochSecond();
        Payment after;
        try {
            after = referencing(() -> payments.applyManually(r.pathParam("id"), applications, r.caller(),
                    r.idempotencyScope(), markerExpires),
                    (what, id) -> what.equals("invoice") && invoiceIds.contains(id)
                            ? "/applications/" + invoiceIds.indexOf(id) + "/invoiceId" : null);
        } catch (AlreadyExistsException committedBefore) {
            // This request's application was committed by an earlier attempt that failed or died before answering.
            if (!r.interrupted()) {
                throw keyUsedBefore(r);
            }
            after = payments.announcePending(r.pathParam("id"));
        } catch (IllegalArgumentException refused) {
            throw ApiProblem.field("/applications", refused.getMessage());
        }
        return ok(Views.payment(after, store.payments().allocationsOfPayment(after.id())));
    }

    // ---------------------------------------------------------------- reports

    private Response agingReport(Request r) {
        Query q = new Query(r.query(), "asOf");
        LocalDate asOf = q.date("asOf");
        return ok(Views.aging(reports.aging(asOf != null ? asOf : LocalDate.ofInstant(clock.now(),
                java.time.ZoneOffset.UTC))));
    }

    private Response behaviourReport(Request r) {
        Query q = new Query(r.query(), "limit", "cursor");
        var page = reports.paymentBehaviour(q.limit(), q.string("cursor"));
        return ok(Views.page(page.items().stream().map(Views::behaviour).toList(), page.cursor()));
    }

    private Response collectionsReport(Request r) {
        Query q = new Query(r.query(), "from", "to");
        LocalDate from = q.date("from");
        LocalDate to = q.date("to");
        if (from == null) {
            throw ApiProblem.parameter("from", "'from' is required (YYYY-MM-DD)");
        }
        if (to == null) {
            throw ApiProblem.parameter("to", "'to' is required (YYYY-MM-DD)");
        }
        try {
            ObjectNode o = Views.F.objectNode();
            o.put("from", from.toString());
            o.put("to", to.toString());
            o.put("timeZone", "UTC");
            ArrayNode days = o.putArray("days");
            reports.collections(from, to).forEach(d -> days.add(Views.collectionsDay(d)));
            return ok(o);
        } catch (IllegalArgumentException badRange) {
            throw ApiProblem.parameter("to", badRange.getMessage());
        }
    }

    // ---------------------------------------------------------------- settings

    private Response getSettings(Request r) {
        return ok(Views.settings(store.settings().seller().orElse(null), store.dunning().defaultPolicy()));
    }

    private Response putSettings(Request r) {
        JsonIn in = JsonIn.body(r.body(), "seller", "numbering", "dunningPolicy");
        JsonIn s = in.object("seller", "name", "address", "email", "phone", "website", "taxId", "bankAccount",
                "paymentLinkTemplate");
        JsonIn n = in.optObject("numbering", "invoicePrefix", "creditNotePrefix", "numberSeries");
        if (n != null) {
            for (String prefix : new String[] {"invoicePrefix", "creditNotePrefix"}) {
                n.parsed(prefix, false, text -> {
                    if (!text.matches("[A-Z]{1,10}")) {
                        throw new IllegalArgumentException("must be 1-10 upper-case letters A-Z, got " + text);
                    }
                    return text;
                });
            }
        }
        JsonIn b = s.optObject("bankAccount", "bankName", "accountHolder", "iban", "bic", "accountNumber", "bankCode");
        SellerProfile.BankAccount bank = b == null ? null : b.build(() -> new SellerProfile.BankAccount(
                b.string("bankName"), b.string("accountHolder"), b.optString("iban"), b.optString("bic"),
                b.optString("accountNumber"), b.optString("bankCode")));
        Address address = address(s.object("address", ADDRESS_FIELDS));
        SellerProfile seller = s.build(() -> new SellerProfile(s.string("name"), address, s.string("email"),
                s.optString("phone"), s.optString("website"), s.optString("taxId"), bank,
                s.optString("paymentLinkTemplate"),
                n == null ? null : n.optString("invoicePrefix"), n == null ? null : n.optString("creditNotePrefix"),
                n == null ? 1 : n.intIn("numberSeries", 1, 26, 1)));
        DunningPolicy policy = null;
        JsonIn d = in.optObject("dunningPolicy", "steps", "lateFee", "markUncollectibleOnSuspend");
        if (d != null) {
            List<DunningPolicy.Step> steps = new ArrayList<>();
            for (JsonIn step : d.objects("steps", 1, StepKind.values().length, "kind", "dayOffset")) {
                StepKind kind = step.parsed("kind", true, text -> {
                    for (StepKind k : StepKind.values()) {
                        if (k.name().toLowerCase(Locale.ROOT).equals(text)) {
                            return k;
                        }
                    }
                    throw new IllegalArgumentException("must be one of courtesy, friendly, firm, late_fee, "
                            + "final_notice, suspend, got " + text);
                });
                int offset = step.intIn("dayOffset", -60, 365, Integer.MIN_VALUE);
                if (offset == Integer.MIN_VALUE) {
                    throw ApiProblem.field(step.at("dayOffset"), "'dayOffset' is required");
                }
                steps.add(new DunningPolicy.Step(kind, offset));
            }
            JsonIn fee = d.optObject("lateFee", "percent", "fixed", "cap");
            LateFee lateFee = fee == null ? LateFee.NONE : fee.build(() -> new LateFee(
                    fee.parsed("percent", false, BillingApi::percent), fee.integerMap("fixed"),
                    fee.integerMap("cap")));
            Boolean writeOff = d.optBoolean("markUncollectibleOnSuspend");
            policy = d.build(() -> new DunningPolicy(steps, lateFee, writeOff != null && writeOff));
        }
        store.settings().putSeller(seller);
        if (policy != null) {
            store.dunning().putDefaultPolicy(policy);
        }
        return getSettings(r);
    }

    // ---------------------------------------------------------------- helpers

    /** A plain decimal percentage such as "1.5" (no sign, exponent or %). */
    private static BigDecimal percent(String text) {
        if (!text.matches("[0-9]{1,3}(\\.[0-9]{1,4})?")) {
            throw new IllegalArgumentException("must be a plain decimal percentage such as \"1.5\", got " + text);
        }
        return new BigDecimal(text);
    }

    /** Query parameters: only the named ones are accepted; each refusal names the parameter. */
    private static final class Query {
        private final Map<String, String> values;

        Query(Map<String, String> values, String... allowed) {
            this.values = values;
            Set<String> names = Set.of(allowed);
            for (String name : values.keySet()) {
                if (!names.contains(name)) {
                    throw ApiProblem.parameter(name, "unknown query parameter '" + name + "'"
                            + (allowed.length == 0 ? "" : "; accepted here: " + String.join(", ", allowed)));
                }
            }
        }

        String string(String name) {
            String v = values.get(name);
            return v == null || v.isEmpty() ? null : v;
        }

        <T> T parsed(String name, java.util.function.Function<String, T> parse) {
            String v = string(name);
            if (v == null) {
                return null;
            }
            try {
                return parse.apply(v);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.parameter(name, "'" + name + "' " + e.getMessage());
            }
        }

        LocalDate date(String name) {
            String v = string(name);
            return v == null ? null : JsonIn.date(v, () -> ApiProblem.parameter(name,
                    "'" + name + "' must be a real calendar date written YYYY-MM-DD, got '" + v + "'"));
        }

        int limit() {
            String v = string("limit");
            if (v == null) {
                return DEFAULT_PAGE;
            }
            try {
                int limit = Integer.parseInt(v);
                if (limit >= 1 && limit <= MAX_PAGE) {
                    return limit;
                }
            } catch (NumberFormatException ignored) {
                // refused below
            }
            throw ApiProblem.parameter("limit", "'limit' must be an integer 1.." + MAX_PAGE + ", got '" + v + "'");
        }
    }

    private static Response ok(ObjectNode body) {
        return Response.json(200, write(body));
    }

    private static Response created(ObjectNode body, String location) {
        return Response.json(201, write(body)).withHeader("Location", location);
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response problem(ApiProblem p) {
        Response response = new Response(p.status, "application/problem+json", problemBody(p), false, Map.of());
        return p.retryAfter > 0 ? response.withHeader("Retry-After", Long.toString(p.retryAfter)) : response;
    }

    static String problemBody(ApiProblem p) {
        ObjectNode o = Views.F.objectNode();
        o.put("type", io.periodic.billing.lambda.Problem.BASE + p.type);
        o.put("title", io.periodic.billing.lambda.Problem.title(p.status));
        o.put("status", p.status);
        o.put("detail", p.getMessage());
        if (p.pointer != null || p.parameter != null) {
            ObjectNode error = o.putArray("errors").addObject();
            error.put("detail", p.getMessage());
            if (p.pointer != null) {
                error.put("pointer", p.pointer);
            } else {
                error.put("parameter", p.parameter);
            }
        }
        return write(o);
    }

    private static String printable(String path) {
        String p = path.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
