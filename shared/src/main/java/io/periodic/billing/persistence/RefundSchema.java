package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.money;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.Refund;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of refunds and disputes, in their payment's partition: {@code PAY#<payment id> /
 * REFUND#<refund id>}. Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class RefundSchema {
    private RefundSchema() {}

    enum RefundAttribute implements StoredAttribute<Refund> {
        PK(Column.PK),
        SK(Column.SK),
        /** Sparse: refunds that can never be applied, for a person (the sort key need not be unique). */
        GSI3_PK(Column.GSI3_PK),
        GSI3_SK(Column.GSI3_SK),
        TYPE(Column.TYPE),
        PAYMENT_ID(string("paymentId")),
        REFUND_ID(string("refundId")),
        KIND(string("kind")),
        AMOUNT(money("amount")),
        STATUS(string("status")),
        RECEIVED_AT(instant("receivedAt")),
        /** Stored only when true. */
        RUNNING_TOTAL(bool("runningTotal")),
        TAKEN(money("taken")),
        REASON(string("reason")),
        OUTCOME(string("outcome")),
        VERSION(Column.VERSION);

        private final Column column;

        RefundAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Refund it) {
            return switch (this) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "REFUND#" + it.refundId();
                case GSI3_PK -> it.status() == Refund.Status.REJECTED
                        ? BillingTable.Work.REFUND_REJECTED.partitionFor(it.paymentId()) : null;
                case GSI3_SK -> it.status() == Refund.Status.REJECTED ? BillingTable.sortable(it.receivedAt()) : null;
                case TYPE -> "Refund";
                case PAYMENT_ID -> it.paymentId();
                case REFUND_ID -> it.refundId();
                case KIND -> it.kind().name();
                case AMOUNT -> it.amount();
                case STATUS -> it.status().name();
                case RECEIVED_AT -> it.receivedAt();
                case RUNNING_TOTAL -> it.runningTotal() ? Boolean.TRUE : null;
                case TAKEN -> it.taken();
                case REASON -> it.reason();
                case OUTCOME -> it.outcome() == null ? null : it.outcome().name();
                case VERSION -> it.version();
            };
        }

        @Override
        public Refund recordOf(Row r) {
            Refund.Builder refund = Refund.builder();
            for (RefundAttribute a : values()) {
                refund = switch (a) {
                    case PK, SK, GSI3_PK, GSI3_SK, TYPE -> refund;
                    case PAYMENT_ID -> refund.paymentId(r.get(a));
                    case REFUND_ID -> refund.refundId(r.get(a));
                    case KIND -> refund.kind(Refund.Kind.valueOf(r.get(a)));
                    case AMOUNT -> refund.amount(r.get(a));
                    case STATUS -> refund.status(Refund.Status.valueOf(r.get(a)));
                    case RECEIVED_AT -> refund.receivedAt(r.get(a));
                    case RUNNING_TOTAL -> refund.runningTotal(r.get(a, false));
                    case TAKEN -> refund.taken(r.get(a));
                    case REASON -> refund.reason(r.get(a));
                    case OUTCOME -> refund.outcome(r.<String>get(a) == null ? null
                            : Refund.Outcome.valueOf(r.get(a)));
                    case VERSION -> refund.version(r.get(a));
                };
            }
            return refund.build();
        }
    }

    static final TableSchema<Refund> REFUND = SchemaBuilder.of(Refund.class, RefundAttribute.values());
}
