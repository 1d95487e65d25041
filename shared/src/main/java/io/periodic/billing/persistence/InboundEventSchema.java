package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.BillingTable.PK;
import static io.periodic.billing.persistence.BillingTable.SK;
import static io.periodic.billing.persistence.BillingTable.TYPE;
import static io.periodic.billing.persistence.BillingTable.VERSION;
import static software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension.AttributeTags.versionAttribute;

import io.periodic.billing.model.InboundEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of verified deliveries from payment gateways and banks.
 * Key formats: {@link BillingTable}; layout: docs/data-model.md.
 */
final class InboundEventSchema {
    private InboundEventSchema() {}

    public static final TableSchema<InboundEvent> INBOUND_EVENT = SchemaBuilder.of(InboundEvent.class,
            (it, a) -> switch (a) {
                case PK -> "EVT#" + it.provider() + "#" + it.eventId();
                case SK -> "EVENT";
                case TYPE -> "InboundEvent";
                case "provider" -> it.provider();
                case "eventId" -> it.eventId();
                case "eventType" -> it.type();
                case "status" -> it.status().name();
                case "body" -> it.body();
                case "payload" -> null; // the text form of deliveries stored before bodies were bytes
                case "notifications" -> it.notifications();
                case "receivedAt" -> it.receivedAt();
                case BillingTable.TTL -> it.expiresAt();
                case VERSION -> it.version();
                default -> throw new IllegalArgumentException(a);
            })
            .keys()
            .derived(TYPE)
            .attr("provider", String.class)
            .attr("eventId", String.class)
            .attr("eventType", String.class)
            .attr("status", String.class)
            .attr("body", byte[].class)
            .attr("payload", String.class)
            .attr("notifications", Integer.class)
            .attr("receivedAt", Instant.class)
            .attr(BillingTable.TTL, Long.class)
            .attr(VERSION, Long.class, versionAttribute())
            .build(r -> new InboundEvent(r.get("provider"), r.get("eventId"), r.get("eventType"),
                    InboundEvent.Status.valueOf(r.get("status")), r.get("body") != null ? r.<byte[]>get("body")
                    : r.get("payload") == null ? null : r.<String>get("payload").getBytes(StandardCharsets.UTF_8),
                    r.get("notifications", 0),
                    r.get("receivedAt"), r.get(BillingTable.TTL, 0L), r.get(VERSION)));
}
