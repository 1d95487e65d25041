package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Defect 7 of issue 12: the management API was not strict JSON. A repeated key was accepted (the last one won:
 * {@code "currency":"USD","currency":"JPY"} created a JPY customer), content after the object was ignored, and
 * invalid UTF-8 was stored as U+FFFD. Each is now a 400 problem+json naming where, and nothing is stored.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StrictJsonTest {
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    private void assertNoCustomer(String email) {
        assertTrue(world.store.customers().findByEmail(email).isEmpty(), "no customer stored for " + email);
    }

    @Test
    void aRepeatedKeyIsRefusedNamingItAndCreatesNothing() {
        String email = ApiWorld.freshEmail();
        String body = ApiWorld.customerJson(email, "USD").replace("\"currency\": \"USD\"",
                "\"currency\": \"USD\", \"currency\": \"JPY\"");

        ApiWorld.Reply reply = world.post("/customers", body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("application/problem+json", reply.header("Content-Type"));
        assertEquals("duplicate-key", reply.problemType(), reply.toString());
        assertEquals("/currency", reply.at(), reply.toString());
        assertNoCustomer(email);
    }

    @Test
    void aRepeatedKeyInANestedObjectIsNamedByItsPointer() {
        String email = ApiWorld.freshEmail();
        String body = ApiWorld.customerJson(email, "USD").replace("\"country\": \"DE\"",
                "\"country\": \"DE\", \"country\": \"JP\"");

        ApiWorld.Reply reply = world.post("/customers", body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("/address/country", reply.at(), reply.toString());
        assertNoCustomer(email);
    }

    @Test
    void contentAfterTheObjectIsRefused() {
        for (String tail : new String[] {" garbage", "{}", " {\"currency\": \"JPY\"}", " ]", " 1"}) {
            String email = ApiWorld.freshEmail();

            ApiWorld.Reply reply = world.post("/customers", ApiWorld.customerJson(email, "USD") + tail);

            assertEquals(400, reply.status(), tail + ": " + reply);
            assertEquals("malformed-json", reply.problemType(), tail + ": " + reply);
            assertNoCustomer(email);
        }
    }

    @Test
    void invalidUtf8IsRefusedInsteadOfStoredAsReplacementCharacters() {
        String email = ApiWorld.freshEmail();
        byte[] json = ApiWorld.customerJson(email, "USD").replace("Kunde", "K\u00fcnde")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        for (int i = 0; i < json.length; i++) {
            // "ü" (C3 BC) becomes C3 28: a lead byte without its continuation.
            if ((json[i] & 0xff) == 0xbc && i > 0 && (json[i - 1] & 0xff) == 0xc3) {
                broken.write(0x28);
            } else {
                broken.write(json[i]);
            }
        }

        ApiWorld.Reply reply = world.postBytes("/customers", broken.toByteArray());

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid-encoding", reply.problemType(), reply.toString());
        assertNoCustomer(email);
    }

    @Test
    void replacementCharactersLeftByALenientDecoderAreRefused() {
        String email = ApiWorld.freshEmail();

        ApiWorld.Reply reply = world.post("/customers", ApiWorld.customerJson(email, "USD")
                .replace("Kunde", "K\ufffdnde"));

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid-encoding", reply.problemType(), reply.toString());
        assertNoCustomer(email);
    }

    @Test
    void aLoneSurrogateEscapeIsRefusedOnItsField() {
        String email = ApiWorld.freshEmail();

        ApiWorld.Reply reply = world.post("/customers", ApiWorld.customerJson(email, "USD")
                .replace("Kunde", "Kunde \\ud800"));

        assertEquals(422, reply.status(), reply.toString());
        assertEquals("/name", reply.at(), reply.toString());
        assertNoCustomer(email);
    }

    @Test
    void theSameBodyWrittenStrictlyIsAccepted() {
        String email = ApiWorld.freshEmail();

        ApiWorld.Reply reply = world.postBytes("/customers", ApiWorld.customerJson(email, "USD")
                .replace("Kunde", "K\u00fcnde \u05e9\u05dc\u05d5\u05dd").getBytes(StandardCharsets.UTF_8));

        assertEquals(201, reply.status(), reply.toString());
        assertTrue(reply.json().get("name").textValue().startsWith("K\u00fcnde \u05e9\u05dc\u05d5\u05dd"));
    }
}
