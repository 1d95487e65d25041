package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.GSI1;
import static io.periodic.billing.persistence.BillingTable.GSI1_PK;
import static io.periodic.billing.persistence.BillingTable.GSI1_SK;
import static io.periodic.billing.persistence.BillingTable.GSI3;
import static io.periodic.billing.persistence.BillingTable.GSI3_PK;
import static io.periodic.billing.persistence.BillingTable.GSI3_SK;
import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of payments, their allocations to invoices, their refunds and their receipt-day entries.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class PaymentSchema {
    private PaymentSchema() {}

    /**
     * A payment's entry in the day it was received (UTC): {@code PAYDAY#<date> / <received>#<payment id>}, written
     * once per payment (about 100 bytes, 1 WCU) so the collections report can list a day's receipts without every
     * write of the payment copying it to an index.
     */
    record PaymentDay(String date, String sortKey, String paymentId) {}

    static final TableSchema<PaymentDay> PAYMENT_DAY = SchemaBuilder.of(PaymentDay.class, (it, a) -> switch (a) {
                case PK -> "PAYDAY#" + it.date();
                case SK -> it.sortKey();
                case TYPE -> "PaymentDay";
                case "date" -> it.date();
                case "sortKey" -> it.sortKey();
                case "paymentId" -> it.paymentId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("date", String.class)
            .attr("sortKey", String.class)
            .attr("paymentId", String.class)
            .build(r -> new PaymentDay(r.get("date"), r.get("sortKey"), r.get("paymentId")));

    public static final TableSchema<Refund> REFUND = SchemaBuilder.of(Refund.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "REFUND#" + it.refundId();
                // Sparse: refunds that can never be applied, for a person (the sort key need not be unique).
                case GSI3_PK -> it.status() == Refund.Status.REJECTED
                        ? BillingTable.Work.REFUND_REJECTED.partitionFor(it.paymentId()) : null;
                case GSI3_SK -> it.status() == Refund.Status.REJECTED ? BillingTable.sortable(it.receivedAt()) : null;
                case TYPE -> "Refund";
                case "paymentId" -> it.paymentId();
                case "refundId" -> it.refundId();
                case "kind" -> it.kind().name();
                case "amount" -> it.amount();
                case "status" -> it.status().name();
                case "receivedAt" -> it.receivedAt();
                case "runningTotal" -> it.runningTotal() ? Boolean.TRUE : null;
                case "taken" -> it.taken();
                case "reason" -> it.reason();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("paymentId", String.class)
            .attr("refundId", String.class)
            .attr("kind", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("status", String.class)
            .attr("receivedAt", Instant.class)
            .attr("runningTotal", Boolean.class)
            .attr("taken", MoneyConverter.INSTANCE)
            .attr("reason", String.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Refund(r.get("paymentId"), r.get("refundId"), Refund.Kind.valueOf(r.get("kind")),
                    r.get("amount"), Refund.Status.valueOf(r.get("status")), r.get("receivedAt"),
                    r.get("runningTotal", false), r.get("taken"), r.get("reason"), r.get(VERSION)));

    private static final TableSchema<Payer> PAYER = SchemaBuilder.of(Payer.class, (it, a) -> switch (a) {
                case "name" -> it.name();
                case "email" -> it.email();
                case "customerReference" -> it.customerReference();
                case "account" -> it.account();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("name", String.class)
            .attr("email", String.class)
            .attr("customerReference", String.class)
            .attr("account", String.class)
            .build(r -> new Payer(r.get("name"), r.get("email"), r.get("customerReference"), r.get("account")));

    public static final TableSchema<Payment> PAYMENT = SchemaBuilder.of(Payment.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.id());
                case SK -> "PAYMENT";
                case GSI1_PK -> it.customerId() == null ? null : BillingTable.customer(it.customerId());
                case GSI1_SK -> it.customerId() == null ? null
                        : "PAY#" + BillingTable.sortable(it.receivedAt()) + "#" + it.id();
                case GSI3_PK -> holdsCash(it) ? BillingTable.Work.PAYMENT_UNAPPLIED.partitionFor(it.id()) : null;
                case GSI3_SK -> holdsCash(it) ? BillingTable.sortable(it.receivedAt()) + "#" + it.id() : null;
                case TYPE -> "Payment";
                case "id" -> it.id();
                case "provider" -> it.provider();
                case "providerPaymentId" -> it.providerPaymentId();
                case "amount" -> it.amount();
                case "payer" -> it.payer();
                case "remittanceText" -> it.remittanceText();
                case "receivedAt" -> it.receivedAt();
                case "status" -> it.status().name();
                case "applied" -> it.applied();
                case "refunded" -> it.refunded();
                case "customerId" -> it.customerId();
                case "unappliedReason" -> it.unappliedReason();
                case "announced" -> it.announced();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse, sharded: payments holding unapplied cash, for a person to resolve.
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("provider", String.class)
            .attr("providerPaymentId", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("payer", EnhancedType.documentOf(Payer.class, PAYER))
            .attr("remittanceText", String.class)
            .attr("receivedAt", Instant.class)
            .attr("status", String.class)
            .attr("applied", MoneyConverter.INSTANCE)
            .attr("refunded", MoneyConverter.INSTANCE)
            .attr("customerId", String.class)
            .attr("unappliedReason", String.class)
            .attr("announced", Boolean.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Payment(r.get("id"), r.get("provider"), r.get("providerPaymentId"), r.get("amount"),
                    Optional.<Payer>ofNullable(r.get("payer")).orElse(Payer.UNKNOWN), r.get("remittanceText"),
                    r.get("receivedAt"), PaymentStatus.valueOf(r.get("status")), r.get("applied"), r.get("refunded"),
                    r.get("customerId"), r.get("unappliedReason"), r.get("announced", true), r.get(VERSION)));

    public static final TableSchema<Allocation> ALLOCATION = SchemaBuilder.of(Allocation.class, (it, a) -> switch (a) {
                case PK -> BillingTable.payment(it.paymentId());
                case SK -> "ALLOC#" + it.invoiceId();
                case GSI1_PK -> BillingTable.invoice(it.invoiceId());
                case GSI1_SK -> "ALLOC#" + BillingTable.sortable(it.appliedAt()) + "#" + it.paymentId();
                case TYPE -> "Allocation";
                case "paymentId" -> it.paymentId();
                case "invoiceId" -> it.invoiceId();
                case "amount" -> it.amount();
                case "rule" -> it.rule();
                case "reason" -> it.reason();
                case "appliedAt" -> it.appliedAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            .derived(TYPE)
            .attr("paymentId", String.class)
            .attr("invoiceId", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("rule", String.class)
            .attr("reason", String.class)
            .attr("appliedAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Allocation(r.get("paymentId"), r.get("invoiceId"), r.get("amount"), r.get("rule"),
                    r.get("reason"), r.get("appliedAt"), r.get(VERSION)));

    static boolean holdsCash(Payment payment) {
        return (payment.status() == PaymentStatus.UNAPPLIED || payment.status() == PaymentStatus.PARTIALLY_APPLIED)
                && payment.unapplied().isPositive();
    }
}
