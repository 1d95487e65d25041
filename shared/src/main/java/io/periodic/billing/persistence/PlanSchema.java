package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.money;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.Plan;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of plans: {@code PRICE#<id> / PRICE}, type {@code Price}. Those names are kept from earlier
 * versions, when the code called a plan a price (docs/data-model.md). Key formats: {@link BillingTable}.
 */
final class PlanSchema {
    private PlanSchema() {}

    enum PlanAttribute implements StoredAttribute<Plan> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        PRODUCT_NAME(string("productName")),
        UNIT_AMOUNT(money("unitAmount")),
        INTERVAL(string("interval")),
        TRIAL_DAYS(integer("trialDays")),
        TAX_BEHAVIOR(string("taxBehavior")),
        ACTIVE(bool("active")),
        VERSION(Column.VERSION),
        /** The price's own tax rate; absent: the customer's rate (plans stored before rates per price). */
        TAX_RATE(string("taxRate"));

        private final Column column;

        PlanAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Plan it) {
            return switch (this) {
                case PK -> BillingTable.plan(it.id());
                case SK -> "PRICE";
                case TYPE -> "Price";
                case ID -> it.id();
                case PRODUCT_NAME -> it.productName();
                case UNIT_AMOUNT -> it.unitAmount();
                case INTERVAL -> it.interval().toString();
                case TRIAL_DAYS -> it.trialDays();
                case TAX_BEHAVIOR -> it.taxBehavior().name();
                case ACTIVE -> it.active();
                case VERSION -> it.version();
                case TAX_RATE -> it.taxRate() == null ? null : it.taxRate().toString();
            };
        }

        @Override
        public Plan recordOf(Row r) {
            return new Plan(r.get(ID), r.get(PRODUCT_NAME), r.get(UNIT_AMOUNT), BillingInterval.parse(r.get(INTERVAL)),
                    r.get(TRIAL_DAYS), TaxBehavior.valueOf(r.get(TAX_BEHAVIOR)), r.get(ACTIVE, false),
                    r.get(VERSION), r.get(TAX_RATE) == null ? null : TaxRate.of(r.get(TAX_RATE)));
        }
    }

    static final TableSchema<Plan> PLAN = SchemaBuilder.of(Plan.class, PlanAttribute.values());
}
