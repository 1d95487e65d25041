package io.periodic.billing.ports;

/** Publishes business events (EventBridge in AWS; a JSON-lines log locally). Throws when not accepted. */
public interface EventPublisher {
    void publish(DomainEvent event);
}
