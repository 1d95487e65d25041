package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Defect 10 of issue 12: client errors were answered "503 please retry": a crafted page cursor (any attribute
 * names were accepted) and an id over 2,048 UTF-8 bytes (the check counted characters). A cursor that is not one
 * this listing handed out is now 400 {@code invalid-cursor}; an id that cannot exist is 404 in a path and 422 on
 * its field or parameter.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class ClientErrorsTest {
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    /** A cursor in the format the API hands out, with whatever key attributes we like. */
    static String cursor(String... namesAndValues) {
        StringBuilder raw = new StringBuilder();
        for (String s : namesAndValues) {
            raw.append(s).append('\u0000');
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void assertInvalidCursor(String path, Map<String, String> query) {
        ApiWorld.Reply reply = world.get(path, query);
        assertEquals(400, reply.status(), query + ": " + reply);
        assertEquals("invalid-cursor", reply.problemType(), query + ": " + reply);
        assertEquals("cursor", reply.at(), query + ": " + reply);
    }

    @Test
    void craftedCursorsAreRefusedAs400() {
        String customer = world.customer("USD");
        String[] crafted = {
            cursor("zz", "a"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#" + customer, "gsi1sk", "INV#2027", "extra", "x"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#someone-else", "gsi1sk", "INV#2027-01-01"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#" + customer, "gsi1sk", "SUB#2027"),
            cursor("pk", "", "sk", "b", "gsi1pk", "CUST#" + customer, "gsi1sk", "INV#2027"),
            cursor("pk", "a", "sk", "b", "gsi1pk", "CUST#" + customer),
            "not base64 !",
        };
        for (String c : crafted) {
            assertInvalidCursor("/invoices", Map.of("customerId", customer, "cursor", c));
            assertInvalidCursor("/invoices", Map.of("customerId", customer, "status", "paid", "cursor", c));
        }
        String work = cursor("pk", "PAY#x", "sk", "PAYMENT", "gsi3pk", "UNAPPLIED#3", "gsi3sk", "9999-12-31T23:59:59Z$");
        assertInvalidCursor("/payments", Map.of("status", "unapplied", "cursor", "3." + work));
        assertInvalidCursor("/payments", Map.of("status", "unapplied", "cursor", "2." + cursor("pk", "PAY#x", "sk",
                "PAYMENT", "gsi3pk", "UNAPPLIED#3", "gsi3sk", "2027-01-01T00:00:00Z#x")));
        assertInvalidCursor("/payments", Map.of("status", "unapplied", "cursor", "9."));
        assertInvalidCursor("/invoices", Map.of("status", "open", "cursor", "1." + cursor("a", "b")));
        assertInvalidCursor("/reports/payment-behaviour", Map.of("cursor", "0." + cursor("pk", "CUST#x", "sk",
                "PROFILE", "gsi2pk", "CUSTOMERS#5", "gsi2sk", "2027")));
        assertInvalidCursor("/reports/payment-behaviour", Map.of("cursor", "0." + cursor("gsi2pk", "CUSTOMERS#0")));
    }

    @Test
    void aCursorHandedOutIsAccepted() {
        String customer = world.customer("USD");
        for (int i = 0; i < 3; i++) {
            world.openInvoice(customer, "USD", 100);
        }
        ApiWorld.Reply first = world.get("/invoices", Map.of("customerId", customer, "limit", "2"));
        String next = first.json().get("nextCursor").textValue();

        ApiWorld.Reply second = world.get("/invoices", Map.of("customerId", customer, "limit", "2", "cursor", next));

        assertEquals(200, second.status(), second.toString());
        assertEquals(1, second.json().get("data").size());
    }

    @Test
    void idsOver2048Utf8BytesButFewerCharactersAreClientErrors() {
        String id = "\u00e9".repeat(1_100); // 1,100 characters, 2,200 bytes
        String encoded = URLEncoder.encode(id, StandardCharsets.UTF_8);
        for (String path : new String[] {"/customers/", "/plans/", "/subscriptions/", "/invoices/", "/payments/"}) {
            ApiWorld.Reply reply = world.get(path + encoded);
            assertEquals(404, reply.status(), path + ": " + reply);
        }
        ApiWorld.Reply subscription = world.post("/subscriptions", "{\"customerId\": \"" + id
                + "\", \"planId\": \"plan_x\", \"startDate\": \"2027-03-01\"}");
        assertEquals(422, subscription.status(), subscription.toString());
        assertEquals("/customerId", subscription.at());
        ApiWorld.Reply list = world.get("/invoices", Map.of("customerId", id));
        assertEquals(422, list.status(), list.toString());
        assertEquals("customerId", list.at());
    }

    @Test
    void aMalformedPercentEscapeInAPathIsNotFound() {
        for (String path : new String[] {"/customers/%zz", "/invoices/%e9", "/payments/%", "/plans/a%2"}) {
            ApiWorld.Reply reply = world.get(path);
            assertEquals(404, reply.status(), path + ": " + reply);
        }
    }
}
