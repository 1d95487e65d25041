package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.Address;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form shared by several records: an {@link Address} (a customer's, the seller's) as a nested document.
 * Money is stored by {@link MoneyConverter} ({@link Column#money}); a tax rate as its decimal text
 * ({@code TaxRate.toString} / {@code TaxRate.of}).
 *
 * <p>A nested document's schema lives in its own enum ({@code SCHEMA}), not in the enclosing class: the enums that
 * embed it reach it while their constants are created, and must not start initialising their enclosing class from
 * there (it would ask them for their {@code values()} before they exist).
 */
final class CommonSchemas {
    private CommonSchemas() {}

    enum AddressAttribute implements StoredAttribute<Address> {
        LINE1(string("line1")),
        LINE2(string("line2")),
        POSTAL_CODE(string("postalCode")),
        CITY(string("city")),
        REGION(string("region")),
        COUNTRY(string("country"));

        private final Column column;

        AddressAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Address it) {
            return switch (this) {
                case LINE1 -> it.line1();
                case LINE2 -> it.line2();
                case POSTAL_CODE -> it.postalCode();
                case CITY -> it.city();
                case REGION -> it.region();
                case COUNTRY -> it.country();
            };
        }

        @Override
        public Address recordOf(Row r) {
            return new Address(r.get(LINE1), r.get(LINE2), r.get(POSTAL_CODE), r.get(CITY), r.get(REGION),
                    r.get(COUNTRY));
        }

        static final TableSchema<Address> SCHEMA = SchemaBuilder.of(Address.class, values());
    }
}
