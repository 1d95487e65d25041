package io.periodic.local.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole system in one JVM, driven over HTTP only, as a client of the management API and as the payment
 * gateways would drive it. One {@link LocalSystem} and one {@link LocalServer} serve the whole class
 * ({@link LocalRunnerExtension}); after {@link #settings} every step is an HTTP request through {@link LocalClient}.
 *
 * <p>The simulated clock only moves forward and is shared, so the tests run in a fixed order and each one takes its
 * dates from {@code GET /_local/clock}; each creates its own customers (unique e-mail addresses). The timeline:
 * 2027-01-05 the first invoice (paid at once by webhook), 2027-01-06 an invoice paid by an unidentified bank transfer
 * applied by hand, then a weekly subscription billed twice for the pagination test, then a customer who never pays,
 * followed until 35 days after its due date; the reports read what all of that left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunnerEndToEndTest {
    private static final String PROBLEMS = "https://periodic.dev/problems/";
    private static final Instant START = LocalRunnerExtension.START;
    private static final AtomicInteger SEQ = new AtomicInteger();

    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension().withoutSettings();

    private static LocalClient api;

    /** Customer A (test 1): one invoice, paid on time by webhook (test 2). */
    private static String payingCustomerId;
    private static String paidInvoiceId;
    private static String paidInvoiceNumber;
    /** The bank transfers' booking day (test 3). */
    private static LocalDate bankDay;
    /** The customer who never pays (dunning test), its invoice, and the date the clock was moved to. */
    private static String neverPayingCustomerId;
    private static JsonNode overdueInvoice;
    private static LocalDate dunningAsOf;

    @BeforeAll
    static void settings() {
        api = runner.api();
        expect(api.send("PUT", "/settings", "application/json", """
                {"seller": {"name": "Periodic Test SaaS Inc.",
                  "address": {"line1": "1 Market Street", "postalCode": "94105", "city": "San Francisco",
                              "country": "US"},
                  "email": "billing@periodic-test.example", "website": "https://periodic-test.example",
                  "bankAccount": {"bankName": "Test Bank", "accountHolder": "Periodic Test SaaS Inc.",
                    "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
                  "paymentLinkTemplate": "https://pay.periodic-test.example/invoices/{number}"},
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"}}
                """), 200);
    }

    // ============================================================================================ 1. lifecycle

    @Test
    @Order(1)
    void aSubscriptionIsInvoicedWhenItsStartDateComesAndTheInvoiceIsMailedAndRendered() {
        JsonNode settings = expect(api.get("/settings"), 200);
        assertEquals("Periodic Test SaaS Inc.", settings.at("/seller/name").textValue());
        assertEquals("INV", settings.at("/numbering/invoicePrefix").textValue());

        String email = email("lifecycle");
        String planId = createPlan("Team plan", "USD", 1999, "month");
        JsonNode plan = expect(api.get("/plans/" + planId), 200);
        assertEquals(1999, plan.get("unitAmount").longValue());
        assertEquals("month", plan.get("interval").textValue());
        String customerId = createCustomer("Lifecycle Corp", email, "USD", "America/New_York", "US");
        JsonNode customer = expect(api.get("/customers/" + customerId), 200);
        assertEquals(14, customer.get("paymentTermsDays").intValue());
        assertEquals("America/New_York", customer.get("timeZone").textValue());
        String subscriptionId = subscribe(customerId, planId, LocalDate.parse("2027-01-05"));

        assertEquals(0, expect(api.get("/invoices?customerId=" + customerId), 200).get("data").size(),
                "nothing is invoiced before the start date");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), api.now());

        JsonNode moved = expect(api.advance(Instant.parse("2027-01-05T06:00:00Z")), 200);
        assertEquals("2027-01-05T06:00:00Z", moved.get("now").textValue());
        assertTrue(moved.get("invoiceSchedules").intValue() >= 1, moved.toString());

        JsonNode list = expect(api.get("/invoices?customerId=" + customerId), 200);
        assertEquals(1, list.get("data").size(), list.toString());
        JsonNode invoice = list.get("data").get(0);
        assertEquals("open", invoice.get("status").textValue());
        assertEquals("USD", invoice.get("currency").textValue());
        assertEquals(1999, invoice.get("total").longValue());
        assertEquals(0, invoice.get("tax").longValue());
        assertEquals(1999, invoice.get("amountDue").longValue());
        String number = invoice.get("number").textValue();
        assertTrue(number.matches("INV-2027-\\d{6}"), number);
        assertEquals("2027-01-05", invoice.get("periodStart").textValue());
        assertEquals("2027-02-05", invoice.get("periodEnd").textValue());
        assertEquals("2027-01-19", invoice.get("dueDate").textValue());
        assertEquals(subscriptionId, invoice.get("subscriptionId").textValue());
        String invoiceId = invoice.get("id").textValue();

        JsonNode full = expect(api.get("/invoices/" + invoiceId), 200);
        assertEquals(1, full.get("lines").size());
        assertEquals(1999, full.at("/lines/0/amount").longValue());
        assertEquals(0, full.get("payments").size());

        List<JsonNode> mails = mailsTo(email);
        assertEquals(1, mails.size(), mails.toString());
        assertTrue(mails.get(0).get("subject").textValue().contains(number), mails.toString());

        LocalClient.Reply document = api.get("/invoices/" + invoiceId + "/document?format=html");
        assertEquals(200, document.status());
        assertTrue(document.header("Content-Type").startsWith("text/html"), document.header("Content-Type"));
        assertTrue(document.body().contains(number));
        assertEquals(404, api.get("/invoices/" + invoiceId + "/document?format=pdf").status(),
                "PDFs are off in this runner, so none is stored");

        JsonNode subscription = expect(api.get("/subscriptions/" + subscriptionId), 200);
        assertEquals("active", subscription.get("status").textValue());
        assertEquals("2027-01-05", subscription.get("currentPeriodStart").textValue());
        assertEquals("2027-02-05", subscription.get("currentPeriodEnd").textValue());
        Instant next = Instant.parse(subscription.get("nextInvoiceAt").textValue());
        assertEquals(LocalDate.parse("2027-02-05"), LocalDate.ofInstant(next, ZoneId.of("America/New_York")));

        payingCustomerId = customerId;
        paidInvoiceId = invoiceId;
        paidInvoiceNumber = number;
    }

    // ============================================================================================ 2. webhook payment

    @Test
    @Order(2)
    void aSignedStandardWebhookPaysTheInvoiceOnceAndAForgedOneIsRefused() {
        String body = paymentReceived("pay-e2e-" + SEQ.incrementAndGet(), "19.99", "USD", paidInvoiceNumber);
        String webhookId = "evt-e2e-" + SEQ.incrementAndGet();

        // Signed correctly, then the amount changed in transit: no signature matches the body received.
        long timestamp = api.now().getEpochSecond();
        String signature = sign(LocalRunner.DEFAULT_STANDARD_SECRET, webhookId, timestamp, body);
        LocalClient.Reply tamperedBody = deliver(webhookId, timestamp, "v1," + signature,
                body.replace("19.99", "99.99"));
        assertProblem(tamperedBody, 401, "signature-mismatch");
        // The right body with a signature altered in one character.
        char c = signature.charAt(0);
        LocalClient.Reply tamperedSignature = deliver(webhookId, timestamp,
                "v1," + (c == 'A' ? 'B' : 'A') + signature.substring(1), body);
        assertProblem(tamperedSignature, 401, "signature-mismatch");
        // Signed with another connector's secret.
        assertProblem(api.standardWebhook(LocalRunner.DEFAULT_STRIPE_SECRET, webhookId, body), 401,
                "signature-mismatch");
        JsonNode untouched = expect(api.get("/invoices/" + paidInvoiceId), 200);
        assertEquals(1999, untouched.get("amountDue").longValue(), "a refused delivery changes nothing");
        assertEquals(0, untouched.get("payments").size());

        expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, webhookId, body), 200);
        JsonNode invoice = expect(api.get("/invoices/" + paidInvoiceId), 200);
        assertEquals("paid", invoice.get("status").textValue());
        assertEquals(0, invoice.get("amountDue").longValue());
        assertEquals(1999, invoice.get("amountPaid").longValue());
        assertEquals(1, invoice.get("payments").size());
        assertEquals(1999, invoice.at("/payments/0/amount").longValue());
        String paymentId = invoice.at("/payments/0/paymentId").textValue();
        JsonNode payment = expect(api.get("/payments/" + paymentId), 200);
        assertEquals(1999, payment.get("amount").longValue());
        assertEquals(1999, payment.get("applied").longValue());
        assertEquals(0, payment.get("unapplied").longValue());
        assertEquals(payingCustomerId, payment.get("customerId").textValue());

        JsonNode again = expect(api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, webhookId, body), 200);
        assertEquals("duplicate", again.get("status").textValue(), again.toString());
        JsonNode after = expect(api.get("/invoices/" + paidInvoiceId), 200);
        assertEquals(1999, after.get("amountPaid").longValue());
        assertEquals(1, after.get("payments").size());
        assertEquals("paid", after.get("status").textValue());
    }

    // ============================================================================================ 3. bank transfer

    @Test
    @Order(3)
    void anUnidentifiedBankTransferIsHeldAsUnappliedCashUntilAPersonAppliesIt() {
        LocalDate start = today().plusDays(1);
        String email = email("bank");
        String planId = createPlan("Team plan", "USD", 1999, "month");
        String customerId = createCustomer("Bank Transfer Ltd", email, "USD", "America/New_York", "US");
        subscribe(customerId, planId, start);
        expect(api.advance(start.atTime(6, 0).toInstant(ZoneOffset.UTC)), 200);
        JsonNode invoice = only(expect(api.get("/invoices?customerId=" + customerId + "&status=open"), 200));
        String invoiceId = invoice.get("id").textValue();
        assertEquals(1999, invoice.get("amountDue").longValue());

        bankDay = today();
        String first = "BNK-E2E-" + SEQ.incrementAndGet();
        String second = "BNK-E2E-" + SEQ.incrementAndGet();
        String csv = "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n"
                + first + "," + bankDay + ",15.00,USD,Q ZYXWV,US00000000000000009876,services\n"
                + second + "," + bankDay + ",4.99,USD,Q ZYXWV,US00000000000000009876,services rest\n";
        expect(api.send("POST", "/bank-statements", "text/csv", csv), 200);

        Map<String, JsonNode> unapplied = unappliedPayments();
        JsonNode p1 = unapplied.get(first);
        JsonNode p2 = unapplied.get(second);
        assertNotNull(p1, "the first transfer is listed as unapplied: " + unapplied.keySet());
        assertNotNull(p2, "the second transfer is listed as unapplied: " + unapplied.keySet());
        assertEquals(1500, p1.get("unapplied").longValue());
        assertEquals(1500, p1.get("amount").longValue());
        assertEquals(499, p2.get("unapplied").longValue());
        assertEquals("bank", p1.get("provider").textValue());
        assertNotNull(p1.get("unappliedReason").textValue());
        String p1Id = p1.get("id").textValue();
        String p2Id = p2.get("id").textValue();

        // More than the payment holds (though not more than the invoice's amount due): refused, nothing changes.
        LocalClient.Reply tooMuch = api.post("/payments/" + p1Id + "/applications", applications(invoiceId, 1600));
        assertProblem(tooMuch, 409, null);
        assertTrue(tooMuch.json().get("detail").textValue().contains("unapplied"), tooMuch.body());
        assertEquals(1999, expect(api.get("/invoices/" + invoiceId), 200).get("amountDue").longValue());
        assertEquals(1500, expect(api.get("/payments/" + p1Id), 200).get("unapplied").longValue());

        JsonNode applied = expect(api.post("/payments/" + p1Id + "/applications", applications(invoiceId, 1500)),
                200);
        assertEquals(0, applied.get("unapplied").longValue());
        assertEquals(1500, applied.get("applied").longValue());
        assertEquals(customerId, applied.get("customerId").textValue());
        assertEquals(invoiceId, applied.at("/applications/0/invoiceId").textValue());
        JsonNode partly = expect(api.get("/invoices/" + invoiceId), 200);
        assertEquals("open", partly.get("status").textValue());
        assertEquals(499, partly.get("amountDue").longValue());

        expect(api.post("/payments/" + p2Id + "/applications", applications(invoiceId, 499)), 200);
        JsonNode paid = expect(api.get("/invoices/" + invoiceId), 200);
        assertEquals("paid", paid.get("status").textValue());
        assertEquals(0, paid.get("amountDue").longValue());
        assertEquals(1999, paid.get("amountPaid").longValue());
        assertEquals(2, paid.get("payments").size());
        assertEquals(0, expect(api.get("/payments/" + p2Id), 200).get("unapplied").longValue());

        Map<String, JsonNode> left = unappliedPayments();
        assertFalse(left.containsKey(first), left.keySet().toString());
        assertFalse(left.containsKey(second), left.keySet().toString());

        // Nothing is left to apply: a further application is refused too.
        assertProblem(api.post("/payments/" + p2Id + "/applications", applications(invoiceId, 1)), 409, null);
    }

    // ============================================================================================ 4. bad input

    record BadRequest(String name, String method, String path, String contentType, String body, int status,
            String type, String pointer, String parameter) {}

    @TestFactory
    @Order(4)
    Stream<DynamicTest> everyBadRequestIsAnsweredWithAProblemNamingTheFieldAtFault() {
        String planId = createPlan("Team plan", "USD", 1999, "month");
        String subscribed = createCustomer("Currency Fixed Inc.", email("badinput"), "USD", "America/Chicago", "US");
        subscribe(subscribed, planId, today().plusDays(3));
        String backwards = api.now().minus(1, ChronoUnit.DAYS).toString();
        String json = "application/json";
        String customers = "/customers";
        String ofCustomer = "/invoices?customerId=" + subscribed;
        List<BadRequest> cases = List.of(
                new BadRequest("unknown field", "POST", customers, json,
                        customerBody().replace("\"locale\"", "\"nickname\": \"bob\", \"locale\""),
                        422, "unknown-field", "/nickname", null),
                new BadRequest("paymentTermsDays as a string", "POST", customers, json,
                        customerBody().replace("\"paymentTermsDays\": 14", "\"paymentTermsDays\": \"14\""),
                        422, "invalid-field", "/paymentTermsDays", null),
                new BadRequest("unknown currency", "POST", customers, json,
                        customerBody().replace("\"USD\"", "\"XYZ\""), 422, "invalid-field", "/currency", null),
                new BadRequest("bad locale", "POST", customers, json,
                        customerBody().replace("\"locale\": \"en\"", "\"locale\": \"xx\""),
                        422, "invalid-field", "/locale", null),
                new BadRequest("bad time zone", "POST", customers, json,
                        customerBody().replace("America/New_York", "Mars/Base"), 422, "invalid-field", "/timeZone",
                        null),
                new BadRequest("country as a name", "POST", customers, json,
                        customerBody().replace("\"country\": \"US\"", "\"country\": \"Japan\""),
                        422, "invalid-field", "/address", null),
                new BadRequest("malformed JSON", "POST", customers, json, "{\"name\": \"Broken\", ",
                        400, "malformed-json", "/", null),
                new BadRequest("text/plain body", "POST", customers, "text/plain", customerBody(),
                        415, "unsupported-media-type", null, null),
                new BadRequest("negative unitAmount", "POST", "/plans", json, planBody("-1999"),
                        422, "invalid-field", "/unitAmount", null),
                new BadRequest("decimal unitAmount", "POST", "/plans", json, planBody("19.99"),
                        422, "invalid-field", "/unitAmount", null),
                new BadRequest("impossible startDate", "POST", "/subscriptions", json,
                        subscriptionBody(subscribed, planId, "2027-02-30"), 422, "invalid-field", "/startDate", null),
                new BadRequest("startDate in the year 0", "POST", "/subscriptions", json,
                        subscriptionBody(subscribed, planId, "0000-01-01"), 422, "invalid-field", "/startDate", null),
                new BadRequest("quantity times unit amount overflowing", "POST", "/subscriptions", json,
                        subscriptionBody(subscribed, createPlan("Huge", "USD", 1_000_000_000_000L, "month"),
                                "2027-03-01").replace("\"startDate\"", "\"quantity\": 1000000000, \"startDate\""),
                        422, "invalid-field", "/quantity", null),
                new BadRequest("unknown dunning step", "PUT", "/settings", json,
                        settingsWithPolicy("{\"steps\": [{\"kind\": \"nonsense\", \"dayOffset\": 1}]}"),
                        422, "invalid-field", "/dunningPolicy/steps/0/kind", null),
                new BadRequest("late-fee percent not a number", "PUT", "/settings", json,
                        settingsWithPolicy("{\"steps\": [{\"kind\": \"friendly\", \"dayOffset\": 1}], "
                                + "\"lateFee\": {\"percent\": \"abc\"}}"),
                        422, "invalid-field", "/dunningPolicy/lateFee/percent", null),
                new BadRequest("unknown customerId", "POST", "/subscriptions", json,
                        subscriptionBody("cus_doesnotexist", planId, "2027-03-01"),
                        422, "unknown-reference", "/customerId", null),
                new BadRequest("unknown customer", "GET", "/customers/cus_nope", null, null,
                        404, "not-found", null, null),
                new BadRequest("invoices of nobody", "GET", "/invoices", null, null,
                        422, "invalid-parameter", null, "customerId"),
                new BadRequest("paid invoices of nobody", "GET", "/invoices?status=paid", null, null,
                        422, "invalid-parameter", null, "customerId"),
                new BadRequest("limit 0", "GET", ofCustomer + "&limit=0", null, null,
                        422, "invalid-parameter", null, "limit"),
                new BadRequest("unknown query parameter", "GET", ofCustomer + "&colour=red", null, null,
                        422, "invalid-parameter", null, "colour"),
                new BadRequest("void a paid invoice", "POST", "/invoices/" + paidInvoiceId + "/void", json, "",
                        409, "state-conflict", null, null),
                new BadRequest("clearing a required field", "PATCH", "/customers/" + subscribed, json,
                        "{\"email\": null}", 422, "invalid-field", "/email", null),
                new BadRequest("currency change after subscribing", "PATCH", "/customers/" + subscribed, json,
                        "{\"currency\": \"EUR\"}", 409, "state-conflict", null, null),
                new BadRequest("DELETE a customer", "DELETE", "/customers/" + subscribed, json, "",
                        405, "method-not-allowed", null, null),
                new BadRequest("no such route", "GET", "/nope", null, null, 404, "not-found", null, null),
                new BadRequest("clock backwards", "POST", "/_local/clock", json, "{\"now\": \"" + backwards + "\"}",
                        409, "clock-goes-forward-only", null, null));
        List<DynamicTest> tests = new ArrayList<>();
        for (BadRequest c : cases) {
            tests.add(DynamicTest.dynamicTest(c.name() + " -> " + c.status(), () -> {
                LocalClient.Reply reply = c.method().equals("GET") ? api.get(c.path())
                        : api.send(c.method(), c.path(), c.contentType(), c.body());
                assertProblem(reply, c.status(), "/" + c.type());
                JsonNode error = reply.json().path("errors").path(0);
                if (c.pointer() != null) {
                    assertTrue(error.path("pointer").isTextual(), reply.body());
                    String pointer = error.get("pointer").textValue();
                    assertTrue(c.pointer().equals("/address") ? pointer.startsWith("/address")
                            : pointer.equals(c.pointer()), "pointer " + pointer + " in " + reply.body());
                }
                if (c.parameter() != null) {
                    assertEquals(c.parameter(), error.path("parameter").textValue(), reply.body());
                }
                if (c.pointer() == null && c.parameter() == null) {
                    assertTrue(error.isMissingNode(), "no field is at fault: " + reply.body());
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("the refusals changed nothing, and the unaltered body is accepted", () -> {
            assertEquals("USD", expect(api.get("/customers/" + subscribed), 200).get("currency").textValue(),
                    "the refused PATCH changed nothing");
            assertEquals("paid", expect(api.get("/invoices/" + paidInvoiceId), 200).get("status").textValue(),
                    "the refused void changed nothing");
            JsonNode ok = expect(api.post("/customers", customerBody().replace("refused@e2e.example",
                    email("good")).replace("\"locale\"", "\"taxId\": \"US-123\", \"locale\"")), 201);
            assertTrue(ok.get("id").textValue().startsWith("cus"), ok.toString());
            assertEquals("US-123", ok.get("taxId").textValue());
            JsonNode patched = expect(api.send("PATCH", "/customers/" + ok.get("id").textValue(), "application/json",
                    "{\"taxId\": null, \"paymentTermsDays\": 30}"), 200);
            assertTrue(patched.get("taxId").isNull(), "null clears an optional field: " + patched);
            assertEquals(30, patched.get("paymentTermsDays").intValue());
            assertEquals(ok.get("email").textValue(), patched.get("email").textValue(), "absent fields keep their value");
        }));
        return tests.stream();
    }

    // ============================================================================================ 5. idempotency

    @Test
    @Order(5)
    void aRetriedPostWithTheSameIdempotencyKeyIsReplayedNotRepeated() {
        String key = "e2e-key-" + SEQ.incrementAndGet();
        String body = customerJson("Idempotent Inc.", email("idem"), "USD", "America/New_York", "US");
        LocalClient.Reply first = api.post("/customers", body, key);
        assertEquals(201, first.status(), first.body());
        assertNull(first.header("Idempotent-Replayed"));
        LocalClient.Reply second = api.post("/customers", body, key);
        assertEquals(201, second.status(), second.body());
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(first.json().get("id").textValue(), second.json().get("id").textValue());
        assertNotNull(first.header("Location"));
        assertEquals(first.header("Location"), second.header("Location"));
        assertEquals(first.body(), second.body(), "the stored answer is replayed as it was");

        LocalClient.Reply other = api.post("/customers",
                customerJson("Someone Else Inc.", email("idem-other"), "USD", "America/New_York", "US"), key);
        assertProblem(other, 422, null);
        assertTrue(other.json().get("type").textValue().endsWith("idempotency-key-reused"), other.body());

        LocalClient.Reply badKey = api.post("/customers",
                customerJson("Bad Key Inc.", email("idem-bad"), "USD", "America/New_York", "US"), "bad key");
        assertProblem(badKey, 400, null);
        assertTrue(badKey.json().get("type").textValue().endsWith("invalid-idempotency-key"), badKey.body());

        // A different key is a different request: a second customer.
        LocalClient.Reply fresh = api.post("/customers", body, key + "-2");
        assertEquals(201, fresh.status(), fresh.body());
        assertNotEquals(first.json().get("id").textValue(), fresh.json().get("id").textValue());
    }

    // ============================================================================================ 6. pagination

    @Test
    @Order(6)
    void invoiceListsArePagedWithACursorThatVisitsEveryInvoiceOnce() {
        LocalDate start = today().plusDays(1);
        String planId = createPlan("Weekly plan", "USD", 700, "week");
        String customerId = createCustomer("Weekly Co", email("pages"), "USD", "America/New_York", "US");
        String subscriptionId = subscribe(customerId, planId, start);
        expect(api.advance(start.plusDays(14).atTime(6, 0).toInstant(ZoneOffset.UTC)), 200);
        expect(api.post("/subscriptions/" + subscriptionId + "/cancel", "{\"atPeriodEnd\": false}"), 200);

        JsonNode all = expect(api.get("/invoices?customerId=" + customerId + "&limit=100"), 200);
        assertEquals(3, all.get("data").size(), all.toString());
        assertTrue(all.get("nextCursor").isNull());
        Set<String> expected = new HashSet<>();
        all.get("data").forEach(i -> expected.add(i.get("id").textValue()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = expect(api.get("/invoices?customerId=" + customerId + "&limit=1"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8))), 200);
            assertTrue(page.get("data").size() <= 1, page.toString());
            page.get("data").forEach(i -> seen.add(i.get("id").textValue()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
            assertTrue(++pages <= 10, "the cursor never ends");
        } while (cursor != null);
        assertEquals(expected.size(), seen.size(), "each invoice once: " + seen);
        assertEquals(expected, new HashSet<>(seen));

        LocalClient.Reply bad = api.get("/invoices?customerId=" + customerId + "&limit=1&cursor=not-a-cursor");
        assertProblem(bad, 400, "/invalid-cursor");
        assertEquals("cursor", bad.json().at("/errors/0/parameter").textValue(), bad.body());
    }

    // ============================================================================================ 7. dunning

    @Test
    @Order(7)
    void aCustomerWhoNeverPaysIsRemindedChargedALateFeeAndSuspended() {
        LocalDate start = today().plusDays(1);
        String email = email("never");
        String planId = createPlan("Teampaket", "EUR", 4900, "month");
        String customerId = createCustomer("Nie Zahlt GmbH", email, "EUR", "Europe/Berlin", "DE");
        String subscriptionId = subscribe(customerId, planId, start);
        expect(api.advance(start.atTime(6, 0).toInstant(ZoneOffset.UTC)), 200);
        JsonNode invoice = only(expect(api.get("/invoices?customerId=" + customerId), 200));
        String invoiceId = invoice.get("id").textValue();
        LocalDate due = LocalDate.parse(invoice.get("dueDate").textValue());
        assertEquals(start.plusDays(14), due);

        LocalDate asOf = due.plusDays(35);
        expect(api.advance(asOf.atTime(12, 0).toInstant(ZoneOffset.UTC)), 200);

        JsonNode after = expect(api.get("/invoices/" + invoiceId), 200);
        assertEquals("open", after.get("status").textValue(), "suspension does not write the invoice off");
        assertEquals(4900, after.get("amountDue").longValue());
        List<String> steps = new ArrayList<>();
        after.get("dunningHistory").forEach(h -> steps.add(h.get("step").textValue()));
        assertInOrder(List.of("friendly", "firm", "late_fee", "final_notice", "suspend"), steps);
        assertEquals(List.of("courtesy", "friendly", "firm", "late_fee", "final_notice", "suspend"), steps,
                "each step of the default policy once, in order");
        after.get("dunningHistory").forEach(h -> assertNotEquals("failed", h.get("status").textValue(),
                after.get("dunningHistory").toString()));

        JsonNode all = expect(api.get("/invoices?customerId=" + customerId + "&limit=100"), 200);
        JsonNode fee = null;
        for (JsonNode i : all.get("data")) {
            if (i.get("id").textValue().startsWith("fee_")) {
                fee = i;
            }
        }
        assertNotNull(fee, "a late-fee invoice: " + all);
        assertEquals("fee_" + invoiceId, fee.get("id").textValue());
        assertEquals("EUR", fee.get("currency").textValue());
        assertEquals(74, fee.get("total").longValue(), "1.5 % of EUR 49.00");
        assertEquals("open", fee.get("status").textValue());

        assertEquals("suspended", expect(api.get("/subscriptions/" + subscriptionId), 200).get("status")
                .textValue());

        JsonNode workflows = expect(api.get("/_local/workflows"), 200);
        JsonNode execution = null;
        for (JsonNode w : workflows.get("executions")) {
            if (w.get("name").textValue().equals(invoiceId)) {
                execution = w;
            }
        }
        assertNotNull(execution, "the invoice's dunning execution: " + workflows);
        assertEquals("SUCCEEDED", execution.get("status").textValue(), execution.toString());

        List<JsonNode> mails = mailsTo(email);
        assertTrue(mails.size() >= 5, "the invoice, reminders and the fee invoice were mailed: " + mails);

        neverPayingCustomerId = customerId;
        overdueInvoice = after;
        dunningAsOf = asOf;
    }

    // ============================================================================================ 8. reports

    @Test
    @Order(8)
    void theReportsShowWhatHappened() {
        // Aging: the never-paying customer's invoice is 35 days past due, alone in EUR's 31-60 bucket.
        JsonNode aging = expect(api.get("/reports/aging?asOf=" + dunningAsOf), 200);
        assertEquals(dunningAsOf.toString(), aging.get("asOf").textValue());
        JsonNode eur = null;
        for (JsonNode c : aging.get("currencies")) {
            if (c.get("currency").textValue().equals("EUR")) {
                eur = c;
            }
        }
        assertNotNull(eur, aging.toString());
        Map<String, JsonNode> buckets = new LinkedHashMap<>();
        long total = 0;
        for (JsonNode b : eur.get("buckets")) {
            buckets.put(b.get("bucket").textValue(), b);
            long sum = 0;
            for (JsonNode i : b.get("invoices")) {
                sum += i.get("amountDue").longValue();
            }
            assertEquals(b.get("amountDue").longValue(), sum, "a bucket's total is its invoices' sum: " + b);
            total += b.get("amountDue").longValue();
        }
        assertEquals(List.of("current", "1-30", "31-60", "61-90", "over-90"), List.copyOf(buckets.keySet()));
        assertEquals(total, eur.get("totalDue").longValue());
        JsonNode late = buckets.get("31-60");
        assertEquals(4900, late.get("amountDue").longValue(), late.toString());
        assertEquals(1, late.get("invoices").size(), late.toString());
        JsonNode line = late.get("invoices").get(0);
        assertEquals(overdueInvoice.get("id").textValue(), line.get("id").textValue());
        assertEquals(neverPayingCustomerId, line.get("customerId").textValue());
        assertEquals(35, line.get("daysPastDue").intValue());
        JsonNode feeLine = null;
        for (JsonNode b : eur.get("buckets")) {
            for (JsonNode i : b.get("invoices")) {
                if (i.get("id").textValue().equals("fee_" + overdueInvoice.get("id").textValue())) {
                    feeLine = i;
                    assertEquals("1-30", b.get("bucket").textValue(), "the fee, due 14 days after it was charged");
                }
            }
        }
        assertNotNull(feeLine, "the open fee invoice is aged too: " + eur);
        for (JsonNode c : aging.get("currencies")) {
            for (JsonNode b : c.get("buckets")) {
                for (JsonNode i : b.get("invoices")) {
                    assertNotEquals(paidInvoiceId, i.get("id").textValue(), "a paid invoice is not aged");
                }
            }
        }
        // The same invoice a day before its due date is current.
        JsonNode earlier = expect(api.get("/reports/aging?asOf="
                + LocalDate.parse(overdueInvoice.get("dueDate").textValue()).minusDays(1)), 200);
        boolean current = false;
        for (JsonNode c : earlier.get("currencies")) {
            for (JsonNode b : c.get("buckets")) {
                for (JsonNode i : b.get("invoices")) {
                    if (i.get("id").textValue().equals(overdueInvoice.get("id").textValue())) {
                        current = b.get("bucket").textValue().equals("current");
                    }
                }
            }
        }
        assertTrue(current, earlier.toString());

        // Payment behaviour: the customer who paid at once is on time.
        JsonNode payer = null;
        JsonNode never = null;
        String cursor = null;
        do {
            JsonNode page = expect(api.get("/reports/payment-behaviour?limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8))), 200);
            for (JsonNode l : page.get("data")) {
                if (l.get("customerId").textValue().equals(payingCustomerId)) {
                    payer = l;
                }
                if (l.get("customerId").textValue().equals(neverPayingCustomerId)) {
                    never = l;
                }
            }
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        assertNotNull(payer, "the paying customer is in the report");
        assertTrue(payer.get("invoicesPaid").intValue() >= 1, payer.toString());
        assertEquals(100, payer.get("onTimeRatePercent").intValue(), payer.toString());
        assertTrue(payer.get("medianDaysFromDueDate").longValue() < 0, "paid before the due date: " + payer);
        assertNotNull(never, "the never-paying customer is in the report");
        assertEquals(0, never.get("invoicesPaid").intValue(), never.toString());

        // Collections: every row adds up; the bank transfers' day shows both transfers.
        JsonNode collections = expect(api.get("/reports/collections?from=2027-01-01&to=2027-03-31"), 200);
        assertTrue(collections.get("days").size() >= 2, collections.toString());
        JsonNode bankRow = null;
        JsonNode webhookRow = null;
        for (JsonNode d : collections.get("days")) {
            assertEquals(d.get("received").longValue(), d.get("applied").longValue() + d.get("unapplied").longValue()
                    + d.get("refunded").longValue(), "received = applied + unapplied + refunded: " + d);
            if (d.get("date").textValue().equals(bankDay.toString()) && d.get("currency").textValue().equals("USD")) {
                bankRow = d;
            }
            if (d.get("date").textValue().equals("2027-01-05") && d.get("currency").textValue().equals("USD")) {
                webhookRow = d;
            }
        }
        assertNotNull(bankRow, "the bank transfers' day " + bankDay + ": " + collections);
        assertEquals(2, bankRow.get("payments").intValue(), bankRow.toString());
        assertEquals(1999, bankRow.get("received").longValue(), bankRow.toString());
        assertNotNull(webhookRow, "the webhook payment's day: " + collections);
        assertEquals(1999, webhookRow.get("received").longValue(), webhookRow.toString());
        assertEquals(1999, webhookRow.get("applied").longValue(), webhookRow.toString());

        LocalClient.Reply backwards = api.get("/reports/collections?from=2027-03-31&to=2027-01-01");
        assertProblem(backwards, 422, null);
        assertEquals("to", backwards.json().at("/errors/0/parameter").textValue(), backwards.body());
    }

    // ============================================================================================ helpers

    /** The Standard Webhooks v1 signature of a delivery, as docs/payment-events.md specifies it. */
    private static String sign(String secret, String webhookId, long timestamp, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(
                    secret.substring("whsec_".length())), "HmacSHA256"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                    (webhookId + "." + timestamp + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook delivery with exactly the given headers and body (to send what a forger would). */
    private static LocalClient.Reply deliver(String webhookId, long timestamp, String signatureHeader, String body) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(runner.base().resolve("/webhooks/standard"))
                            .header("Content-Type", "application/json")
                            .header("webhook-id", webhookId)
                            .header("webhook-timestamp", Long.toString(timestamp))
                            .header("webhook-signature", signatureHeader)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? LocalSystem.JSON.readTree(r.body()) : null;
            return new LocalClient.Reply(r.statusCode(), r.body(), json, r.headers().map());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String email(String what) {
        return what + "-" + SEQ.incrementAndGet() + "@e2e.example";
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(api.now(), ZoneOffset.UTC);
    }

    private static String settingsWithPolicy(String policy) {
        return "{\"seller\": {\"name\": \"S\", \"email\": \"s@example.com\", \"address\": {\"line1\": \"1 Main St\", "
                + "\"city\": \"Springfield\", \"country\": \"US\"}}, \"dunningPolicy\": " + policy + "}";
    }

    private static String createPlan(String name, String currency, long unitAmount, String interval) {
        return expect(api.post("/plans", """
                {"name": "%s", "currency": "%s", "unitAmount": %d, "interval": "%s"}
                """.formatted(name, currency, unitAmount, interval)), 201).get("id").textValue();
    }

    private static String customerJson(String name, String email, String currency, String zone, String country) {
        return """
                {"name": "%s", "email": "%s", "currency": "%s", "timeZone": "%s", "locale": "en",
                 "paymentTermsDays": 14, "address": {"line1": "1 Main Street", "city": "Springfield", "country": "%s"}}
                """.formatted(name, email, currency, zone, country);
    }

    private static String customerBody() {
        return """
                {"name": "Refused Inc.", "email": "refused@e2e.example", "currency": "USD",
                 "timeZone": "America/New_York", "locale": "en", "paymentTermsDays": 14,
                 "address": {"line1": "1 Main Street", "city": "Boston", "country": "US"}}""";
    }

    private static String planBody(String unitAmount) {
        return "{\"name\": \"Refused plan\", \"currency\": \"USD\", \"unitAmount\": " + unitAmount
                + ", \"interval\": \"month\"}";
    }

    private static String subscriptionBody(String customerId, String planId, String startDate) {
        return "{\"customerId\": \"" + customerId + "\", \"planId\": \"" + planId + "\", \"startDate\": \""
                + startDate + "\"}";
    }

    private static String createCustomer(String name, String email, String currency, String zone, String country) {
        JsonNode c = expect(api.post("/customers", customerJson(name, email, currency, zone, country)), 201);
        assertEquals(email, c.get("email").textValue());
        return c.get("id").textValue();
    }

    private static String subscribe(String customerId, String planId, LocalDate start) {
        JsonNode s = expect(api.post("/subscriptions", subscriptionBody(customerId, planId, start.toString())), 201);
        assertEquals(start.toString(), s.get("startDate").textValue());
        return s.get("id").textValue();
    }

    private static String applications(String invoiceId, long amount) {
        return "{\"applications\": [{\"invoiceId\": \"" + invoiceId + "\", \"amount\": " + amount + "}]}";
    }

    private static String paymentReceived(String paymentId, String amount, String currency, String invoiceNumber) {
        return ("{\"type\":\"payment.received\",\"timestamp\":\"%s\",\"data\":{\"provider\":\"demo-gateway\","
                + "\"paymentId\":\"%s\",\"amount\":\"%s\",\"currency\":\"%s\",\"payer\":{\"name\":\"Lifecycle Corp\"},"
                + "\"invoiceNumber\":\"%s\"}}").formatted(api.now(), paymentId, amount, currency, invoiceNumber);
    }

    /** The payments holding unapplied cash, by their provider payment id (the bank reference). */
    private static Map<String, JsonNode> unappliedPayments() {
        Map<String, JsonNode> byReference = new LinkedHashMap<>();
        String cursor = null;
        do {
            JsonNode page = expect(api.get("/payments?status=unapplied&limit=100"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8))), 200);
            page.get("data").forEach(p -> byReference.put(p.get("providerPaymentId").textValue(), p));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        return byReference;
    }

    private static List<JsonNode> mailsTo(String email) {
        List<JsonNode> mails = new ArrayList<>();
        expect(api.get("/_local/outbox"), 200).get("emails").forEach(m -> {
            if (m.get("to").textValue().equals(email)) {
                mails.add(m);
            }
        });
        return mails;
    }

    private static JsonNode only(JsonNode page) {
        assertEquals(1, page.get("data").size(), page.toString());
        return page.get("data").get(0);
    }

    private static void assertInOrder(List<String> expected, List<String> actual) {
        int at = 0;
        for (String step : actual) {
            if (at < expected.size() && step.equals(expected.get(at))) {
                at++;
            }
        }
        assertEquals(expected.size(), at, "expected " + expected + " in this order within " + actual);
    }

    /** Asserts the status (never a 5xx) and returns the JSON body. */
    private static JsonNode expect(LocalClient.Reply reply, int status) {
        if (reply.status() != status) {
            fail("expected HTTP " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    /** A problem answer: the status, the problem media type, and a type under the problems base. */
    private static void assertProblem(LocalClient.Reply reply, int status, String typeSuffix) {
        assertTrue(reply.status() < 500, "never a 5xx: " + reply.status() + " " + reply.body());
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header("Content-Type"), reply.body());
        assertNotNull(reply.json(), reply.body());
        String type = reply.json().path("type").textValue();
        assertNotNull(type, reply.body());
        assertTrue(type.startsWith(PROBLEMS) && type.length() > PROBLEMS.length(), type);
        assertEquals(status, reply.json().path("status").intValue(), reply.body());
        if (typeSuffix != null) {
            assertTrue(type.endsWith(typeSuffix), type);
        }
    }
}
