package io.periodic.billing.persistence;

import io.periodic.billing.model.InboundEvent;
import java.util.Optional;

/**
 * Verified webhook deliveries and statement uploads, create-once on (provider, event id): the provider is
 * {@code stripe}, {@code bank} or the Standard Webhooks connector whose secret verified the delivery, so two
 * connectors that happen to use the same {@code webhook-id} never collide.
 */
public final class InboundEventRepository {
    private final EntityTable<InboundEvent> events;

    InboundEventRepository(EntityTable<InboundEvent> events) {
        this.events = events;
    }

    /** Stores a new delivery; the same (provider, event id) again fails with {@link AlreadyExistsException}. */
    public InboundEvent create(InboundEvent event) {
        return events.create(event);
    }

    public Optional<InboundEvent> get(String provider, String eventId) {
        return events.get("EVT#" + provider + "#" + eventId, "EVENT");
    }

    public InboundEvent update(InboundEvent event) {
        return events.update(event);
    }
}
