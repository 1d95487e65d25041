package io.periodic.billing.persistence;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * Builds a {@link StaticImmutableTableSchema} over a record from the enum of its {@link StoredAttribute}s, without
 * reflection: each attribute's value is read by the enum's {@code switch}, values read back are collected in a
 * {@link Row}, and the record is built from the row by the enum. Key and index attributes are <em>derived</em> from
 * the record (written, and not used when reading), which keeps key formats in one place and makes a sparse index
 * attribute disappear when its value is null.
 *
 * <p>Why no lambda: every distinct lambda or method reference is a class the JVM spins at first use (about half a
 * millisecond each on a cold, C1-only Lambda JVM). With a getter per attribute the schemas cost ~310 such classes
 * and ~150 ms of every cold start; with an accessor and a factory lambda per record, 74. Here the getter, setter
 * and factory of every attribute of every record are instances of the two small classes below, loaded once.
 */
final class SchemaBuilder {
    private SchemaBuilder() {}

    /** The schema of {@code type}, whose stored attributes are {@code attributes} (its enum's {@code values()}). */
    static <T, A extends Enum<A> & StoredAttribute<T>> TableSchema<T> of(Class<T> type, A[] attributes) {
        StaticImmutableTableSchema.Builder<T, Row> schema = StaticImmutableTableSchema.builder(type, Row.class);
        for (A attribute : attributes) {
            schema.addAttribute(attribute(type, attribute));
        }
        Items<T> items = new Items<>(attributes[0], attributes.length);
        return schema.newItemBuilder(items, items).build();
    }

    @SuppressWarnings("unchecked")
    private static <T, V> ImmutableAttribute<T, Row, V> attribute(Class<T> type, StoredAttribute<T> attribute) {
        Column column = attribute.column();
        Access<T, V> access = new Access<>(attribute);
        ImmutableAttribute.Builder<T, Row, V> builder = ImmutableAttribute.builder(type, Row.class,
                        (EnhancedType<V>) column.type)
                .name(column.name)
                .getter(access)
                .setter(access)
                .tags(column.tags);
        if (column.converter != null) {
            builder.attributeConverter((AttributeConverter<V>) column.converter);
        }
        return builder.build();
    }

    /** Reads one attribute from a record (through its enum's switch) and puts it in its slot of a row. */
    private static final class Access<T, V> implements Function<T, V>, BiConsumer<Row, V> {
        private final StoredAttribute<T> attribute;
        private final int slot;

        Access(StoredAttribute<T> attribute) {
            this.attribute = attribute;
            this.slot = attribute.ordinal();
        }

        @Override
        @SuppressWarnings("unchecked")
        public V apply(T item) {
            return (V) attribute.valueOf(item);
        }

        @Override
        public void accept(Row row, V value) {
            row.set(slot, value);
        }
    }

    /** A fresh row for each item read, and the record built from it. */
    private static final class Items<T> implements Supplier<Row>, Function<Row, T> {
        private final StoredAttribute<T> any;
        private final int attributes;

        Items(StoredAttribute<T> any, int attributes) {
            this.any = any;
            this.attributes = attributes;
        }

        @Override
        public Row get() {
            return new Row(attributes);
        }

        @Override
        public T apply(Row row) {
            return any.recordOf(row);
        }
    }
}
