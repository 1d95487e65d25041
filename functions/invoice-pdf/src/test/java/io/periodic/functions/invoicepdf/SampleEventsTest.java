package io.periodic.functions.invoicepdf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.MailOnce;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * events/invoice-pdf-finalized.json through the handler: the stored HTML becomes a PDF beside it. The delivery runs
 * over an empty table, where no invoice is stored: nothing is mailed (the mailer fails the test if asked).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private final InvoiceDelivery noMail;

    SampleEventsTest(DynamoDbLocalEngine dynamo) {
        BillingStore store = new BillingStore(dynamo.clientBuilder().build(), BillingTable.LOGICAL_ID);
        noMail = new InvoiceDelivery(store, new DirectoryDocumentStore(Path.of("target/none")),
                new MailOnce(store, email -> fail("no mail expected: " + email.key()), Clock.system()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFinalizedEventTurnsTheStoredHtmlIntoAPdf() throws Exception {
        Path root = Files.createTempDirectory("pdf-store");
        DirectoryDocumentStore documents = new DirectoryDocumentStore(root);
        documents.put("invoices/in_sub_sample_tokyo_2026-12-01.html", "text/html", Files.readAllBytes(
                Engines.templatePath().resolveSibling("shared/src/test/resources/golden/invoice-ja.html")));
        Map<String, Object> event = EventLoader.loadEvent(
                Engines.templatePath().resolveSibling("events/invoice-pdf-finalized.json").toString(), Map.class);

        String link = new InvoicePdfHandler(documents, noMail).handleRequest(event, null);

        assertTrue(link.endsWith("invoices/in_sub_sample_tokyo_2026-12-01.pdf"), link);
        byte[] pdf = documents.get("invoices/in_sub_sample_tokyo_2026-12-01.pdf");
        assertTrue(new String(pdf, 0, 5).startsWith("%PDF-"));
    }

    @Test
    void aPaidOrReopenedInvoiceGetsItsPdfRenderedAgainFromTheReRenderedHtml() {
        Path root = Path.of("target/pdf-paid");
        DirectoryDocumentStore documents = new DirectoryDocumentStore(root);
        documents.put("invoices/in_paid.html", "text/html", "<html><body><p>PAID</p></body></html>"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        InvoicePdfHandler handler = new InvoicePdfHandler(documents, noMail);
        for (String type : new String[] {"invoice.paid", "invoice.reopened"}) {
            documents.put("invoices/in_paid.pdf", "application/pdf", new byte[0]);
            String link = handler.handleRequest(Map.of("detail-type", type, "source", "periodic.billing",
                    "detail", Map.of("invoiceId", "in_paid", "status", "PAID")), null);
            assertTrue(link.endsWith("invoices/in_paid.pdf"), type + ": " + link);
            assertTrue(new String(documents.get("invoices/in_paid.pdf"), 0, 5).startsWith("%PDF-"), type);
        }
    }

    @Test
    void eventsThatAreNotAboutADocumentAreRefusedClearly() {
        InvoicePdfHandler handler = new InvoicePdfHandler(new DirectoryDocumentStore(Path.of("target/none")), noMail);
        var wrongType = assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(
                Map.of("detail-type", "payment.unapplied", "detail", Map.of()), null));
        assertTrue(wrongType.getMessage().contains("payment.unapplied"));
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(
                Map.of("detail-type", "invoice.finalized", "detail", Map.of("invoiceId", "../../etc/passwd")), null));
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(
                Map.of("detail-type", "invoice.finalized", "detail", Map.of("invoiceId", "in_missing")), null));
    }
}
