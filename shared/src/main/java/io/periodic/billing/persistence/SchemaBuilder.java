package io.periodic.billing.persistence;

import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Builds a {@link StaticImmutableTableSchema} over a record without reflection: one {@link Accessor} per record
 * gives each attribute's value by name (a {@code switch}), values read back are collected in a {@link Row} and the
 * record is built by a factory. Key and index attributes are <em>derived</em> from the record (written, never read
 * back), which keeps key formats in one place and makes a sparse index attribute disappear when its value is null.
 *
 * <p>Why one accessor per record rather than a getter per attribute: every distinct lambda or method reference is
 * a class the JVM spins at first use (about half a millisecond each on a cold, C1-only Lambda JVM). With a getter
 * per attribute the schemas cost ~310 such classes and ~150 ms of every cold start; with one accessor per record
 * they cost a few dozen.
 */
final class SchemaBuilder<T> {
    /** The value of one attribute of a record, by attribute name. */
    @FunctionalInterface
    interface Accessor<T> {
        Object get(T item, String attribute);
    }

    private final StaticImmutableTableSchema.Builder<T, Row> builder;
    private final Accessor<T> accessor;

    private SchemaBuilder(Class<T> type, Accessor<T> accessor) {
        this.builder = StaticImmutableTableSchema.builder(type, Row.class);
        this.accessor = accessor;
    }

    static <T> SchemaBuilder<T> of(Class<T> type, Accessor<T> accessor) {
        return new SchemaBuilder<>(type, accessor);
    }

    @SuppressWarnings("unchecked")
    private <V> Function<T, V> getter(String name) {
        return item -> (V) accessor.get(item, name);
    }

    /** A stored attribute, read back into the row under its name. */
    <V> SchemaBuilder<T> attr(String name, Class<V> type, StaticAttributeTag... tags) {
        return attr(name, EnhancedType.of(type), tags);
    }

    <V> SchemaBuilder<T> attr(String name, EnhancedType<V> type, StaticAttributeTag... tags) {
        Function<T, V> getter = getter(name);
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((row, v) -> row.set(name, v)).tags(tags));
        return this;
    }

    /** A stored attribute with an explicit converter. */
    <V> SchemaBuilder<T> attr(String name, AttributeConverter<V> converter) {
        Function<T, V> getter = getter(name);
        builder.addAttribute(converter.type(), a -> a.name(name).getter(getter).setter((row, v) -> row.set(name, v))
                .attributeConverter(converter));
        return this;
    }

    /**
     * A key attribute that also carries one of the record's fields (e.g. {@code pk = INV#<id>}): written from the
     * record, and read back into the row as {@code field} through {@code parse}, so the field is not stored twice.
     */
    SchemaBuilder<T> key(String name, String field, Function<String, String> parse, StaticAttributeTag... tags) {
        Function<T, String> getter = getter(name);
        builder.addAttribute(String.class, a -> a.name(name).getter(getter)
                .setter((row, v) -> row.set(field, v == null ? null : parse.apply(v))).tags(tags));
        return this;
    }

    /** The table's primary key, {@code pk} and {@code sk}, derived from the record by the accessor. */
    SchemaBuilder<T> keys() {
        return derived(BillingTable.PK, StaticAttributeTags.primaryPartitionKey())
                .derived(BillingTable.SK, StaticAttributeTags.primarySortKey());
    }

    /** A derived string attribute (key or index key): written from the record, ignored when reading. */
    SchemaBuilder<T> derived(String name, StaticAttributeTag... tags) {
        Function<T, String> getter = getter(name);
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter((row, v) -> { }).tags(tags));
        return this;
    }

    /** A derived attribute of a plain type, e.g. a total in minor units: written from the record, never read. */
    <V> SchemaBuilder<T> derived(String name, Class<V> type) {
        Function<T, V> getter = getter(name);
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((row, v) -> { }));
        return this;
    }

    /** A derived attribute of any type, e.g. a total kept on the item for reports and queries. */
    <V> SchemaBuilder<T> derived(String name, AttributeConverter<V> converter) {
        Function<T, V> getter = getter(name);
        builder.addAttribute(converter.type(), a -> a.name(name).getter(getter).setter((row, v) -> { })
                .attributeConverter(converter));
        return this;
    }

    TableSchema<T> build(Function<Row, T> factory) {
        return builder.newItemBuilder(Row::new, factory).build();
    }
}
