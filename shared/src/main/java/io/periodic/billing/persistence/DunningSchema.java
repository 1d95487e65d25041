package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;

import io.periodic.billing.dunning.DunningPolicy;
import io.periodic.billing.dunning.LateFee;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.model.DunningEntry;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of dunning history entries and dunning policies.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class DunningSchema {
    private DunningSchema() {}

    public static final TableSchema<DunningEntry> DUNNING_ENTRY = SchemaBuilder.of(DunningEntry.class,
            (it, a) -> switch (a) {
                case PK -> BillingTable.invoice(it.invoiceId());
                case SK -> "DUN#" + it.step();
                case TYPE -> "DunningEntry";
                case "invoiceId" -> it.invoiceId();
                case "step" -> it.step();
                case "status" -> it.status().name();
                case "at" -> it.at();
                case "channel" -> it.channel();
                case "language" -> it.language();
                case "reason" -> it.reason();
                case "detail" -> it.detail();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("invoiceId", String.class)
            .attr("step", String.class)
            .attr("status", String.class)
            .attr("at", Instant.class)
            .attr("channel", String.class)
            .attr("language", String.class)
            .attr("reason", String.class)
            .attr("detail", String.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new DunningEntry(r.get("invoiceId"), r.get("step"), DunningEntry.Status.valueOf(r.get("status")),
                    r.get("at"), r.get("channel"), r.get("language"), r.get("reason"), r.get("detail"), r.get(VERSION)));

    /** A stored dunning policy: {@code SETTINGS / DUNNING} (the default) or {@code CUST#<id> / DUNNING} (override). */
    record StoredPolicy(String scope, DunningPolicy policy) {}

    private static final TableSchema<DunningPolicy.Step> POLICY_STEP = SchemaBuilder.of(DunningPolicy.Step.class,
            (it, a) -> switch (a) {
                case "kind" -> it.kind().name();
                case "dayOffset" -> it.dayOffset();
                default -> throw new IllegalArgumentException(a);
            })
            .attr("kind", String.class)
            .attr("dayOffset", Integer.class)
            .build(r -> new DunningPolicy.Step(StepKind.valueOf(r.get("kind")), r.get("dayOffset")));

    static final TableSchema<StoredPolicy> DUNNING_POLICY = SchemaBuilder.of(StoredPolicy.class, (it, a) -> switch (a) {
                case PK -> it.scope().equals("DEFAULT") ? "SETTINGS" : BillingTable.customer(it.scope());
                case SK -> "DUNNING";
                case TYPE -> "DunningPolicy";
                case "scope" -> it.scope();
                case "steps" -> it.policy().steps();
                case "lateFeePercent" -> it.policy().lateFee().percent() == null ? null
                        : it.policy().lateFee().percent().toPlainString();
                case "lateFeeFixedMinor" -> it.policy().lateFee().fixedMinor();
                case "lateFeeCapMinor" -> it.policy().lateFee().capMinor();
                case "markUncollectibleOnSuspend" -> it.policy().markUncollectibleOnSuspend();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("scope", String.class)
            .attr("steps", EnhancedType.listOf(EnhancedType.documentOf(DunningPolicy.Step.class, POLICY_STEP)))
            .attr("lateFeePercent", String.class)
            .attr("lateFeeFixedMinor", EnhancedType.mapOf(String.class, Long.class))
            .attr("lateFeeCapMinor", EnhancedType.mapOf(String.class, Long.class))
            .attr("markUncollectibleOnSuspend", Boolean.class)
            .build(r -> new StoredPolicy(r.get("scope"), new DunningPolicy(r.get("steps", List.of()),
                    new LateFee(r.get("lateFeePercent") == null ? null : new java.math.BigDecimal(
                            r.<String>get("lateFeePercent")), r.get("lateFeeFixedMinor", java.util.Map.of()),
                            r.get("lateFeeCapMinor", java.util.Map.of())),
                    r.get("markUncollectibleOnSuspend", false))));
}
