package io.periodic.functions.billingapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Defect 8 of issue 12, through the real handler on DynamoDB Local with faults injected on the client: a crash
 * between the work and storing its answer must not do the work twice, a retry after a committed write answers the
 * original success, transient outcomes are never stored as the answer, throttling is a 503 with Retry-After (not a
 * 409), and keys belong to the caller that sent them.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyCrashTest {
    private static final String BOB = "arn:aws:iam::111122223333:user/bob";
    private ApiWorld world;

    @BeforeEach
    void setUp(DynamoDbLocalEngine engine) {
        world = new ApiWorld(engine);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aCustomerCreatedJustBeforeACrashIsNotCreatedAgainByTheRetry() {
        String email = ApiWorld.freshEmail();
        String body = ApiWorld.customerJson(email, "EUR");
        String key = key();
        world.faults.crashAfterWrite(2, true); // 1: the key's claim, 2: the customer; then the process dies

        ApiWorld.Reply crashed = world.post("/customers", body, key);
        world.faults.heal(); // a new execution environment
        ApiWorld.Reply tooEarly = world.post("/customers", body, key);
        world.advance(Duration.ofMinutes(3));
        ApiWorld.Reply retry = world.post("/customers", body, key);
        ApiWorld.Reply again = world.post("/customers", body, key);

        assertEquals(503, crashed.status(), crashed.toString());
        assertEquals(409, tooEarly.status(), "the first attempt still holds the key: " + tooEarly);
        assertEquals(201, retry.status(), retry.toString());
        List<Customer> stored = world.store.customers().findByEmail(email);
        assertEquals(1, stored.size(), "one customer, not one per attempt: " + stored);
        assertEquals(stored.get(0).id(), retry.json().get("id").textValue());
        assertEquals(retry.body(), again.body());
        assertEquals("true", again.header("Idempotent-Replayed"));
    }

    @Test
    void aSubscriptionCreatedJustBeforeACrashIsNotCreatedAgainByTheRetry() {
        String customer = world.customer("EUR");
        String plan = world.plan("EUR", 1_000);
        String body = "{\"customerId\": \"" + customer + "\", \"planId\": \"" + plan + "\", \"startDate\": \"2027-03-01\"}";
        String key = key();
        world.faults.crashAfterWrite(2, true);

        ApiWorld.Reply crashed = world.post("/subscriptions", body, key);
        world.faults.heal();
        world.advance(Duration.ofMinutes(3));
        ApiWorld.Reply retry = world.post("/subscriptions", body, key);

        assertEquals(503, crashed.status(), crashed.toString());
        assertEquals(201, retry.status(), retry.toString());
        var subscriptions = world.store.subscriptions().byCustomer(customer, 10, null).items();
        assertEquals(1, subscriptions.size(), "one subscription, not one per attempt: " + subscriptions);
        assertEquals(subscriptions.get(0).id(), retry.json().get("id").textValue());
    }

    @Test
    void aVoidCommittedBeforeAFailureIsAnsweredWithTheOriginalSuccessAndItsNotificationsAreSent() {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 5_000);
        String key = key();
        world.faults.crashAfterWrite(2, false); // 1: the claim, 2: the void's transaction; then the call fails

        ApiWorld.Reply failed = world.post("/invoices/" + invoice.id() + "/void", null, key);
        ApiWorld.Reply retry = world.post("/invoices/" + invoice.id() + "/void", null, key);

        assertEquals(503, failed.status(), failed.toString());
        assertEquals(InvoiceStatus.VOID, world.reload(invoice).status(), "the void was committed");
        assertEquals(200, retry.status(), "the retry answers the original success: " + retry);
        assertEquals("void", retry.json().get("status").textValue());
        assertTrue(world.events.events().stream().anyMatch(e -> e.type().equals(InvoiceEvents.VOIDED)
                && e.id().equals(InvoiceEvents.VOIDED + ":" + invoice.id())), "invoice.voided published");
        assertNotNull(world.documents.get(InvoiceNotifications.documentKey(invoice)), "the VOID document stored");
    }

    @Test
    void aVoidWhoseProcessDiedIsAnsweredWithSuccessByTheRetryThatTakesTheKeyOver() {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 5_000);
        String key = key();
        world.faults.crashAfterWrite(2, true);

        world.post("/invoices/" + invoice.id() + "/void", null, key);
        world.faults.heal();
        world.advance(Duration.ofMinutes(3));
        ApiWorld.Reply retry = world.post("/invoices/" + invoice.id() + "/void", null, key);

        assertEquals(200, retry.status(), retry.toString());
        assertTrue(world.events.events().stream().anyMatch(e -> e.id().equals(InvoiceEvents.VOIDED + ":"
                + invoice.id())), "invoice.voided published");
    }

    @Test
    void aVoidRequestedAgainUnderAnotherKeyIsStillAConflict() {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 5_000);

        ApiWorld.Reply first = world.post("/invoices/" + invoice.id() + "/void", null, key());
        String other = key();
        ApiWorld.Reply second = world.post("/invoices/" + invoice.id() + "/void", null, other);
        ApiWorld.Reply secondAgain = world.post("/invoices/" + invoice.id() + "/void", null, other);

        assertEquals(200, first.status(), first.toString());
        assertEquals(409, second.status(), second.toString());
        assertEquals(409, secondAgain.status(), "a refusal is not turned into a success: " + secondAgain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingError", "TransactionConflict", "ProvisionedThroughputExceeded"})
    void aThrottledOrContendedTransactionIsA503WithRetryAfterAndIsNotStored(String reason) {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 5_000);
        String key = key();
        world.faults.cancelTransactions(reason);

        ApiWorld.Reply busy = world.post("/invoices/" + invoice.id() + "/void", null, key);
        world.faults.heal();
        ApiWorld.Reply retry = world.post("/invoices/" + invoice.id() + "/void", null, key);

        assertEquals(503, busy.status(), busy.toString());
        assertEquals("temporarily-unavailable", busy.problemType());
        assertNotNull(busy.header("Retry-After"), "Retry-After on a 503: " + busy.headers());
        assertEquals(200, retry.status(), "the retry did the work: " + retry);
        assertNull(retry.header("Idempotent-Replayed"));
    }

    @Test
    void aConcurrentUpdateConflictIsA409ThatIsNotStoredAsTheAnswer() {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 5_000);
        String key = key();
        world.faults.cancelTransactions("ConditionalCheckFailed");

        ApiWorld.Reply conflict = world.post("/invoices/" + invoice.id() + "/void", null, key);
        world.faults.heal();
        ApiWorld.Reply retry = world.post("/invoices/" + invoice.id() + "/void", null, key);

        assertEquals(409, conflict.status(), conflict.toString());
        assertEquals("concurrent-update", conflict.problemType());
        assertEquals(200, retry.status(), "a conflict is not replayed for 24 hours: " + retry);
    }

    @Test
    void keysBelongToTheCallerThatSentThem() {
        String key = key();
        String body = ApiWorld.customerJson(ApiWorld.freshEmail(), "EUR");

        ApiWorld.Reply alice = world.post("/customers", body, key);
        ApiWorld.Reply bob = world.postAs(BOB, "/customers", body, key);
        ApiWorld.Reply bobOther = world.postAs(BOB, "/plans",
                "{\"name\": \"Team\", \"currency\": \"EUR\", \"unitAmount\": 100, \"interval\": \"month\"}", key());

        assertEquals(201, alice.status(), alice.toString());
        assertEquals(201, bob.status(), bob.toString());
        assertNull(bob.header("Idempotent-Replayed"), "bob is not answered with alice's response");
        assertNotEquals(alice.json().get("id").textValue(), bob.json().get("id").textValue());
        assertEquals(201, bobOther.status(), bobOther.toString());
    }

    @Test
    void aManualApplicationCommittedJustBeforeACrashIsNotAppliedAgainByTheRetry() {
        String customer = world.customer("EUR");
        Invoice invoice = world.openInvoice(customer, "EUR", 1_000);
        Payment payment = world.unappliedPayment(1_000, "EUR");
        String body = "{\"applications\": [{\"invoiceId\": \"" + invoice.id() + "\", \"amount\": 500}]}";
        String key = key();
        world.faults.crashAfterWrite(2, true); // 1: the claim, 2: the application's transaction

        ApiWorld.Reply crashed = world.post("/payments/" + payment.id() + "/applications", body, key);
        world.faults.heal();
        world.advance(Duration.ofMinutes(3));
        ApiWorld.Reply retry = world.post("/payments/" + payment.id() + "/applications", body, key);

        assertEquals(503, crashed.status(), crashed.toString());
        assertEquals(200, retry.status(), retry.toString());
        assertEquals(Money.of(500, "EUR"), world.reload(invoice).amountPaid(), "applied once, not twice");
        assertEquals(Money.of(500, "EUR"), world.store.payments().get(payment.id()).orElseThrow().applied());
    }
}
