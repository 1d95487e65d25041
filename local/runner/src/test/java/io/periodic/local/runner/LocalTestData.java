package io.periodic.local.runner;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the local runner's tests: what a client of the API sends, and checked answers. */
final class LocalTestData {
    private LocalTestData() {}

    static void settings(LocalClient api) {
        settings(api, null);
    }

    /** The seller's settings, with a dunning policy (JSON) or the default one (null). */
    static void settings(LocalClient api, String dunningPolicy) {
        expect(api.send("PUT", "/settings", "application/json", """
                {"seller": {"name": "Periodic Test SaaS Inc.",
                  "address": {"line1": "1 Market Street", "postalCode": "94105", "city": "San Francisco",
                              "country": "US"},
                  "email": "billing@periodic-test.example"},
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"}%s}
                """.formatted(dunningPolicy == null ? "" : ", \"dunningPolicy\": " + dunningPolicy)), 200);
    }

    static String plan(LocalClient api, String name, long unitAmount) {
        return expect(api.post("/plans", """
                {"name": "%s", "currency": "USD", "unitAmount": %d, "interval": "month"}
                """.formatted(name, unitAmount)), 201).get("id").textValue();
    }

    static String customer(LocalClient api, String name, String email) {
        return expect(api.post("/customers", """
                {"name": "%s", "email": "%s", "currency": "USD", "timeZone": "Europe/London", "locale": "en",
                 "paymentTermsDays": 14, "address": {"line1": "1 Main Street", "city": "Leeds", "country": "GB"}}
                """.formatted(name, email)), 201).get("id").textValue();
    }

    static String subscribe(LocalClient api, String customerId, String planId, LocalDate start) {
        return expect(api.post("/subscriptions", """
                {"customerId": "%s", "planId": "%s", "startDate": "%s"}
                """.formatted(customerId, planId, start)), 201).get("id").textValue();
    }

    /** A Standard Webhooks payment.received for an invoice number. */
    static String paymentReceived(Instant at, String paymentId, String amount, String invoiceNumber) {
        return ("{\"type\":\"payment.received\",\"timestamp\":\"%s\",\"data\":{\"provider\":\"demo-gateway\","
                + "\"paymentId\":\"%s\",\"amount\":\"%s\",\"currency\":\"USD\",\"payer\":{\"name\":\"Payer\"},"
                + "\"invoiceNumber\":\"%s\"}}").formatted(at, paymentId, amount, invoiceNumber);
    }

    /** Every invoice of a customer (all pages). */
    static List<JsonNode> invoices(LocalClient api, String customerId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = expect(api.get("/invoices?customerId=" + customerId + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))), 200);
            page.get("data").forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        return all;
    }

    /** The payments holding unapplied cash (all pages). */
    static List<JsonNode> unapplied(LocalClient api) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = expect(api.get("/payments?status=unapplied&limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))), 200);
            page.get("data").forEach(all::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        return all;
    }

    /** Asserts the status and returns the JSON body. */
    static JsonNode expect(LocalClient.Reply reply, int status) {
        if (reply.status() != status) {
            fail("expected HTTP " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }
}
