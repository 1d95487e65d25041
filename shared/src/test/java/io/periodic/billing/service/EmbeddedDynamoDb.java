package io.periodic.billing.service;

import io.periodic.local.engines.Engines;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local - the same engine as {@link Engines#dynamo()}, tables from template.yaml - called in-process,
 * without its HTTP front end. For property tests that need hundreds of tries of whole worlds: a request costs
 * about 0.1 ms instead of several milliseconds over HTTP on a busy machine. Everything else (and the concurrency
 * test) uses the HTTP endpoint, which also exercises the SDK's wire protocol.
 */
final class EmbeddedDynamoDb {
    private static AmazonDynamoDBLocal engine;
    private static DynamoDbClient client;

    private EmbeddedDynamoDb() {}

    static synchronized DynamoDbClient client() {
        if (engine == null) {
            AmazonDynamoDBLocal started = DynamoDBEmbedded.create(); // in memory
            client = started.dynamoDbClient();
            Engines.resources().createTables(client);
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown, "dynamodb-embedded-stop"));
            engine = started;
        }
        return client;
    }
}
