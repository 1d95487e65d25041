package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.documents;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.of;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.model.DunningEntry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of an invoice's dunning history ({@code INV#<id> / DUN#<step>}) and of dunning policies
 * ({@code SETTINGS / DUNNING}, {@code CUST#<id> / DUNNING}). Layout: docs/data-model.md.
 */
final class DunningSchema {
    private DunningSchema() {}

    enum EntryAttribute implements StoredAttribute<DunningEntry> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        INVOICE_ID(string("invoiceId")),
        STEP(string("step")),
        STATUS(string("status")),
        AT(instant("at")),
        CHANNEL(string("channel")),
        LANGUAGE(string("language")),
        REASON(string("reason")),
        DETAIL(string("detail")),
        VERSION(Column.VERSION);

        private final Column column;

        EntryAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(DunningEntry it) {
            return switch (this) {
                case PK -> BillingTable.invoice(it.invoiceId());
                case SK -> "DUN#" + it.step();
                case TYPE -> "DunningEntry";
                case INVOICE_ID -> it.invoiceId();
                case STEP -> it.step();
                case STATUS -> it.status().name();
                case AT -> it.at();
                case CHANNEL -> it.channel();
                case LANGUAGE -> it.language();
                case REASON -> it.reason();
                case DETAIL -> it.detail();
                case VERSION -> it.version();
            };
        }

        @Override
        public DunningEntry recordOf(Row r) {
            return new DunningEntry(r.get(INVOICE_ID), r.get(STEP), DunningEntry.Status.valueOf(r.get(STATUS)),
                    r.get(AT), r.get(CHANNEL), r.get(LANGUAGE), r.get(REASON), r.get(DETAIL), r.get(VERSION));
        }
    }

    static final TableSchema<DunningEntry> DUNNING_ENTRY = SchemaBuilder.of(DunningEntry.class,
            EntryAttribute.values());

    /** A stored dunning policy: {@code SETTINGS / DUNNING} (the default) or {@code CUST#<id> / DUNNING} (override). */
    record StoredPolicy(String scope, DunningPolicy policy) {}

    /** A policy's step, a nested document. */
    enum StepAttribute implements StoredAttribute<DunningPolicy.Step> {
        KIND(string("kind")),
        DAY_OFFSET(integer("dayOffset"));

        private final Column column;

        StepAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(DunningPolicy.Step it) {
            return switch (this) {
                case KIND -> it.kind().name();
                case DAY_OFFSET -> it.dayOffset();
            };
        }

        @Override
        public DunningPolicy.Step recordOf(Row r) {
            return new DunningPolicy.Step(StepKind.valueOf(r.get(KIND)), r.get(DAY_OFFSET));
        }

        static final TableSchema<DunningPolicy.Step> SCHEMA = SchemaBuilder.of(DunningPolicy.Step.class, values());
    }

    enum PolicyAttribute implements StoredAttribute<StoredPolicy> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        SCOPE(string("scope")),
        STEPS(documents("steps", DunningPolicy.Step.class, StepAttribute.SCHEMA)),
        LATE_FEE_PERCENT(string("lateFeePercent")),
        /** Minor units by currency code. */
        LATE_FEE_FIXED_MINOR(of("lateFeeFixedMinor", EnhancedType.mapOf(String.class, Long.class))),
        LATE_FEE_CAP_MINOR(of("lateFeeCapMinor", EnhancedType.mapOf(String.class, Long.class))),
        MARK_UNCOLLECTIBLE_ON_SUSPEND(bool("markUncollectibleOnSuspend"));

        private final Column column;

        PolicyAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(StoredPolicy it) {
            LateFee fee = it.policy().lateFee();
            return switch (this) {
                case PK -> it.scope().equals("DEFAULT") ? "SETTINGS" : BillingTable.customer(it.scope());
                case SK -> "DUNNING";
                case TYPE -> "DunningPolicy";
                case SCOPE -> it.scope();
                case STEPS -> it.policy().steps();
                case LATE_FEE_PERCENT -> fee.percent() == null ? null : fee.percent().toPlainString();
                case LATE_FEE_FIXED_MINOR -> fee.fixedMinor();
                case LATE_FEE_CAP_MINOR -> fee.capMinor();
                case MARK_UNCOLLECTIBLE_ON_SUSPEND -> it.policy().markUncollectibleOnSuspend();
            };
        }

        @Override
        public StoredPolicy recordOf(Row r) {
            String percent = r.get(LATE_FEE_PERCENT);
            LateFee fee = new LateFee(percent == null ? null : new BigDecimal(percent),
                    r.get(LATE_FEE_FIXED_MINOR, Map.of()), r.get(LATE_FEE_CAP_MINOR, Map.of()));
            return new StoredPolicy(r.get(SCOPE), new DunningPolicy(r.get(STEPS, List.of()), fee,
                    r.get(MARK_UNCOLLECTIBLE_ON_SUSPEND, false)));
        }
    }

    static final TableSchema<StoredPolicy> DUNNING_POLICY = SchemaBuilder.of(StoredPolicy.class,
            PolicyAttribute.values());
}
