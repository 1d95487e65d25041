package io.periodic.functions.dunningsteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** events/dunning-steps-plan.json through the handler: the plan names the next step and its instant. */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-20T00:00:00Z");

    @Test
    @SuppressWarnings("unchecked")
    void thePlanEventAnswersTheNextStep(DynamoDbClient dynamo) throws Exception {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        String prefix = "S" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Minato", "ap@minato.example",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
        Money net = Money.of(13_200, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice("in_sub_sample_tokyo_2026-12-01", null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 15), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);

        Path out = Files.createTempDirectory("steps");
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        FileOutboxMailer mailer = new FileOutboxMailer(out.resolve("outbox"));
        DunningStepsHandler handler = new DunningStepsHandler(new DunningService(store, new InvoiceNotifications(
                new DocumentRenderer(), new DirectoryDocumentStore(out.resolve("documents")), events), mailer,
                events, () -> NOW));

        Map<String, Object> event = EventLoader.loadEvent(
                Engines.templatePath().resolveSibling("events/dunning-steps-plan.json").toString(), Map.class);
        Map<String, Object> state = handler.handleRequest(event, null);

        // Due Dec 15 in Tokyo; on Dec 20 the courtesy notice is past, the friendly reminder (Dec 16) is due now.
        assertEquals(false, state.get("done"));
        assertEquals(Map.of("kind", "FRIENDLY", "at", NOW.toString()), state.get("next"));

        Map<String, Object> acted = handler.handleRequest(Map.of("action", "act", "invoiceId",
                "in_sub_sample_tokyo_2026-12-01", "step", "FRIENDLY"), null);
        assertEquals("FIRM", ((Map<String, Object>) acted.get("next")).get("kind"));
        assertEquals(1, mailer.sent().size());
        assertThrows(IllegalArgumentException.class,
                () -> handler.handleRequest(Map.of("action", "dance", "invoiceId", "x"), null));
    }
}
