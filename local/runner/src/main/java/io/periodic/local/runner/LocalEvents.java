package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.files.LocalFiles;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.EventPublisher;
import io.periodic.billing.service.DocumentRefresh;
import io.periodic.billing.service.InvoiceDelivery;
import io.periodic.billing.service.ReceiptMailing;
import io.periodic.functions.invoicepdf.InvoicePdfHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Stream;

/**
 * EventBridge locally: every event is appended to {@code events.jsonl}, and (with PDFs on) the documents' events go
 * to the PDF function, as the template's rule of InvoicePdfFunction sends them: it re-renders a paid or reopened
 * invoice's HTML, renders the PDF and mails an issued invoice or credit note with it. With PDFs off ({@code --no-pdf},
 * most tests) {@code invoice.paid} and {@code invoice.reopened} still re-render the HTML (the part of that function
 * that is not a PDF), and the events that mail the customer ({@code invoice.finalized}, {@code credit_note.issued})
 * go straight to the delivery use case, the mail without an attachment (docs/delivery.md). An event waiting for its
 * PDF or mail is kept in {@code state/pdf-pending} when the state is kept in a folder, so a restart renders or mails
 * it. {@code payment.applied} goes to the same function's payment confirmations (receipts) in both modes.
 */
final class LocalEvents implements EventPublisher {
    private static final Set<String> DOCUMENT_EVENTS = Set.of("invoice.finalized", "invoice.voided",
            "invoice.paid", "invoice.reopened", "credit_note.issued", "payment.applied");
    /** The events on which the document function re-renders an invoice's HTML (DocumentEvent.REFRESHED). */
    private static final Set<String> REFRESHED = Set.of("invoice.paid", "invoice.reopened");
    private static final Set<String> MAILED_EVENTS = Set.of("invoice.finalized", "credit_note.issued",
            "payment.applied");
    private static final String PENDING = "pdf-pending";

    private final JsonLinesEventLog log;
    private final boolean pdf;
    private final StateFiles state;
    private final Deque<DomainEvent> pdfWork = new ConcurrentLinkedDeque<>();

    LocalEvents(Path logFile, boolean pdf, StateFiles state) {
        this.log = new JsonLinesEventLog(logFile);
        this.pdf = pdf;
        this.state = state;
    }

    @Override
    public void publish(DomainEvent event) {
        log.publish(event);
        if (pdf ? DOCUMENT_EVENTS.contains(event.type())
                : REFRESHED.contains(event.type()) || MAILED_EVENTS.contains(event.type())) {
            queuePdf(event);
        }
    }

    private void queuePdf(DomainEvent event) {
        if (state.kept()) {
            ObjectNode o = LocalSystem.JSON.createObjectNode().put("type", event.type()).put("id", event.id())
                    .put("occurredAt", event.occurredAt().toString()).put("detailJson", event.detailJson());
            LocalFiles.write(pending(event), o.toString().getBytes(StandardCharsets.UTF_8));
        }
        pdfWork.add(event);
    }

    private Path pending(DomainEvent event) {
        return state.resolve(PENDING).resolve(LocalFiles.safeName(event.id()) + ".json");
    }

    /** Queues again the documents a previous runner had not rendered yet (state kept in a folder only). */
    void loadPending() {
        Path folder = state.resolve(PENDING);
        if (!state.kept() || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                JsonNode o = LocalSystem.JSON.readTree(file.toFile());
                pdfWork.add(new DomainEvent(o.get("type").textValue(), o.get("id").textValue(),
                        Instant.parse(o.get("occurredAt").textValue()), o.get("detailJson").textValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Hands every queued document event to the PDF function, as EventBridge would (with PDFs off: a paid or reopened
     * invoice's HTML re-rendered through {@code refresh}, an issued document to the delivery, which mails without a
     * PDF, an applied payment to its confirmations); returns how many.
     */
    int renderPdfs(InvoicePdfHandler pdfs, DocumentRefresh refresh, InvoiceDelivery delivery,
            ReceiptMailing receipts) {
        int rendered = 0;
        for (DomainEvent event = pdfWork.poll(); event != null; event = pdfWork.poll()) {
            try {
                Map<?, ?> detail = LocalSystem.JSON.readValue(event.detailJson(), Map.class);
                if (pdf) {
                    pdfs.handleRequest(Map.of("detail-type", event.type(), "source", "periodic.billing",
                            "detail", detail), null);
                } else if (event.type().equals("payment.applied")) {
                    receipts.confirm(String.valueOf(detail.get("paymentId")));
                } else if (REFRESHED.contains(event.type())) {
                    refresh.refresh(String.valueOf(detail.get("invoiceId")));
                } else {
                    Object id = detail.get(event.type().equals("credit_note.issued") ? "creditNoteId" : "invoiceId");
                    delivery.documentReady(event.type(), String.valueOf(id), null);
                }
                if (state.kept()) {
                    Files.deleteIfExists(pending(event));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rendered++;
        }
        return rendered;
    }
}
