package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.Corrections;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.MailDelivery;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.Email;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The documents the customer is mailed, on DynamoDB Local, with every document event of a run delivered (as the
 * PDF function would, here without PDFs) and then delivered again: the first issue of an invoice, a reissue
 * (naming the invoice it replaces) and each credit note are mailed once; a void, a paid or reopened re-render mails
 * nobody. And {@link MailOnce}: a refused mail is retried at once, a claim in flight holds a second attempt off
 * until its lease ends.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DocumentDeliveryTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private Path out;
    private JsonLinesEventLog events;
    private CorrectionService corrections;
    private InvoiceDelivery delivery;
    private FileOutboxMailer outbox;
    private String prefix;

    DocumentDeliveryTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createTempDirectory("delivery");
        events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        prefix = "D" + Ids.randomLetters(6);
        store.settings().putSeller(new SellerProfile("Seller AG", new Address("Main 1", null, "8000", "Zürich", null,
                "CH"), "billing@seller.example", null, null, null, null, null, prefix, "C" + prefix.substring(1)));
        DirectoryDocumentStore documents = new DirectoryDocumentStore(out.resolve("documents"));
        corrections = new CorrectionService(store, new InvoiceNotifications(new DocumentRenderer(), documents, events),
                () -> NOW);
        outbox = new FileOutboxMailer(out.resolve("outbox"));
        delivery = new InvoiceDelivery(store, documents, new MailOnce(store, outbox, () -> NOW));
    }

    private Invoice openInvoice(Customer customer) {
        Money net = Money.of(100_000, "EUR");
        InvoiceLine line = new InvoiceLine("Enterprise plan", LineKind.SUBSCRIPTION, null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), 1, net, net, TaxRate.of("8.1"), Money.of(8_100, "EUR"));
        Money zero = Money.zero(Currencies.of("EUR"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("EUR"), InvoiceStatus.DRAFT, List.of(line), zero, zero, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, NOW, null,
                null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        Invoice open = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                decision.creditEntry(), decision.balanceAfter());
        events.publish(new DomainEvent("invoice.finalized", "evt-" + open.id(), NOW,
                "{\"invoiceId\":\"" + open.id() + "\"}"));
        return open;
    }

    /** Every event of the log to the delivery, twice (EventBridge delivers at least once); what it did. */
    private List<InvoiceDelivery.Outcome> deliverAllTwice() throws Exception {
        List<InvoiceDelivery.Outcome> outcomes = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (DomainEvent e : events.events()) {
                String json = e.detailJson();
                String field = e.type().equals("credit_note.issued") ? "\"creditNoteId\":\"" : "\"invoiceId\":\"";
                int at = json.indexOf(field) + field.length();
                outcomes.add(delivery.documentReady(e.type(), json.substring(at, json.indexOf('"', at)), null));
            }
        }
        return outcomes;
    }

    private String mail(String key) throws Exception {
        return Files.readString(out.resolve("outbox").resolve(key.replace(':', '_') + ".txt"),
                StandardCharsets.UTF_8);
    }

    @Test
    void theFirstIssueAReissueAndACreditNoteAreMailedOnceAndAVoidMailsNobody() throws Exception {
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Kunde GmbH", "ap@kunde.example",
                Currencies.of("EUR"), ZoneId.of("Europe/Zurich"), Locale.ENGLISH, 30, TaxRate.of("8.1"), null,
                new Address("Weg 2", null, "3000", "Bern", null, "CH"), NOW, null));
        Invoice original = openInvoice(customer);
        Invoice other = openInvoice(customer);
        corrections.voidInvoice(original.id(), false);
        Invoice reissued = corrections.reissue(original.id(), List.of(new Corrections.Line("Enterprise plan",
                null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 1, Money.of(90_000, "EUR"),
                TaxBehavior.EXCLUSIVE)));
        CreditNote note = corrections.creditNote(other.id(), "k1", Money.of(20_000, "EUR"), "Outage on 3 Nov", null);

        List<InvoiceDelivery.Outcome> outcomes = deliverAllTwice();

        List<String> keys = FileOutboxMailer.read(out.resolve("outbox")).stream().map(FileOutboxMailer.Sent::key)
                .sorted().toList();
        assertEquals(List.of("credit_note.issued:" + note.id(), "invoice.finalized:" + other.id(),
                "invoice.finalized:" + reissued.id()).stream().map(k -> k.replace(':', '_')).sorted().toList(), keys,
                "the voided original was never mailed; the reissue, the other invoice and the credit note once");
        assertEquals(3, outcomes.stream().filter(o -> o == InvoiceDelivery.Outcome.SENT).count(), outcomes.toString());
        String reissue = mail("invoice.finalized:" + reissued.id());
        assertTrue(reissue.contains("This invoice replaces invoice " + original.number()), reissue);
        String credit = mail("credit_note.issued:" + note.id());
        assertTrue(credit.contains("Subject: Credit note " + note.number() + " from Seller AG"), credit);
        assertTrue(credit.contains("We have issued credit note " + note.number() + " for invoice " + other.number()),
                credit);
        assertTrue(credit.contains("€216.20") || credit.contains("216.20"), credit);
        assertFalse(credit.contains("attached"), "no PDF with PDFs off, and the mail does not claim one");
    }

    @Test
    void aRefusedMailIsRetriedAtOnceAndAClaimInFlightHoldsASecondAttemptOff() {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        List<Email> sent = new ArrayList<>();
        boolean[] refuse = {true};
        MailOnce once = new MailOnce(store, email -> {
            if (refuse[0]) {
                throw new IllegalStateException("SES throttled");
            }
            sent.add(email);
        }, now::get);
        Email email = new Email("test:" + Ids.randomLetters(8), "a@b.example", "Hello", "Body", null);

        assertThrows(IllegalStateException.class, () -> once.send(email));
        refuse[0] = false;
        assertTrue(once.send(email), "released at once: the retry sends");
        assertFalse(once.send(email), "sent: never again");
        assertEquals(1, sent.size());

        // A claim left by an attempt still in flight (or crashed): held off until its lease ends, then taken over.
        Email other = new Email("test:" + Ids.randomLetters(8), "a@b.example", "Hello", "Body", null);
        store.mails().create(MailDelivery.claim(other.key(), other.to(), NOW));
        assertThrows(ConcurrentChangeException.class, () -> once.send(other));
        now.set(NOW.plus(MailOnce.LEASE).plusSeconds(1));
        assertTrue(once.send(other));
        assertEquals(MailDelivery.Status.SENT, store.mails().get(other.key()).orElseThrow().status());
        assertEquals(2, sent.size());
    }
}
