package io.periodic.functions.invoicescheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.service.DueSubscriptionSweep;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import io.periodic.local.engines.Engines;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** events/invoice-scheduler-schedule.json through the handler, on DynamoDB Local and ElasticMQ. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class SampleEventsTest {
    @Test
    void theScheduleInputRunsACompleteSweepAndAnswersASummary(DynamoDbClient dynamo, ElasticMqEngine mq)
            throws Exception {
        InvoiceSchedulerHandler handler = new InvoiceSchedulerHandler(new DueSubscriptionSweep(
                new BillingStore(dynamo, BillingTable.LOGICAL_ID),
                new SqsMessageQueue(mq.client(), mq.queueUrl("BillingJobQueue")),
                () -> Instant.parse("1970-01-02T00:00:00Z")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(
                Engines.templatePath().resolveSibling("events/invoice-scheduler-schedule.json"))) {
            handler.handleRequest(in, out, null);
        }
        String answer = out.toString(StandardCharsets.UTF_8);
        assertTrue(answer.contains("\"complete\":true"), answer);
        assertTrue(answer.contains("\"now\":\"1970-01-02T00:00:00Z\""), answer);
    }
}
