package io.periodic.billing.persistence;

import java.util.HashMap;
import java.util.Map;

/**
 * The builder every static immutable schema reads into: attribute values by name, then handed to the record's
 * canonical constructor. One small class instead of a hand-written builder per record.
 */
final class Row {
    private final Map<String, Object> values = new HashMap<>();

    void set(String name, Object value) {
        values.put(name, value);
    }

    @SuppressWarnings("unchecked")
    <V> V get(String name) {
        return (V) values.get(name);
    }

    <V> V get(String name, V absent) {
        V value = get(name);
        return value == null ? absent : value;
    }
}
