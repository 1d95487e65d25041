package io.periodic.functions.billingapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.PaymentService;
import io.periodic.billing.testing.Faults;
import io.periodic.billing.testing.TestAdapters;
import io.periodic.local.engines.DynamoDbLocalEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The management API as API Gateway calls it, on the shared DynamoDB Local: the real handler over a store whose
 * client can fail on purpose ({@link Faults}), a clock the test moves, and local documents, events and mail. Each
 * world numbers its invoices in its own series and tests isolate by fresh ids.
 */
final class ApiWorld {
    static final String CALLER = "arn:aws:iam::111122223333:user/alice";
    static final Instant START = Instant.parse("2027-03-01T09:00:00Z");

    final Faults faults = new Faults();
    final BillingStore store;
    final AtomicReference<Instant> now = new AtomicReference<>(START);
    final Clock clock = now::get;
    final JsonLinesEventLog events;
    final DirectoryDocumentStore documents;
    private final Path documentsDir;
    final BillingApiHandler handler;
    final String prefix = "A" + Ids.randomLetters(7);

    ApiWorld(DynamoDbLocalEngine engine) {
        DynamoDbClient client = engine.clientBuilder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(faults)).build();
        this.store = new BillingStore(client, BillingTable.LOGICAL_ID);
        try {
            Path dir = Files.createTempDirectory("api-world");
            this.events = new JsonLinesEventLog(dir.resolve("events.jsonl"));
            this.documentsDir = dir.resolve("documents");
            this.documents = new DirectoryDocumentStore(documentsDir);
            this.handler = new BillingApiHandler(BillingApi.over(new TestAdapters(client).documents(documents)
                    .events(events).mailer(new FileOutboxMailer(dir.resolve("outbox"))).clock(clock).root()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store.settings().putSeller(new SellerProfile("Seller KK", new Address("1-1", null, "100-0001", "Tokyo", null,
                "JP"), "billing@seller.example", null, null, null, null, null, prefix, "C" + prefix.substring(1)));
    }

    void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    /** One answer of the handler. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return BillingApi.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        /** The problem's type without the base URI, e.g. {@code invalid-field}. */
        String problemType() {
            String type = json().path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }

        /** The pointer or parameter of the problem's first error, or null. */
        String at() {
            JsonNode error = json().path("errors").path(0);
            return error.has("pointer") ? error.get("pointer").textValue()
                    : error.has("parameter") ? error.get("parameter").textValue() : null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A request as API Gateway (HTTP API, payload 2.0, IAM authoriser) hands it to the function. */
    static APIGatewayV2HTTPEvent event(String method, String path, Map<String, String> query,
            Map<String, String> headers, String body, boolean base64, String caller) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withHeaders(new LinkedHashMap<>(headers))
                .withQueryStringParameters(query == null || query.isEmpty() ? null : new LinkedHashMap<>(query))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                                .withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                                        .withUserArn(caller).build())
                                .build())
                        .build())
                .build();
    }

    Reply send(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse r = handler.handleRequest(event, null);
        return new Reply(r.getStatusCode(), r.getHeaders() == null ? Map.of() : r.getHeaders(), r.getBody());
    }

    Reply call(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        return send(event(method, path, query, headers, body, false, CALLER));
    }

    Reply get(String path) {
        return call("GET", path, Map.of(), Map.of(), null);
    }

    Reply get(String path, Map<String, String> query) {
        return call("GET", path, query, Map.of(), null);
    }

    Reply post(String path, String body) {
        return call("POST", path, Map.of(), Map.of("content-type", "application/json"), body);
    }

    Reply post(String path, String body, String key) {
        return postAs(CALLER, path, body, key);
    }

    Reply postAs(String caller, String path, String body, String key) {
        return send(event("POST", path, Map.of(), Map.of("content-type", "application/json", "idempotency-key", key),
                body, false, caller));
    }

    /** The body's bytes exactly as sent, base64-encoded as API Gateway does for a binary body. */
    Reply postBytes(String path, byte[] body) {
        return send(event("POST", path, Map.of(), Map.of("content-type", "application/json"),
                Base64.getEncoder().encodeToString(body), true, CALLER));
    }

    static String customerJson(String email, String currency) {
        return """
                {"name": "Kunde %s", "email": "%s", "currency": "%s", "timeZone": "Europe/Berlin", "locale": "en",
                 "address": {"line1": "Hauptstr. 1", "city": "Berlin", "country": "DE"}}"""
                .formatted(email.substring(0, 6), email, currency);
    }

    static String freshEmail() {
        return "ap-" + Ids.randomLetters(10).toLowerCase() + "@example.com";
    }

    /** A customer created through the API; its id. */
    String customer(String currency) {
        Reply r = post("/customers", customerJson(freshEmail(), currency));
        if (r.status() != 201) {
            throw new AssertionError("customer: " + r);
        }
        return r.json().get("id").textValue();
    }

    /** A plan created through the API; its id. */
    String plan(String currency, long unitAmount) {
        Reply r = post("/plans", """
                {"name": "Team", "currency": "%s", "unitAmount": %d, "interval": "month"}"""
                .formatted(currency, unitAmount));
        if (r.status() != 201) {
            throw new AssertionError("plan: " + r);
        }
        return r.json().get("id").textValue();
    }

    /** An open (finalised) invoice of {@code amount} minor units for the customer, stored directly. */
    Invoice openInvoice(String customerId, String currency, long amount) {
        Money net = Money.of(amount, currency);
        Money zero = Money.zero(Currencies.of(currency));
        LocalDate today = LocalDate.ofInstant(now.get(), java.time.ZoneOffset.UTC);
        Invoice draft = new Invoice(Ids.newId("inv"), null, customerId, null, Currencies.of(currency),
                InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, null, null, 1, net,
                net, TaxRate.ZERO, zero)), zero, zero, today, today.plusDays(14), null, null, null, now.get(), null,
                null);
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence(Finalization.seriesOf(draft,
                prefix)), store.credit().balance(customerId, Currencies.of(currency)), now.get());
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }

    /** A payment nobody could be matched to: all of it held as unapplied cash. */
    Payment unappliedPayment(long amount, String currency) {
        String providerId = Ids.newId("bank");
        new PaymentService(store, events, clock).handle(new PaymentNotification(PaymentNotification.Kind.RECEIVED,
                "bank", "evt-" + providerId, providerId, null, Money.of(amount, currency),
                new Payer("Nobody Known " + providerId, null, null, null), null, null, now.get()));
        return store.payments().getByProviderId("bank", providerId).orElseThrow();
    }

    Invoice reload(Invoice invoice) {
        return store.invoices().get(invoice.id()).orElseThrow();
    }

    /** The folder the world's document store writes to. */
    Path documentsDir() {
        return documentsDir;
    }

    /** A test resource's bytes (shared's test resources, e.g. {@code /branding/logo.png}). */
    static byte[] resource(String name) {
        try (var in = ApiWorld.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
