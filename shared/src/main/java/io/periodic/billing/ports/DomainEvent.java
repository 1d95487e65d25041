package io.periodic.billing.ports;

import java.time.Instant;
import java.util.Objects;

/**
 * A business event for other systems (dunning, CRM, accounting): {@code invoice.finalized}, {@code invoice.paid},
 * {@code payment.unapplied}, ... Delivery is at least once; {@code id} is deterministic (e.g. {@code
 * invoice.finalized:<invoice id>}) so consumers can drop duplicates.
 *
 * @param detailJson the event's payload, a JSON object
 */
public record DomainEvent(String type, String id, Instant occurredAt, String detailJson) {
    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(detailJson, "detailJson");
    }
}
