package io.periodic.billing.ports;

import java.util.List;
import java.util.Objects;

/**
 * The Standard Webhooks connectors and their signing secrets: each connector (a gateway or bank we receive
 * payment events from) has its own secrets, the current one first, then the previous one while a rotation is
 * under way. A delivery belongs to the connector whose secret verified it, and only to that one.
 */
@FunctionalInterface
public interface ConnectorSecrets {
    List<Connector> connectors();

    /**
     * @param name the connector's name, which is the provider of every payment it reports
     * @param secrets its {@code whsec_…} secrets, current first
     */
    record Connector(String name, List<String> secrets) {
        public Connector {
            Objects.requireNonNull(name, "name");
            secrets = List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "Connector[" + name + ", " + secrets.size() + " secret(s)]"; // never the secrets
        }
    }

    static ConnectorSecrets of(Connector... connectors) {
        List<Connector> list = List.of(connectors);
        return () -> list;
    }
}
