package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Plan;
import io.periodic.billing.money.TaxBehavior;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of plans: {@code PRICE#<id> / PRICE}, type {@code Price} (stored names kept from earlier
 * versions, docs/data-model.md).
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class PlanSchema {
    private PlanSchema() {}

    public static final TableSchema<Plan> PLAN = SchemaBuilder.of(Plan.class, (it, a) -> switch (a) {
                case PK -> BillingTable.plan(it.id());
                case SK -> "PRICE";
                case TYPE -> "Price"; // the stored type name, kept from earlier versions
                case "id" -> it.id();
                case "productName" -> it.productName();
                case "unitAmount" -> it.unitAmount();
                case "interval" -> it.interval().toString();
                case "trialDays" -> it.trialDays();
                case "taxBehavior" -> it.taxBehavior().name();
                case "active" -> it.active();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("id", String.class)
            .attr("productName", String.class)
            .attr("unitAmount", MoneyConverter.INSTANCE)
            .attr("interval", String.class)
            .attr("trialDays", Integer.class)
            .attr("taxBehavior", String.class)
            .attr("active", Boolean.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Plan(r.get("id"), r.get("productName"), r.get("unitAmount"),
                    BillingInterval.parse(r.get("interval")), r.get("trialDays"),
                    TaxBehavior.valueOf(r.get("taxBehavior")), r.get("active", false), r.get(VERSION)));
}
