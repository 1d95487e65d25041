package io.periodic.billing.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.engines.Engines;
import io.periodic.local.engines.StackResources;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * template.yaml is the one definition of the table: the engines create it from there. This test fails when the
 * code's schemas use a key or index the template does not declare the same way.
 */
class TableDefinitionDriftTest {
    private final StackResources.TableDefinition table = Engines.resources().table(BillingTable.LOGICAL_ID);

    private static final List<TableSchema<?>> SCHEMAS = StoredItems.SCHEMAS;

    @Test
    void primaryKeyMatchesEverySchema() {
        assertEquals(List.of(key(BillingTable.PK, KeyType.HASH), key(BillingTable.SK, KeyType.RANGE)), table.keySchema());
        for (TableSchema<?> schema : SCHEMAS) {
            TableMetadata metadata = schema.tableMetadata();
            assertEquals(BillingTable.PK, metadata.primaryPartitionKey(), schema.itemType().toString());
            assertEquals(BillingTable.SK, metadata.primarySortKey().orElseThrow(), schema.itemType().toString());
        }
    }

    @Test
    void everyIndexASchemaUsesIsDeclaredWithTheSameKeys() {
        for (TableSchema<?> schema : SCHEMAS) {
            schema.tableMetadata().indices().stream()
                    .filter(index -> !index.name().equals(TableMetadata.primaryIndexName()))
                    .forEach(index -> {
                        GlobalSecondaryIndex declared = table.index(index.name());
                        assertEquals(List.of(
                                        key(index.partitionKey().orElseThrow().name(), KeyType.HASH),
                                        key(index.sortKey().orElseThrow().name(), KeyType.RANGE)),
                                declared.keySchema(), index.name() + " of " + schema.itemType());
                    });
        }
    }

    @Test
    void keyAttributesAreStringsAndIndexesHaveTheDocumentedProjections() {
        Stream.of(BillingTable.PK, BillingTable.SK, BillingTable.GSI1_PK, BillingTable.GSI1_SK, BillingTable.GSI2_PK,
                        BillingTable.GSI2_SK, BillingTable.GSI3_PK, BillingTable.GSI3_SK)
                .forEach(name -> assertEquals("S", table.attributeTypes().get(name), name));
        assertEquals(8, table.attributeTypes().size(), "only key attributes are declared");
        assertEquals(Map.of(
                        BillingTable.GSI1, ProjectionType.ALL,
                        BillingTable.GSI2, ProjectionType.ALL,
                        BillingTable.GSI3, ProjectionType.KEYS_ONLY),
                Map.of(
                        BillingTable.GSI1, table.index(BillingTable.GSI1).projection().projectionType(),
                        BillingTable.GSI2, table.index(BillingTable.GSI2).projection().projectionType(),
                        BillingTable.GSI3, table.index(BillingTable.GSI3).projection().projectionType()));
    }

    @Test
    void operationalSettingsAreOn() {
        assertEquals(BillingTable.TTL, table.ttlAttribute());
        assertTrue(table.pointInTimeRecovery(), "point-in-time recovery");
        assertEquals("PAY_PER_REQUEST", table.billingMode());
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
