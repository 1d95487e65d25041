package io.periodic.local.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The JUnit extensions hand tests clients of the one shared engine per JVM, with the template's table created. */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class EmbeddedEnginesTest {
    @Test
    void dynamoDbLocalIsSharedAndHasTheTemplatesTables(DynamoDbClient client, DynamoDbLocalEngine engine) {
        assertSame(engine.client(), client);
        assertSame(engine, Engines.dynamo(), "one engine per JVM");
        for (StackResources.TableDefinition table : Engines.resources().tables()) {
            assertTrue(client.listTables().tableNames().contains(table.logicalId()), table.logicalId());
        }
    }

    @Test
    void elasticMqSendsAndReceivesThroughTheSdk(SqsClient sqs, ElasticMqEngine engine) {
        assertSame(engine, Engines.sqs(), "one engine per JVM");
        String queue = sqs.createQueue(b -> b.queueName("probe-" + UUID.randomUUID())).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("hello"));
        var messages = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages();
        assertEquals(1, messages.size());
        assertEquals("hello", messages.get(0).body());
    }
}
