package io.periodic.functions.invoicegenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.periodic.billing.aws.SqsMessageQueue;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DueSubscriptionSweep;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.service.MailOnce;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.SqsDelivery;
import io.periodic.local.engines.ElasticMqExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole recurring-invoice flow on real local engines and a controllable clock: the scheduler sweeps the index
 * and sends jobs to ElasticMQ, the generator's Lambda handler consumes them (partial batch responses honoured,
 * as the event source mapping would), invoices land in DynamoDB Local, documents in a folder, events in a log and
 * mails in an outbox.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class FullFlowTest {
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;

    FullFlowTest(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        this.dynamo = dynamo;
        this.mq = mq;
    }

    /** Delivers every queued job to the handler, deleting what it did not report as failed. */
    private static int deliverAll(SqsClient sqs, String queueUrl, InvoiceGeneratorHandler handler) {
        int delivered = 0;
        for (SqsDelivery.Poll poll; !(poll = SqsDelivery.once(sqs, queueUrl, e -> handler.handleRequest(e, null),
                null)).empty(); ) {
            delivered += poll.messages().size();
        }
        return delivered;
    }

    @Test
    void scheduleQueueGenerateRenderPublishAndMailForTwoMonths() throws Exception {
        Path out = Files.createTempDirectory("full-flow");
        BillingWorld world = new BillingWorld(dynamo, Instant.parse("1995-03-31T00:00:00Z"));
        SqsClient sqs = mq.client();
        String queueUrl = mq.queueUrl("BillingJobQueue");
        deliverAll(sqs, queueUrl, new InvoiceGeneratorHandler(world.issuing())); // leftovers of other tests

        Customer tokyo = world.customer("Asia/Tokyo", "JPY", "10", Locale.JAPAN);
        Customer belgrade = world.customer("Europe/Belgrade", "EUR", "20", Locale.forLanguageTag("sr-Latn-RS"));
        Subscription jp = world.subscribe(tokyo, world.plan("JPY", 12_000, BillingInterval.monthly()), 2,
                LocalDate.of(1995, 3, 31), null);
        Subscription rs = world.subscribe(belgrade, world.plan("EUR", 4_900, BillingInterval.monthly()), 1,
                LocalDate.of(1995, 3, 31), null);

        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        FileOutboxMailer outbox = new FileOutboxMailer(out.resolve("outbox"));
        InvoiceIssuing generator = new InvoiceIssuing(world.store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out.resolve("documents")), events), world.clock, 12);
        InvoiceGeneratorHandler handler = new InvoiceGeneratorHandler(generator);
        DueSubscriptionSweep scheduler = new DueSubscriptionSweep(world.store, new SqsMessageQueue(sqs, queueUrl), world.clock);

        // March 31 local midnight has passed in both zones.
        world.clock.set(Instant.parse("1995-03-31T00:00:00Z"));
        assertTrue(scheduler.run(() -> true).complete());
        assertTrue(deliverAll(sqs, queueUrl, handler) >= 2);
        // One month on: Apr 30 (the 31st clamps). Tokyo's midnight was at 15:00 UTC on the 29th; Belgrade's (CEST)
        // comes at 22:00 UTC: a second before it, only Tokyo is billed.
        world.clock.set(Instant.parse("1995-04-29T21:59:59Z"));
        scheduler.run(() -> true);
        deliverAll(sqs, queueUrl, handler);
        assertEquals(2, world.invoicesOf(tokyo).size());
        assertEquals(1, world.invoicesOf(belgrade).size());
        world.clock.set(Instant.parse("1995-04-29T22:00:00Z"));
        scheduler.run(() -> true);
        deliverAll(sqs, queueUrl, handler);

        List<Invoice> jpInvoices = world.invoicesOf(tokyo);
        List<Invoice> rsInvoices = world.invoicesOf(belgrade);
        assertEquals(List.of(LocalDate.of(1995, 3, 31), LocalDate.of(1995, 4, 30)),
                jpInvoices.stream().map(Invoice::periodStart).toList());
        assertEquals(List.of(LocalDate.of(1995, 3, 31), LocalDate.of(1995, 4, 30)),
                rsInvoices.stream().map(Invoice::periodStart).toList());
        assertEquals(2, world.reload(jp).nextPeriodIndex());
        assertEquals(2, world.reload(rs).nextPeriodIndex());

        // Documents in the customer's language, with the number as the payment reference.
        Invoice first = jpInvoices.get(0);
        String html = Files.readString(out.resolve("documents").resolve(InvoiceNotifications.documentKey(first)),
                StandardCharsets.UTF_8);
        assertTrue(html.contains("請求書") && html.contains(first.number()) && html.contains("¥26,400"), "ja document");
        String serbian = Files.readString(out.resolve("documents")
                .resolve(InvoiceNotifications.documentKey(rsInvoices.get(0))), StandardCharsets.UTF_8);
        assertTrue(serbian.contains("Faktura"), "sr-Latn document");

        // One invoice.finalized per invoice; the generator mails nobody: the PDF function does on that event
        // (here without a PDF, as with PDFs off), once per invoice however often the event is delivered.
        assertEquals(4, events.events().stream().filter(e -> e.type().equals(InvoiceEvents.FINALIZED)).count());
        assertTrue(events.events().stream()
                .anyMatch(e -> e.detailJson().contains("\"number\":\"" + first.number() + "\"")));
        assertEquals(0, outbox.sent().size());
        InvoiceDelivery delivery = new InvoiceDelivery(world.store, new DirectoryDocumentStore(out.resolve("documents")),
                new MailOnce(world.store, outbox, world.clock));
        for (int delivered = 0; delivered < 2; delivered++) {
            for (Invoice invoice : List.of(jpInvoices.get(0), jpInvoices.get(1), rsInvoices.get(0), rsInvoices.get(1))) {
                delivery.documentReady(InvoiceEvents.FINALIZED, invoice.id(), null);
            }
        }
        assertEquals(4, outbox.sent().size());
        String mail = Files.readString(outbox.sent().get(0), StandardCharsets.UTF_8);
        assertTrue(mail.contains("To: ap@customer.example"));
    }
}
