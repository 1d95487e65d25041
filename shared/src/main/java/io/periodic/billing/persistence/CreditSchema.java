package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.GSI1;
import static io.periodic.billing.persistence.BillingTable.GSI1_PK;
import static io.periodic.billing.persistence.BillingTable.GSI1_SK;
import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import java.time.Instant;
import java.time.LocalDate;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of credit notes, credit balances and credit ledger entries.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class CreditSchema {
    private CreditSchema() {}

    public static final TableSchema<CreditNote> CREDIT_NOTE = SchemaBuilder.of(CreditNote.class, (it, a) -> switch (a) {
                case PK -> BillingTable.creditNote(it.id());
                case SK -> "CREDIT_NOTE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "CN#" + BillingTable.sortable(it.issueDate()) + "#" + it.id();
                case TYPE -> "CreditNote";
                case "id" -> it.id();
                case "number" -> it.number();
                case "invoiceId" -> it.invoiceId();
                case "customerId" -> it.customerId();
                case "subtotal" -> it.subtotal();
                case "tax" -> it.tax();
                case "disposition" -> it.disposition().name();
                case "reason" -> it.reason();
                case "issueDate" -> it.issueDate();
                case "createdAt" -> it.createdAt();
                case "total" -> it.total();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("number", String.class)
            .attr("invoiceId", String.class)
            .attr("customerId", String.class)
            .attr("subtotal", MoneyConverter.INSTANCE)
            .attr("tax", MoneyConverter.INSTANCE)
            .attr("disposition", String.class)
            .attr("reason", String.class)
            .attr("issueDate", LocalDate.class)
            .attr("createdAt", Instant.class)
            .derived("total", MoneyConverter.INSTANCE)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new CreditNote(r.get("id"), r.get("number"), r.get("invoiceId"), r.get("customerId"),
                    r.get("subtotal"), r.get("tax"), CreditNote.Disposition.valueOf(r.get("disposition")),
                    r.get("reason"), r.get("issueDate"), r.get("createdAt"), r.get(VERSION)));

    public static final TableSchema<CreditBalance> CREDIT_BALANCE = SchemaBuilder.of(CreditBalance.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDIT";
                case TYPE -> "CreditBalance";
                case "customerId" -> it.customerId();
                case "balance" -> it.balance();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("customerId", String.class)
            .attr("balance", MoneyConverter.INSTANCE)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new CreditBalance(r.get("customerId"), r.get("balance"), r.get(VERSION)));

    public static final TableSchema<CreditEntry> CREDIT_ENTRY = SchemaBuilder.of(CreditEntry.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDITENTRY#" + it.id();
                case TYPE -> "CreditEntry";
                case "customerId" -> it.customerId();
                case "id" -> it.id();
                case "amount" -> it.amount();
                case "source" -> it.source();
                case "at" -> it.at();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("customerId", String.class)
            .attr("id", String.class)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("source", String.class)
            .attr("at", Instant.class)
            .build(r -> new CreditEntry(r.get("customerId"), r.get("id"), r.get("amount"), r.get("source"), r.get("at")));
}
