package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A dead-letter queue a person can work: a payment notification that fails because the matcher cannot reach its
 * database lands on PaymentDeadLetterQueue after its 6 receives; {@code GET /_local/dlq} shows it (body, attributes,
 * receive count) without taking it off; once the outage is over, {@code POST /_local/dlq/redrive} moves it back and
 * the payment ends applied, once.
 */
class LocalDeadLetterQueueTest {
    private static final Instant START = LocalRunnerExtension.START;

    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension()
            .options(options -> options.withHooks(outage()));

    private static LocalClient api;
    /** While set, every DynamoDB call of the payment matcher fails as if the service were unreachable. */
    private static final AtomicBoolean matcherDatabaseDown = new AtomicBoolean();

    @BeforeAll
    static void client() {
        api = runner.api();
    }

    /** The payment matcher's DynamoDB client fails while {@link #matcherDatabaseDown} is set. */
    private static LocalSystem.Hooks outage() {
        return new LocalSystem.Hooks() {
            @Override
            public List<ExecutionInterceptor> dynamoInterceptors(String function) {
                if (!function.equals("payment-matcher")) {
                    return List.of();
                }
                return List.of(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (matcherDatabaseDown.get()) {
                            throw SdkClientException.create("Unable to execute HTTP request: Connection refused "
                                    + "(simulated DynamoDB outage)");
                        }
                    }
                });
            }
        };
    }

    @Test
    void aPaymentDeadLetteredDuringAnOutageIsAppliedOnceAfterARedrive() {
        String plan = LocalTestData.plan(api, "DLQ plan", 2500);
        String customer = LocalTestData.customer(api, "Dead Letter Ltd", "dlq@test.example");
        LocalTestData.subscribe(api, customer, plan, LocalDate.parse("2027-01-04"));
        expect(api.advance(Instant.parse("2027-01-04T12:00:00Z")), 200);
        JsonNode invoice = LocalTestData.invoices(api, customer).get(0);
        String invoiceId = invoice.get("id").textValue();

        JsonNode empty = expect(api.get("/_local/dlq"), 200);
        assertEquals(0, messagesOn(empty, "PaymentDeadLetterQueue").size(), empty.toString());

        matcherDatabaseDown.set(true);
        String body = LocalTestData.paymentReceived(api.now(), "pay-dlq-1", "25.00", invoice.get("number").textValue());
        LocalClient.Reply accepted = api.standardWebhook(LocalRunner.DEFAULT_STANDARD_SECRET, "evt-dlq-1", body);
        assertEquals(200, accepted.status(), "the delivery is stored and acknowledged: " + accepted.body());
        assertEquals("open", expect(api.get("/invoices/" + invoiceId), 200).get("status").textValue());

        // On the dead-letter queue, and looking at it twice leaves it there.
        for (int look = 0; look < 2; look++) {
            JsonNode dlq = expect(api.get("/_local/dlq"), 200);
            JsonNode queue = queue(dlq, "PaymentDeadLetterQueue");
            assertEquals("PaymentQueue", queue.get("source").textValue());
            assertEquals(6, queue.get("maxReceiveCount").intValue());
            JsonNode messages = queue.get("messages");
            assertEquals(1, messages.size(), dlq.toString());
            JsonNode message = messages.get(0);
            assertTrue(message.get("body").textValue().contains("pay-dlq-1"), message.toString());
            assertTrue(message.get("receiveCount").intValue() >= 6, message.toString());
            assertTrue(message.get("attributes").has("SentTimestamp"), message.toString());
            assertEquals(0, messagesOn(dlq, "BillingJobDeadLetterQueue").size());
        }

        // The outage ends; a person redrives the queue: the payment is applied, once, and the queue is empty.
        matcherDatabaseDown.set(false);
        JsonNode redriven = expect(api.post("/_local/dlq/redrive", "{\"queue\": \"PaymentDeadLetterQueue\"}"), 200);
        assertEquals(1, redriven.at("/redriven/0/moved").longValue(), redriven.toString());
        assertEquals("PaymentQueue", redriven.at("/redriven/0/destination").textValue());

        JsonNode paid = expect(api.get("/invoices/" + invoiceId), 200);
        assertEquals("paid", paid.get("status").textValue(), paid.toString());
        assertEquals(2500, paid.get("amountPaid").longValue());
        assertEquals(1, paid.get("payments").size(), paid.toString());
        JsonNode payment = expect(api.get("/payments/" + paid.at("/payments/0/paymentId").textValue()), 200);
        assertEquals("pay-dlq-1", payment.get("providerPaymentId").textValue());
        assertEquals(0, messagesOn(expect(api.get("/_local/dlq"), 200), "PaymentDeadLetterQueue").size());

        // Redriving an empty queue, or all of them, changes nothing.
        expect(api.post("/_local/dlq/redrive", ""), 200);
        assertEquals(1, expect(api.get("/invoices/" + invoiceId), 200).get("payments").size());
    }

    @Test
    void redriveRefusesAQueueItCannotMoveBack() {
        LocalClient.Reply unknown = api.post("/_local/dlq/redrive", "{\"queue\": \"NoSuchQueue\"}");
        assertEquals(422, unknown.status(), unknown.body());
        LocalClient.Reply noSource = api.post("/_local/dlq/redrive", "{\"queue\": \"PdfDeadLetterQueue\"}");
        assertEquals(422, noSource.status(), noSource.body());
        JsonNode dlq = expect(api.get("/_local/dlq"), 200);
        assertNull(queue(dlq, "PdfDeadLetterQueue").get("source").textValue());
    }

    private static JsonNode queue(JsonNode dlq, String name) {
        for (JsonNode q : dlq.get("queues")) {
            if (q.get("queue").textValue().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name + " in " + dlq);
    }

    private static JsonNode messagesOn(JsonNode dlq, String name) {
        return queue(dlq, name).get("messages");
    }
}
