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

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.PendingCharge;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.TaxBehavior;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of subscriptions, with their items and pending charges as nested documents.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class SubscriptionSchema {
    private SubscriptionSchema() {}

    private static final TableSchema<SubscriptionItem> SUBSCRIPTION_ITEM = SchemaBuilder.of(SubscriptionItem.class,
            (it, a) -> switch (a) {
                case "priceId" -> it.planId();
                case "quantity" -> it.quantity();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("priceId", String.class)
            .attr("quantity", Long.class)
            .build(r -> new SubscriptionItem(r.get("priceId"), r.get("quantity")));

    private static final TableSchema<PendingCharge> PENDING_CHARGE = SchemaBuilder.of(PendingCharge.class,
            (it, a) -> switch (a) {
                case "id" -> it.id();
                case "description" -> it.description();
                case "kind" -> it.kind().name();
                case "priceId" -> it.planId();
                case "periodStart" -> it.periodStart();
                case "periodEnd" -> it.periodEnd();
                case "quantity" -> it.quantity();
                case "unitAmount" -> it.unitAmount();
                case "amount" -> it.amount();
                case "taxBehavior" -> it.taxBehavior().name();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("id", String.class)
            .attr("description", String.class)
            .attr("kind", String.class)
            .attr("priceId", String.class)
            .attr("periodStart", LocalDate.class)
            .attr("periodEnd", LocalDate.class)
            .attr("quantity", Long.class)
            .attr("unitAmount", MoneyConverter.INSTANCE)
            .attr("amount", MoneyConverter.INSTANCE)
            .attr("taxBehavior", String.class)
            .build(r -> new PendingCharge(r.get("id"), r.get("description"), LineKind.valueOf(r.get("kind")),
                    r.get("priceId"), r.get("periodStart"), r.get("periodEnd"), r.get("quantity"),
                    r.get("unitAmount"), r.get("amount"), TaxBehavior.valueOf(r.get("taxBehavior"))));

    public static final TableSchema<Subscription> SUBSCRIPTION = SchemaBuilder.of(Subscription.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.subscription(it.id());
                case SK -> "SUBSCRIPTION";
                case GSI1_PK -> BillingTable.customer(it.customerId());
                case GSI1_SK -> "SUB#" + BillingTable.sortable(it.createdAt()) + "#" + it.id();
                case GSI3_PK -> it.isSchedulable() ? BillingTable.Work.SUBSCRIPTION_DUE.partitionFor(it.id()) : null;
                case GSI3_SK -> it.isSchedulable() ? BillingTable.sortable(it.nextBillingAt()) + "#" + it.id() : null;
                case TYPE -> "Subscription";
                case "id" -> it.id();
                case "customerId" -> it.customerId();
                case "items" -> it.items();
                case "anchor" -> it.anchor();
                case "interval" -> it.interval().toString();
                case "status" -> it.status().name();
                case "cancelAtPeriodEnd" -> it.cancelAtPeriodEnd();
                case "trialEnd" -> it.trialEnd();
                case "nextPeriodIndex" -> it.nextPeriodIndex();
                case "nextBillingAt" -> it.nextBillingAt();
                case "parkedReason" -> it.parkedReason();
                case "pendingCharges" -> it.pendingCharges();
                case "createdAt" -> it.createdAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(GSI1_PK, secondaryPartitionKey(GSI1))
            .derived(GSI1_SK, secondarySortKey(GSI1))
            // Sparse: only subscriptions the scheduler should bill are in the work index.
            .derived(GSI3_PK, secondaryPartitionKey(GSI3))
            .derived(GSI3_SK, secondarySortKey(GSI3))
            .derived(TYPE)
            .attr("id", String.class)
            .attr("customerId", String.class)
            .attr("items", EnhancedType.listOf(EnhancedType.documentOf(SubscriptionItem.class, SUBSCRIPTION_ITEM)))
            .attr("anchor", LocalDate.class)
            .attr("interval", String.class)
            .attr("status", String.class)
            .attr("cancelAtPeriodEnd", Boolean.class)
            .attr("trialEnd", LocalDate.class)
            .attr("nextPeriodIndex", Long.class)
            .attr("nextBillingAt", Instant.class)
            .attr("parkedReason", String.class)
            .attr("pendingCharges", EnhancedType.listOf(EnhancedType.documentOf(PendingCharge.class, PENDING_CHARGE)))
            .attr("createdAt", Instant.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new Subscription(r.get("id"), r.get("customerId"), r.get("items"), r.get("anchor"),
                    BillingInterval.parse(r.get("interval")), SubscriptionStatus.valueOf(r.get("status")),
                    r.get("cancelAtPeriodEnd", false), r.get("trialEnd"), r.get("nextPeriodIndex", 0L),
                    r.get("nextBillingAt"), r.get("parkedReason"), r.get("pendingCharges", List.of()), r.get("createdAt"),
                    r.get(VERSION)));
}
