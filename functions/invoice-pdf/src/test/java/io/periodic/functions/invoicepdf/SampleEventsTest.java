package io.periodic.functions.invoicepdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.Engines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * events/invoice-pdf-finalized.json through the handler: the stored HTML becomes a PDF beside it. The delivery runs
 * over an empty table, where no invoice is stored: nothing is mailed (the mailer fails the test if asked).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class SampleEventsTest {
    private final InvoiceDelivery noMail;
    private final ReceiptMailing noReceipt;

    SampleEventsTest(DynamoDbLocalEngine dynamo) {
        BillingStore store = new BillingStore(dynamo.clientBuilder().build(), BillingTable.LOGICAL_ID);
        noMail = new InvoiceDelivery(store, new DirectoryDocumentStore(Path.of("target/none")),
                new MailOnce(store, email -> fail("no mail expected: " + email.key()), Clock.system()));
        noReceipt = new ReceiptMailing(store, new MailOnce(store, email -> fail("no receipt expected: "
                + email.key()), Clock.system()));
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

        String link = new InvoicePdfHandler(documents, id -> { }, noMail, noReceipt).handleRequest(event, null);

        assertTrue(link.endsWith("invoices/in_sub_sample_tokyo_2026-12-01.pdf"), link);
        byte[] pdf = documents.get("invoices/in_sub_sample_tokyo_2026-12-01.pdf");
        assertTrue(new String(pdf, 0, 5).startsWith("%PDF-"));
    }

    @Test
    void aPaidOrReopenedInvoiceHasItsDocumentReRenderedThenItsPdf() throws Exception {
        DirectoryDocumentStore documents = new DirectoryDocumentStore(Files.createTempDirectory("pdf-paid"));
        documents.put("invoices/in_paid.html", "text/html", html("AS ISSUED"));
        List<String> refreshed = new ArrayList<>();
        // The re-rendering use case (StoredInvoiceDocuments, tested on DynamoDB Local) stands in as what it does:
        // it stores the invoice's document as the invoice is now.
        InvoicePdfHandler handler = new InvoicePdfHandler(documents, invoiceId -> {
            refreshed.add(invoiceId);
            documents.put("invoices/" + invoiceId + ".html", "text/html", html("PAID COPY " + refreshed.size()));
        }, noMail, noReceipt);
        for (String type : new String[] {"invoice.paid", "invoice.reopened"}) {
            String link = handler.handleRequest(Map.of("detail-type", type, "source", "periodic.billing",
                    "detail", Map.of("invoiceId", "in_paid", "status", "PAID")), null);
            assertTrue(link.endsWith("invoices/in_paid.pdf"), type + ": " + link);
            try (PDDocument pdf = Loader.loadPDF(documents.get("invoices/in_paid.pdf"))) {
                assertTrue(new PDFTextStripper().getText(pdf).contains("PAID COPY " + refreshed.size()),
                        type + ": the PDF is rendered from the document re-rendered first");
            }
        }
        assertEquals(List.of("in_paid", "in_paid"), refreshed);

        handler.handleRequest(Map.of("detail-type", "invoice.voided", "detail", Map.of("invoiceId", "in_paid")), null);
        assertEquals(2, refreshed.size(), "issued and voided documents are rendered where they were stored");
    }

    private static byte[] html(String text) {
        return ("<html><body><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsThatAreNotAboutADocumentAreRefusedClearly() {
        InvoicePdfHandler handler = new InvoicePdfHandler(new DirectoryDocumentStore(Path.of("target/none")),
                id -> { }, noMail, noReceipt);
        var wrongType = assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(
                Map.of("detail-type", "payment.unapplied", "detail", Map.of()), null));
        assertTrue(wrongType.getMessage().contains("payment.unapplied"));
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(
                Map.of("detail-type", "invoice.finalized", "detail", Map.of("invoiceId", "../../etc/passwd")), null));
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(
                Map.of("detail-type", "invoice.finalized", "detail", Map.of("invoiceId", "in_missing")), null));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPaymentAppliedEventMailsTheConfirmationsAndRendersNothing() throws Exception {
        Path root = Files.createTempDirectory("pdf-receipt");
        DirectoryDocumentStore documents = new DirectoryDocumentStore(root);
        Map<String, Object> event = EventLoader.loadEvent(
                Engines.templatePath().resolveSibling("events/invoice-pdf-payment-applied.json").toString(), Map.class);

        // The table is empty: the sample's payment is not stored, so there is nothing to confirm (and no PDF).
        assertEquals("receipts:0", new InvoicePdfHandler(documents, id -> fail("nothing to re-render"), noMail,
                noReceipt).handleRequest(event, null));
        try (var files = Files.list(root)) {
            assertEquals(0, files.count(), "nothing rendered or stored");
        }
        assertThrows(IllegalArgumentException.class, () -> new InvoicePdfHandler(documents, id -> { }, noMail,
                noReceipt).handleRequest(Map.of("detail-type", "payment.applied", "detail",
                Map.of("paymentId", "../secrets")), null));
    }
}
