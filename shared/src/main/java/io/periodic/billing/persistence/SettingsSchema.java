package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bool;
import static io.periodic.billing.persistence.Column.document;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.of;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Branding;
import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.model.SellerProfile;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of the seller's settings ({@code SETTINGS / SELLER}) and of the scheduler's checkpoints
 * ({@code CHECKPOINT#<name> / CHECKPOINT}). Layout: docs/data-model.md.
 */
final class SettingsSchema {
    private SettingsSchema() {}

    /** The seller's bank account, a nested document. */
    enum BankAccountAttribute implements StoredAttribute<SellerProfile.BankAccount> {
        BANK_NAME(string("bankName")),
        ACCOUNT_HOLDER(string("accountHolder")),
        IBAN(string("iban")),
        BIC(string("bic")),
        ACCOUNT_NUMBER(string("accountNumber")),
        BANK_CODE(string("bankCode"));

        private final Column column;

        BankAccountAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(SellerProfile.BankAccount it) {
            return switch (this) {
                case BANK_NAME -> it.bankName();
                case ACCOUNT_HOLDER -> it.accountHolder();
                case IBAN -> it.iban();
                case BIC -> it.bic();
                case ACCOUNT_NUMBER -> it.accountNumber();
                case BANK_CODE -> it.bankCode();
            };
        }

        @Override
        public SellerProfile.BankAccount recordOf(Row r) {
            return new SellerProfile.BankAccount(r.get(BANK_NAME), r.get(ACCOUNT_HOLDER), r.get(IBAN), r.get(BIC),
                    r.get(ACCOUNT_NUMBER), r.get(BANK_CODE));
        }

        static final TableSchema<SellerProfile.BankAccount> SCHEMA = SchemaBuilder.of(SellerProfile.BankAccount.class,
                values());
    }

    /** The seller's logo (docs/branding.md), a document nested in the branding. */
    enum LogoAttribute implements StoredAttribute<Branding.Logo> {
        KEY(string("key")),
        CONTENT_TYPE(string("contentType")),
        WIDTH(integer("width")),
        HEIGHT(integer("height")),
        BYTES(integer("bytes")),
        SHA256(string("sha256"));

        private final Column column;

        LogoAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Branding.Logo it) {
            return switch (this) {
                case KEY -> it.key();
                case CONTENT_TYPE -> it.contentType();
                case WIDTH -> it.width();
                case HEIGHT -> it.height();
                case BYTES -> it.bytes();
                case SHA256 -> it.sha256();
            };
        }

        @Override
        public Branding.Logo recordOf(Row r) {
            return new Branding.Logo(r.get(KEY), r.get(CONTENT_TYPE), r.get(WIDTH, 0), r.get(HEIGHT, 0),
                    r.get(BYTES, 0), r.get(SHA256));
        }

        static final TableSchema<Branding.Logo> SCHEMA = SchemaBuilder.of(Branding.Logo.class, values());
    }

    /** The seller's branding: logo, colour, footer notes; a nested document, absent when none is set. */
    enum BrandingAttribute implements StoredAttribute<Branding> {
        LOGO(document("logo", Branding.Logo.class, LogoAttribute.SCHEMA)),
        COLOR(string("color")),
        /** Language tag to note; absent when there is none. */
        FOOTER_NOTES(of("footerNotes", EnhancedType.mapOf(String.class, String.class)));

        private final Column column;

        BrandingAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Branding it) {
            return switch (this) {
                case LOGO -> it.logo();
                case COLOR -> it.color();
                case FOOTER_NOTES -> it.footerNotes().isEmpty() ? null : it.footerNotes();
            };
        }

        @Override
        public Branding recordOf(Row r) {
            return new Branding(r.get(LOGO), r.get(COLOR), r.get(FOOTER_NOTES, Map.of()));
        }

        static final TableSchema<Branding> SCHEMA = SchemaBuilder.of(Branding.class, values());
    }

    /** The seller's details, one item: {@code SETTINGS / SELLER}. */
    enum SellerAttribute implements StoredAttribute<SellerProfile> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        NAME(string("name")),
        ADDRESS(document("address", Address.class, CommonSchemas.AddressAttribute.SCHEMA)),
        EMAIL(string("email")),
        PHONE(string("phone")),
        WEBSITE(string("website")),
        TAX_ID(string("taxId")),
        BANK_ACCOUNT(document("bankAccount", SellerProfile.BankAccount.class, BankAccountAttribute.SCHEMA)),
        PAYMENT_LINK_TEMPLATE(string("paymentLinkTemplate")),
        INVOICE_PREFIX(string("invoicePrefix")),
        CREDIT_NOTE_PREFIX(string("creditNotePrefix")),
        NUMBER_SERIES(integer("numberSeries")),
        /** Absent when none is set (so settings stored before it are unchanged). */
        BANK_FEE_TOLERANCE_MINOR(of("bankFeeToleranceMinor", EnhancedType.mapOf(String.class, Long.class))),
        /** Basis points (9000 = 0.90); absent when not set: the default (docs/matching-confidence.md). */
        AUTO_APPLY_CONFIDENCE(integer("autoApplyConfidenceBasisPoints")),
        /** The seller's company registration number (Serbian MB); absent when none (settings stored before: unchanged). */
        COMPANY_NUMBER(string("companyNumber")),
        /** Whether customers get receipts; absent when not set: on (docs/delivery.md). */
        RECEIPTS(bool("receipts")),
        /** Absent when no branding is set (docs/branding.md). */
        BRANDING(document("branding", Branding.class, BrandingAttribute.SCHEMA));

        private final Column column;

        SellerAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(SellerProfile it) {
            return switch (this) {
                case PK -> "SETTINGS";
                case SK -> "SELLER";
                case TYPE -> "SellerProfile";
                case NAME -> it.name();
                case ADDRESS -> it.address();
                case EMAIL -> it.email();
                case PHONE -> it.phone();
                case WEBSITE -> it.website();
                case TAX_ID -> it.taxId();
                case BANK_ACCOUNT -> it.bankAccount();
                case PAYMENT_LINK_TEMPLATE -> it.paymentLinkTemplate();
                case INVOICE_PREFIX -> it.invoicePrefix();
                case CREDIT_NOTE_PREFIX -> it.creditNotePrefix();
                case NUMBER_SERIES -> it.numberSeries();
                case BANK_FEE_TOLERANCE_MINOR -> it.bankFeeToleranceMinor().isEmpty() ? null
                        : it.bankFeeToleranceMinor();
                case AUTO_APPLY_CONFIDENCE -> it.autoApplyConfidenceBasisPoints();
                case COMPANY_NUMBER -> it.companyNumber();
                case RECEIPTS -> it.receipts();
                case BRANDING -> it.branding().isEmpty() ? null : it.branding();
            };
        }

        @Override
        public SellerProfile recordOf(Row r) {
            return new SellerProfile(r.get(NAME), r.get(ADDRESS), r.get(EMAIL), r.get(PHONE), r.get(WEBSITE),
                    r.get(TAX_ID), r.get(BANK_ACCOUNT), r.get(PAYMENT_LINK_TEMPLATE), r.get(INVOICE_PREFIX),
                    r.get(CREDIT_NOTE_PREFIX), r.get(NUMBER_SERIES, 1), r.get(BANK_FEE_TOLERANCE_MINOR, Map.of()),
                    r.get(AUTO_APPLY_CONFIDENCE), r.get(COMPANY_NUMBER), r.get(RECEIPTS), r.get(BRANDING));
        }
    }

    static final TableSchema<SellerProfile> SELLER = SchemaBuilder.of(SellerProfile.class, SellerAttribute.values());

    enum CheckpointAttribute implements StoredAttribute<Checkpoint> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        NAME(string("name")),
        SHARD(integer("shard")),
        CURSOR(string("cursor")),
        SAVED_AT(instant("savedAt"));

        private final Column column;

        CheckpointAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(Checkpoint it) {
            return switch (this) {
                case PK -> "CHECKPOINT#" + it.name();
                case SK -> "CHECKPOINT";
                case TYPE -> "Checkpoint";
                case NAME -> it.name();
                case SHARD -> it.shard();
                case CURSOR -> it.cursor();
                case SAVED_AT -> it.savedAt();
            };
        }

        @Override
        public Checkpoint recordOf(Row r) {
            return new Checkpoint(r.get(NAME), r.get(SHARD), r.get(CURSOR), r.get(SAVED_AT));
        }
    }

    static final TableSchema<Checkpoint> CHECKPOINT = SchemaBuilder.of(Checkpoint.class,
            CheckpointAttribute.values());
}
