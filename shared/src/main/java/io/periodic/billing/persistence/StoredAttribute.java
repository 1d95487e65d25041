package io.periodic.billing.persistence;

/**
 * One stored attribute of a record {@code T}. Each stored record has an enum of its attributes, one constant per
 * attribute, which states the attribute's stored name and type once ({@link #column}); the enum's exhaustive
 * {@code switch} expressions then read each attribute from the record ({@link #valueOf}) and build the record from
 * them ({@link #recordOf}), so the compiler refuses an attribute that is declared but not read, and a builder's
 * {@code switch} one that is not written back. {@link SchemaBuilder} turns the enum into a table schema without a
 * lambda per attribute and without reflection.
 */
interface StoredAttribute<T> {
    /** The attribute's stored name, type and tags. */
    Column column();

    /** The attribute's stored value on {@code item} (null: not stored, e.g. a sparse index key). */
    Object valueOf(T item);

    /**
     * The record built from every attribute read back from a stored item. The same on every constant of the enum
     * (an enum cannot implement an interface with a static method); {@link SchemaBuilder} calls it on the first.
     */
    T recordOf(Row row);

    /** The constant's position in its enum, which is its slot in a {@link Row} (every enum has it). */
    int ordinal();
}
