package io.periodic.billing.persistence;

import static io.periodic.billing.persistence.Column.bytes;
import static io.periodic.billing.persistence.Column.instant;
import static io.periodic.billing.persistence.Column.integer;
import static io.periodic.billing.persistence.Column.string;

import io.periodic.billing.model.InboundEvent;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The stored form of verified deliveries from payment gateways and banks: {@code EVT#<provider>#<event id> /
 * EVENT}, kept by TTL. Layout: docs/data-model.md.
 */
final class InboundEventSchema {
    private InboundEventSchema() {}

    enum EventAttribute implements StoredAttribute<InboundEvent> {
        PK(Column.PK),
        SK(Column.SK),
        TYPE(Column.TYPE),
        PROVIDER(string("provider")),
        EVENT_ID(string("eventId")),
        EVENT_TYPE(string("eventType")),
        STATUS(string("status")),
        BODY(bytes("body")),
        /** The text form of deliveries stored before bodies were bytes: read, never written. */
        PAYLOAD(string("payload")),
        NOTIFICATIONS(integer("notifications")),
        RECEIVED_AT(instant("receivedAt")),
        TTL(Column.TTL),
        VERSION(Column.VERSION);

        private final Column column;

        EventAttribute(Column column) {
            this.column = column;
        }

        @Override
        public Column column() {
            return column;
        }

        @Override
        public Object valueOf(InboundEvent it) {
            return switch (this) {
                case PK -> "EVT#" + it.provider() + "#" + it.eventId();
                case SK -> "EVENT";
                case TYPE -> "InboundEvent";
                case PROVIDER -> it.provider();
                case EVENT_ID -> it.eventId();
                case EVENT_TYPE -> it.type();
                case STATUS -> it.status().name();
                case BODY -> it.body();
                case PAYLOAD -> null;
                case NOTIFICATIONS -> it.notifications();
                case RECEIVED_AT -> it.receivedAt();
                case TTL -> it.expiresAt();
                case VERSION -> it.version();
            };
        }

        @Override
        public InboundEvent recordOf(Row r) {
            byte[] body = r.get(BODY);
            String payload = r.get(PAYLOAD);
            return new InboundEvent(r.get(PROVIDER), r.get(EVENT_ID), r.get(EVENT_TYPE),
                    InboundEvent.Status.valueOf(r.get(STATUS)),
                    body != null ? body : payload == null ? null : payload.getBytes(StandardCharsets.UTF_8),
                    r.get(NOTIFICATIONS, 0), r.get(RECEIVED_AT), r.get(TTL, 0L), r.get(VERSION));
        }
    }

    static final TableSchema<InboundEvent> INBOUND_EVENT = SchemaBuilder.of(InboundEvent.class,
            EventAttribute.values());
}
