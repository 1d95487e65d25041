package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.GSI1;
import static io.periodic.billing.persistence.BillingTable.GSI1_PK;
import static io.periodic.billing.persistence.BillingTable.GSI1_SK;
import static io.periodic.billing.persistence.BillingTable.GSI2;
import static io.periodic.billing.persistence.BillingTable.GSI2_PK;
import static io.periodic.billing.persistence.BillingTable.GSI2_SK;
import static io.periodic.billing.persistence.BillingTable.GSI3;
import static io.periodic.billing.persistence.BillingTable.GSI3_PK;
import static io.periodic.billing.persistence.BillingTable.GSI3_SK;
import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of invoices (lines as nested documents, amounts as minor units), of the items that reserve
 * document numbers and of the number series.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class InvoiceSchema {
    private InvoiceSchema() {}

    /**
     * An invoice line as stored: its amounts as integer minor units (DynamoDB numbers) in the invoice's currency,
     * which the invoice stores once. (Elsewhere money is a {@code {minor, currency}} map; on an invoice every
     * amount shares one currency, and the compact form keeps a single-line invoice under 1 KB, i.e. one write unit
     * per copy: see docs/scaling.md.)
     */
    record StoredLine(String description, String kind, String planId, LocalDate periodStart, LocalDate periodEnd,
            long quantity, long unitAmount, long amount, String taxRate, long tax, String chargeId) {
        static StoredLine of(InvoiceLine l) {
            return new StoredLine(l.description(), l.kind().name(), l.planId(), l.periodStart(), l.periodEnd(),
                    l.quantity(), l.unitAmount().minor(), l.amount().minor(), l.taxRate().toString(), l.tax().minor(),
                    l.chargeId());
        }

        InvoiceLine toLine(java.util.Currency currency) {
            return new InvoiceLine(description, LineKind.valueOf(kind), planId, periodStart, periodEnd, quantity,
                    Money.of(unitAmount, currency), Money.of(amount, currency), TaxRate.of(taxRate),
                    Money.of(tax, currency), chargeId);
        }
    }

    private static final TableSchema<StoredLine> INVOICE_LINE = SchemaBuilder.of(StoredLine.class,
            (it, a) -> switch (a) {
                case "description" -> it.description();
                case "kind" -> it.kind();
                case "priceId" -> it.planId();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "quantity" -> it.quantity();
                case "unitAmount" -> it.unitAmount();
                case "amount" -> it.amount();
                case "taxRate" -> it.taxRate();
                case "tax" -> it.tax();
                case "chargeId" -> it.chargeId();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("description", String.class)
            .attr("kind", String.class)
            .attr("priceId", String.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("quantity", Long.class)
            .attr("unitAmount", Long.class)
            .attr("amount", Long.class)
            .attr("taxRate", String.class)
            .attr("tax", Long.class)
            .attr("chargeId", String.class)
            .build(r -> new StoredLine(r.get("description"), r.get("kind"), r.get("priceId"), r.get("periodStart"),
                    r.get("periodEnd"), r.get("quantity"), r.get("unitAmount"), r.get("amount"), r.get("taxRate"),
                    r.get("tax"), r.get("chargeId")));

    private static final String INVOICE_PREFIX = "INV#";

    public static final TableSchema<Invoice> INVOICE = SchemaBuilder.of(Invoice.class, (it, a) -> switch (a) {
                case PK -> INVOICE_PREFIX + it.id();
                case SK -> "INVOICE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "INV#" + BillingTable.sortable(it.issueDate());
                case GSI2_PK -> isPayable(it) ? "OPEN#" + it.customerId() : null;
                case GSI2_SK -> isPayable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case GSI3_PK -> isDunnable(it) ? BillingTable.Work.INVOICE_OPEN.partitionFor(it.id()) : null;
                case GSI3_SK -> isDunnable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case TYPE -> "Invoice";
                case "number" -> it.number();
                case "customerId" -> it.customerId();
                case "subscriptionId" -> it.subscriptionId();
                case "currency" -> it.currency().getCurrencyCode();
                case "status" -> it.status().name();
                case "lines" -> it.lines().stream().map(StoredLine::of).toList();
                case "creditApplied" -> it.creditApplied().minor();
                case "amountPaid" -> it.amountPaid().minor();
                case "credited" -> it.credited().minor();
                case "issueDate" -> it.issueDate();
                case "dueDate" -> it.dueDate();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "correctionOf" -> it.correctionOf();
                case "createdAt" -> it.createdAt();
                case "finalizedAt" -> it.finalizedAt();
                case "subtotal" -> it.subtotal().minor();
                case "tax" -> it.tax().minor();
                case "total" -> it.total().minor();
                case "amountDue" -> it.amountDue().minor();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            // The id is stored once, in the key (an invoice item stays under 1 KB: one write unit per copy).
            .key(PK, "id", pk -> pk.substring(INVOICE_PREFIX.length()), primaryPartitionKey())
            .derived(SK, primarySortKey())
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            // Index sort keys are dates without the id (an index's keys need not be unique, the table key is in
            // every index entry, and who needs a strict order among equal dates sorts by id itself): three copies
            // of the id fewer keep the item under 1 KB.
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse: payable invoices of a customer, oldest due first (payment matching).
            .derived(GSI2_PK, secondaryPartitionKey(GSI2))
            .derived(GSI2_SK, secondarySortKey(GSI2))
            // Sparse, sharded: open invoices with an amount due, by due date (overdue sweeps, dunning).
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("number", String.class)
            .attr("customerId", String.class)
            .attr("subscriptionId", String.class)
            .attr("currency", String.class)
            .attr("status", String.class)
            // Absent fields of a line (no charge, no plan) are left out rather than stored as NULL.
            .attr("lines", EnhancedType.listOf(EnhancedType.documentOf(StoredLine.class, INVOICE_LINE,
                            b -> b.ignoreNulls(true))))
            // Amounts: integer minor units in the invoice's currency.
            .attr("creditApplied", Long.class)
            .attr("amountPaid", Long.class)
            .attr("credited", Long.class)
            .attr("issueDate", LocalDate.class)
            .attr("dueDate", LocalDate.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("correctionOf", String.class)
            .attr("createdAt", Instant.class)
            .attr("finalizedAt", Instant.class)
            // Totals derived from the lines, stored for reports and exports; never read back.
            .derived("subtotal", Long.class)
            .derived("tax", Long.class)
            .derived("total", Long.class)
            .derived("amountDue", Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> {
                java.util.Currency currency = Currencies.of(r.get("currency"));
                List<StoredLine> lines = r.get("lines", List.of());
                return new Invoice(r.get("id"), r.get("number"), r.get("customerId"), r.get("subscriptionId"),
                        currency, InvoiceStatus.valueOf(r.get("status")),
                        lines.stream().map(l -> l.toLine(currency)).toList(),
                        Money.of(r.get("creditApplied", 0L), currency), Money.of(r.get("amountPaid", 0L), currency),
                        Money.of(r.get("credited", 0L), currency), r.get("issueDate"), r.get("dueDate"),
                        r.get("periodStart"), r.get("periodEnd"), r.get("correctionOf"), r.get("createdAt"),
                        r.get("finalizedAt"), r.get(VERSION));
            });

    /** The create-once item that reserves an invoice number and resolves it to the invoice. */
    record InvoiceNumber(String number, String invoiceId) {}

    static final TableSchema<InvoiceNumber> INVOICE_NUMBER = SchemaBuilder.of(InvoiceNumber.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.invoiceNumber(it.number());
                case SK -> "INVNUM";
                case TYPE -> "InvoiceNumber";
                case "number" -> it.number();
                case "invoiceId" -> it.invoiceId();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("number", String.class)
            .attr("invoiceId", String.class)
            .build(r -> new InvoiceNumber(r.get("number"), r.get("invoiceId")));

    public static final TableSchema<Sequence> SEQUENCE = SchemaBuilder.of(Sequence.class, (it, a) -> switch (a) {
                case PK -> "SEQ#" + it.series();
                case SK -> "SEQUENCE";
                case TYPE -> "Sequence";
                case "series" -> it.series();
                case "last" -> it.last();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("series", String.class)
            .attr("last", Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Sequence(r.get("series"), r.get("last", 0L), r.get(VERSION)));

    static boolean isPayable(Invoice invoice) {
        return invoice.status().acceptsPayment() && invoice.amountDue().isPositive();
    }

    static boolean isDunnable(Invoice invoice) {
        return invoice.status() == InvoiceStatus.OPEN && invoice.amountDue().isPositive();
    }
}
