package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.payments.PaymentEvents;
import io.periodic.billing.payments.PaymentLedger;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /payments/{id}/unapply} through the real handler on DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class UnapplyPaymentApiTest {
    private static final int LIMIT = PaymentLedger.MAX_ALLOCATIONS_PER_PAYMENT;

    private static String applications(List<Invoice> invoices, long each) {
        StringBuilder body = new StringBuilder("{\"applications\": [");
        for (int i = 0; i < invoices.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"invoiceId\": \"").append(invoices.get(i).id())
                    .append("\", \"amount\": ").append(each).append('}');
        }
        return body.append("]}").toString();
    }

    /** A payment applied by hand to {@code n} invoices of 1,000 each. */
    private static Payment applied(ApiWorld world, List<Invoice> invoices, int n) {
        String customer = world.customer("USD");
        for (int i = 0; i < n; i++) {
            invoices.add(world.openInvoice(customer, "USD", 1_000));
        }
        Payment payment = world.unappliedPayment(1_000L * n, "USD");
        ApiWorld.Reply applied = world.post("/payments/" + payment.id() + "/applications",
                applications(invoices, 1_000), "apply-" + payment.id());
        assertEquals(200, applied.status(), applied.toString());
        return payment;
    }

    @Test
    void thePaymentAllocatedToTheMostInvoicesIsUndoneInOneTransactionAndARetryGetsTheOriginalAnswer(
            DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        List<Invoice> invoices = new ArrayList<>();
        Payment payment = applied(world, invoices, LIMIT);
        String body = "{\"reason\": \"applied to the wrong customer\"}";
        String key = "undo-" + payment.id();

        ApiWorld.Reply reply = world.post("/payments/" + payment.id() + "/unapply", body, key);
        ApiWorld.Reply retry = world.post("/payments/" + payment.id() + "/unapply", body, key);
        ApiWorld.Reply again = world.post("/payments/" + payment.id() + "/unapply", body, "another-" + key);

        assertEquals(200, reply.status(), reply.toString());
        JsonNode json = reply.json();
        assertEquals("unapplied", json.get("status").textValue());
        assertEquals(1_000L * LIMIT, json.get("unapplied").longValue());
        assertEquals(0, json.get("applied").longValue());
        assertEquals("unapplied by " + ApiWorld.CALLER + " at " + world.now.get()
                + ": applied to the wrong customer", json.get("unappliedReason").textValue());
        assertEquals(LIMIT, json.get("applications").size());
        for (JsonNode a : json.get("applications")) {
            assertEquals(0, a.get("amount").longValue());
            assertTrue(a.get("reason").textValue().contains("unapplied by " + ApiWorld.CALLER), a.toString());
        }
        for (Invoice invoice : invoices) {
            assertEquals(InvoiceStatus.OPEN, world.reload(invoice).status());
        }
        assertEquals(200, retry.status(), retry.toString());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(reply.body(), retry.body(), "the original answer");
        assertEquals(409, again.status(), "a second undo has nothing to undo: " + again);
        assertTrue(again.json().get("detail").textValue().contains("nothing applied to undo"), again.toString());
        ApiWorld.Reply get = world.call("GET", "/payments/" + payment.id(), java.util.Map.of(), java.util.Map.of(),
                null);
        assertEquals(json.get("unappliedReason"), get.json().get("unappliedReason"), "visible on GET");
        assertEquals(LIMIT, world.events.events().stream()
                .filter(e -> e.type().equals(PaymentEvents.INVOICE_REOPENED)).count());
    }

    @Test
    void anUndoCommittedBeforeAFailureIsAnsweredWithTheOriginalSuccess(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        Payment payment = applied(world, new ArrayList<>(), 2);
        String key = Ids.randomLetters(20);
        String body = "{\"reason\": \"misapplied\"}";
        world.faults.crashAfterWrite(2, false); // 1: the key's claim, 2: the undo's transaction; then the call fails

        ApiWorld.Reply failed = world.post("/payments/" + payment.id() + "/unapply", body, key);
        world.faults.heal();
        ApiWorld.Reply retry = world.post("/payments/" + payment.id() + "/unapply", body, key);

        assertEquals(503, failed.status(), failed.toString());
        assertEquals(PaymentStatus.UNAPPLIED, world.store.payments().get(payment.id()).orElseThrow().status(),
                "the undo was committed");
        assertEquals(200, retry.status(), "the retry answers the original success: " + retry);
        assertEquals("unapplied", retry.json().get("status").textValue());
        assertTrue(world.store.payments().get(payment.id()).orElseThrow().announced(), "payment.unapplied sent");
    }

    @Test
    void badInputIsRefusedOnItsFieldAndChangesNothing(DynamoDbLocalEngine engine) {
        ApiWorld world = new ApiWorld(engine);
        Payment payment = applied(world, new ArrayList<>(), 1);
        String path = "/payments/" + payment.id() + "/unapply";
        ApiWorld.Reply missing = world.post(path, "{}");
        ApiWorld.Reply blank = world.post(path, "{\"reason\": \"  \"}");
        ApiWorld.Reply tooLong = world.post(path, "{\"reason\": \"" + "x".repeat(501) + "\"}");
        ApiWorld.Reply notText = world.post(path, "{\"reason\": 5}");
        ApiWorld.Reply unknown = world.post(path, "{\"reason\": \"x\", \"by\": \"someone else\"}");
        ApiWorld.Reply noBody = world.post(path, null);
        ApiWorld.Reply noPayment = world.post("/payments/bank:nope/unapply", "{\"reason\": \"x\"}");

        for (ApiWorld.Reply r : List.of(missing, blank, tooLong, notText)) {
            // The API's one convention for a field a request gets wrong: 422 invalid-field with its pointer.
            assertEquals(422, r.status(), r.toString());
            assertEquals("/reason", r.at(), r.toString());
        }
        assertEquals(422, unknown.status(), unknown.toString());
        assertEquals("/by", unknown.at());
        assertEquals(400, noBody.status(), noBody.toString());
        assertEquals(404, noPayment.status(), noPayment.toString());
        assertEquals(PaymentStatus.APPLIED, world.store.payments().get(payment.id()).orElseThrow().status());
    }
}
