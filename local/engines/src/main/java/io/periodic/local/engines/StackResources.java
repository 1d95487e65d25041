package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * The DynamoDB tables and SQS queues declared in {@code template.yaml}, read from the template itself so that the
 * tests and the local runner create exactly what {@code sam deploy} creates: there is no second definition to
 * drift. Locally a resource is named after its logical id.
 */
public final class StackResources {
    /** ElasticMQ's account id, used to build local queue ARNs for redrive policies. */
    private static final String LOCAL_ACCOUNT = "000000000000";

    private final List<TableDefinition> tables;
    private final List<QueueDefinition> queues;

    private StackResources(List<TableDefinition> tables, List<QueueDefinition> queues) {
        this.tables = List.copyOf(tables);
        this.queues = List.copyOf(queues);
    }

    /** A DynamoDB table as declared in the template. */
    public record TableDefinition(
            String logicalId,
            Map<String, String> attributeTypes,
            List<KeySchemaElement> keySchema,
            List<GlobalSecondaryIndex> globalSecondaryIndexes,
            String ttlAttribute,
            boolean pointInTimeRecovery,
            String billingMode) {

        public CreateTableRequest createTableRequest() {
            List<AttributeDefinition> attributes = attributeTypes.entrySet().stream()
                    .map(e -> AttributeDefinition.builder()
                            .attributeName(e.getKey())
                            .attributeType(ScalarAttributeType.fromValue(e.getValue()))
                            .build())
                    .toList();
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(logicalId)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributes)
                    .keySchema(keySchema);
            if (!globalSecondaryIndexes.isEmpty()) {
                request.globalSecondaryIndexes(globalSecondaryIndexes);
            }
            return request.build();
        }

        /** The index of this name, or an exception naming the indexes that exist. */
        public GlobalSecondaryIndex index(String name) {
            return globalSecondaryIndexes.stream()
                    .filter(i -> i.indexName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no index " + name + " on " + logicalId + "; has "
                            + globalSecondaryIndexes.stream().map(GlobalSecondaryIndex::indexName).toList()));
        }
    }

    /** An SQS queue as declared in the template. */
    public record QueueDefinition(String logicalId, Map<String, String> attributes, String deadLetterQueue, int maxReceiveCount) {}

    /** The queue whose redrive policy names {@code deadLetterQueue} as its dead-letter queue, if any. */
    public Optional<QueueDefinition> sourceOf(String deadLetterQueue) {
        return queues.stream().filter(q -> deadLetterQueue.equals(q.deadLetterQueue())).findFirst();
    }

    /**
     * The dead-letter queues: those named by a queue's redrive policy, and the queues the template names after
     * them ({@code ...DeadLetterQueue}: EventBridge Scheduler's and EventBridge's targets for failed deliveries).
     */
    public List<QueueDefinition> deadLetterQueues() {
        return queues.stream().filter(q -> sourceOf(q.logicalId()).isPresent()
                || q.logicalId().endsWith("DeadLetterQueue")).toList();
    }

    public static StackResources fromTemplate(Path template) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(template.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + template, e);
        }
        List<TableDefinition> tables = new ArrayList<>();
        List<QueueDefinition> queues = new ArrayList<>();
        root.path("Resources").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("Type").asText();
            JsonNode properties = entry.getValue().path("Properties");
            switch (type) {
                case "AWS::DynamoDB::Table" -> tables.add(table(entry.getKey(), properties));
                case "AWS::SQS::Queue" -> queues.add(queue(entry.getKey(), properties));
                default -> { }
            }
        });
        return new StackResources(tables, queues);
    }

    public List<TableDefinition> tables() {
        return tables;
    }

    public List<QueueDefinition> queues() {
        return queues;
    }

    public TableDefinition table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("template declares no table " + logicalId));
    }

    /** Creates every table (idempotent: an existing table is left alone). */
    public void createTables(DynamoDbClient client) {
        for (TableDefinition table : tables) {
            try {
                client.createTable(table.createTableRequest());
            } catch (ResourceInUseException alreadyThere) {
                continue;
            }
            if (table.ttlAttribute() != null) {
                client.updateTimeToLive(b -> b.tableName(table.logicalId())
                        .timeToLiveSpecification(t -> t.attributeName(table.ttlAttribute()).enabled(true)));
            }
        }
    }

    /**
     * Creates every queue, dead-letter queues first, with their redrive policies. Idempotent: a queue that exists
     * (restored from a folder) gets the template's attributes.
     */
    public void createQueues(SqsClient client) {
        List<QueueDefinition> ordered = new ArrayList<>(queues);
        ordered.sort((a, b) -> Boolean.compare(a.deadLetterQueue() != null, b.deadLetterQueue() != null));
        for (QueueDefinition queue : ordered) {
            Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
            queue.attributes().forEach((k, v) -> attributes.put(QueueAttributeName.fromValue(k), v));
            if (queue.deadLetterQueue() != null) {
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:"
                        + Engines.REGION.id() + ":" + LOCAL_ACCOUNT + ":" + queue.deadLetterQueue()
                        + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}");
            }
            try {
                client.createQueue(b -> b.queueName(queue.logicalId()).attributes(attributes));
            } catch (QueueNameExistsException exists) {
                String url = client.getQueueUrl(b -> b.queueName(queue.logicalId())).queueUrl();
                client.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            }
        }
    }

    private static TableDefinition table(String logicalId, JsonNode p) {
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        p.path("AttributeDefinitions").forEach(a ->
                attributeTypes.put(a.path("AttributeName").asText(), a.path("AttributeType").asText()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(i -> {
            JsonNode projection = i.path("Projection");
            Projection.Builder proj = Projection.builder()
                    .projectionType(ProjectionType.fromValue(projection.path("ProjectionType").asText("ALL")));
            if (projection.has("NonKeyAttributes")) {
                List<String> nonKey = new ArrayList<>();
                projection.path("NonKeyAttributes").forEach(n -> nonKey.add(n.asText()));
                proj.nonKeyAttributes(nonKey);
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(i.path("IndexName").asText())
                    .keySchema(keySchema(i.path("KeySchema")))
                    .projection(proj.build())
                    .build());
        });
        JsonNode ttl = p.path("TimeToLiveSpecification");
        String ttlAttribute = ttl.path("Enabled").asBoolean(false) ? ttl.path("AttributeName").asText() : null;
        boolean pitr = p.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(false);
        return new TableDefinition(logicalId, attributeTypes, keySchema(p.path("KeySchema")), indexes, ttlAttribute,
                pitr, p.path("BillingMode").asText("PROVISIONED"));
    }

    private static List<KeySchemaElement> keySchema(JsonNode keys) {
        List<KeySchemaElement> schema = new ArrayList<>();
        keys.forEach(k -> schema.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(KeyType.fromValue(k.path("KeyType").asText()))
                .build()));
        return schema;
    }

    private static QueueDefinition queue(String logicalId, JsonNode p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        copy(p, "VisibilityTimeout", attributes);
        copy(p, "MessageRetentionPeriod", attributes);
        copy(p, "DelaySeconds", attributes);
        copy(p, "ReceiveMessageWaitTimeSeconds", attributes);
        JsonNode redrive = p.path("RedrivePolicy");
        String dlq = null;
        int maxReceive = 0;
        if (!redrive.isMissingNode()) {
            // deadLetterTargetArn: !GetAtt DeadLetterQueue.Arn  -> "DeadLetterQueue.Arn"
            String target = redrive.path("deadLetterTargetArn").asText();
            dlq = target.contains(".") ? target.substring(0, target.indexOf('.')) : target;
            maxReceive = redrive.path("maxReceiveCount").asInt();
        }
        return new QueueDefinition(logicalId, attributes, dlq, maxReceive);
    }

    private static void copy(JsonNode p, String name, Map<String, String> into) {
        if (p.has(name) && p.get(name).isValueNode()) {
            into.put(name, p.get(name).asText());
        }
    }
}
