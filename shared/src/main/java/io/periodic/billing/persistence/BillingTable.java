package io.periodic.billing.persistence;

import io.periodic.billing.payments.References;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The single billing table's attribute names, index names and key formats (docs/data-model.md explains each
 * access pattern). {@code template.yaml} declares the table; {@code TableDefinitionDriftTest} fails if the two
 * disagree.
 */
public final class BillingTable {
    /** The table's logical id in template.yaml; also its name on the embedded engines. */
    public static final String LOGICAL_ID = "BillingTable";

    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Customer-centric index: a customer's subscriptions, invoices, payments, credit notes; customers by e-mail. */
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    /** Sparse: open invoices of a customer by due date (payment matching). */
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    /** Sparse, sharded, keys-only work index: due subscriptions, open invoices by due date, unapplied payments. */
    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";
    public static final String TTL = "ttl";
    public static final String VERSION = "version";
    public static final String TYPE = "type";

    /**
     * Shards of each work-index partition. Items spread over {@code SHARDS} partitions by a hash of their id, so
     * a busy billing hour is not one hot partition. Raising it is safe (readers query every shard below the new
     * count, old items keep their shard); lowering it would strand items in the dropped shards.
     */
    public static final int SHARDS = 8;

    /** Work-index partitions (the prefix of gsi3pk). */
    public enum Work {
        /** Subscriptions to invoice, by the instant their next period becomes due. */
        SUBSCRIPTION_DUE("SUBDUE"),
        /** Open invoices with an amount due, by due date (overdue sweeps, dunning). */
        INVOICE_OPEN("INVOPEN"),
        /** Payments holding unapplied cash, by receipt time, for a person to resolve. */
        PAYMENT_UNAPPLIED("UNAPPLIED"),
        /** Refunds that can never be applied (e.g. in another currency than their payment), for a person. */
        REFUND_REJECTED("REFUNDREJ"),
        /** E-mail addresses that get no more mail (hard bounce, complaint, repeated soft bounces), for a person. */
        DELIVERY_PROBLEM("MAILPROBLEM");

        final String prefix;

        Work(String prefix) {
            this.prefix = prefix;
        }

        public String partition(int shard) {
            return prefix + "#" + shard;
        }

        String partitionFor(String id) {
            return partition(shardOf(id));
        }
    }

    /**
     * The gsi2 partition listing every customer (reports over all customers), sharded like the work index so that no
     * busy hour writes one partition; readers walk the shards.
     */
    static String customersPartition(int shard) {
        return "CUSTOMERS#" + shard;
    }

    private static final DateTimeFormatter SORTABLE_INSTANT = DateTimeFormatter.ISO_INSTANT;

    private BillingTable() {}

    /** The shard of an id: stable across JVMs and deployments (String.hashCode is specified by the JLS). */
    public static int shardOf(String id) {
        return Math.floorMod(id.hashCode(), SHARDS);
    }

    /** A fixed-width, lexicographically sortable instant (UTC, whole seconds): {@code 2026-11-22T15:00:00Z}. */
    public static String sortable(Instant instant) {
        return SORTABLE_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    static String sortable(LocalDate date) {
        return date.toString();
    }

    static String customer(String id) {
        return "CUST#" + id;
    }

    /** A plan's key: {@code PRICE#} is the stored prefix, kept from when the code called a plan a price. */
    static String plan(String id) {
        return "PRICE#" + id;
    }

    static String subscription(String id) {
        return "SUB#" + id;
    }

    static String invoice(String id) {
        return "INV#" + id;
    }

    /**
     * Document numbers are keyed by their canonical form ({@link References}), so a
     * number typed as {@code inv2026000123} or in full-width digits finds {@code INV-2026-000123}.
     */
    static String invoiceNumber(String number) {
        String canonical = References.canonical(number);
        return "INVNUM#" + (canonical != null ? canonical : number.strip());
    }

    static String customerName(String nameKey) {
        return "NAME#" + nameKey;
    }

    /** A payer name's bank key ({@code payments.BankNames.key}). */
    static String customerBankName(String bankKey) {
        return "BANKNAME#" + bankKey;
    }

    /** A virtual account, {@code bank-branch-account}: the one item saying which customer holds it. */
    static String virtualAccount(String account) {
        return "VACCOUNT#" + account;
    }

    /** A learned payer alias's bank key ({@code payments.BankNames.key}). */
    static String payerAlias(String bankKey) {
        return "PAYALIAS#" + bankKey;
    }

    static String payment(String id) {
        return "PAY#" + id;
    }

    static String creditNote(String id) {
        return "CN#" + id;
    }

    /** The id after the {@code TYPE#} prefix of a key. */
    static String idOf(String key) {
        return key.substring(key.indexOf('#') + 1);
    }
}
