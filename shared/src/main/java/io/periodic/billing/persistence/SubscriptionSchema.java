package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.date;
import static io.periodic.billing.persistence.Column.documents;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.money;
import static io.periodic.billing.persistence.Column.number;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of subscriptions ({@code SUB#<id> / SUBSCRIPTION}), with their items and pending charges as nested
 * documents. An item's and a charge's plan is stored as {@code priceId}, the name kept from earlier versions.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class SubscriptionSchema {
    private SubscriptionSchema() {}

    /** A subscription's item, a nested document. */
    enum ItemAttribute implements StoredAttribute<SubscriptionItem> {
        PLAN_ID(string("priceId")),
        QUANTITY(number("quantity"));

        private final Column column;

        ItemAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(SubscriptionItem it) {
            return switch (this) {
                case PLAN_ID -> it.planId();
                case QUANTITY -> it.quantity();
            };
        }

        @Override
        public SubscriptionItem recordOf(Row r) {
            return new SubscriptionItem(r.get(PLAN_ID), r.get(QUANTITY));
        }

        static final TableSchema<SubscriptionItem> SCHEMA = SchemaBuilder.of(SubscriptionItem.class, values());
    }

    /** A proration or adjustment waiting for the next invoice, a nested document. */
    enum ChargeAttribute implements StoredAttribute<PendingCharge> {
        ID(string("id")),
        DESCRIPTION(string("description")),
        KIND(string("kind")),
        PLAN_ID(string("priceId")),
        PERIOD_START(date("periodStart")),
        PERIOD_END(date("periodEnd")),
        QUANTITY(number("quantity")),
        UNIT_AMOUNT(money("unitAmount")),
        AMOUNT(money("amount")),
        TAX_BEHAVIOR(string("taxBehavior")),
        /** "11/31" on a proration; null on an adjustment; absent on charges stored before it. */
        PRORATION(string("proration")),
        /** The rate of the price it comes from; absent: the customer's rate (charges stored before rates per price). */
        TAX_RATE(string("taxRate"));

        private final Column column;

        ChargeAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(PendingCharge it) {
            return switch (this) {
                case ID -> it.id();
                case DESCRIPTION -> it.description();
                case KIND -> it.kind().name();
                case PLAN_ID -> it.planId();
                case PERIOD_START -> it.periodStart();
                case PERIOD_END -> it.periodEnd();
                case QUANTITY -> it.quantity();
                case UNIT_AMOUNT -> it.unitAmount();
                case AMOUNT -> it.amount();
                case TAX_BEHAVIOR -> it.taxBehavior().name();
                case PRORATION -> it.proration() == null ? null : it.proration().toString();
                case TAX_RATE -> it.taxRate() == null ? null : it.taxRate().toString();
            };
        }

        @Override
        public PendingCharge recordOf(Row r) {
            return new PendingCharge(r.get(ID), r.get(DESCRIPTION), LineKind.valueOf(r.get(KIND)), r.get(PLAN_ID),
                    r.get(PERIOD_START), r.get(PERIOD_END), r.get(QUANTITY), r.get(UNIT_AMOUNT), r.get(AMOUNT),
                    TaxBehavior.valueOf(r.get(TAX_BEHAVIOR)), proration(r.get(PRORATION)),
                    r.get(TAX_RATE) == null ? null : TaxRate.of(r.get(TAX_RATE)));
        }

        private static Fraction proration(String stored) {
            return stored == null ? null : Fraction.parse(stored);
        }

        static final TableSchema<PendingCharge> SCHEMA = SchemaBuilder.of(PendingCharge.class, values());
    }

    enum SubscriptionAttribute implements StoredAttribute<Subscription> {
        PK(Column.PK),
        SK(Column.SK),
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        /** Sparse: only subscriptions the scheduler should bill are in the work index. */
        GSI3_PK(Column.GSI3_PK),
        GSI3_SK(Column.GSI3_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        CUSTOMER_ID(string("customerId")),
        ITEMS(documents("items", SubscriptionItem.class, ItemAttribute.SCHEMA)),
        ANCHOR(date("anchor")),
        INTERVAL(string("interval")),
        STATUS(string("status")),
        CANCEL_AT_PERIOD_END(bool("cancelAtPeriodEnd")),
        TRIAL_END(date("trialEnd")),
        NEXT_PERIOD_INDEX(number("nextPeriodIndex")),
        NEXT_BILLING_AT(instant("nextBillingAt")),
        PARKED_REASON(string("parkedReason")),
        PENDING_CHARGES(documents("pendingCharges", PendingCharge.class, ChargeAttribute.SCHEMA)),
        CREATED_AT(instant("createdAt")),
        VERSION(Column.VERSION);

        private final Column column;

        SubscriptionAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Subscription it) {
            return switch (this) {
                case PK -> BillingTable.subscription(it.id());
                case SK -> "SUBSCRIPTION";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "SUB#" + BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case GSI3_PK -> it.isSchedulable() ? BillingTable.Work.SUBSCRIPTION_DUE.partitionFor(it.id()) : null;
                case GSI3_SK -> it.isSchedulable() ? BillingTable.sortable(it.nextBillingAt()) + "#" + it.id() : null;
                case TYPE -> "Subscription";
                case ID -> it.id();
                case CUSTOMER_ID -> it.customerId();
                case ITEMS -> it.items();
                case ANCHOR -> it.anchor();
                case INTERVAL -> it.interval().toString();
                case STATUS -> it.status().name();
                case CANCEL_AT_PERIOD_END -> it.cancelAtPeriodEnd();
                case TRIAL_END -> it.trialEnd();
                case NEXT_PERIOD_INDEX -> it.nextPeriodIndex();
                case NEXT_BILLING_AT -> it.nextBillingAt();
                case PARKED_REASON -> it.parkedReason();
                case PENDING_CHARGES -> it.pendingCharges();
                case CREATED_AT -> it.createdAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public Subscription recordOf(Row r) {
            Subscription.Builder subscription = Subscription.builder();
            for (SubscriptionAttribute a : values()) {
                subscription = switch (a) {
                    case PK, SK, GSI1_PK, GSI1_SK, GSI3_PK, GSI3_SK, TYPE -> subscription;
                    case ID -> subscription.id(r.get(a));
                    case CUSTOMER_ID -> subscription.customerId(r.get(a));
                    case ITEMS -> subscription.items(r.get(a));
                    case ANCHOR -> subscription.anchor(r.get(a));
                    case INTERVAL -> subscription.interval(BillingInterval.parse(r.get(a)));
                    case STATUS -> subscription.status(SubscriptionStatus.valueOf(r.get(a)));
                    case CANCEL_AT_PERIOD_END -> subscription.cancelAtPeriodEnd(r.get(a, false));
                    case TRIAL_END -> subscription.trialEnd(r.get(a));
                    case NEXT_PERIOD_INDEX -> subscription.nextPeriodIndex(r.get(a, 0L));
                    case NEXT_BILLING_AT -> subscription.nextBillingAt(r.get(a));
                    case PARKED_REASON -> subscription.parkedReason(r.get(a));
                    case PENDING_CHARGES -> subscription.pendingCharges(r.get(a, List.of()));
                    case CREATED_AT -> subscription.createdAt(r.get(a));
                    case VERSION -> subscription.version(r.get(a));
                };
            }
            return subscription.build();
        }
    }

    static final TableSchema<Subscription> SUBSCRIPTION = SchemaBuilder.of(Subscription.class,
            SubscriptionAttribute.values());
}
