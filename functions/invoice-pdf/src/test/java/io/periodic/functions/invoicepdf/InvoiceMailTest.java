package io.periodic.functions.invoicepdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.InvoiceIssuing;
import io.periodic.billing.service.InvoiceNotifications;
import io.periodic.billing.service.MailOnce;
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.billing.service.StoredInvoiceDocuments;
import io.periodic.billing.testing.BillingWorld;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The invoice e-mail as the customer's mail reader gets it: a Japanese invoice is issued on DynamoDB Local, its
 * {@code invoice.finalized} goes through the PDF function, and the message in the outbox ({@code .eml}, the bytes
 * SES would get) is parsed by a real MIME parser (Apache James mime4j): the subject decodes to the Japanese
 * subject, the text says the PDF is attached, and the attachment, named {@code 請求書_<number>.pdf}, is a PDF whose
 * text (PDFBox) holds the invoice number and total. The event delivered again, or a paid re-render, mails nothing.
 * The message stays in {@code target/mail-samples/outbox} for a person to open.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class InvoiceMailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DynamoDbLocalEngine dynamo;

    InvoiceMailTest(DynamoDbLocalEngine dynamo) {
        this.dynamo = dynamo;
    }

    @Test
    void theJapaneseInvoiceMailCarriesItsPdfAndIsSentOnce() throws Exception {
        // Kept for a person to open: target/mail-samples/outbox/invoice.finalized_<id>.eml (any mail reader).
        Path out = Path.of("target/mail-samples");
        if (Files.isDirectory(out)) {
            try (var files = Files.walk(out)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(out);
        BillingWorld world = new BillingWorld(dynamo, Instant.parse("2026-11-30T00:00:00Z"));
        Customer tokyo = world.customer("Asia/Tokyo", "JPY", "10", Locale.JAPAN);
        var subscription = world.subscribe(tokyo, world.plan("JPY", 12_000, BillingInterval.monthly()), 2,
                LocalDate.of(2026, 11, 30), null);
        DirectoryDocumentStore documents = new DirectoryDocumentStore(out.resolve("documents"));
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        new InvoiceIssuing(world.store, new InvoiceNotifications(new DocumentRenderer(), documents, events),
                world.clock, 12).process(subscription.id());
        Invoice invoice = world.invoicesOf(tokyo).get(0);
        FileOutboxMailer outbox = new FileOutboxMailer(out.resolve("outbox"), world.clock::now);
        InvoicePdfHandler pdf = new InvoicePdfHandler(documents,
                new StoredInvoiceDocuments(world.store, new DocumentRenderer(), documents), new InvoiceDelivery(world.store, documents, new MailOnce(world.store, outbox, world.clock)),
                new ReceiptMailing(world.store, new MailOnce(world.store, outbox, world.clock)));

        DomainEvent finalized = events.events().stream().filter(e -> e.type().equals(InvoiceEvents.FINALIZED))
                .findFirst().orElseThrow();
        pdf.handleRequest(envelope(finalized.type(), finalized.detailJson()), null);
        byte[] rendered = documents.get("invoices/" + invoice.id() + ".pdf");
        pdf.handleRequest(envelope(finalized.type(), finalized.detailJson()), null); // EventBridge again
        pdf.handleRequest(envelope("invoice.paid", finalized.detailJson()), null); // a re-render mails nobody

        List<FileOutboxMailer.Sent> sent = FileOutboxMailer.read(out.resolve("outbox"));
        assertEquals(1, sent.size(), "one mail: " + sent);
        Message message;
        try (InputStream in = Files.newInputStream(sent.get(0).eml())) {
            message = new DefaultMessageBuilder().parseMessage(in);
        }
        assertEquals("【Periodic Test GmbH】請求書（" + invoice.number() + "）発行のお知らせ", message.getSubject());
        assertEquals("ap@customer.example", message.getTo().get(0).toString());
        assertEquals("multipart/mixed", message.getMimeType());

        List<Entity> parts = leaves(message);
        Entity text = parts.stream().filter(p -> p.getMimeType().equals("text/plain")).findFirst().orElseThrow();
        String body = read(((TextBody) text.getBody()).getInputStream());
        assertTrue(body.contains("請求書をPDFファイルにて添付しております。"), body);
        assertTrue(body.contains(invoice.number()), body);

        Entity attachment = parts.stream().filter(p -> "attachment".equals(p.getDispositionType())).findFirst()
                .orElseThrow();
        assertEquals("application/pdf", attachment.getMimeType());
        assertEquals("請求書_" + invoice.number() + ".pdf", attachment.getFilename());
        byte[] bytes = ((SingleBody) attachment.getBody()).getInputStream().readAllBytes();
        assertArrayEquals(rendered, bytes, "the attachment is the PDF rendered for the event");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String pdfText = Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFKC);
            assertTrue(pdfText.contains(invoice.number()), pdfText);
            assertEquals(26_400, invoice.total().minor());
            assertTrue(pdfText.contains("26,400"), "the total in the PDF:\n" + pdfText);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envelope(String type, String detailJson) throws Exception {
        return Map.of("detail-type", type, "source", "periodic.billing", "detail",
                JSON.readValue(detailJson, Map.class));
    }

    private static List<Entity> leaves(Entity entity) {
        List<Entity> leaves = new ArrayList<>();
        Body body = entity.getBody();
        if (body instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                leaves.addAll(leaves(part));
            }
        } else {
            assertNotNull(body);
            leaves.add(entity);
        }
        return leaves;
    }

    private static String read(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
