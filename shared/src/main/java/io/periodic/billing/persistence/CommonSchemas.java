package io.periodic.billing.persistence;

import io.periodic.billing.model.Address;
import io.periodic.billing.money.Money;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * Nested documents stored inside several records: an {@link Address} (a customer's, the seller's).
 * Money has its own converter ({@link MoneyConverter}); tax rates are stored as their decimal text.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class CommonSchemas {
    private CommonSchemas() {}

    static final TableSchema<Address> ADDRESS = SchemaBuilder.of(Address.class, (it, a) -> switch (a) {
                case "line1" -> it.line1();
                case "line2" -> it.line2();
                case "postalCode" -> it.postalCode();
                case "city" -> it.city();
                case "region" -> it.region();
                case "country" -> it.country();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("line1", String.class)
            .attr("line2", String.class)
            .attr("postalCode", String.class)
            .attr("city", String.class)
            .attr("region", String.class)
            .attr("country", String.class)
            .build(r -> new Address(r.get("line1"), r.get("line2"), r.get("postalCode"), r.get("city"),
                    r.get("region"), r.get("country")));
}
