package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /payments/{id}/suggestions} and {@code POST /payments/{id}/applications} with a suggestion id through
 * the handler on DynamoDB Local: the right suggestion first with its reasons, accepted under rule
 * {@code suggestion-accepted}, then none with a note; a stale id is 409 {@code suggestion-stale}.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PaymentSuggestionsApiTest {
    private ApiWorld world;
    private String kana;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
        String[] syllables = {"ｶ", "ｷ", "ｸ", "ｹ", "ｺ", "ｻ", "ｼ", "ｽ", "ｾ", "ｿ", "ﾅ", "ﾆ", "ﾇ", "ﾈ", "ﾉ", "ﾏ"};
        StringBuilder name = new StringBuilder("ﾀﾅｶ");
        for (char c : Ids.randomLetters(8).toCharArray()) {
            name.append(syllables[c % syllables.length]);
        }
        kana = name.toString();
    }

    private String customer(String payerName) {
        ApiWorld.Reply r = world.post("/customers", ApiWorld.customerJson(ApiWorld.freshEmail(), "JPY")
                .replace("\"locale\": \"en\"", "\"locale\": \"ja\", \"payerNames\": [\"" + payerName + "\"]"));
        assertEquals(201, r.status(), r.toString());
        return r.json().get("id").textValue();
    }

    private Payment pay(long amount) {
        String providerId = Ids.newId("bank");
        new PaymentService(world.store, world.events, world.clock).handle(new PaymentNotification(
                PaymentNotification.Kind.RECEIVED, "bank", "evt-" + providerId, providerId, null,
                Money.of(amount, "JPY"), new Payer(kana, null, null, null), null, null, world.clock.now()));
        return world.store.payments().getByProviderId("bank", providerId).orElseThrow();
    }

    @Test
    void theSuggestionsAreRankedExplainedAndOneIsAcceptedByItsId() {
        String right = customer("ｶ)" + kana);
        String other = customer(kana + "(ﾕ");
        Invoice invoice = world.openInvoice(right, "JPY", 48_400);
        world.openInvoice(other, "JPY", 90_000);
        Payment payment = pay(48_400);

        ApiWorld.Reply listed = world.get("/payments/" + payment.id() + "/suggestions");
        assertEquals(200, listed.status(), listed.toString());
        JsonNode first = listed.json().get("suggestions").get(0);
        assertEquals(right, first.get("customerId").textValue());
        assertEquals(invoice.id(), first.get("applications").get(0).get("invoiceId").textValue());
        assertEquals(48_400, first.get("applications").get(0).get("amount").longValue());
        double score = first.get("score").doubleValue();
        assertTrue(score > 0 && score <= 1, "score " + score);
        assertEquals("name", first.get("reasons").get(0).get("kind").textValue());
        assertEquals("amount", first.get("reasons").get(1).get("kind").textValue());
        assertTrue(listed.json().get("note").isNull());

        ApiWorld.Reply applied = world.post("/payments/" + payment.id() + "/applications",
                "{\"suggestionId\": \"" + first.get("id").textValue() + "\"}", "key-" + Ids.randomLetters(8));
        assertEquals(200, applied.status(), applied.toString());
        assertEquals("applied", applied.json().get("status").textValue());
        assertEquals("suggestion-accepted", applied.json().get("applications").get(0).get("rule").textValue());
        assertEquals("paid", world.reload(invoice).status().name().toLowerCase());

        ApiWorld.Reply after = world.get("/payments/" + payment.id() + "/suggestions");
        assertEquals(200, after.status());
        assertEquals(0, after.json().get("suggestions").size());
        assertTrue(after.json().get("note").textValue().contains("holds no unapplied cash"), after.toString());
    }

    @Test
    void aStaleSuggestionIdIsRefusedWith409AndNothingIsApplied() {
        String right = customer("ｶ)" + kana);
        customer(kana + "(ﾕ");
        world.openInvoice(right, "JPY", 48_400);
        Payment payment = pay(48_400);
        ApiWorld.Reply refused = world.post("/payments/" + payment.id() + "/applications",
                "{\"suggestionId\": \"sug_00000000000000ff\"}");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("suggestion-stale", refused.problemType());
        assertTrue(world.store.payments().allocationsOfPayment(payment.id()).isEmpty());
    }

    @Test
    void anAcceptedSuggestionCommittedJustBeforeACrashIsNotAppliedAgainByTheRetry() {
        String right = customer("ｶ)" + kana);
        customer(kana + "(ﾕ");
        Invoice invoice = world.openInvoice(right, "JPY", 30_000);
        Payment payment = pay(20_000); // short of the invoice: after it, the payment is applied, the invoice still open
        String id = world.get("/payments/" + payment.id() + "/suggestions").json().get("suggestions").get(0)
                .get("id").textValue();
        String body = "{\"suggestionId\": \"" + id + "\"}";
        String key = "key-" + Ids.randomLetters(8);
        world.faults.crashAfterWrite(2, true); // 1: the claim, 2: the application's transaction

        ApiWorld.Reply crashed = world.post("/payments/" + payment.id() + "/applications", body, key);
        world.faults.heal();
        world.advance(Duration.ofMinutes(3));
        ApiWorld.Reply retry = world.post("/payments/" + payment.id() + "/applications", body, key);

        assertEquals(503, crashed.status(), crashed.toString());
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(Money.of(20_000, "JPY"), world.reload(invoice).amountPaid(), "applied once, not twice");
        assertEquals("suggestion-accepted", retry.json().get("applications").get(0).get("rule").textValue());
    }
}
