package io.periodic.billing.persistence;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PageIterable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Typed access to one kind of record in the billing table: consistent reads, create-once writes, optimistic
 * locking on updates ({@code version}, via the enhanced client's VersionedRecordExtension), and paged queries.
 */
final class EntityTable<T> {
    private static final Expression NOT_EXISTS = Expression.builder()
            .expression("attribute_not_exists(#pk)")
            .expressionNames(Map.of("#pk", BillingTable.PK))
            .build();

    private final DynamoDbTable<T> table;
    private final Class<T> type;
    private final Function<T, String> describe;

    EntityTable(DynamoDbEnhancedClient client, String tableName, TableSchema<T> schema, Function<T, String> describe) {
        this.table = client.table(tableName, schema);
        this.type = schema.itemType().rawClass();
        this.describe = describe;
    }

    DynamoDbTable<T> table() {
        return table;
    }

    Optional<T> get(String pk, String sk) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(pk, sk)).consistentRead(true)));
    }

    /**
     * Writes an item that must not exist yet (keyed on its business identity). A second create of the same item -
     * a retry, a duplicate message, a racing writer - fails with {@link AlreadyExistsException} and changes nothing.
     */
    T create(T item) {
        try {
            return table.updateItem(UpdateItemEnhancedRequest.builder(type)
                    .item(item)
                    .ignoreNulls(false)
                    .conditionExpression(NOT_EXISTS)
                    .build());
        } catch (ConditionalCheckFailedException e) {
            throw new AlreadyExistsException(describe.apply(item) + " already exists", e);
        }
    }

    /**
     * Replaces a stored item if nobody changed it since it was read (its version still matches). Returns the
     * stored item with its new version. Null attributes are removed, which takes an item out of sparse indexes.
     */
    T update(T item) {
        try {
            return table.updateItem(UpdateItemEnhancedRequest.builder(type).item(item).ignoreNulls(false).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException(describe.apply(item) + " was changed by another writer", e);
        }
    }

    void delete(String pk, String sk) {
        table.deleteItem(key(pk, sk));
    }

    Page<T> query(String indexName, QueryConditional condition, int limit, String cursor, boolean forward) {
        return query(indexName, condition, null, limit, cursor, forward);
    }

    /**
     * A query with a filter. DynamoDB applies {@code limit} before the filter, so a page may hold fewer items than
     * asked (even none) and still have a cursor: callers follow the cursor, never the page size.
     */
    Page<T> query(String indexName, QueryConditional condition, Expression filter, int limit, String cursor,
            boolean forward) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + limit);
        }
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .limit(limit)
                .exclusiveStartKey(Page.decode(cursor, cursor == null ? null : shape(indexName, condition)))
                .scanIndexForward(forward)
                .filterExpression(filter)
                .build();
        if (indexName == null) {
            PageIterable<T> pages = table.query(request);
            var page = pages.iterator().next();
            return new Page<>(page.items(), Page.encode(page.lastEvaluatedKey()));
        }
        DynamoDbIndex<T> index = table.index(indexName);
        var page = index.query(request).iterator().next();
        return new Page<>(page.items(), Page.encode(page.lastEvaluatedKey()));
    }

    /**
     * A strongly consistent query of the table (not an index): sees every write that succeeded before it, for
     * decisions that must count everything already committed (a payment's refunds).
     */
    Page<T> queryConsistent(QueryConditional condition, int limit, String cursor) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + limit);
        }
        var page = table.query(QueryEnhancedRequest.builder().queryConditional(condition).limit(limit)
                .exclusiveStartKey(Page.decode(cursor, cursor == null ? null : shape(null, condition)))
                .consistentRead(true).build()).iterator().next();
        return new Page<>(page.items(), Page.encode(page.lastEvaluatedKey()));
    }

    /** What a cursor of this query must look like (see {@link Page#decode}). */
    private Page.Shape shape(String indexName, QueryConditional condition) {
        TableMetadata metadata = table.tableSchema().tableMetadata();
        String index = indexName == null ? TableMetadata.primaryIndexName() : indexName;
        Expression keyCondition = condition.expression(table.tableSchema(), index);
        return indexName == null
                ? Page.Shape.of(metadata.primaryPartitionKey(), metadata.primarySortKey().orElseThrow(), null, null,
                        keyCondition)
                : Page.Shape.of(metadata.primaryPartitionKey(), metadata.primarySortKey().orElseThrow(),
                        metadata.indexPartitionKey(indexName), metadata.indexSortKey(indexName).orElse(null),
                        keyCondition);
    }

    static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
