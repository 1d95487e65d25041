package io.periodic.billing.persistence;

import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.money.Money;
import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;

/**
 * A stored attribute's name, DynamoDB type (through its Java type or converter) and tags: what a constant of a
 * record's {@link StoredAttribute} enum carries. The table's shared attributes (keys, index keys, type, version,
 * TTL) are constants here; {@link BillingTable} has their names.
 */
final class Column {
    static final Column PK = string(BillingTable.PK, primaryPartitionKey());
    static final Column SK = string(BillingTable.SK, primarySortKey());
    static final Column GSI1_PK = string(BillingTable.GSI1_PK, secondaryPartitionKey(BillingTable.GSI1));
    static final Column GSI1_SK = string(BillingTable.GSI1_SK, secondarySortKey(BillingTable.GSI1));
    static final Column GSI2_PK = string(BillingTable.GSI2_PK, secondaryPartitionKey(BillingTable.GSI2));
    static final Column GSI2_SK = string(BillingTable.GSI2_SK, secondarySortKey(BillingTable.GSI2));
    static final Column GSI3_PK = string(BillingTable.GSI3_PK, secondaryPartitionKey(BillingTable.GSI3));
    static final Column GSI3_SK = string(BillingTable.GSI3_SK, secondarySortKey(BillingTable.GSI3));
    /** The record type's name, for exports and streams: written, never read back. */
    static final Column TYPE = string(BillingTable.TYPE);
    /** The optimistic-lock version (the enhanced client's VersionedRecordExtension). */
    static final Column VERSION = new Column(BillingTable.VERSION, EnhancedType.of(Long.class), null,
            versionAttribute());
    /** Epoch seconds after which DynamoDB's TTL removes the item. */
    static final Column TTL = number(BillingTable.TTL);

    final String name;
    final EnhancedType<?> type;
    /** Null: the enhanced client's default converter for {@link #type}. */
    final AttributeConverter<?> converter;
    final StaticAttributeTag[] tags;

    private Column(String name, EnhancedType<?> type, AttributeConverter<?> converter, StaticAttributeTag... tags) {
        this.name = name;
        this.type = type;
        this.converter = converter;
        this.tags = tags;
    }

    /** An attribute of any type the enhanced client converts by default (maps, lists, nested documents...). */
    static Column of(String name, EnhancedType<?> type) {
        return new Column(name, type, null);
    }

    static Column string(String name, StaticAttributeTag... tags) {
        return new Column(name, EnhancedType.of(String.class), null, tags);
    }

    static Column integer(String name) {
        return of(name, EnhancedType.of(Integer.class));
    }

    /** A long (a DynamoDB number). */
    static Column number(String name) {
        return of(name, EnhancedType.of(Long.class));
    }

    static Column bool(String name) {
        return of(name, EnhancedType.of(Boolean.class));
    }

    /** An instant, stored as ISO-8601 text. */
    static Column instant(String name) {
        return of(name, EnhancedType.of(Instant.class));
    }

    /** A local date, stored as ISO-8601 text. */
    static Column date(String name) {
        return of(name, EnhancedType.of(LocalDate.class));
    }

    /** Bytes, stored as DynamoDB binary. */
    static Column bytes(String name) {
        return of(name, EnhancedType.of(byte[].class));
    }

    /** Money as {@code {minor, currency}} ({@link MoneyConverter}). */
    static Column money(String name) {
        return new Column(name, EnhancedType.of(Money.class), MoneyConverter.INSTANCE);
    }

    /** A list of strings (a DynamoDB list of S). */
    static Column strings(String name) {
        return of(name, EnhancedType.listOf(String.class));
    }

    /** A nested document (a map attribute) in the form of {@code schema}. */
    static <D> Column document(String name, Class<D> type, TableSchema<D> schema) {
        return of(name, EnhancedType.documentOf(type, schema));
    }

    /** A list of nested documents in the form of {@code schema}. */
    static <D> Column documents(String name, Class<D> type, TableSchema<D> schema) {
        return of(name, EnhancedType.listOf(EnhancedType.documentOf(type, schema)));
    }
}
