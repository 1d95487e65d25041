package io.periodic.functions.paymentmatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.invoicing.Finalization;
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
import io.periodic.billing.service.PaymentService;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * events/payment-matcher-sqs-batch.json through the handler: the bank transfer quoting INV-2026-000001 pays it;
 * the poison message next to it is reported alone (so it ends on the dead-letter queue) and blocks nothing; the
 * same payment redriven under a new message id changes nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theSampleBatchPaysTheInvoiceAndReportsOnlyThePoisonMessage(DynamoDbClient dynamo) throws Exception {
        BillingStore store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
        store.settings().putSeller(new SellerProfile("Seller", new Address("1", null, null, "Tokyo", null, "JP"),
                "s@seller.example", null, null, null, null, null, "INV", null));
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "株式会社みなと設計", "ap@minato.example",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.JAPAN, 30, TaxRate.of("10"), null,
                new Address("1", null, null, "Tokyo", null, "JP"), NOW, null));
        Money net = Money.of(12_000, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.of("10"), Money.of(1_200, "JPY"))), zero, zero,
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31), null, null, null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft, store.invoices().sequence("INV-2026"),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        Invoice invoice = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), null, null);
        assertEquals("INV-2026-000001", invoice.number());

        PaymentMatcherHandler handler = new PaymentMatcherHandler(new PaymentService(store,
                new JsonLinesEventLog(Files.createTempDirectory("m").resolve("e.jsonl")), () -> NOW));
        SQSEvent event = EventLoader.loadSQSEvent(
                Engines.templatePath().resolveSibling("events/payment-matcher-sqs-batch.json").toString());
        SQSBatchResponse response = handler.handleRequest(event, null);

        assertEquals(List.of("7c6b5a49-3827-4165-9e4d-3c2b1a0f9e8d"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        Invoice paid = store.invoices().get(invoice.id()).orElseThrow();
        assertEquals(InvoiceStatus.PAID, paid.status());

        // A DLQ redrive delivers the same body under a new message id: deduplicated on the payment id.
        SQSEvent.SQSMessage redriven = event.getRecords().get(0);
        redriven.setMessageId("brand-new-id-after-redrive");
        event.setRecords(List.of(redriven));
        assertEquals(List.of(), handler.handleRequest(event, null).getBatchItemFailures());
        assertEquals(Money.of(13_200, "JPY"), store.invoices().get(invoice.id()).orElseThrow().amountPaid());
    }
}
