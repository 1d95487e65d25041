package io.periodic.local.runner;

import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.ConnectorSecrets;
import io.periodic.billing.ports.DocumentStore;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.MessageQueue;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.webhooks.StandardConnectors;
import io.periodic.billing.wiring.Adapters;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local runner's adapters for the composition root: DynamoDB Local, ElasticMQ queues, the secrets given on the
 * command line, documents in a folder, events in a JSON-lines log, mail in an outbox folder, the dunning workflows
 * on the local state machine, the simulated clock, and the hosted link key from the state folder
 * ({@link StateFiles#hostedLinkKey}) with the address the local server listens on. The same instances serve every
 * function.
 */
record LocalAdapters(DynamoDbClient dynamo, String tableName, MessageQueue billingJobQueue,
        MessageQueue paymentQueue, Secrets stripeSecrets, ConnectorSecrets standardConnectors,
        DocumentStore documents, EventPublisher events, Mailer mailer, WorkflowStarter dunningWorkflows, Clock clock,
        InstantSource wallClock, int maxCatchUpPeriods, Secrets hostedLinkKeys,
        Supplier<String> hostedPageBaseUrl) implements Adapters {

    /**
     * The Standard Webhooks connectors of {@code --standard-secret}: a bare {@code whsec_} secret is the secret of
     * connector {@value LocalRunner#DEFAULT_STANDARD_CONNECTOR}; a JSON document is read as the deployed
     * configuration is ({@code {"connectors": [{"name": ..., "secrets": [...]}]}}, docs/payment-events.md).
     */
    static ConnectorSecrets standardConnectors(String option) {
        String value = option.strip();
        List<ConnectorSecrets.Connector> connectors = value.startsWith("{") ? StandardConnectors.parse(value)
                : List.of(new ConnectorSecrets.Connector(LocalRunner.DEFAULT_STANDARD_CONNECTOR, List.of(value)));
        return () -> connectors;
    }
}
