package io.periodic.functions.dunningstarter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.DunningStarter;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The daily sweep on DynamoDB Local. Executions go to a local starter with Step Functions' name semantics (a name
 * that already ran is refused), standing in for StartExecution as the outbox stands in for SES.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DunningStarterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T01:00:00Z"));
    private final Set<String> executions = new HashSet<>();
    private final List<String> starts = new ArrayList<>();

    private final WorkflowStarter stepFunctionsLike = (name, input) -> {
        starts.add(name);
        return executions.add(name);
    };

    @Test
    void courtesyNoticesWithoutAWorkflowAndOneExecutionPerOverdueInvoice(DynamoDbClient dynamo) throws Exception {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        String prefix = "Q" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, prefix, null));
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Starter KK", "ap@starter.example",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.ZERO, null,
                new Address("1", null, null, "Tokyo", null, "JP"), now.get(), null));
        Invoice dueSoon = invoice(store, customer, prefix, LocalDate.of(2026, 12, 1));
        Invoice overdue = invoice(store, customer, prefix, LocalDate.of(2026, 11, 20));
        Invoice paid = invoice(store, customer, prefix, LocalDate.of(2026, 11, 25));
        store.invoices().update(paid.withPayment(paid.total(), InvoiceStatus.PAID));

        Path out = Files.createTempDirectory("starter");
        FileOutboxMailer outbox = new FileOutboxMailer(out.resolve("outbox"));
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        DunningService dunning = new DunningService(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out.resolve("documents")), events), outbox, events, now::get);
        DunningStarter starter = new DunningStarter(store, dunning, stepFunctionsLike, now::get);

        DunningStarter.Result first = starter.sweep();
        assertEquals(1, first.courtesyNotices(), "the invoice due in 2 days gets its courtesy notice, no workflow");
        assertEquals(1, first.started(), "the overdue invoice's dunning starts");
        assertEquals(List.of(overdue.id()), starts);
        assertEquals(1, outbox.sent().size());
        assertTrue(store.dunning().get(dueSoon.id(), "COURTESY").isPresent());

        // The next day's sweep (and a duplicate run of it) start nothing new and send no second courtesy notice.
        now.set(Instant.parse("2026-11-30T01:00:00Z"));
        DunningStarter.Result second = starter.sweep();
        starter.sweep();
        assertEquals(0, second.started());
        assertEquals(1, second.alreadyRunning());
        assertEquals(1, executions.size(), "the same start twice: one execution");
        assertEquals(1, outbox.sent().size());

        // The sample schedule input through the handler.
        DunningStarterHandler handler = new DunningStarterHandler(starter);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(
                Engines.templatePath().resolveSibling("events/dunning-starter-schedule.json"))) {
            handler.handleRequest(in, answer, null);
        }
        assertTrue(answer.toString(StandardCharsets.UTF_8).contains("\"alreadyRunning\":1"), answer.toString());
    }

    private Invoice invoice(BillingStore store, Customer customer, String prefix, LocalDate due) {
        Money net = Money.of(10_000, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, due.minusDays(30), due, null, null, null,
                now.get(), null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), now.get());
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
    }
}
