package io.periodic.billing.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.ports.ConnectorSecrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored Standard Webhooks configuration: connectors bound to their own secrets, read strictly. */
class StandardConnectorsTest {
    private static final String A = secret("acme-pay-connector-secret-0001");
    private static final String A_OLD = secret("acme-pay-previous-secret-00002");
    private static final String B = secret("beta-bank-connector-secret-002");

    @Test
    void readsEveryConnectorWithItsSecretsInOrder() {
        List<ConnectorSecrets.Connector> connectors = StandardConnectors.parse("""
                {"connectors": [{"name": "acme-pay", "secrets": ["%s", "%s"]},
                                {"name": "beta-bank", "secrets": ["%s"]}]}
                """.formatted(A, A_OLD, B));
        assertEquals(List.of(new ConnectorSecrets.Connector("acme-pay", List.of(A, A_OLD)),
                new ConnectorSecrets.Connector("beta-bank", List.of(B))), connectors);
    }

    @Test
    void anEmptyListIsValidAndAcceptsNoDelivery() {
        assertEquals(List.of(), StandardConnectors.parse("{\"connectors\": []}"));
    }

    @Test
    void refusesAnythingDoubtfulWithoutQuotingASecret() {
        for (String invalid : List.of(
                A + "\n" + B, // the older one-secret-per-line form: no connector names
                "not json",
                "{}",
                "{\"connectors\": {}}",
                "{\"connectors\": [], \"extra\": 1}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secret\": [\"" + A + "\"]}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": \"" + A + "\"}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [7]}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [\"" + A + "\"], \"" + B + "\": 1}]}",
                "{\"connectors\": [{\"name\": \"Acme Pay\", \"secrets\": [\"" + A + "\"]}]}",
                "{\"connectors\": [{\"name\": \"bank\", \"secrets\": [\"" + A + "\"]}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [\"whsec_tooshort\"]}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [\"" + A + "\"]},"
                        + " {\"name\": \"beta-bank\", \"secrets\": [\"" + A + "\"]}]}",
                "{\"connectors\": [{\"name\": \"acme-pay\", \"secrets\": [\"" + A + "\"]},"
                        + " {\"name\": \"acme-pay\", \"secrets\": [\"" + B + "\"]}]}")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> StandardConnectors.parse(invalid),
                    invalid);
            assertTrue(e.getMessage().startsWith("The Standard Webhooks configuration is not valid: "), e.getMessage());
            for (String secret : List.of(A, B)) {
                assertFalse(e.getMessage().contains(secret.substring(6, 26)), e.getMessage());
            }
        }
    }

    private static String secret(String text) {
        return "whsec_" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
