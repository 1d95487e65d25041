package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.Checkpoint;
import io.periodic.billing.model.SellerProfile;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of the seller's settings and of the scheduler's checkpoints.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class SettingsSchema {
    private SettingsSchema() {}

    private static final TableSchema<SellerProfile.BankAccount> BANK_ACCOUNT =
            SchemaBuilder.of(SellerProfile.BankAccount.class, (it, a) -> switch (a) {
                case "bankName" -> it.bankName();
                case "accountHolder" -> it.accountHolder();
                case "iban" -> it.iban();
                case "bic" -> it.bic();
                case "accountNumber" -> it.accountNumber();
                case "bankCode" -> it.bankCode();
                default -> throw new IllegalArgumentException(a);
            })
                    .attr("bankName", String.class)
                    .attr("accountHolder", String.class)
                    .attr("iban", String.class)
                    .attr("bic", String.class)
                    .attr("accountNumber", String.class)
                    .attr("bankCode", String.class)
                    .build(r -> new SellerProfile.BankAccount(r.get("bankName"), r.get("accountHolder"),
                            r.get("iban"), r.get("bic"), r.get("accountNumber"), r.get("bankCode")));

    /** The seller's details, one item: {@code SETTINGS / SELLER}. */
    public static final TableSchema<SellerProfile> SELLER = SchemaBuilder.of(SellerProfile.class,
            (it, a) -> switch (a) {
                case PK -> "SETTINGS";
                case SK -> "SELLER";
                case TYPE -> "SellerProfile";
                case "name" -> it.name();
                case "address" -> it.address();
                case "email" -> it.email();
                case "phone" -> it.phone();
                case "website" -> it.website();
                case "taxId" -> it.taxId();
                case "bankAccount" -> it.bankAccount();
                case "paymentLinkTemplate" -> it.paymentLinkTemplate();
                case "invoicePrefix" -> it.invoicePrefix();
                case "creditNotePrefix" -> it.creditNotePrefix();
                case "numberSeries" -> it.numberSeries();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("name", String.class)
            .attr("address", EnhancedType.documentOf(Address.class, CommonSchemas.ADDRESS))
            .attr("email", String.class)
            .attr("phone", String.class)
            .attr("website", String.class)
            .attr("taxId", String.class)
            .attr("bankAccount", EnhancedType.documentOf(SellerProfile.BankAccount.class, BANK_ACCOUNT))
            .attr("paymentLinkTemplate", String.class)
            .attr("invoicePrefix", String.class)
            .attr("creditNotePrefix", String.class)
            .attr("numberSeries", Integer.class)
            .build(r -> new SellerProfile(r.get("name"), r.get("address"), r.get("email"), r.get("phone"),
                    r.get("website"), r.get("taxId"), r.get("bankAccount"), r.get("paymentLinkTemplate"),
                    r.get("invoicePrefix"), r.get("creditNotePrefix"), r.get("numberSeries", 1)));

    public static final TableSchema<Checkpoint> CHECKPOINT = SchemaBuilder.of(Checkpoint.class, (it, a) -> switch (a) {
                case PK -> "CHECKPOINT#" + it.name();
                case SK -> "CHECKPOINT";
                case TYPE -> "Checkpoint";
                case "name" -> it.name();
                case "shard" -> it.shard();
                case "cursor" -> it.cursor();
                case "savedAt" -> it.savedAt();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("name", String.class)
            .attr("shard", Integer.class)
            .attr("cursor", String.class)
            .attr("savedAt", Instant.class)
            .build(r -> new Checkpoint(r.get("name"), r.get("shard"), r.get("cursor"), r.get("savedAt")));
}
