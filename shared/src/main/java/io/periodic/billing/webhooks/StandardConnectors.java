package io.periodic.billing.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.ports.ConnectorSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The stored form of the Standard Webhooks configuration (the value of the SSM SecureString): one JSON document
 * naming every connector and its secrets, current first, the previous one after it while rotating.
 *
 * <pre>{@code
 * {"connectors": [
 *   {"name": "acme-pay",  "secrets": ["whsec_<current>", "whsec_<previous>"]},
 *   {"name": "beta-bank", "secrets": ["whsec_<current>"]}
 * ]}
 * }</pre>
 *
 * Strict: a member other than {@code connectors}, {@code name} and {@code secrets} is refused (a misspelt
 * {@code "secret"} must not silently disable a connector), as is anything {@link StandardWebhooksVerifier}
 * refuses: a name that is not 1-40 of a-z, 0-9, - and _ or is reserved, a repeated name, 0 or more than 8 secrets,
 * a secret that is not {@code whsec_} followed by base64 of 24-64 bytes, a secret shared by two connectors, more
 * than {@value StandardWebhooksVerifier#MAX_CONNECTORS} connectors. The older form (one secret per line, no
 * connector names) is refused with a message saying so: a secret must say which connector it belongs to.
 */
public final class StandardConnectors {
    private static final Set<String> CONNECTOR_MEMBERS = Set.of("name", "secrets");

    private StandardConnectors() {}

    /**
     * @param document the stored value
     * @return the connectors, validated
     * @throws IllegalStateException if the document is not a valid configuration; the message never contains a
     *     secret
     */
    public static List<ConnectorSecrets.Connector> parse(String document) {
        String text = document == null ? "" : document.strip();
        if (text.startsWith(StandardWebhooksVerifier.SECRET_PREFIX)) {
            throw invalid("it holds bare secrets (the older one-secret-per-line form); each secret must now be bound"
                    + " to its connector: {\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [\"whsec_...\"]}]}");
        }
        JsonNode root;
        try {
            root = Json.readObject(text.getBytes(StandardCharsets.UTF_8));
        } catch (IntakeException notJson) {
            throw invalid("it is not a JSON object");
        }
        requireOnly(root, Set.of("connectors"), "the document");
        JsonNode list = Json.member(root, "connectors");
        if (list == null || !list.isArray()) {
            throw invalid("connectors: required, an array of {\"name\": ..., \"secrets\": [...]}");
        }
        List<ConnectorSecrets.Connector> connectors = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "connectors[" + i + "]";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw invalid(path + ": not an object");
            }
            requireOnly(item, CONNECTOR_MEMBERS, path);
            JsonNode name = Json.member(item, "name");
            if (name == null || !name.isTextual()) {
                throw invalid(path + ".name: required, a string");
            }
            JsonNode secrets = Json.member(item, "secrets");
            if (secrets == null || !secrets.isArray()) {
                throw invalid(path + ".secrets: required, an array of whsec_ strings");
            }
            List<String> values = new ArrayList<>();
            for (int j = 0; j < secrets.size(); j++) {
                if (!secrets.get(j).isTextual()) {
                    throw invalid(path + ".secrets[" + j + "]: not a string");
                }
                values.add(secrets.get(j).textValue());
            }
            connectors.add(new ConnectorSecrets.Connector(name.textValue(), values));
        }
        try {
            new StandardWebhooksVerifier(connectors, Clock.systemUTC()); // every rule of names and secrets
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return List.copyOf(connectors);
    }

    private static void requireOnly(JsonNode object, Set<String> allowed, String path) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!allowed.contains(member)) {
                String shown = member.matches("[A-Za-z_]{1,30}") ? Json.quote(member) : "(not shown)";
                throw invalid(path + ": unknown member " + shown + " (allowed: " + allowed + ")");
            }
        }
    }

    private static IllegalStateException invalid(String problem) {
        return new IllegalStateException("The Standard Webhooks configuration is not valid: " + problem
                + " (see docs/payment-events.md)");
    }
}
