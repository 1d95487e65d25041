package io.periodic.billing.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Reads the sparse, sharded, keys-only work index (gsi3): which subscriptions are due, which invoices are open by
 * due date, which payments hold unapplied cash. It returns ids only - an index is eventually consistent, so the
 * worker re-reads each item with a consistent read before acting on it.
 */
public final class WorkIndex {
    private final DynamoDbClient client;
    private final String tableName;

    WorkIndex(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /** Ids in one shard whose time is at or before {@code instant}, oldest first. */
    public Page<String> dueAtOrBefore(BillingTable.Work work, int shard, Instant instant, int limit, String cursor) {
        return query(work, shard, BillingTable.sortable(instant), limit, cursor);
    }

    /** Ids in one shard whose date is at or before {@code date}, oldest first. */
    public Page<String> dueOnOrBefore(BillingTable.Work work, int shard, LocalDate date, int limit, String cursor) {
        return query(work, shard, BillingTable.sortable(date), limit, cursor);
    }

    /** The table keys of an item in the index. */
    public record ItemKey(String pk, String sk) {}

    /**
     * The table keys (partition and sort key) of the items in one shard whose time is at or before
     * {@code instant}, oldest first: for partitions whose items are not one per id (several refunds of a payment).
     */
    public Page<ItemKey> keysDueAtOrBefore(BillingTable.Work work, int shard, Instant instant, int limit,
            String cursor) {
        QueryResponse response = raw(work, shard, BillingTable.sortable(instant), limit, cursor);
        List<ItemKey> keys = response.items().stream()
                .map(i -> new ItemKey(i.get(BillingTable.PK).s(), i.get(BillingTable.SK).s())).toList();
        return new Page<>(keys, response.hasLastEvaluatedKey() ? Page.encode(response.lastEvaluatedKey()) : null);
    }

    private Page<String> query(BillingTable.Work work, int shard, String upTo, int limit, String cursor) {
        QueryResponse response = raw(work, shard, upTo, limit, cursor);
        List<String> ids = response.items().stream().map(i -> BillingTable.idOf(i.get(BillingTable.PK).s())).toList();
        return new Page<>(ids, response.hasLastEvaluatedKey() ? Page.encode(response.lastEvaluatedKey()) : null);
    }

    private QueryResponse raw(BillingTable.Work work, int shard, String upTo, int limit, String cursor) {
        if (shard < 0 || shard >= BillingTable.SHARDS) {
            throw new IllegalArgumentException("shard must be 0.." + (BillingTable.SHARDS - 1));
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + limit);
        }
        // Sort keys are "<time>#<id>" (subscriptions, payments) or "<date>" (invoices); "<upTo>$" is above both
        // ("$" sorts right after "#"), so every item of that exact time or date is included.
        Expression keyCondition = Expression.builder()
                .expression("#p = :p AND #s < :upTo")
                .expressionNames(Map.of("#p", BillingTable.GSI3_PK, "#s", BillingTable.GSI3_SK))
                .expressionValues(Map.of(
                        ":p", AttributeValue.fromS(work.partition(shard)),
                        ":upTo", AttributeValue.fromS(upTo + "$")))
                .build();
        Map<String, AttributeValue> start = Page.decode(cursor, Page.Shape.of(BillingTable.PK, BillingTable.SK,
                BillingTable.GSI3_PK, BillingTable.GSI3_SK, keyCondition));
        return client.query(q -> q.tableName(tableName)
                .indexName(BillingTable.GSI3)
                .keyConditionExpression(keyCondition.expression())
                .expressionAttributeNames(keyCondition.expressionNames())
                .expressionAttributeValues(keyCondition.expressionValues())
                .limit(limit)
                .exclusiveStartKey(start));
    }
}
