package io.periodic.functions.paymentmatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotificationJson;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 12, defect 9: a refund in another currency than its payment was answered 200 by intake, then failed six
 * times in the matcher and was dead-lettered. The matcher acknowledges it and holds it, rejected with its reason.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class PoisonMessageTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aRefundInAnotherCurrencyIsAcknowledgedAndHeldNotRetried(DynamoDbClient dynamo) throws Exception {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        PaymentMatcherHandler handler = new PaymentMatcherHandler(new PaymentService(store,
                new JsonLinesEventLog(Files.createTempDirectory("m").resolve("e.jsonl")), () -> NOW));
        String pid = "pay_" + Ids.randomLetters(8);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(
                message("m1", new PaymentNotification(PaymentNotification.Kind.RECEIVED, "acme-pay", "e1", pid, null,
                        Money.of(5_000, "JPY"), Payer.UNKNOWN, null, null, NOW)),
                message("m2", new PaymentNotification(PaymentNotification.Kind.REFUNDED, "acme-pay", "e2", pid,
                        "re_eur", Money.of(1_000, "EUR"), Payer.UNKNOWN, null, null, NOW))));

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of(), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(), "nothing goes back to the queue");
        Payment payment = store.payments().getByProviderId("acme-pay", pid).orElseThrow();
        assertEquals("REJECTED", store.payments().getRefund(payment.id(), "re_eur").orElseThrow().status().name());
        assertEquals(Money.of(5_000, "JPY"), payment.unapplied());
    }

    private static SQSEvent.SQSMessage message(String id, PaymentNotification n) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(PaymentNotificationJson.write(n));
        return m;
    }
}
