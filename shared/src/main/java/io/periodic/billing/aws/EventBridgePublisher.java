package io.periodic.billing.aws;

import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.EventPublisher;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes to the stack's EventBridge bus; source {@code periodic.billing}, detail-type = the event type. */
public final class EventBridgePublisher implements EventPublisher {
    public static final String SOURCE = "periodic.billing";
    private final Supplier<EventBridgeClient> client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this(AwsClients.ready(client), busName);
    }

    /** With a client built on first use ({@link AwsClients#lazy}). */
    public EventBridgePublisher(Supplier<EventBridgeClient> client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    @Override
    public void publish(DomainEvent event) {
        PutEventsResponse response = client.get().putEvents(r -> r.entries(e -> e
                .eventBusName(busName)
                .source(SOURCE)
                .detailType(event.type())
                .time(event.occurredAt())
                .resources(event.id())
                .detail(event.detailJson())));
        // PutEvents reports per-entry failures in a successful response: never treat those as published.
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            var entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge refused " + event.id() + ": " + entry.errorCode() + " "
                    + entry.errorMessage());
        }
    }
}
