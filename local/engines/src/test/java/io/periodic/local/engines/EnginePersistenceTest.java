package io.periodic.local.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The folder-backed engines keep what they accepted across a restart: DynamoDB Local's tables (-dbPath), and
 * ElasticMQ's queues with their messages, receive counts and dead letters, which a message move task then redrives.
 */
class EnginePersistenceTest {
    @TempDir
    Path dir;

    @Test
    void dynamoDbLocalKeepsItsItemsAcrossARestart() {
        Path folder = dir.resolve("dynamodb");
        StackResources resources = Engines.resources();
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("T#1"), "sk", AttributeValue.fromS("A"));
        try (DynamoDbLocalEngine first = DynamoDbLocalEngine.start(folder)) {
            resources.createTables(first.client());
            first.client().transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("BillingTable")
                    .item(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "n", AttributeValue.fromN("42"))))));
        }
        try (DynamoDbLocalEngine second = DynamoDbLocalEngine.start(folder)) {
            resources.createTables(second.client()); // idempotent on the restored tables
            assertEquals("42", second.client().getItem(b -> b.tableName("BillingTable").key(key)).item().get("n").n());
        }
    }

    @Test
    void elasticMqKeepsMessagesAndDeadLettersAcrossARestartAndRedrivesThem() {
        Path folder = dir.resolve("queues");
        StackResources resources = Engines.resources();
        try (ElasticMqEngine first = ElasticMqEngine.start(folder)) {
            resources.createQueues(first.client());
            SqsClient sqs = first.client();
            String queue = first.queueUrl("PaymentQueue");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));
            // Received and never deleted until the redrive policy (maxReceiveCount 6) dead-letters it.
            for (int receive = 0; receive < 7; receive++) {
                sqs.receiveMessage(b -> b.queueUrl(queue).visibilityTimeout(0).maxNumberOfMessages(10));
            }
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("waiting"));
            assertThrows(IllegalStateException.class, () -> ElasticMqEngine.start(dir.resolve("other")),
                    "one folder-backed ElasticMQ per JVM");
        }
        try (ElasticMqEngine second = ElasticMqEngine.start(folder)) {
            resources.createQueues(second.client()); // idempotent on the restored queues
            SqsClient sqs = second.client();
            String queue = second.queueUrl("PaymentQueue");
            String dlq = second.queueUrl("PaymentDeadLetterQueue");
            List<DeadLetterQueues.Message> dead = DeadLetterQueues.peek(sqs, dlq);
            assertEquals(1, dead.size(), dead.toString());
            assertEquals("poison", dead.get(0).body());
            assertTrue(dead.get(0).receiveCount() >= 6, dead.toString());
            assertEquals(1, DeadLetterQueues.peek(sqs, dlq).size(), "looking leaves it there");
            assertEquals(List.of("waiting"), DeadLetterQueues.peek(sqs, queue).stream()
                    .map(DeadLetterQueues.Message::body).toList());

            DeadLetterQueues.Redrive redrive = DeadLetterQueues.redrive(sqs, second.queueArn("PaymentDeadLetterQueue"),
                    null, Duration.ofSeconds(60));
            assertEquals("COMPLETED", redrive.status());
            assertEquals(1, redrive.moved());
            assertEquals(0, DeadLetterQueues.peek(sqs, dlq).size());
            assertEquals(List.of("poison", "waiting"), DeadLetterQueues.peek(sqs, queue).stream()
                    .map(DeadLetterQueues.Message::body).sorted().toList());
        }
    }
}
