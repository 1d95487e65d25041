package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.date;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.number;
import static io.periodic.billing.persistence.Column.of;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of invoices ({@code INV#<id> / INVOICE}: lines as nested documents, amounts as minor units), of
 * the items that reserve document numbers ({@code INVNUM#<number> / INVNUM}) and of the number series
 * ({@code SEQ#<series> / SEQUENCE}). Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class InvoiceSchema {
    private InvoiceSchema() {}

    private static final String INVOICE_PREFIX = "INV#";

    /**
     * An invoice line as stored: its amounts as integer minor units (DynamoDB numbers) in the invoice's currency,
     * which the invoice stores once. (Elsewhere money is a {@code {minor, currency}} map; on an invoice every
     * amount shares one currency, and the compact form keeps a single-line invoice under 1 KB, i.e. one write unit
     * per copy: see docs/scaling.md.)
     */
    record StoredLine(String description, String kind, String planId, LocalDate periodStart, LocalDate periodEnd,
            long quantity, long unitAmount, long amount, String taxRate, long tax, String chargeId,
            String proration) {
        static StoredLine of(InvoiceLine l) {
            return new StoredLine(l.description(), l.kind().name(), l.planId(), l.periodStart(), l.periodEnd(),
                    l.quantity(), l.unitAmount().minor(), l.amount().minor(), l.taxRate().toString(), l.tax().minor(),
                    l.chargeId(), l.proration() == null ? null : l.proration().toString());
        }

        InvoiceLine toLine(Currency currency) {
            return new InvoiceLine(description, LineKind.valueOf(kind), planId, periodStart, periodEnd, quantity,
                    Money.of(unitAmount, currency), Money.of(amount, currency), TaxRate.of(taxRate),
                    Money.of(tax, currency), chargeId, proration == null ? null : Fraction.parse(proration));
        }
    }

    /** An invoice line, a nested document; its plan is stored as {@code priceId} (the name of earlier versions). */
    enum LineAttribute implements StoredAttribute<StoredLine> {
        DESCRIPTION(string("description")),
        KIND(string("kind")),
        PLAN_ID(string("priceId")),
        PERIOD_START(date("periodStart")),
        PERIOD_END(date("periodEnd")),
        QUANTITY(number("quantity")),
        UNIT_AMOUNT(number("unitAmount")),
        AMOUNT(number("amount")),
        TAX_RATE(string("taxRate")),
        TAX(number("tax")),
        CHARGE_ID(string("chargeId")),
        /** "11/31" on a prorated line; absent on lines billed in full and on lines stored before it. */
        PRORATION(string("proration"));

        private final Column column;

        LineAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(StoredLine it) {
            return switch (this) {
                case DESCRIPTION -> it.description();
                case KIND -> it.kind();
                case PLAN_ID -> it.planId();
                case PERIOD_START -> it.periodStart();
                case PERIOD_END -> it.periodEnd();
                case QUANTITY -> it.quantity();
                case UNIT_AMOUNT -> it.unitAmount();
                case AMOUNT -> it.amount();
                case TAX_RATE -> it.taxRate();
                case TAX -> it.tax();
                case CHARGE_ID -> it.chargeId();
                case PRORATION -> it.proration();
            };
        }

        @Override
        public StoredLine recordOf(Row r) {
            return new StoredLine(r.get(DESCRIPTION), r.get(KIND), r.get(PLAN_ID), r.get(PERIOD_START),
                    r.get(PERIOD_END), r.get(QUANTITY), r.get(UNIT_AMOUNT), r.get(AMOUNT), r.get(TAX_RATE), r.get(TAX),
                    r.get(CHARGE_ID), r.get(PRORATION));
        }

        static final TableSchema<StoredLine> SCHEMA = SchemaBuilder.of(StoredLine.class, values());
        /** Absent fields of a line (no charge, no plan) are left out rather than stored as NULL. */
        static final EnhancedType<List<StoredLine>> LIST = EnhancedType.listOf(
                EnhancedType.documentOf(StoredLine.class, SCHEMA, b -> b.ignoreNulls(true)));
    }

    enum InvoiceAttribute implements StoredAttribute<Invoice> {
        /** {@code INV#<id>}: the id is stored once, in the key (an invoice item stays under 1 KB). */
        PK(Column.PK),
        SK(Column.SK),
        /*
         * Index sort keys are dates without the id (an index's keys need not be unique, the table key is in every
         * index entry, and who needs a strict order among equal dates sorts by id itself): three copies of the id
         * fewer keep the item under 1 KB.
         */
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        /** Sparse: payable invoices of a customer, oldest due first (payment matching). */
        GSI2_PK(Column.GSI2_PK),
        GSI2_SK(Column.GSI2_SK),
        /** Sparse, sharded: open invoices with an amount due, by due date (overdue sweeps, dunning). */
        GSI3_PK(Column.GSI3_PK),
        GSI3_SK(Column.GSI3_SK),
        TYPE(Column.TYPE),
        NUMBER(string("number")),
        CUSTOMER_ID(string("customerId")),
        SUBSCRIPTION_ID(string("subscriptionId")),
        CURRENCY(string("currency")),
        STATUS(string("status")),
        LINES(of("lines", LineAttribute.LIST)),
        /** Amounts: integer minor units in the invoice's currency. */
        CREDIT_APPLIED(number("creditApplied")),
        AMOUNT_PAID(number("amountPaid")),
        CREDITED(number("credited")),
        /** Bank fee written off (docs/bank-fees.md); absent when nothing is, so other invoices are stored as before. */
        WRITTEN_OFF(number("writtenOff")),
        ISSUE_DATE(date("issueDate")),
        DUE_DATE(date("dueDate")),
        PERIOD_START(date("periodStart")),
        PERIOD_END(date("periodEnd")),
        CORRECTION_OF(string("correctionOf")),
        CREATED_AT(instant("createdAt")),
        FINALIZED_AT(instant("finalizedAt")),
        /** Totals derived from the lines, stored for reports and exports; never read back. */
        SUBTOTAL(number("subtotal")),
        TAX(number("tax")),
        TOTAL(number("total")),
        AMOUNT_DUE(number("amountDue")),
        VERSION(Column.VERSION);

        private final Column column;

        InvoiceAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Invoice it) {
            return switch (this) {
                case PK -> INVOICE_PREFIX + it.id();
                case SK -> "INVOICE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "INV#" + BillingTable.sortable(it.issueDate());
                case GSI2_PK -> isPayable(it) ? "OPEN#" + it.customerId() : null;
                case GSI2_SK -> isPayable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case GSI3_PK -> isDunnable(it) ? BillingTable.Work.INVOICE_OPEN.partitionFor(it.id()) : null;
                case GSI3_SK -> isDunnable(it) ? BillingTable.sortable(it.dueDate()) : null;
                case TYPE -> "Invoice";
                case NUMBER -> it.number();
                case CUSTOMER_ID -> it.customerId();
                case SUBSCRIPTION_ID -> it.subscriptionId();
                case CURRENCY -> it.currency().getCurrencyCode();
                case STATUS -> it.status().name();
                case LINES -> storedLines(it.lines());
                case CREDIT_APPLIED -> it.creditApplied().minor();
                case AMOUNT_PAID -> it.amountPaid().minor();
                case CREDITED -> it.credited().minor();
                case WRITTEN_OFF -> it.writtenOff().isZero() ? null : it.writtenOff().minor();
                case ISSUE_DATE -> it.issueDate();
                case DUE_DATE -> it.dueDate();
                case PERIOD_START -> it.periodStart();
                case PERIOD_END -> it.periodEnd();
                case CORRECTION_OF -> it.correctionOf();
                case CREATED_AT -> it.createdAt();
                case FINALIZED_AT -> it.finalizedAt();
                case SUBTOTAL -> it.subtotal().minor();
                case TAX -> it.tax().minor();
                case TOTAL -> it.total().minor();
                case AMOUNT_DUE -> it.amountDue().minor();
                case VERSION -> it.version();
            };
        }

        @Override
        public Invoice recordOf(Row r) {
            Currency currency = Currencies.of(r.get(CURRENCY));
            Invoice.Builder invoice = Invoice.builder();
            for (InvoiceAttribute a : values()) {
                invoice = switch (a) {
                    case SK, GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK, GSI3_PK, GSI3_SK, TYPE, SUBTOTAL, TAX, TOTAL,
                            AMOUNT_DUE -> invoice;
                    case PK -> invoice.id(idOf(r.get(a)));
                    case NUMBER -> invoice.number(r.get(a));
                    case CUSTOMER_ID -> invoice.customerId(r.get(a));
                    case SUBSCRIPTION_ID -> invoice.subscriptionId(r.get(a));
                    case CURRENCY -> invoice.currency(currency);
                    case STATUS -> invoice.status(InvoiceStatus.valueOf(r.get(a)));
                    case LINES -> invoice.lines(lines(r.get(a, List.of()), currency));
                    case CREDIT_APPLIED -> invoice.creditApplied(Money.of(r.get(a, 0L), currency));
                    case AMOUNT_PAID -> invoice.amountPaid(Money.of(r.get(a, 0L), currency));
                    case CREDITED -> invoice.credited(Money.of(r.get(a, 0L), currency));
                    case WRITTEN_OFF -> invoice.writtenOff(Money.of(r.get(a, 0L), currency));
                    case ISSUE_DATE -> invoice.issueDate(r.get(a));
                    case DUE_DATE -> invoice.dueDate(r.get(a));
                    case PERIOD_START -> invoice.periodStart(r.get(a));
                    case PERIOD_END -> invoice.periodEnd(r.get(a));
                    case CORRECTION_OF -> invoice.correctionOf(r.get(a));
                    case CREATED_AT -> invoice.createdAt(r.get(a));
                    case FINALIZED_AT -> invoice.finalizedAt(r.get(a));
                    case VERSION -> invoice.version(r.get(a));
                };
            }
            return invoice.build();
        }

        private static String idOf(String pk) {
            return pk == null ? null : pk.substring(INVOICE_PREFIX.length());
        }

        private static List<StoredLine> storedLines(List<InvoiceLine> lines) {
            List<StoredLine> stored = new ArrayList<>(lines.size());
            for (InvoiceLine line : lines) {
                stored.add(StoredLine.of(line));
            }
            return stored;
        }

        private static List<InvoiceLine> lines(List<StoredLine> stored, Currency currency) {
            List<InvoiceLine> lines = new ArrayList<>(stored.size());
            for (StoredLine line : stored) {
                lines.add(line.toLine(currency));
            }
            return lines;
        }
    }

    static final TableSchema<Invoice> INVOICE = SchemaBuilder.of(Invoice.class, InvoiceAttribute.values());

    /** The create-once item that reserves an invoice number and resolves it to the invoice. */
    record InvoiceNumber(String number, String invoiceId) {}

    enum NumberAttribute implements StoredAttribute<InvoiceNumber> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        NUMBER(string("number")),
        INVOICE_ID(string("invoiceId"));

        private final Column column;

        NumberAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(InvoiceNumber it) {
            return switch (this) {
                case PK -> BillingTable.invoiceNumber(it.number());
                case SK -> "INVNUM";
                case TYPE -> "InvoiceNumber";
                case NUMBER -> it.number();
                case INVOICE_ID -> it.invoiceId();
            };
        }

        @Override
        public InvoiceNumber recordOf(Row r) {
            return new InvoiceNumber(r.get(NUMBER), r.get(INVOICE_ID));
        }
    }

    static final TableSchema<InvoiceNumber> INVOICE_NUMBER = SchemaBuilder.of(InvoiceNumber.class,
            NumberAttribute.values());

    enum SequenceAttribute implements StoredAttribute<Sequence> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        SERIES(string("series")),
        LAST(number("last")),
        VERSION(Column.VERSION);

        private final Column column;

        SequenceAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Sequence it) {
            return switch (this) {
                case PK -> "SEQ#" + it.series();
                case SK -> "SEQUENCE";
                case TYPE -> "Sequence";
                case SERIES -> it.series();
                case LAST -> it.last();
                case VERSION -> it.version();
            };
        }

        @Override
        public Sequence recordOf(Row r) {
            return new Sequence(r.get(SERIES), r.get(LAST, 0L), r.get(VERSION));
        }
    }

    static final TableSchema<Sequence> SEQUENCE = SchemaBuilder.of(Sequence.class, SequenceAttribute.values());

    /** Open or uncollectible with an amount due: in gsi2, where payment matching looks. */
    static boolean isPayable(Invoice invoice) {
        return invoice.status().acceptsPayment() && invoice.amountDue().isPositive();
    }

    /** Open with an amount due: in the work index, where overdue sweeps and dunning look. */
    static boolean isDunnable(Invoice invoice) {
        return invoice.status() == InvoiceStatus.OPEN && invoice.amountDue().isPositive();
    }
}
