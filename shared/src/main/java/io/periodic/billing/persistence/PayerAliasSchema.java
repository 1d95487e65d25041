package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.string;
import static io.periodic.billing.persistence.Column.strings;

import io.periodic.billing.model.PayerAlias;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of learned payer aliases: {@code PAYALIAS#<bank key> / ALIAS#<alias id>} (every alias of a
 * payer name's key in one partition: matching reads them all, and sees a conflict), and on gsi1
 * {@code CUST#<customer> / PAYALIAS#<alias id>} (a customer's aliases). Layout: docs/data-model.md.
 */
final class PayerAliasSchema {
    private PayerAliasSchema() {}

    enum PayerAliasAttribute implements StoredAttribute<PayerAlias> {
        PK(Column.PK),
        SK(Column.SK),
        GSI1_PK(Column.GSI1_PK),
        GSI1_SK(Column.GSI1_SK),
        TYPE(Column.TYPE),
        ID(string("id")),
        BANK_KEY(string("bankKey")),
        PAYER_NAME(string("payerName")),
        REMITTED_FROM(string("remittedFrom")),
        CUSTOMER_ID(string("customerId")),
        LEARNED_BY(string("learnedBy")),
        LEARNED_AT(instant("learnedAt")),
        CONFIRMED_AT(instant("confirmedAt")),
        CONFIRMATIONS(integer("confirmations")),
        LEARNED_FROM(strings("learnedFrom")),
        VERSION(Column.VERSION);

        private final Column column;

        PayerAliasAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(PayerAlias it) {
            return switch (this) {
                case PK -> BillingTable.payerAlias(it.bankKey());
                case SK -> "ALIAS#" + it.id();
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "PAYALIAS#" + it.id();
                case TYPE -> "PayerAlias";
                case ID -> it.id();
                case BANK_KEY -> it.bankKey();
                case PAYER_NAME -> it.payerName();
                case REMITTED_FROM -> it.remittedFrom();
                case CUSTOMER_ID -> it.customerId();
                case LEARNED_BY -> it.learnedBy();
                case LEARNED_AT -> it.learnedAt();
                case CONFIRMED_AT -> it.confirmedAt();
                case CONFIRMATIONS -> it.confirmations();
                case LEARNED_FROM -> it.learnedFrom();
                case VERSION -> it.version();
            };
        }

        @Override
        public PayerAlias recordOf(Row r) {
            Integer confirmations = r.get(CONFIRMATIONS);
            return new PayerAlias(r.get(ID), r.get(BANK_KEY), r.get(PAYER_NAME), r.get(REMITTED_FROM),
                    r.get(CUSTOMER_ID), r.get(LEARNED_BY), r.get(LEARNED_AT), r.get(CONFIRMED_AT),
                    confirmations == null ? 1 : confirmations, r.get(LEARNED_FROM), r.get(VERSION));
        }
    }

    static final TableSchema<PayerAlias> PAYER_ALIAS = SchemaBuilder.of(PayerAlias.class,
            PayerAliasAttribute.values());
}
