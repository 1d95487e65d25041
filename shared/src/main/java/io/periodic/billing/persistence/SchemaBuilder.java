package io.periodic.billing.persistence;

import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Builds a {@link StaticImmutableTableSchema} over a record without reflection: each attribute names its getter,
 * values are collected in a {@link Row} and the record is built by a factory. Key and index attributes are
 * <em>derived</em> from the record (written, never read back), which keeps key formats in one place and makes a
 * sparse index attribute disappear when its getter returns null.
 */
final class SchemaBuilder<T> {
    private final StaticImmutableTableSchema.Builder<T, Row> builder;

    private SchemaBuilder(Class<T> type) {
        this.builder = StaticImmutableTableSchema.builder(type, Row.class);
    }

    static <T> SchemaBuilder<T> of(Class<T> type) {
        return new SchemaBuilder<>(type);
    }

    /** A stored attribute, read back into the row under its name. */
    <V> SchemaBuilder<T> attr(String name, Class<V> type, Function<T, V> getter, StaticAttributeTag... tags) {
        return attr(name, EnhancedType.of(type), getter, tags);
    }

    <V> SchemaBuilder<T> attr(String name, EnhancedType<V> type, Function<T, V> getter, StaticAttributeTag... tags) {
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((row, v) -> row.set(name, v)).tags(tags));
        return this;
    }

    /** A stored attribute with an explicit converter. */
    <V> SchemaBuilder<T> attr(String name, AttributeConverter<V> converter, Function<T, V> getter) {
        builder.addAttribute(converter.type(), a -> a.name(name).getter(getter).setter((row, v) -> row.set(name, v))
                .attributeConverter(converter));
        return this;
    }

    /** A derived string attribute (key or index key): written from the record, ignored when reading. */
    SchemaBuilder<T> derived(String name, Function<T, String> getter, StaticAttributeTag... tags) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter).setter((row, v) -> { }).tags(tags));
        return this;
    }

    /**
     * A key attribute that also carries one of the record's fields (e.g. {@code pk = INV#<id>}): written from the
     * record, and read back into the row as {@code field} through {@code parse}, so the field is not stored twice.
     */
    SchemaBuilder<T> key(String name, Function<T, String> getter, String field, Function<String, String> parse,
            StaticAttributeTag... tags) {
        builder.addAttribute(String.class, a -> a.name(name).getter(getter)
                .setter((row, v) -> row.set(field, v == null ? null : parse.apply(v))).tags(tags));
        return this;
    }

    /** A derived attribute of a plain type, e.g. a total in minor units: written from the record, never read. */
    <V> SchemaBuilder<T> derived(String name, Class<V> type, Function<T, V> getter) {
        builder.addAttribute(type, a -> a.name(name).getter(getter).setter((row, v) -> { }));
        return this;
    }

    /** A derived attribute of any type, e.g. a total kept on the item for reports and queries. */
    <V> SchemaBuilder<T> derived(String name, AttributeConverter<V> converter, Function<T, V> getter) {
        builder.addAttribute(converter.type(), a -> a.name(name).getter(getter).setter((row, v) -> { })
                .attributeConverter(converter));
        return this;
    }

    TableSchema<T> build(Function<Row, T> factory) {
        return builder.newItemBuilder(Row::new, factory).build();
    }
}
