package io.periodic.local.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Reads a fixture template (intrinsic-function tags included) and creates its resources on the real engines. */
class StackResourcesTest {
    private static Path fixture() throws URISyntaxException {
        return Path.of(StackResourcesTest.class.getResource("/fixture-template.yaml").toURI());
    }

    @Test
    void readsTablesAndQueuesFromATemplateWithIntrinsicTags() throws Exception {
        StackResources stack = StackResources.fromTemplate(fixture());

        StackResources.TableDefinition orders = stack.table("Orders");
        assertEquals("expires", orders.ttlAttribute());
        assertTrue(orders.pointInTimeRecovery());
        assertEquals("PAY_PER_REQUEST", orders.billingMode());
        assertEquals(KeyType.HASH, orders.keySchema().get(0).keyType());
        assertEquals(ProjectionType.INCLUDE, orders.index("byDay").projection().projectionType());
        assertEquals(List.of("total"), orders.index("byDay").projection().nonKeyAttributes());

        assertEquals(2, stack.queues().size());
        StackResources.QueueDefinition jobs = stack.queues().stream()
                .filter(q -> q.logicalId().equals("JobQueue")).findFirst().orElseThrow();
        assertEquals("JobDeadLetterQueue", jobs.deadLetterQueue());
        assertEquals(2, jobs.maxReceiveCount());
    }

    @Test
    void createsTablesWithIndexesAndTtlOnDynamoDbLocal() throws Exception {
        StackResources stack = StackResources.fromTemplate(fixture());
        DynamoDbClient client = Engines.dynamo().client();
        stack.createTables(client);
        stack.createTables(client); // idempotent

        var described = client.describeTable(b -> b.tableName("Orders")).table();
        assertEquals("byDay", described.globalSecondaryIndexes().get(0).indexName());
        assertEquals(TimeToLiveStatus.ENABLED,
                client.describeTimeToLive(b -> b.tableName("Orders")).timeToLiveDescription().timeToLiveStatus());

        String id = UUID.randomUUID().toString();
        client.putItem(b -> b.tableName("Orders").item(java.util.Map.of(
                "id", AttributeValue.fromS(id), "day", AttributeValue.fromS("2026-11-22"),
                "total", AttributeValue.fromN("1200"))));
        var found = client.query(b -> b.tableName("Orders").indexName("byDay")
                .keyConditionExpression("#d = :d")
                .expressionAttributeNames(java.util.Map.of("#d", "day"))
                .expressionAttributeValues(java.util.Map.of(":d", AttributeValue.fromS("2026-11-22"))));
        assertTrue(found.items().stream().anyMatch(i -> i.get("id").s().equals(id)));
    }

    @Test
    void createsQueuesWhoseRedrivePolicyMovesPoisonMessagesToTheDeadLetterQueue() throws Exception {
        StackResources stack = StackResources.fromTemplate(fixture());
        ElasticMqEngine engine = ElasticMqEngine.start();
        try {
            SqsClient sqs = engine.client();
            stack.createQueues(sqs);
            String jobs = engine.queueUrl("JobQueue");
            String dlq = engine.queueUrl("JobDeadLetterQueue");
            sqs.sendMessage(b -> b.queueUrl(jobs).messageBody("poison"));

            // Receive without deleting until the redrive policy (maxReceiveCount 2) moves it.
            List<Message> dead = List.of();
            for (int i = 0; i < 10 && dead.isEmpty(); i++) {
                sqs.receiveMessage(b -> b.queueUrl(jobs).waitTimeSeconds(1).visibilityTimeout(0));
                dead = sqs.receiveMessage(b -> b.queueUrl(dlq).waitTimeSeconds(0)).messages();
            }
            assertEquals(1, dead.size(), "message should reach the dead-letter queue");
            assertEquals("poison", dead.get(0).body());
        } finally {
            engine.close();
        }
    }
}
