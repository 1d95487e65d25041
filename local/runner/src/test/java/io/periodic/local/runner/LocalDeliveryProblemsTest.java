package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.model.Ids;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounces and complaints end to end over the local runner: mail to the simulator's test domains comes back as SES's
 * feedback through the delivery-events queue and function (MailboxSimulator); the customer is flagged, and no
 * reminder goes to the address again - each is recorded as held back on the invoice's mail history.
 */
class LocalDeliveryProblemsTest {
    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension();

    @Test
    void aHardBounceFlagsTheCustomerAndNoReminderGoesToTheAddressAgain() {
        assertNoMoreMailAfter(MailboxSimulator.BOUNCE_DOMAIN, "hard_bounce");
    }

    @Test
    void aComplaintFlagsTheCustomerAndNoReminderGoesToTheAddressAgain() {
        assertNoMoreMailAfter(MailboxSimulator.COMPLAINT_DOMAIN, "complaint");
    }

    private static void assertNoMoreMailAfter(String domain, String event) {
        LocalClient api = runner.api();
        String email = "ap-" + Ids.randomLetters(8).toLowerCase(Locale.ROOT) + "@" + domain;
        String customerId = LocalTestData.customer(api, "Gone Ltd", email);
        LocalDate start = LocalDate.ofInstant(api.now(), ZoneOffset.UTC).plusDays(1);
        LocalTestData.subscribe(api, customerId, LocalTestData.plan(api, "Team", 4_900), start);

        expect(api.advance(start.atTime(6, 0).toInstant(ZoneOffset.UTC)), 200);

        JsonNode invoice = LocalTestData.invoices(api, customerId).get(0);
        assertEquals(1, mailsTo(api, email).size(), "the invoice mail went out");
        JsonNode listed = problem(api, customerId);
        assertNotNull(listed, "flagged on GET /customers?deliveryProblem=true");
        assertEquals(event, listed.get("deliveryStatus").get("suppressed").textValue());

        LocalDate due = LocalDate.parse(invoice.get("dueDate").textValue());
        expect(api.advance(due.plusDays(35).atTime(12, 0).toInstant(ZoneOffset.UTC)), 200);

        assertEquals(1, mailsTo(api, email).size(), "no reminder after the " + event + ": " + mailsTo(api, email));
        JsonNode after = expect(api.get("/invoices/" + invoice.get("id").textValue()), 200);
        assertFalse(after.get("dunningHistory").isEmpty(), "dunning went on, for a person to see");
        List<String> history = new ArrayList<>();
        after.get("mailHistory").forEach(h -> history.add(h.get("event").textValue()));
        assertEquals(event, history.get(0), history.toString());
        assertTrue(history.stream().filter("suppressed"::equals).count() >= 4,
                "each reminder recorded as held back: " + history);
        JsonNode status = expect(api.get("/customers/" + customerId), 200).get("deliveryStatus");
        assertTrue(status.get("suppressedSends").intValue() >= 4, status.toString());
    }

    private static JsonNode problem(LocalClient api, String customerId) {
        for (JsonNode c : expect(api.get("/customers?deliveryProblem=true&limit=100"), 200).get("data")) {
            if (c.get("id").textValue().equals(customerId)) {
                return c;
            }
        }
        return null;
    }

    private static List<JsonNode> mailsTo(LocalClient api, String email) {
        List<JsonNode> mails = new ArrayList<>();
        expect(api.get("/_local/outbox"), 200).get("emails").forEach(m -> {
            if (m.get("to").textValue().equals(email)) {
                mails.add(m);
            }
        });
        return mails;
    }
}
