package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.date;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.money;
import static io.periodic.billing.persistence.Column.number;
import static io.periodic.billing.persistence.Column.of;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of credit notes ({@code CN#<id> / CREDIT_NOTE}), and of a customer's credit balance
 * ({@code CUST#<id> / CREDIT}) and credit ledger ({@code CUST#<id> / CREDITENTRY#<entry id>}).
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class CreditSchema {
    private CreditSchema() {}

    /**
     * A credit note's part at one tax rate as stored: the rate as text and the amounts as integer minor units in the
     * note's currency (that of its subtotal), like an invoice line.
     */
    record StoredTaxPart(String rate, long subtotal, long tax) {
        static StoredTaxPart of(CreditNote.TaxPart part) {
            return new StoredTaxPart(part.rate().toString(), part.subtotal().minor(), part.tax().minor());
        }

        CreditNote.TaxPart toPart(Currency currency) {
            return new CreditNote.TaxPart(TaxRate.of(rate), Money.of(subtotal, currency), Money.of(tax, currency));
        }
    }

    /** A part per rate, a nested document of the {@code taxParts} list. */
    enum TaxPartAttribute implements StoredAttribute<StoredTaxPart> {
        RATE(string("rate")),
        SUBTOTAL(number("subtotal")),
        TAX(number("tax"));

        private final Column column;

        TaxPartAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(StoredTaxPart it) {
            return switch (this) {
                case RATE -> it.rate();
                case SUBTOTAL -> it.subtotal();
                case TAX -> it.tax();
            };
        }

        @Override
        public StoredTaxPart recordOf(Row r) {
            return new StoredTaxPart(r.get(RATE), r.get(SUBTOTAL), r.get(TAX));
        }

        static final TableSchema<StoredTaxPart> SCHEMA = SchemaBuilder.of(StoredTaxPart.class, values());
        static final EnhancedType<List<StoredTaxPart>> LIST = EnhancedType.listOf(
                EnhancedType.documentOf(StoredTaxPart.class, SCHEMA));
    }

    enum NoteAttribute implements StoredAttribute<CreditNote> {
        PK(Column.PK),
        SK(Column.SK),
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        NUMBER(string("number")),
        INVOICE_ID(string("invoiceId")),
        CUSTOMER_ID(string("customerId")),
        SUBTOTAL(money("subtotal")),
        TAX(money("tax")),
        /**
         * The amounts per tax rate; absent on notes stored before it (they read as one part without a rate) and
         * written only for notes that have rates, so such a note is stored as before.
         */
        TAX_PARTS(of("taxParts", TaxPartAttribute.LIST)),
        DISPOSITION(string("disposition")),
        REASON(string("reason")),
        ISSUE_DATE(date("issueDate")),
        CREATED_AT(instant("createdAt")),
        /** Derived (subtotal + tax), stored for reports; never read back. */
        TOTAL(money("total")),
        VERSION(Column.VERSION);

        private final Column column;

        NoteAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CreditNote it) {
            return switch (this) {
                case PK -> BillingTable.creditNote(it.id());
                case SK -> "CREDIT_NOTE";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "CN#" + BillingTable.sortable(it.issueDate()) + "#" + it.id();
                case TYPE -> "CreditNote";
                case ID -> it.id();
                case NUMBER -> it.number();
                case INVOICE_ID -> it.invoiceId();
                case CUSTOMER_ID -> it.customerId();
                case SUBTOTAL -> it.subtotal();
                case TAX -> it.tax();
                case TAX_PARTS -> it.hasRates() ? storedParts(it.taxParts()) : null;
                case DISPOSITION -> it.disposition().name();
                case REASON -> it.reason();
                case ISSUE_DATE -> it.issueDate();
                case CREATED_AT -> it.createdAt();
                case TOTAL -> it.total();
                case VERSION -> it.version();
            };
        }

        @Override
        public CreditNote recordOf(Row r) {
            CreditNote.Builder note = CreditNote.builder();
            for (NoteAttribute a : values()) {
                note = switch (a) {
                    case PK, SK, GSI1_PK, GSI1_SK, TYPE, TOTAL -> note;
                    case TAX_PARTS -> note.taxParts(parts(r.get(a), r.<Money>get(SUBTOTAL).currency()));
                    case ID -> note.id(r.get(a));
                    case NUMBER -> note.number(r.get(a));
                    case INVOICE_ID -> note.invoiceId(r.get(a));
                    case CUSTOMER_ID -> note.customerId(r.get(a));
                    case SUBTOTAL -> note.subtotal(r.get(a));
                    case TAX -> note.tax(r.get(a));
                    case DISPOSITION -> note.disposition(CreditNote.Disposition.valueOf(r.get(a)));
                    case REASON -> note.reason(r.get(a));
                    case ISSUE_DATE -> note.issueDate(r.get(a));
                    case CREATED_AT -> note.createdAt(r.get(a));
                    case VERSION -> note.version(r.get(a));
                };
            }
            return note.build();
        }

        private static List<StoredTaxPart> storedParts(List<CreditNote.TaxPart> parts) {
            List<StoredTaxPart> stored = new ArrayList<>(parts.size());
            for (CreditNote.TaxPart part : parts) {
                stored.add(StoredTaxPart.of(part));
            }
            return stored;
        }

        /** Null (the note's single part without a rate) for a note stored without parts. */
        private static List<CreditNote.TaxPart> parts(List<StoredTaxPart> stored, Currency currency) {
            if (stored == null) {
                return null;
            }
            List<CreditNote.TaxPart> parts = new ArrayList<>(stored.size());
            for (StoredTaxPart part : stored) {
                parts.add(part.toPart(currency));
            }
            return parts;
        }
    }

    static final TableSchema<CreditNote> CREDIT_NOTE = SchemaBuilder.of(CreditNote.class, NoteAttribute.values());

    enum BalanceAttribute implements StoredAttribute<CreditBalance> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        CUSTOMER_ID(string("customerId")),
        BALANCE(money("balance")),
        VERSION(Column.VERSION);

        private final Column column;

        BalanceAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CreditBalance it) {
            return switch (this) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDIT";
                case TYPE -> "CreditBalance";
                case CUSTOMER_ID -> it.customerId();
                case BALANCE -> it.balance();
                case VERSION -> it.version();
            };
        }

        @Override
        public CreditBalance recordOf(Row r) {
            return new CreditBalance(r.get(CUSTOMER_ID), r.get(BALANCE), r.get(VERSION));
        }
    }

    static final TableSchema<CreditBalance> CREDIT_BALANCE = SchemaBuilder.of(CreditBalance.class,
            BalanceAttribute.values());

    enum EntryAttribute implements StoredAttribute<CreditEntry> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        CUSTOMER_ID(string("customerId")),
        ID(string("id")),
        AMOUNT(money("amount")),
        SOURCE(string("source")),
        AT(instant("at"));

        private final Column column;

        EntryAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(CreditEntry it) {
            return switch (this) {
                case PK -> BillingTable.customer(it.customerId());
                case SK -> "CREDITENTRY#" + it.id();
                case TYPE -> "CreditEntry";
                case CUSTOMER_ID -> it.customerId();
                case ID -> it.id();
                case AMOUNT -> it.amount();
                case SOURCE -> it.source();
                case AT -> it.at();
            };
        }

        @Override
        public CreditEntry recordOf(Row r) {
            return new CreditEntry(r.get(CUSTOMER_ID), r.get(ID), r.get(AMOUNT), r.get(SOURCE), r.get(AT));
        }
    }

    static final TableSchema<CreditEntry> CREDIT_ENTRY = SchemaBuilder.of(CreditEntry.class, EntryAttribute.values());
}
