package io.periodic.billing.webhooks;

import static io.periodic.billing.webhooks.WebhookTesting.clockAt;
import static io.periodic.billing.webhooks.WebhookTesting.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/payment-events.md true: its examples parse, and its signed delivery verifies. */
class PaymentEventsDocTest {
    private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);

    private static String doc() throws IOException {
        String root = System.getProperty("periodic.repoRoot");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path doc = dir.resolve("docs/payment-events.md");
            if (Files.isRegularFile(doc)) {
                return Files.readString(doc);
            }
        }
        throw new AssertionError("docs/payment-events.md not found from " + start + " (set -Dperiodic.repoRoot)");
    }

    private static List<String> blocks(String doc, String language) {
        List<String> found = new ArrayList<>();
        Matcher m = FENCE.matcher(doc);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                found.add(m.group(2));
            }
        }
        return found;
    }

    @Test
    void everyJsonExampleParsesToOneNotification() throws IOException {
        List<String> examples = blocks(doc(), "json").stream().filter(b -> b.contains("\"type\"")).toList();
        assertEquals(2, examples.size(), "the received and the refunded example");
        PaymentNotification received = only(examples.get(0));
        assertEquals(Kind.RECEIVED, received.kind());
        assertEquals(Money.of(1230, "EUR"), received.amount());
        assertEquals("INV-2026-000123", received.invoiceReference());
        PaymentNotification refunded = only(examples.get(1));
        assertEquals(Kind.REFUNDED, refunded.kind());
        assertEquals(received.providerPaymentId(), refunded.providerPaymentId());
    }

    private static PaymentNotification only(String json) {
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class,
                StandardEvents.parse("acme-pay", "msg_doc_example", utf8(json)));
        return parsed.notifications().get(0);
    }

    @Test
    void theWorkedDeliveryVerifiesAndParses() throws Exception {
        String doc = doc();
        List<String> requests = blocks(doc, "http");
        assertEquals(1, requests.size());
        String[] parts = requests.get(0).split("\n\n", 2);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : parts[0].split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        byte[] body = utf8(parts[1]);
        Matcher secret = Pattern.compile("`(whsec_[A-Za-z0-9+/=]+)`").matcher(doc);
        assertTrue(secret.find(), "the example secret");
        long timestamp = Long.parseLong(headers.get("webhook-timestamp"));

        StandardWebhooksVerifier.Verified verified = new StandardWebhooksVerifier(List.of(
                new io.periodic.billing.ports.ConnectorSecrets.Connector("acme-pay", List.of(secret.group(1)))),
                clockAt(timestamp)).verify(headers, body);
        Parsed.Notifications parsed = assertInstanceOf(Parsed.Notifications.class,
                StandardEvents.parse(verified.connector(), verified.webhookId(), body));
        assertEquals("acme-pay", parsed.notifications().get(0).provider());
        assertEquals(Money.of(1200, "JPY"), parsed.notifications().get(0).amount());
        assertEquals(headers.get("webhook-signature"),
                new Webhook(secret.group(1)).sign(verified.webhookId(), timestamp, parts[1]));
        String shell = blocks(doc, "sh").get(0);
        assertTrue(shell.contains(parts[1]), "the shell example signs the same body");
        assertTrue(shell.endsWith("# " + headers.get("webhook-signature").substring(3)), "and shows the same result");
    }

    @Test
    void theAmountTableShowsTheRealMessage() throws IOException {
        String message = org.junit.jupiter.api.Assertions.assertThrows(
                io.periodic.billing.payments.IntakeException.class,
                () -> StandardEvents.parse("acme-pay", "msg_1", utf8("{\"type\":\"payment.received\",\"timestamp\":\"2026-11-05T09:30:00Z\","
                        + "\"data\":{\"provider\":\"acme-pay\",\"paymentId\":\"p1\",\"amount\":\"1.5\",\"currency\":\"JPY\"}}")))
                .getMessage();
        assertTrue(doc().contains("`" + message + "`"), message);
    }

    @Test
    void theConfigurationExampleIsValidAndBindsEachSecretToItsConnector() throws Exception {
        List<String> configs = blocks(doc(), "json").stream().filter(b -> b.contains("\"connectors\"")).toList();
        assertEquals(1, configs.size(), "one configuration example");
        List<io.periodic.billing.ports.ConnectorSecrets.Connector> connectors = StandardConnectors.parse(configs.get(0));
        assertEquals(List.of("acme-pay", "beta-bank"), connectors.stream()
                .map(io.periodic.billing.ports.ConnectorSecrets.Connector::name).toList());
        assertEquals(2, connectors.get(0).secrets().size(), "current and previous while rotating");
    }
}
