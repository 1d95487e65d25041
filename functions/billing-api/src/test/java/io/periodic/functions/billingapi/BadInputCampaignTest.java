package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad-input campaign of issue 12, through the real handler (API Gateway v2 events) on DynamoDB Local: for
 * every management route, malformed requests - wrong types, huge and negative amounts, 3-decimal USD, unknown
 * currencies, impossible dates, Unicode edge cases (lone surrogates, NUL, bidi overrides, U+FFFD), 1 MB bodies,
 * deep nesting, repeated keys, trailing content, empty bodies, wrong content types, long, non-UTF-8 and
 * path-traversal ids, tampered cursors, invalid UTF-8. Each must be a 4xx {@code application/problem+json} that
 * names the field (pointer) or parameter at fault where one is; none may be a 5xx; and none may change anything.
 * The webhook and statement routes have their own campaign in the payment-webhook function.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class BadInputCampaignTest {
    /** Any 4xx. */
    private static final int CLIENT_ERROR = 0;

    /**
     * One malformed request. {@code status} the exact status expected (or {@link #CLIENT_ERROR}); {@code at} the
     * pointer or parameter the problem must name (null: none is checked - the whole body, header or path is at
     * fault).
     */
    record Case(String route, String name, String method, String path, Map<String, String> query,
            Map<String, String> headers, String body, byte[] bytes, int status, String at) {}

    private ApiWorld world;
    private String customer;
    private String otherCustomer;
    private String plan;
    private String subscription;
    private Invoice invoice;
    private Payment payment;
    private final List<Case> cases = new ArrayList<>();

    private static final String JSON = "application/json";
    private static final String LONG_ID = "\u00e9".repeat(1_100); // 1,100 characters, 2,200 UTF-8 bytes

    @TestFactory
    Stream<DynamicTest> everyMalformedRequestIsA4xxProblemNamingWhatIsWrong(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
        customer = world.customer("USD");
        otherCustomer = world.customer("USD");
        plan = world.plan("USD", 1_000);
        ApiWorld.Reply sub = world.post("/subscriptions", "{\"customerId\": \"" + customer + "\", \"planId\": \""
                + plan + "\", \"startDate\": \"2027-03-01\"}");
        assertEquals(201, sub.status(), sub.toString());
        subscription = sub.json().get("id").textValue();
        invoice = world.openInvoice(customer, "USD", 5_000);
        world.openInvoice(otherCustomer, "USD", 100);
        world.openInvoice(otherCustomer, "USD", 100);
        payment = world.unappliedPayment(5_000, "USD");

        bodyRoutes();
        customerFields();
        planFields();
        subscriptionFields();
        invoiceFields();
        applicationFields();
        unapplyFields();
        settingsFields();
        brandingFields();
        readRoutes();
        pathsAndMethods();
        idempotencyKeys();

        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.route() + " " + c.name(), () -> check(c)));
        }
        tests.add(DynamicTest.dynamicTest("the campaign covers every route, at least 120 requests", this::coverage));
        tests.add(DynamicTest.dynamicTest("nothing was changed by any of it", this::nothingChanged));
        return tests.stream();
    }

    private void check(Case c) {
        ApiWorld.Reply reply = c.bytes() != null
                ? world.send(ApiWorld.event(c.method(), c.path(), c.query(), c.headers(),
                        Base64.getEncoder().encodeToString(c.bytes()), true, ApiWorld.CALLER))
                : world.send(ApiWorld.event(c.method(), c.path(), c.query(), c.headers(), c.body(), false,
                        ApiWorld.CALLER));
        String shown = reply.status() + " " + (reply.body() == null ? "" : reply.body().substring(0,
                Math.min(400, reply.body().length())));
        assertTrue(reply.status() >= 400 && reply.status() < 500, "a 4xx, never a 5xx: " + shown);
        if (c.status() != CLIENT_ERROR) {
            assertEquals(c.status(), reply.status(), shown);
        }
        assertEquals("application/problem+json", reply.header("Content-Type"), shown);
        JsonNode problem = reply.json();
        assertTrue(problem.path("type").asText().startsWith("https://periodic.dev/problems/"), shown);
        assertEquals(reply.status(), problem.path("status").asInt(), shown);
        assertNotNull(problem.get("title"), shown);
        assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(), shown);
        if (c.at() != null) {
            assertEquals(c.at(), reply.at(), "names the field at fault: " + shown);
        }
    }

    private void coverage() {
        Map<String, Integer> perRoute = new TreeMap<>();
        cases.forEach(c -> perRoute.merge(c.route(), 1, Integer::sum));
        Set<String> routes = new TreeSet<>();
        world.handler.api().routes().forEach(r -> routes.add(r.method() + " " + r.path()));
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(perRoute.keySet());
        assertTrue(missing.isEmpty(), "routes without malformed requests: " + missing);
        assertTrue(cases.size() >= 120, "only " + cases.size() + " requests");
        perRoute.forEach((route, n) -> assertTrue(n >= 3, route + " has only " + n + " requests"));
    }

    private void nothingChanged() {
        assertEquals(InvoiceStatus.OPEN, world.reload(invoice).status());
        assertTrue(world.reload(invoice).amountPaid().isZero());
        Payment now = world.store.payments().get(payment.id()).orElseThrow();
        assertEquals(PaymentStatus.UNAPPLIED, now.status());
        assertTrue(now.applied().isZero());
        assertEquals(SubscriptionStatus.ACTIVE, world.store.subscriptions().get(subscription).orElseThrow().status());
        assertEquals("USD", world.store.customers().get(customer).orElseThrow().currency().getCurrencyCode());
        assertEquals(1, world.store.subscriptions().byCustomer(customer, 10, null).items().size());
        assertEquals(1, world.store.invoices().byCustomer(customer, 10, null).items().size(), "no credit note");
        assertTrue(world.store.credit().notesOfInvoice(customer, invoice.id()).isEmpty(), "no credit note");
        assertTrue(world.store.settings().requireSeller().branding().isEmpty(), "no logo, colour or note stored");
        assertFalse(Files.exists(world.documentsDir().resolve("branding")), "no logo file");
    }

    // ---------------------------------------------------------------- building the table

    private void add(String route, String name, String method, String path, Map<String, String> query,
            Map<String, String> headers, String body, int status, String at) {
        cases.add(new Case(route, name, method, path, query, headers, body, null, status, at));
    }

    private void body(String route, String path, String name, String body, int status, String at) {
        String method = route.substring(0, route.indexOf(' '));
        add(route, name, method, path, Map.of(), Map.of("content-type", JSON), body, status, at);
    }

    /** A field case: 422 on {@code at}. */
    private void field(String route, String path, String name, String body, String at) {
        body(route, path, name, body, 422, at);
    }

    /** A request body route: its path for the fixtures, a valid body, whether a body is required. */
    private record BodyRoute(String route, String path, String valid, boolean required) {}

    private List<BodyRoute> bodyRouteList() {
        return List.of(
                new BodyRoute("POST /customers", "/customers", ApiWorld.customerJson(ApiWorld.freshEmail(), "USD"),
                        true),
                new BodyRoute("PATCH /customers/{id}", "/customers/" + customer, "{\"name\": \"Renamed\"}", true),
                new BodyRoute("POST /plans", "/plans", planJson("1000"), true),
                new BodyRoute("POST /subscriptions", "/subscriptions", subscriptionJson("\"2027-03-01\"", "1"), true),
                new BodyRoute("POST /subscriptions/{id}/changes", "/subscriptions/" + subscription + "/changes",
                        "{\"quantity\": 2}", true),
                new BodyRoute("POST /subscriptions/{id}/cancel", "/subscriptions/" + subscription + "/cancel",
                        "{\"atPeriodEnd\": true}", false),
                new BodyRoute("POST /subscriptions/{id}/pause", "/subscriptions/" + subscription + "/pause", "{}",
                        false),
                new BodyRoute("POST /customers/{id}/delivery-status/clear", "/customers/" + customer
                        + "/delivery-status/clear", "{}", false),
                new BodyRoute("POST /subscriptions/{id}/resume", "/subscriptions/" + subscription + "/resume", "{}",
                        false),
                new BodyRoute("POST /invoices/{id}/void", "/invoices/" + invoice.id() + "/void", "{}", false),
                new BodyRoute("POST /invoices/{id}/credit-notes", "/invoices/" + invoice.id() + "/credit-notes",
                        "{\"amount\": 100, \"reason\": \"goodwill\"}", true),
                new BodyRoute("POST /payments/{id}/applications", "/payments/" + payment.id() + "/applications",
                        applicationsJson("\"" + invoice.id() + "\"", "100"), true),
                new BodyRoute("PUT /settings", "/settings", settingsJson("\"billing@seller.example\"", "\"JP\""),
                        true));
    }

    /** Malformations of the body itself, on every route that takes one. */
    private void bodyRoutes() {
        for (BodyRoute r : bodyRouteList()) {
            String valid = r.valid();
            body(r.route(), r.path(), "truncated JSON", valid.substring(0, valid.length() - 1), 400, "/");
            body(r.route(), r.path(), "an array, not an object", "[" + valid + "]", 400, "/");
            body(r.route(), r.path(), "a string, not an object", "\"" + valid.replace("\"", "'") + "\"", 400, "/");
            body(r.route(), r.path(), "the literal null", "null", CLIENT_ERROR, null);
            body(r.route(), r.path(), "trailing garbage", valid + " garbage", 400, "/");
            body(r.route(), r.path(), "two objects", valid + valid, 400, "/");
            body(r.route(), r.path(), "a comment", "/* x */" + valid, 400, "/");
            body(r.route(), r.path(), "single quotes", valid.contains("\"") ? valid.replace('"', '\'')
                    : "{'x': 1}", 400, "/");
            body(r.route(), r.path(), "10,000 nested arrays", "[".repeat(10_000), 400, "/");
            body(r.route(), r.path(), "10,000 nested objects", "{\"a\":".repeat(10_000), 400, "/");
            body(r.route(), r.path(), "a raw NUL", "{\"a\u0000\": 1}", 400, "/");
            body(r.route(), r.path(), "NaN", "{\"n\": NaN}", 400, "/");
            String first = firstKey(valid);
            String duplicated = first == null ? "{\"x\": 1, \"x\": 2}"
                    : "{\"" + first + "\": null, " + valid.substring(valid.indexOf('{') + 1);
            body(r.route(), r.path(), "a repeated key", duplicated, 400, first == null ? "/x" : "/" + first);
            body(r.route(), r.path(), "an unknown field", "{\"bogus\": 1" + (first == null ? "}"
                    : ", " + valid.substring(valid.indexOf('{') + 1)), 422, "/bogus");
            body(r.route(), r.path(), "a 1 MB body", "{\"x\": \"" + "a".repeat(1024 * 1024) + "\"}", 413, null);
            body(r.route(), r.path(), "U+FFFD left by a lenient decoder", valid.replaceFirst("\\{", "{\"\ufffd\": 1, "),
                    400, "/");
            for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=iso-8859-1", "application/jsonp"}) {
                add(r.route(), "Content-Type " + type, method(r), r.path(), Map.of(), Map.of("content-type", type),
                        valid, 415, null);
            }
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            byte[] broken = new byte[bytes.length + 2];
            broken[0] = bytes[0];
            broken[1] = (byte) 0xc3; // a lead byte without its continuation
            broken[2] = (byte) 0x28;
            System.arraycopy(bytes, 1, broken, 3, bytes.length - 1);
            cases.add(new Case(r.route(), "invalid UTF-8", method(r), r.path(), Map.of(),
                    Map.of("content-type", JSON), null, broken, 400, "/"));
            byte[] latin1 = valid.replaceFirst("\\{", "{\"M\u00fcller\": 1, ").getBytes(StandardCharsets.ISO_8859_1);
            cases.add(new Case(r.route(), "Latin-1 bytes", method(r), r.path(), Map.of(),
                    Map.of("content-type", JSON), null, latin1, 400, "/"));
            if (r.required()) {
                body(r.route(), r.path(), "no body", null, 400, null);
                body(r.route(), r.path(), "a blank body", "  \n ", 400, null);
            }
        }
    }

    private static String method(BodyRoute r) {
        return r.route().substring(0, r.route().indexOf(' '));
    }

    private static String firstKey(String json) {
        var m = java.util.regex.Pattern.compile("^\\s*\\{\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String customerJson(String name, String email, String currency, String extra) {
        return "{\"name\": " + name + ", \"email\": " + email + ", \"currency\": " + currency
                + ", \"timeZone\": \"Europe/Berlin\", \"locale\": \"en\", \"address\": {\"line1\": \"Hauptstr. 1\", "
                + "\"city\": \"Berlin\", \"country\": \"DE\"}" + extra + "}";
    }

    private void customerFields() {
        String route = "POST /customers";
        String mail = "\"" + ApiWorld.freshEmail() + "\"";
        Map<String, String> names = new LinkedHashMap<>();
        names.put("a number", "42");
        names.put("an object", "{\"first\": \"A\"}");
        names.put("10,000 characters", "\"" + "n".repeat(10_000) + "\"");
        names.put("an escaped NUL", "\"A\\u0000B\"");
        names.put("an escaped ESC", "\"A\\u001bB\"");
        names.put("a lone high surrogate", "\"A \\ud800\"");
        names.put("a lone low surrogate", "\"A \\udc00 B\"");
        names.put("surrogates in the wrong order", "\"\\udc00\\ud800\"");
        names.put("a right-to-left override", "\"Invoice \\u202e4321\"");
        names.put("a left-to-right isolate", "\"A \\u2066B\"");
        names.put("an escaped U+FFFD", "\"M\\ufffdller\"");
        names.put("a noncharacter", "\"A\\uffff\"");
        names.put("a C1 control", "\"A\\u0085B\"");
        names.put("blank", "\"   \"");
        names.forEach((what, value) -> field(route, "/customers", "name " + what,
                customerJson(value, mail, "\"USD\"", ""), "/name"));
        field(route, "/customers", "name missing", customerJson("null", mail, "\"USD\"", ""), "/name");
        field(route, "/customers", "email not an address", customerJson("\"A\"", "\"not-an-email\"", "\"USD\"", ""),
                "/email");
        field(route, "/customers", "email a number", customerJson("\"A\"", "123", "\"USD\"", ""), "/email");
        for (String currency : new String[] {"\"ZZZ\"", "\"US\"", "\"US DOLLAR\"", "840", "\"\"", "\"U\\u0000D\""}) {
            field(route, "/customers", "currency " + currency, customerJson("\"A\"", mail, currency, ""), "/currency");
        }
        for (String zone : new String[] {"\"Mars/Olympus\"", "\"../../etc/passwd\"", "\"+25:00\"", "9"}) {
            field(route, "/customers", "timeZone " + zone, customerJson("\"A\"", mail, "\"USD\"", "")
                    .replace("\"Europe/Berlin\"", zone), "/timeZone");
        }
        for (String locale : new String[] {"\"fr\"", "\"not a tag!\"", "\"en-\"", "true"}) {
            field(route, "/customers", "locale " + locale, customerJson("\"A\"", mail, "\"USD\"", "")
                    .replace("\"en\"", locale), "/locale");
        }
        for (String days : new String[] {"-1", "366", "\"14\"", "14.5", "1e2", "99999999999999999999"}) {
            field(route, "/customers", "paymentTermsDays " + days, customerJson("\"A\"", mail, "\"USD\"",
                    ", \"paymentTermsDays\": " + days), "/paymentTermsDays");
        }
        for (String rate : new String[] {"\"abc\"", "10", "\"-5\"", "\"100\"", "\"1e1\"", "\"10.123456\""}) {
            field(route, "/customers", "taxRate " + rate, customerJson("\"A\"", mail, "\"USD\"",
                    ", \"taxRate\": " + rate), "/taxRate");
        }
        // Tax ids by the billing country (docs/tax.md): EU VAT formats (VIES) and the NTA check digit in Japan.
        for (String taxId : new String[] {"\"123456789\"", "\"DE12345678\"", "\"DE1234567890\"", "\"FRIO123456789\"",
            "\"XX123456789\""}) {
            field(route, "/customers", "taxId " + taxId + " in Germany", customerJson("\"A\"", mail, "\"USD\"",
                    ", \"taxId\": " + taxId), "/taxId");
        }
        for (String taxId : new String[] {"\"T4011001234567\"", "\"4011001234567\"", "\"T201100123456\"",
            "\"T-2011001234567x\""}) {
            field(route, "/customers", "taxId " + taxId + " in Japan", customerJson("\"A\"", mail, "\"JPY\"",
                    ", \"taxId\": " + taxId).replace("\"DE\"", "\"JP\""), "/taxId");
        }
        String noAddress = "{\"name\": \"A\", \"email\": " + mail + ", \"currency\": \"USD\", \"timeZone\": \"UTC\", "
                + "\"locale\": \"en\"";
        field(route, "/customers", "address missing", noAddress + "}", "/address");
        field(route, "/customers", "address a string", noAddress + ", \"address\": \"Berlin\"}", "/address");
        field(route, "/customers", "address country a name", noAddress
                + ", \"address\": {\"line1\": \"x\", \"city\": \"y\", \"country\": \"Germany\"}}", "/address/country");
        field(route, "/customers", "address country a number", noAddress
                + ", \"address\": {\"line1\": \"x\", \"city\": \"y\", \"country\": 49}}", "/address/country");
        field(route, "/customers", "address city missing", noAddress
                + ", \"address\": {\"line1\": \"x\", \"country\": \"DE\"}}", "/address/city");
        field(route, "/customers", "address unknown field", noAddress
                + ", \"address\": {\"line1\": \"x\", \"city\": \"y\", \"country\": \"DE\", \"zip\": 1}}",
                "/address/zip");
        field(route, "/customers", "address postalCode 21 characters", noAddress
                + ", \"address\": {\"line1\": \"x\", \"city\": \"y\", \"country\": \"DE\", \"postalCode\": \""
                + "1".repeat(21) + "\"}}", "/address/postalCode");
        field(route, "/customers", "externalRef 101 characters", customerJson("\"A\"", mail, "\"USD\"",
                ", \"externalRef\": \"" + "r".repeat(101) + "\""), "/externalRef");
        for (String kind : new String[] {"\"Company\"", "\"firm\"", "\"\"", "1", "true", "[\"person\"]"}) {
            field(route, "/customers", "recipientKind " + kind, customerJson("\"A\"", mail, "\"USD\"",
                    ", \"recipientKind\": " + kind), "/recipientKind");
        }
        field(route, "/customers", "customerReference 65 characters", customerJson("\"A\"", mail, "\"USD\"",
                ", \"customerReference\": \"" + "P".repeat(65) + "\""), "/customerReference");
        field(route, "/customers", "customerReference a number", customerJson("\"A\"", mail, "\"USD\"",
                ", \"customerReference\": 4711"), "/customerReference");
        field(route, "/customers", "companyNumber 33 characters", customerJson("\"A\"", mail, "\"USD\"",
                ", \"companyNumber\": \"" + "1".repeat(33) + "\""), "/companyNumber");
        Map<String, String[]> payerNames = new LinkedHashMap<>();
        payerNames.put("a string", new String[] {"\"ﾔﾏﾀﾞｼｮｳｼﾞ\"", "/payerNames"});
        payerNames.put("empty", new String[] {"[]", "/payerNames"});
        payerNames.put("11 names", new String[] {"[" + String.join(", ", Collections.nCopies(11, "\"ｱ\"")) + "]",
            "/payerNames"});
        payerNames.put("a number in it", new String[] {"[\"ｱ\", 7]", "/payerNames/1"});
        payerNames.put("a blank name", new String[] {"[\"ｱ\", \"   \"]", "/payerNames/1"});
        payerNames.put("49 characters", new String[] {"[\"" + "ｱ".repeat(49) + "\"]", "/payerNames/0"});
        payerNames.put("a line break", new String[] {"[\"ﾔﾏﾀﾞ\\nｼｮｳｼﾞ\"]", "/payerNames/0"});
        payerNames.put("a bidi override", new String[] {"[\"\\u202eﾔﾏﾀﾞ\"]", "/payerNames/0"});
        payerNames.put("only a legal form", new String[] {"[\"ｱ\", \"ｶ)\"]", "/payerNames/1"});
        field(route, "/customers", "bankFeeTolerance negative", customerJson("\"A\"", mail, "\"JPY\"",
                ", \"bankFeeTolerance\": -1"), "/bankFeeTolerance");
        field(route, "/customers", "bankFeeTolerance a decimal", customerJson("\"A\"", mail, "\"USD\"",
                ", \"bankFeeTolerance\": 4.4"), "/bankFeeTolerance");
        field(route, "/customers", "bankFeeTolerance over the maximum", customerJson("\"A\"", mail, "\"JPY\"",
                ", \"bankFeeTolerance\": 1000000000000000"), "/bankFeeTolerance");
        payerNames.forEach((what, value) -> field(route, "/customers", "payerNames " + what,
                customerJson("\"A\"", mail, "\"USD\"", ", \"payerNames\": " + value[0]), value[1]));
        Map<String, String[]> accounts = new LinkedHashMap<>();
        accounts.put("a string", new String[] {"\"0172-101-1234567\"", "/virtualAccounts"});
        accounts.put("empty", new String[] {"[]", "/virtualAccounts"});
        accounts.put("21 accounts", new String[] {"[" + String.join(", ", Collections.nCopies(21,
            "\"0172-101-1234567\"")) + "]", "/virtualAccounts"});
        accounts.put("a number in it", new String[] {"[\"0172-101-1234567\", 1721011234567]", "/virtualAccounts/1"});
        accounts.put("no dashes", new String[] {"[\"01721011234567\"]", "/virtualAccounts/0"});
        accounts.put("a 3-digit bank", new String[] {"[\"0172-101-1234567\", \"172-101-1234567\"]",
            "/virtualAccounts/1"});
        accounts.put("a 6-digit account", new String[] {"[\"0172-101-123456\"]", "/virtualAccounts/0"});
        accounts.put("full-width digits", new String[] {"[\"０１７２-１０１-１２３４５６７\"]", "/virtualAccounts/0"});
        accounts.put("letters", new String[] {"[\"0172-10A-1234567\"]", "/virtualAccounts/0"});
        accounts.forEach((what, value) -> field(route, "/customers", "virtualAccounts " + what,
                customerJson("\"A\"", mail, "\"USD\"", ", \"virtualAccounts\": " + value[0]), value[1]));

        String patch = "PATCH /customers/{id}";
        String path = "/customers/" + customer;
        field(patch, path, "payerNames an object", "{\"payerNames\": {\"0\": \"ｱ\"}}", "/payerNames");
        field(patch, path, "payerNames only punctuation", "{\"payerNames\": [\"---\"]}", "/payerNames/0");
        field(patch, path, "payerNames 49 characters", "{\"payerNames\": [\"" + "ﾔ".repeat(49) + "\"]}",
                "/payerNames/0");
        field(patch, path, "virtualAccounts an object", "{\"virtualAccounts\": {\"0\": \"0172-101-1234567\"}}",
                "/virtualAccounts");
        field(patch, path, "virtualAccounts a branch of 4 digits", "{\"virtualAccounts\": [\"0172-1010-123456\"]}",
                "/virtualAccounts/0");
        field(patch, path, "virtualAccounts a line break", "{\"virtualAccounts\": [\"0172-101\\n-1234567\"]}",
                "/virtualAccounts/0");
        field(patch, path, "currency cleared", "{\"currency\": null}", "/currency");
        field(patch, path, "recipientKind unknown", "{\"recipientKind\": \"department\"}", "/recipientKind");
        field(patch, path, "customerReference an object", "{\"customerReference\": {\"po\": \"1\"}}",
                "/customerReference");
        field(patch, path, "companyNumber 33 characters", "{\"companyNumber\": \"" + "9".repeat(33) + "\"}",
                "/companyNumber");
        field(patch, path, "bankFeeTolerance negative", "{\"bankFeeTolerance\": -440}", "/bankFeeTolerance");
        field(patch, path, "bankFeeTolerance over the maximum", "{\"bankFeeTolerance\": 1000000000000000}",
                "/bankFeeTolerance");
        field(patch, path, "bankFeeTolerance a string", "{\"bankFeeTolerance\": \"880\"}", "/bankFeeTolerance");
        field(patch, path, "name a number", "{\"name\": 5}", "/name");
        field(patch, path, "email invalid", "{\"email\": \"@\"}", "/email");
        field(patch, path, "currency unknown", "{\"currency\": \"XYZ\"}", "/currency");
        field(patch, path, "locale unsupported", "{\"locale\": \"de\"}", "/locale");
        field(patch, path, "name with a bidi override", "{\"name\": \"\\u202eA\"}", "/name");
        // Tax ids by the billing country (docs/tax.md): the customer is in Germany.
        field(patch, path, "taxId a German VAT number of 8 digits", "{\"taxId\": \"DE12345678\"}", "/taxId");
        field(patch, path, "taxId moved to Japan with a German VAT number", "{\"address\": {\"line1\": \"1-1\", "
                + "\"city\": \"Tokyo\", \"country\": \"JP\"}, \"taxId\": \"DE123456789\"}", "/taxId");
        body(patch, "/customers/cus_doesnotexist", "unknown customer", "{\"name\": \"A\"}", 404, null);
        body(patch, "/customers/" + URLEncoder.encode(LONG_ID, StandardCharsets.UTF_8), "id over 2,048 bytes",
                "{\"name\": \"A\"}", 404, null);
    }

    private static String planJson(String unitAmount) {
        return "{\"name\": \"Team\", \"currency\": \"USD\", \"unitAmount\": " + unitAmount + ", \"interval\": \"month\"}";
    }

    private void planFields() {
        String route = "POST /plans";
        for (String amount : new String[] {"-1", "19.99", "19.999", "\"1000\"", "1e3", "1000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "null", "true", "[1000]"}) {
            field(route, "/plans", "unitAmount " + amount, planJson(amount), "/unitAmount");
        }
        field(route, "/plans", "currency unknown", planJson("1").replace("\"USD\"", "\"ABC\""), "/currency");
        field(route, "/plans", "interval fortnight", planJson("1").replace("\"month\"", "\"fortnight\""), "/interval");
        field(route, "/plans", "interval a number", planJson("1").replace("\"month\"", "30"), "/interval");
        for (String count : new String[] {"0", "-1", "1001", "1.5"}) {
            field(route, "/plans", "intervalCount " + count, planJson("1").replace("}", ", \"intervalCount\": "
                    + count + "}"), "/intervalCount");
        }
        for (String trial : new String[] {"-1", "731"}) {
            field(route, "/plans", "trialDays " + trial, planJson("1").replace("}", ", \"trialDays\": " + trial
                    + "}"), "/trialDays");
        }
        field(route, "/plans", "taxBehavior both", planJson("1").replace("}", ", \"taxBehavior\": \"both\"}"),
                "/taxBehavior");
        for (String rate : new String[] {"\"abc\"", "8", "\"-8\"", "\"100\"", "\"8%\"", "\"8.123456\""}) {
            field(route, "/plans", "taxRate " + rate, planJson("1").replace("}", ", \"taxRate\": " + rate + "}"),
                    "/taxRate");
        }
        field(route, "/plans", "name 201 characters", planJson("1").replace("\"Team\"", "\"" + "t".repeat(201)
                + "\""), "/name");
    }

    private String subscriptionJson(String startDate, String quantity) {
        return "{\"customerId\": \"" + customer + "\", \"planId\": \"" + plan + "\", \"startDate\": " + startDate
                + ", \"quantity\": " + quantity + "}";
    }

    private void subscriptionFields() {
        String route = "POST /subscriptions";
        for (String date : new String[] {"\"2027-02-30\"", "\"2027-02-29\"", "\"2027-13-01\"", "\"2027-00-10\"",
            "\"27-03-01\"", "\"2027-3-1\"", "\"2027-03-01T00:00:00Z\"", "\"+2027-03-01\"", "20270301", "\"\"",
            "\"1999-01-01\"", "\"2099-01-01\"", "\"\uff12\uff10\uff12\uff17-03-01\""}) {
            field(route, "/subscriptions", "startDate " + date, subscriptionJson(date, "1"), "/startDate");
        }
        for (String quantity : new String[] {"0", "-1", "1.5", "10000000000", "\"2\""}) {
            field(route, "/subscriptions", "quantity " + quantity, subscriptionJson("\"2027-03-01\"", quantity),
                    "/quantity");
        }
        String valid = subscriptionJson("\"2027-03-01\"", "1");
        field(route, "/subscriptions", "customerId unknown", valid.replace(customer, "cus_nobody"), "/customerId");
        field(route, "/subscriptions", "customerId over 2,048 bytes", valid.replace(customer, LONG_ID), "/customerId");
        field(route, "/subscriptions", "customerId path traversal", valid.replace(customer, "../../settings"),
                "/customerId");
        field(route, "/subscriptions", "customerId with NUL", valid.replace(customer, "cus\\u0000x"), "/customerId");
        field(route, "/subscriptions", "planId a number", valid.replace("\"" + plan + "\"", "5"), "/planId");
        field(route, "/subscriptions", "planId unknown", valid.replace(plan, "plan_nothing"), "/planId");
        String eurPlan = world.plan("EUR", 100);
        body(route, "/subscriptions", "plan in another currency", valid.replace(plan, eurPlan), 409, null);

        String changes = "POST /subscriptions/{id}/changes";
        String path = "/subscriptions/" + subscription + "/changes";
        field(changes, path, "nothing to change", "{}", "/");
        field(changes, path, "quantity 0", "{\"quantity\": 0}", "/quantity");
        field(changes, path, "planId empty", "{\"planId\": \"\"}", "/planId");
        field(changes, path, "planId unknown", "{\"planId\": \"plan_unknown\"}", "/planId");
        field(changes, path, "effectiveDate impossible", "{\"quantity\": 2, \"effectiveDate\": \"2027-02-29\"}",
                "/effectiveDate");
        body(changes, "/subscriptions/sub_unknown/changes", "unknown subscription", "{\"quantity\": 2}", 404, null);

        String cancel = "POST /subscriptions/{id}/cancel";
        path = "/subscriptions/" + subscription + "/cancel";
        field(cancel, path, "atPeriodEnd a string", "{\"atPeriodEnd\": \"yes\"}", "/atPeriodEnd");
        field(cancel, path, "atPeriodEnd a number", "{\"atPeriodEnd\": 1}", "/atPeriodEnd");
        body(cancel, "/subscriptions/..%2F..%2Fsettings/cancel", "path traversal id", null, 404, null);
        field("POST /subscriptions/{id}/pause", "/subscriptions/" + subscription + "/pause", "a field",
                "{\"until\": \"2027-04-01\"}", "/until");
        body("POST /subscriptions/{id}/pause", "/subscriptions/sub%00x/pause", "NUL in the id", null, 404, null);
        body("POST /subscriptions/{id}/resume", "/subscriptions/" + subscription + "/resume", "not paused", null, 409,
                null);
        body("POST /subscriptions/{id}/resume", "/subscriptions/" + "s".repeat(129) + "/resume", "id of 129 chars",
                null, 404, null);
    }

    private void invoiceFields() {
        String route = "POST /invoices/{id}/credit-notes";
        String path = "/invoices/" + invoice.id() + "/credit-notes";
        for (String amount : new String[] {"-1", "0", "1.5", "10000000000000000", "\"100\"", "100.001"}) {
            field(route, path, "amount " + amount, "{\"amount\": " + amount + ", \"reason\": \"x\"}", "/amount");
        }
        body(route, path, "amount over what is left", "{\"amount\": 5001, \"reason\": \"x\"}", 409, null);
        field(route, path, "reason missing", "{\"amount\": 100}", "/reason");
        field(route, path, "reason 1,001 characters", "{\"amount\": 100, \"reason\": \"" + "r".repeat(1001) + "\"}",
                "/reason");
        field(route, path, "reason with a lone surrogate", "{\"amount\": 100, \"reason\": \"\\ud83d\"}", "/reason");
        field(route, path, "disposition refund", "{\"reason\": \"x\", \"disposition\": \"refund\"}", "/disposition");
        body(route, "/invoices/inv_unknown/credit-notes", "unknown invoice", "{\"reason\": \"x\"}", 404, null);

        String voidRoute = "POST /invoices/{id}/void";
        field(voidRoute, "/invoices/" + invoice.id() + "/void", "a reason field", "{\"reason\": \"x\"}", "/reason");
        body(voidRoute, "/invoices/inv_unknown/void", "unknown invoice", null, 404, null);
        body(voidRoute, "/invoices/" + URLEncoder.encode(LONG_ID, StandardCharsets.UTF_8) + "/void",
                "id over 2,048 bytes", null, 404, null);
    }

    private static String applicationsJson(String invoiceId, String amount) {
        return "{\"applications\": [{\"invoiceId\": " + invoiceId + ", \"amount\": " + amount + "}]}";
    }

    private void unapplyFields() {
        String route = "POST /payments/{id}/unapply";
        String path = "/payments/" + payment.id() + "/unapply";
        field(route, path, "no reason", "{}", "/reason");
        field(route, path, "a blank reason", "{\"reason\": \" \"}", "/reason");
        field(route, path, "a reason of 501 characters", "{\"reason\": \"" + "r".repeat(501) + "\"}", "/reason");
        field(route, path, "a reason that is a number", "{\"reason\": 5}", "/reason");
        field(route, path, "an unknown field", "{\"reason\": \"x\", \"by\": \"someone\"}", "/by");
        body(route, path, "nothing applied to undo", "{\"reason\": \"misapplied\"}", 409, null);
        body(route, "/payments/bank:nothing/unapply", "unknown payment", "{\"reason\": \"x\"}", 404, null);
    }

    private void applicationFields() {
        String route = "POST /payments/{id}/applications";
        String path = "/payments/" + payment.id() + "/applications";
        String id = "\"" + invoice.id() + "\"";
        field(route, path, "no entries", "{\"applications\": []}", "/applications");
        field(route, path, "not an array", "{\"applications\": {}}", "/applications");
        StringBuilder fifty = new StringBuilder("{\"applications\": [");
        for (int i = 0; i < 50; i++) {
            fifty.append(i == 0 ? "" : ",").append("{\"invoiceId\": \"inv_").append(i).append("\", \"amount\": 1}");
        }
        field(route, path, "50 entries (one over the transaction's budget)", fifty.append("]}").toString(),
                "/applications");
        for (String amount : new String[] {"0", "-5", "1.5", "\"100\"", "null", "1000000000000000"}) {
            field(route, path, "amount " + amount, applicationsJson(id, amount), "/applications/0/amount");
        }
        body(route, path, "amount over the invoice's due", applicationsJson(id, "5001"), 409, null);
        field(route, path, "invoiceId unknown", applicationsJson("\"inv_unknown\"", "1"), "/applications/0/invoiceId");
        field(route, path, "invoiceId a number", applicationsJson("5", "1"), "/applications/0/invoiceId");
        field(route, path, "invoiceId over 2,048 bytes", applicationsJson("\"" + LONG_ID + "\"", "1"),
                "/applications/0/invoiceId");
        field(route, path, "an entry with an unknown field",
                "{\"applications\": [{\"invoiceId\": " + id + ", \"amount\": 1, \"note\": \"x\"}]}",
                "/applications/0/note");
        field(route, path, "the same invoice twice", "{\"applications\": [{\"invoiceId\": " + id
                + ", \"amount\": 1}, {\"invoiceId\": " + id + ", \"amount\": 1}]}", "/applications");
        field(route, path, "suggestionId not of the form sug_ + 16 hex", "{\"suggestionId\": \"sug_XYZ\"}",
                "/suggestionId");
        field(route, path, "suggestionId a number", "{\"suggestionId\": 5}", "/suggestionId");
        field(route, path, "suggestionId null", "{\"suggestionId\": null}", "/suggestionId");
        field(route, path, "both suggestionId and applications", "{\"suggestionId\": \"sug_0123456789abcdef\", "
                + "\"applications\": [{\"invoiceId\": " + id + ", \"amount\": 1}]}", "/suggestionId");
        body(route, path, "a well-formed suggestion id that is not current", "{\"suggestionId\": "
                + "\"sug_0123456789abcdef\"}", 409, null);
        body(route, "/payments/bank:nothing/applications", "unknown payment", applicationsJson(id, "1"), 404, null);
        body(route, "/payments/" + "p".repeat(3000) + "/applications", "payment id of 3,000 bytes",
                applicationsJson(id, "1"), 404, null);
    }

    private static String settingsJson(String email, String country) {
        return "{\"seller\": {\"name\": \"Seller KK\", \"email\": " + email + ", \"address\": {\"line1\": \"1-1\", "
                + "\"city\": \"Tokyo\", \"country\": " + country + "}}}";
    }

    private static String withPolicy(String policy) {
        String s = settingsJson("\"billing@seller.example\"", "\"JP\"");
        return s.substring(0, s.length() - 1) + ", \"dunningPolicy\": " + policy + "}";
    }

    private void settingsFields() {
        String route = "PUT /settings";
        field(route, "/settings", "seller missing", "{}", "/seller");
        field(route, "/settings", "seller email of 300 characters", settingsJson("\"" + "e".repeat(290)
                + "@x.example\"", "\"JP\""), "/seller/email");
        field(route, "/settings", "seller country of 3 letters", settingsJson("\"a@b.example\"", "\"JPN\""),
                "/seller/address/country");
        String s = settingsJson("\"billing@seller.example\"", "\"JP\"");
        String base = s.substring(0, s.length() - 1);
        field(route, "/settings", "invoice prefix lower case", base + ", \"numbering\": {\"invoicePrefix\": \"inv\"}}",
                "/numbering/invoicePrefix");
        field(route, "/settings", "number series 27", base + ", \"numbering\": {\"numberSeries\": 27}}",
                "/numbering/numberSeries");
        field(route, "/settings", "payment link over http", s.replace("\"email\"",
                "\"paymentLinkTemplate\": \"http://pay.example/{number}\", \"email\""), "/seller/paymentLinkTemplate");
        field(route, "/settings", "bank account without IBAN or number", s.replace("\"email\"",
                "\"bankAccount\": {\"bankName\": \"B\", \"accountHolder\": \"H\"}, \"email\""),
                "/seller/bankAccount/iban");
        field(route, "/settings", "seller companyNumber 33 characters", s.replace("\"email\"",
                "\"companyNumber\": \"" + "2".repeat(33) + "\", \"email\""), "/seller/companyNumber");
        field(route, "/settings", "seller companyNumber a number", s.replace("\"email\"",
                "\"companyNumber\": 21734598, \"email\""), "/seller/companyNumber");
        // A seller in Japan prints its 登録番号: T + 13 digits with the NTA check digit (docs/tax.md).
        for (String taxId : new String[] {"\"T4011001234567\"", "\"2011001234567\"", "\"T201100123456\"",
            "\"t2011001234567\"", "\"T 2011001234567\"", "\"T20110012345678\""}) {
            field(route, "/settings", "seller taxId " + taxId + " in Japan", s.replace("\"email\"",
                    "\"taxId\": " + taxId + ", \"email\""), "/seller/taxId");
        }
        field(route, "/settings", "seller taxId not a VAT number in Germany", settingsJson("\"a@b.example\"",
                "\"DE\"").replace("\"email\"", "\"taxId\": \"12345\", \"email\""), "/seller/taxId");
        field(route, "/settings", "no dunning steps", withPolicy("{\"steps\": []}"), "/dunningPolicy/steps");
        field(route, "/settings", "an unknown step kind", withPolicy("{\"steps\": [{\"kind\": \"nag\", "
                + "\"dayOffset\": 1}]}"), "/dunningPolicy/steps/0/kind");
        field(route, "/settings", "a day offset of 400", withPolicy("{\"steps\": [{\"kind\": \"friendly\", "
                + "\"dayOffset\": 400}]}"), "/dunningPolicy/steps/0/dayOffset");
        field(route, "/settings", "a step twice", withPolicy("{\"steps\": [{\"kind\": \"friendly\", \"dayOffset\": 1},"
                + " {\"kind\": \"friendly\", \"dayOffset\": 2}]}"), "/dunningPolicy/steps");
        String step = "{\"steps\": [{\"kind\": \"friendly\", \"dayOffset\": 1}], ";
        field(route, "/settings", "a late fee of 30 %", withPolicy(step + "\"lateFee\": {\"percent\": \"30\"}}"),
                "/dunningPolicy/lateFee/percent");
        field(route, "/settings", "a late fee percent as a number", withPolicy(step
                + "\"lateFee\": {\"percent\": 1.5}}"), "/dunningPolicy/lateFee/percent");
        field(route, "/settings", "a negative fixed fee", withPolicy(step + "\"lateFee\": {\"fixed\": {\"USD\": -1}}}"),
                "/dunningPolicy/lateFee/fixed/USD");
        field(route, "/settings", "a huge fee cap", withPolicy(step
                + "\"lateFee\": {\"cap\": {\"USD\": 10000000000000000}}}"), "/dunningPolicy/lateFee/cap/USD");
        field(route, "/settings", "markUncollectibleOnSuspend a string", withPolicy(step
                + "\"markUncollectibleOnSuspend\": \"yes\"}"), "/dunningPolicy/markUncollectibleOnSuspend");
        field(route, "/settings", "a negative bank-fee tolerance", base + ", \"bankFeeTolerance\": {\"JPY\": -1}}",
                "/bankFeeTolerance/JPY");
        field(route, "/settings", "a bank-fee tolerance over the maximum", base
                + ", \"bankFeeTolerance\": {\"JPY\": 1000000000000000}}", "/bankFeeTolerance/JPY");
        field(route, "/settings", "a bank-fee tolerance in an unknown currency", base
                + ", \"bankFeeTolerance\": {\"XYZ\": 880}}", "/bankFeeTolerance/XYZ");
        field(route, "/settings", "a bank-fee tolerance as a decimal", base
                + ", \"bankFeeTolerance\": {\"USD\": 1.5}}", "/bankFeeTolerance/USD");
        field(route, "/settings", "a bank-fee tolerance a list", base + ", \"bankFeeTolerance\": [880]}",
                "/bankFeeTolerance");
        for (String[] row : new String[][] {{"above 1", "1.5"}, {"negative", "-0.1"}, {"a string", "\"0.9\""},
                {"over 4 decimals", "0.91234"}, {"an object", "{\"value\": 0.9}"}, {"true", "true"},
                {"a huge exponent", "1e400"}}) {
            field(route, "/settings", "autoApplyConfidence " + row[0], base + ", \"autoApplyConfidence\": " + row[1]
                    + "}", "/autoApplyConfidence");
        }
        for (String[] row : new String[][] {{"a string", "\"false\""}, {"a number", "0"}, {"an object", "{}"}}) {
            field(route, "/settings", "receipts " + row[0], base + ", \"receipts\": " + row[1] + "}", "/receipts");
        }
    }

    /** Branding (docs/branding.md): the colour and footer notes on PUT /settings, and the logo routes. */
    private void brandingFields() {
        String route = "PUT /settings";
        String s = settingsJson("\"billing@seller.example\"", "\"JP\"");
        String base = s.substring(0, s.length() - 1);
        for (String[] row : new String[][] {{"a colour name", "\"blue\""}, {"a 3-digit colour", "\"#0B5\""},
                {"a colour without #", "\"0B5FA5\""}, {"a colour too light for white paper", "\"#FFD500\""},
                {"a colour as a number", "255"}}) {
            field(route, "/settings", row[0], base + ", \"branding\": {\"color\": " + row[1] + "}}", "/branding/color");
        }
        field(route, "/settings", "a footer note of 301 characters", base + ", \"branding\": {\"footerNotes\": "
                + "{\"ja\": \"" + "あ".repeat(301) + "\"}}}", "/branding/footerNotes/ja");
        field(route, "/settings", "a footer note of 4 lines", base + ", \"branding\": {\"footerNotes\": "
                + "{\"en\": \"a\\nb\\nc\\nd\"}}}", "/branding/footerNotes/en");
        field(route, "/settings", "a footer note in German", base + ", \"branding\": {\"footerNotes\": "
                + "{\"de\": \"Danke\"}}}", "/branding/footerNotes/de");
        field(route, "/settings", "a footer note with a bidi override", base + ", \"branding\": {\"footerNotes\": "
                + "{\"sr-Latn\": \"Hvala \\u202E\"}}}", "/branding/footerNotes/sr-Latn");
        field(route, "/settings", "the logo through PUT /settings", base + ", \"branding\": {\"logo\": \"x\"}}",
                "/branding/logo");

        route = "PUT /settings/logo";
        byte[] png = ApiWorld.resource("/branding/logo.png");
        logo("a logo over 256 KB", "image/png", Arrays.copyOf(png, 256 * 1024 + 1), 413, "/");
        logo("a text file as text/plain", "text/plain", "hello".getBytes(StandardCharsets.UTF_8), 415, "Content-Type");
        logo("no Content-Type", null, png, 415, "Content-Type");
        logo("a GIF", "image/gif", png, 415, "Content-Type");
        byte[] fake = Arrays.copyOf(png, 200);
        System.arraycopy("just some text pretending".getBytes(StandardCharsets.US_ASCII), 0, fake, 8, 25);
        logo("a PNG header on a text file", "image/png", fake, 422, "/");
        logo("text sent as image/png", "image/png", "hello".getBytes(StandardCharsets.UTF_8), 422, "/");
        logo("a JPEG sent as image/png", "image/png", ApiWorld.resource("/branding/logo.jpg"), 422, "/");
        logo("an empty body", "image/png", new byte[0], 422, "/");
        logo("an SVG with a script", "image/svg+xml", ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)"
                + "</script></svg>").getBytes(StandardCharsets.UTF_8), 422, "/");
        logo("an SVG with onload", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
                .getBytes(StandardCharsets.UTF_8), 422, "/");
        logo("an SVG with an external entity (XXE)", "image/svg+xml", ("<!DOCTYPE svg [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>")
                .getBytes(StandardCharsets.UTF_8), 422, "/");
        logo("an SVG using an image on the web", "image/svg+xml", ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"http://evil.example/a.png\"/>"
                + "</svg>").getBytes(StandardCharsets.UTF_8), 422, "/");
        cases.add(new Case(route, "a text body (not base64-encoded) that is no image", "PUT", "/settings/logo",
                Map.of(), Map.of("content-type", "image/png"), "%%%", null, 422, "/"));
        add("GET /settings/logo", "no logo is set", "GET", "/settings/logo", Map.of(), Map.of(), null, 404, null);
        add("GET /settings/logo", "a body", "GET", "/settings/logo", Map.of(), Map.of("content-type", JSON), "{}",
                400, null);
        add("GET /settings/logo", "POST is not a method here", "POST", "/settings/logo", Map.of(),
                Map.of("content-type", JSON), "{}", 405, null);
        add("DELETE /settings/logo", "a truncated JSON body", "DELETE", "/settings/logo", Map.of(),
                Map.of("content-type", JSON), "{", 400, "/");
        add("DELETE /settings/logo", "a text/plain body", "DELETE", "/settings/logo", Map.of(),
                Map.of("content-type", "text/plain"), "please", 415, null);
        add("DELETE /settings/logo", "a 1 MB body", "DELETE", "/settings/logo", Map.of(),
                Map.of("content-type", JSON), "\"" + "a".repeat(1024 * 1024) + "\"", 413, null);
    }

    private void logo(String name, String contentType, byte[] content, int status, String at) {
        cases.add(new Case("PUT /settings/logo", name, "PUT", "/settings/logo", Map.of(), contentType == null
                ? Map.of() : Map.of("content-type", contentType), null, content, status, at));
    }

    private void get(String route, String path, String name, Map<String, String> query, int status, String at) {
        add(route, name, "GET", path, query, Map.of(), null, status, at);
    }

    private void readRoutes() {
        String encodedLong = URLEncoder.encode(LONG_ID, StandardCharsets.UTF_8);
        Map<String, String> idRoutes = new LinkedHashMap<>();
        idRoutes.put("GET /customers/{id}", "/customers/");
        idRoutes.put("GET /plans/{id}", "/plans/");
        idRoutes.put("GET /subscriptions/{id}", "/subscriptions/");
        idRoutes.put("GET /invoices/{id}", "/invoices/");
        idRoutes.put("GET /payments/{id}", "/payments/");
        idRoutes.forEach((route, prefix) -> {
            get(route, prefix + encodedLong, "id over 2,048 UTF-8 bytes", Map.of(), 404, null);
            get(route, prefix + "..%2F..%2Fsettings", "path traversal id", Map.of(), 404, null);
            get(route, prefix + "%00", "NUL id", Map.of(), 404, null);
            get(route, prefix + "a%zz", "malformed percent escape", Map.of(), 404, null);
            get(route, prefix + "%C3%28", "id not UTF-8", Map.of(), 404, null);
            get(route, prefix + "%F0%9F%98%80", "emoji id", Map.of(), 404, null);
            get(route, prefix + "x".repeat(4_000), "id of 4,000 characters", Map.of(), 404, null);
            get(route, prefix + "nothing_here", "unknown id", Map.of(), 404, null);
            add(route, "a body on a GET", "GET", prefix + "nothing_here", Map.of(), Map.of("content-type", JSON),
                    "{}", 400, null);
        });
        String aliases = "GET /customers/{id}/payer-aliases";
        get(aliases, "/customers/nothing_here/payer-aliases", "unknown customer", Map.of(), 404, null);
        get(aliases, "/customers/" + encodedLong + "/payer-aliases", "id over 2,048 UTF-8 bytes", Map.of(), 404, null);
        get(aliases, "/customers/%00/payer-aliases", "NUL id", Map.of(), 404, null);
        add(aliases, "a body on a GET", "GET", "/customers/" + customer + "/payer-aliases", Map.of(),
                Map.of("content-type", JSON), "{}", 400, null);
        String forget = "DELETE /customers/{id}/payer-aliases/{aliasId}";
        String alias = "/payer-aliases/pal_000000000000000000000000";
        add(forget, "unknown customer", "DELETE", "/customers/nothing_here" + alias, Map.of(), Map.of(), null, 404,
                null);
        add(forget, "not an alias id", "DELETE", "/customers/" + customer + "/payer-aliases/..%2F..%2Fsettings",
                Map.of(), Map.of(), null, 404, null);
        add(forget, "alias id of 4,000 characters", "DELETE", "/customers/" + customer + "/payer-aliases/pal_"
                + "0".repeat(4_000), Map.of(), Map.of(), null, 404, null);
        add(forget, "upper-case hex", "DELETE", "/customers/" + customer + "/payer-aliases/pal_"
                + "A".repeat(24), Map.of(), Map.of(), null, 404, null);
        add(forget, "a body on a DELETE", "DELETE", "/customers/" + customer + alias, Map.of(),
                Map.of("content-type", JSON), "{}", 400, null);
        add(forget, "POST is not a method here", "POST", "/customers/" + customer + alias, Map.of(),
                Map.of("content-type", JSON), "{}", 405, null);
        String doc = "GET /invoices/{id}/document";
        String docPath = "/invoices/" + invoice.id() + "/document";
        get(doc, docPath, "format docx", Map.of("format", "docx"), 422, "format");
        get(doc, docPath, "an unknown parameter", Map.of("format", "pdf", "x", "1"), 422, "x");
        get(doc, "/invoices/" + encodedLong + "/document", "id over 2,048 bytes", Map.of(), 404, null);

        String list = "GET /invoices";
        get(list, "/invoices", "neither customer nor status=open", Map.of(), 422, "customerId");
        get(list, "/invoices", "status bogus", Map.of("customerId", customer, "status", "bogus"), 422, "status");
        for (String limit : new String[] {"0", "101", "-1", "abc", "1.5", "99999999999"}) {
            get(list, "/invoices", "limit " + limit, Map.of("customerId", customer, "limit", limit), 422, "limit");
        }
        get(list, "/invoices", "an unknown parameter", Map.of("customerId", customer, "sort", "asc"), 422, "sort");
        get(list, "/invoices", "customerId over 2,048 bytes", Map.of("customerId", LONG_ID), 422, "customerId");
        get(list, "/invoices", "customerId with NUL", Map.of("customerId", "cus\u0000"), 422, "customerId");
        String otherCursor = world.get("/invoices", Map.of("customerId", otherCustomer, "limit", "1")).json()
                .get("nextCursor").textValue();
        get(list, "/invoices", "another customer's cursor", Map.of("customerId", customer, "cursor", otherCursor),
                400, "cursor");
        get(list, "/invoices", "another customer's cursor, filtered", Map.of("customerId", customer, "status", "open",
                "cursor", otherCursor), 400, "cursor");
        get(list, "/invoices", "a cursor with characters appended", Map.of("customerId", otherCustomer, "cursor",
                otherCursor + " !"), 400, "cursor");
        get(list, "/invoices", "a truncated cursor", Map.of("customerId", otherCustomer, "cursor",
                otherCursor.substring(0, otherCursor.length() / 2)), 400, "cursor");
        get(list, "/invoices", "a crafted cursor", Map.of("customerId", customer, "cursor",
                ClientErrorsTest.cursor("zz", "a")), 400, "cursor");
        get(list, "/invoices", "an open-list cursor of shard 9", Map.of("status", "open", "cursor", "9."), 400,
                "cursor");
        get(list, "/invoices", "an open-list cursor with another index", Map.of("status", "open", "cursor",
                "0." + otherCursor), 400, "cursor");

        String payments = "GET /payments";
        get(payments, "/payments", "no status", Map.of(), 422, "status");
        get(payments, "/payments", "status applied", Map.of("status", "applied"), 422, "status");
        get(payments, "/payments", "limit 1000", Map.of("status", "unapplied", "limit", "1000"), 422, "limit");
        get(payments, "/payments", "cursor of shard -1", Map.of("status", "unapplied", "cursor", "-1."), 400,
                "cursor");
        get(payments, "/payments", "cursor garbage", Map.of("status", "unapplied", "cursor", "3.garbage!"), 400,
                "cursor");
        get(payments, "/payments", "an invoice cursor", Map.of("status", "unapplied", "cursor", "0." + otherCursor),
                400, "cursor");

        String suggestions = "GET /payments/{id}/suggestions";
        get(suggestions, "/payments/bank:nothing/suggestions", "unknown payment", Map.of(), 404, null);
        get(suggestions, "/payments/" + encodedLong + "/suggestions", "id over 2,048 bytes", Map.of(), 404, null);
        get(suggestions, "/payments/" + payment.id() + "/suggestions", "an unknown parameter", Map.of("limit", "3"),
                422, "limit");
        add(suggestions, "a body on a GET", "GET", "/payments/" + payment.id() + "/suggestions", Map.of(),
                Map.of("content-type", JSON), "{}", 400, null);

        String problems = "GET /customers";
        get(problems, "/customers", "no deliveryProblem", Map.of(), 422, "deliveryProblem");
        get(problems, "/customers", "deliveryProblem false", Map.of("deliveryProblem", "false"), 422,
                "deliveryProblem");
        get(problems, "/customers", "deliveryProblem TRUE upper case", Map.of("deliveryProblem", "TRUE"), 422,
                "deliveryProblem");
        get(problems, "/customers", "limit 0", Map.of("deliveryProblem", "true", "limit", "0"), 422, "limit");
        get(problems, "/customers", "an unknown parameter", Map.of("deliveryProblem", "true", "email", "x"), 422,
                "email");
        get(problems, "/customers", "cursor garbage", Map.of("deliveryProblem", "true", "cursor", "3.garbage!"),
                400, "cursor");
        get(problems, "/customers", "an invoice cursor", Map.of("deliveryProblem", "true", "cursor",
                "0." + otherCursor), 400, "cursor");
        String clear = "POST /customers/{id}/delivery-status/clear";
        field(clear, "/customers/" + customer + "/delivery-status/clear", "a field", "{\"address\": \"x@y.z\"}",
                "/address");
        body(clear, "/customers/cus_unknown/delivery-status/clear", "unknown customer", null, 404, null);
        body(clear, "/customers/..%2F..%2Fsettings/delivery-status/clear", "path traversal id", null, 404, null);
        body(clear, "/customers/cus%00x/delivery-status/clear", "NUL in the id", null, 404, null);

        String refunds = "GET /refunds";
        get(refunds, "/refunds", "no status", Map.of(), 422, "status");
        get(refunds, "/refunds", "status applied", Map.of("status", "applied"), 422, "status");
        get(refunds, "/refunds", "status REJECTED upper case", Map.of("status", "REJECTED"), 422, "status");
        get(refunds, "/refunds", "limit 1000", Map.of("status", "rejected", "limit", "1000"), 422, "limit");
        get(refunds, "/refunds", "limit -1", Map.of("status", "rejected", "limit", "-1"), 422, "limit");
        get(refunds, "/refunds", "an unknown parameter", Map.of("status", "rejected", "paymentId", "x"), 422,
                "paymentId");
        get(refunds, "/refunds", "cursor of shard -1", Map.of("status", "rejected", "cursor", "-1."), 400, "cursor");
        get(refunds, "/refunds", "cursor garbage", Map.of("status", "rejected", "cursor", "3.garbage!"), 400,
                "cursor");
        get(refunds, "/refunds", "an invoice cursor", Map.of("status", "rejected", "cursor", "0." + otherCursor),
                400, "cursor");

        String aging = "GET /reports/aging";
        get(aging, "/reports/aging", "asOf impossible", Map.of("asOf", "2027-02-30"), 422, "asOf");
        get(aging, "/reports/aging", "asOf yesterday", Map.of("asOf", "yesterday"), 422, "asOf");
        get(aging, "/reports/aging", "asOf with time", Map.of("asOf", "2027-03-01T00:00:00Z"), 422, "asOf");
        get(aging, "/reports/aging", "an unknown parameter", Map.of("currency", "USD"), 422, "currency");

        String behaviour = "GET /reports/payment-behaviour";
        get(behaviour, "/reports/payment-behaviour", "cursor garbage", Map.of("cursor", "zz"), 400, "cursor");
        get(behaviour, "/reports/payment-behaviour", "an invoice cursor", Map.of("cursor", "0." + otherCursor), 400,
                "cursor");
        get(behaviour, "/reports/payment-behaviour", "limit 0", Map.of("limit", "0"), 422, "limit");

        String collections = "GET /reports/collections";
        get(collections, "/reports/collections", "no from", Map.of("to", "2027-03-01"), 422, "from");
        get(collections, "/reports/collections", "no to", Map.of("from", "2027-03-01"), 422, "to");
        get(collections, "/reports/collections", "to before from", Map.of("from", "2027-03-02", "to", "2027-03-01"),
                422, "to");
        get(collections, "/reports/collections", "seven years", Map.of("from", "2020-01-01", "to", "2027-01-01"), 422,
                "to");
        get(collections, "/reports/collections", "from month 13", Map.of("from", "2027-13-01", "to", "2027-03-01"),
                422, "from");

        add("GET /settings", "a body on a GET", "GET", "/settings", Map.of(), Map.of("content-type", JSON), "{}", 400,
                null);
        add("GET /settings", "a body of garbage", "GET", "/settings", Map.of(), Map.of(), "garbage", 400, null);
        add("GET /settings", "a 1 MB body", "GET", "/settings", Map.of(), Map.of(), "a".repeat(1024 * 1024), 400,
                null);
    }

    private void pathsAndMethods() {
        String route = "GET /customers/{id}";
        add(route, "DELETE is not a method here", "DELETE", "/customers/" + customer, Map.of(), Map.of(), null, 405,
                null);
        add("POST /customers", "PUT on the collection", "PUT", "/customers", Map.of(), Map.of("content-type", JSON),
                "{}", 405, null);
        add("GET /settings", "a dot-dot path", "GET", "/customers/../settings", Map.of(), Map.of(), null, 404, null);
        add("GET /settings", "an unknown route", "GET", "/settings/secret", Map.of(), Map.of(), null, 404, null);
        add("GET /settings", "a path of 3,000 characters", "GET", "/" + "a".repeat(3_000), Map.of(), Map.of(), null,
                404, null);
    }

    private void idempotencyKeys() {
        String route = "POST /plans";
        for (String key : new String[] {"", "has space", "tab\tkey", "x".repeat(256), "\u00fcmlaut"}) {
            add(route, "Idempotency-Key '" + (key.length() > 20 ? key.substring(0, 20) + "…" : key) + "'", "POST",
                    "/plans", Map.of(), Map.of("content-type", JSON, "idempotency-key", key), planJson("100"), 400,
                    "Idempotency-Key");
        }
        String key = "campaign-" + ApiWorld.freshEmail();
        ApiWorld.Reply first = world.post("/plans", planJson("100"), key);
        assertEquals(201, first.status(), first.toString());
        add(route, "Idempotency-Key reused for another body", "POST", "/plans", Map.of(),
                Map.of("content-type", JSON, "idempotency-key", key), planJson("200"), 422, "Idempotency-Key");
    }
}
