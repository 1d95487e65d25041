package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.document;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.money;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of payments ({@code PAY#<id> / PAYMENT}), their allocations to invoices ({@code PAY#<id> /
 * ALLOC#<invoice id>}) and their receipt-day entries ({@code PAYDAY#<date>}); refunds: {@link RefundSchema}.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class PaymentSchema {
    private PaymentSchema() {}

    /** Who paid, as the source reported it: a nested document. */
    enum PayerAttribute implements StoredAttribute<Payer> {
        NAME(string("name")),
        EMAIL(string("email")),
        CUSTOMER_REFERENCE(string("customerReference")),
        ACCOUNT(string("account"));

        private final Column column;

        PayerAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Payer it) {
            return switch (this) {
                case NAME -> it.name();
                case EMAIL -> it.email();
                case CUSTOMER_REFERENCE -> it.customerReference();
                case ACCOUNT -> it.account();
            };
        }

        @Override
        public Payer recordOf(Row r) {
            return new Payer(r.get(NAME), r.get(EMAIL), r.get(CUSTOMER_REFERENCE), r.get(ACCOUNT));
        }

        static final TableSchema<Payer> SCHEMA = SchemaBuilder.of(Payer.class, values());
    }

    enum PaymentAttribute implements StoredAttribute<Payment> {
        PK(Column.PK),
        SK(Column.SK),
        /** Once attributed: a customer's payments. */
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        /** Sparse, sharded: payments holding unapplied cash, for a person to resolve. */
        GSI3_PK(Column.GSI3_PK),
        GSI3_SK(Column.GSI3_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        PROVIDER(string("provider")),
        PROVIDER_PAYMENT_ID(string("providerPaymentId")),
        AMOUNT(money("amount")),
        PAYER(document("payer", Payer.class, PayerAttribute.SCHEMA)),
        REMITTANCE_TEXT(string("remittanceText")),
        RECEIVED_AT(instant("receivedAt")),
        STATUS(string("status")),
        APPLIED(money("applied")),
        REFUNDED(money("refunded")),
        /** Bank fee written off (docs/bank-fees.md); absent when none, so other payments are stored as before. */
        FEE_WRITTEN_OFF(money("feeWrittenOff")),
        CUSTOMER_ID(string("customerId")),
        UNAPPLIED_REASON(string("unappliedReason")),
        ANNOUNCED(bool("announced")),
        /** Absent when the source did not say (so payments stored before it are unchanged). */
        RECEIVING_ACCOUNT(string("receivingAccount")),
        VERSION(Column.VERSION);

        private final Column column;

        PaymentAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Payment it) {
            return switch (this) {
                case PK -> BillingTable.payment(it.id());
                case SK -> "PAYMENT";
                case GSI1_PK -> it.customerId() == null ? null : BillingTable.customer(it.customerId());
                case GSI1_SK -> it.customerId() == null ? null
                        : "PAY#" + BillingTable.sortable(it.receivedAt()) + "#" + it.id();
                case GSI3_PK -> holdsCash(it) ? BillingTable.Work.PAYMENT_UNAPPLIED.partitionFor(it.id()) : null;
                case GSI3_SK -> holdsCash(it) ? BillingTable.sortable(it.receivedAt()) + "#" + it.id() : null;
                case TYPE -> "Payment";
                case ID -> it.id();
                case PROVIDER -> it.provider();
                case PROVIDER_PAYMENT_ID -> it.providerPaymentId();
                case AMOUNT -> it.amount();
                case PAYER -> it.payer();
                case REMITTANCE_TEXT -> it.remittanceText();
                case RECEIVED_AT -> it.receivedAt();
                case STATUS -> it.status().name();
                case APPLIED -> it.applied();
                case REFUNDED -> it.refunded();
                case FEE_WRITTEN_OFF -> it.feeWrittenOff().isZero() ? null : it.feeWrittenOff();
                case CUSTOMER_ID -> it.customerId();
                case UNAPPLIED_REASON -> it.unappliedReason();
                case ANNOUNCED -> it.announced();
                case RECEIVING_ACCOUNT -> it.receivingAccount();
                case VERSION -> it.version();
            };
        }

        @Override
        public Payment recordOf(Row r) {
            Payment.Builder payment = Payment.builder();
            for (PaymentAttribute a : values()) {
                payment = switch (a) {
                    case PK, SK, GSI1_PK, GSI1_SK, GSI3_PK, GSI3_SK, TYPE -> payment;
                    case ID -> payment.id(r.get(a));
                    case PROVIDER -> payment.provider(r.get(a));
                    case PROVIDER_PAYMENT_ID -> payment.providerPaymentId(r.get(a));
                    case AMOUNT -> payment.amount(r.get(a));
                    case PAYER -> payment.payer(r.get(a, Payer.UNKNOWN));
                    case REMITTANCE_TEXT -> payment.remittanceText(r.get(a));
                    case RECEIVED_AT -> payment.receivedAt(r.get(a));
                    case STATUS -> payment.status(PaymentStatus.valueOf(r.get(a)));
                    case APPLIED -> payment.applied(r.get(a));
                    case REFUNDED -> payment.refunded(r.get(a));
                    case FEE_WRITTEN_OFF -> payment.feeWrittenOff(r.get(a));
                    case CUSTOMER_ID -> payment.customerId(r.get(a));
                    case UNAPPLIED_REASON -> payment.unappliedReason(r.get(a));
                    case ANNOUNCED -> payment.announced(r.get(a, true));
                    case RECEIVING_ACCOUNT -> payment.receivingAccount(r.get(a));
                    case VERSION -> payment.version(r.get(a));
                };
            }
            return payment.build();
        }
    }

    static final TableSchema<Payment> PAYMENT = SchemaBuilder.of(Payment.class, PaymentAttribute.values());

    enum AllocationAttribute implements StoredAttribute<Allocation> {
        PK(Column.PK),
        SK(Column.SK),
        /** Which payments paid an invoice. */
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        TYPE(Column.TYPE),
        PAYMENT_ID(string("paymentId")),
        INVOICE_ID(string("invoiceId")),
        AMOUNT(money("amount")),
        RULE(string("rule")),
        REASON(string("reason")),
        APPLIED_AT(instant("appliedAt")),
        /** Absent when nothing was written off (every allocation stored before the bank-fee tolerance). */
        WRITTEN_OFF(money("writtenOff")),
        VERSION(Column.VERSION);

        private final Column column;

        AllocationAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Allocation it) {
            return switch (this) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "ALLOC#" + it.invoiceId();
                case GSI1_PK -> BillingTable.invoice(it.invoiceId());
                case GSI1_SK -> "ALLOC#" + BillingTable.sortable(it.appliedAt()) + "#" + it.paymentId();
                case TYPE -> "Allocation";
                case PAYMENT_ID -> it.paymentId();
                case INVOICE_ID -> it.invoiceId();
                case AMOUNT -> it.amount();
                case RULE -> it.rule();
                case REASON -> it.reason();
                case APPLIED_AT -> it.appliedAt();
                case WRITTEN_OFF -> it.writtenOff().isZero() ? null : it.writtenOff();
                case VERSION -> it.version();
            };
        }

        @Override
        public Allocation recordOf(Row r) {
            return new Allocation(r.get(PAYMENT_ID), r.get(INVOICE_ID), r.get(AMOUNT), r.get(RULE), r.get(REASON),
                    r.get(APPLIED_AT), r.get(WRITTEN_OFF), r.get(VERSION));
        }
    }

    static final TableSchema<Allocation> ALLOCATION = SchemaBuilder.of(Allocation.class,
            AllocationAttribute.values());

    /**
     * A payment's entry in the day it was received (UTC): {@code PAYDAY#<date> / <received>#<payment id>}, written
     * once per payment (about 100 bytes, 1 WCU) so the collections report can list a day's receipts without every
     * write of the payment copying it to an index.
     */
    record PaymentDay(String date, String sortKey, String paymentId) {}

    enum DayAttribute implements StoredAttribute<PaymentDay> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        DATE(string("date")),
        SORT_KEY(string("sortKey")),
        PAYMENT_ID(string("paymentId"));

        private final Column column;

        DayAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(PaymentDay it) {
            return switch (this) {
                case PK -> "PAYDAY#" + it.date();
                case SK -> it.sortKey();
                case TYPE -> "PaymentDay";
                case DATE -> it.date();
                case SORT_KEY -> it.sortKey();
                case PAYMENT_ID -> it.paymentId();
            };
        }

        @Override
        public PaymentDay recordOf(Row r) {
            return new PaymentDay(r.get(DATE), r.get(SORT_KEY), r.get(PAYMENT_ID));
        }
    }

    static final TableSchema<PaymentDay> PAYMENT_DAY = SchemaBuilder.of(PaymentDay.class, DayAttribute.values());

    /** Unapplied or partly applied with cash left: in the work index, for a person to resolve. */
    static boolean holdsCash(Payment payment) {
        return (payment.status() == PaymentStatus.UNAPPLIED || payment.status() == PaymentStatus.PARTIALLY_APPLIED)
                && payment.unapplied().isPositive();
    }
}
