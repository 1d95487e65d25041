package io.periodic.billing.persistence;

/**
 * The attributes of one stored item as read back, in the slots of their {@link StoredAttribute} constants, until
 * the record is built from them. The enhanced client hands attributes over in no particular order and leaves out
 * absent ones, so a record is built only when all have arrived (an invoice's amounts need its currency).
 */
final class Row {
    private final Object[] values;

    Row(int attributes) {
        this.values = new Object[attributes];
    }

    void set(int slot, Object value) {
        values[slot] = value;
    }

    /** The attribute's value as read, or null when the item does not have it. */
    @SuppressWarnings("unchecked")
    <V> V get(StoredAttribute<?> attribute) {
        return (V) values[attribute.ordinal()];
    }

    /** The attribute's value as read, or {@code absent} for items stored without it. */
    <V> V get(StoredAttribute<?> attribute, V absent) {
        V value = get(attribute);
        return value == null ? absent : value;
    }
}
