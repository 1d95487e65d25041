package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.invoicing.Corrections;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.invoicing.InvoiceEvents;
import io.periodic.billing.invoicing.InvoiceStateException;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditEntry;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Void and reissue, and credit notes, on DynamoDB Local with documents in a folder. */
@ExtendWith(DynamoDbLocalExtension.class)
class CorrectionServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private final BillingStore store;
    private Path out;
    private JsonLinesEventLog events;
    private CorrectionService service;
    private SellerProfile seller;

    CorrectionServiceTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createTempDirectory("corrections");
        events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        String prefix = "K" + io.periodic.billing.model.Ids.randomLetters(6);
        seller = new SellerProfile("Seller AG", new Address("Main 1", null, "8000", "Zürich", null, "CH"),
                "billing@seller.example", null, null, "CHE-123.456.789",
                new SellerProfile.BankAccount("Bank", "Seller AG", "CH9300762011623852957", null, null, null),
                null, prefix, "C" + prefix.substring(1));
        store.settings().putSeller(seller);
        service = new CorrectionService(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out.resolve("documents")), events),
                () -> NOW);
    }

    private Customer customer() {
        return store.customers().create(new Customer(Ids.newId("cus"), "Kunde GmbH", "ap@kunde.example",
                Currencies.of("EUR"), ZoneId.of("Europe/Zurich"), Locale.ENGLISH, 30, TaxRate.of("8.1"), null,
                new Address("Weg 2", null, "3000", "Bern", null, "CH"), NOW, null));
    }

    /** An open invoice of 1,000.00 + 8.1% = 1,081.00, optionally settled partly from a credit balance. */
    private Invoice openInvoice(Customer customer, long creditMinor) {
        Money net = Money.of(100_000, "EUR");
        InvoiceLine line = new InvoiceLine("Enterprise plan", LineKind.SUBSCRIPTION, null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), 1, net, net, TaxRate.of("8.1"), Money.of(8_100, "EUR"));
        Money zero = Money.zero(Currencies.of("EUR"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("EUR"), InvoiceStatus.DRAFT, List.of(line), zero, zero, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, NOW, null, null));
        if (creditMinor > 0) {
            store.credit().post(new CreditEntry(customer.id(), "seed", Money.of(creditMinor, "EUR"), "test", NOW),
                    store.credit().balance(customer.id(), customer.currency()));
        }
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, seller.invoicePrefix())),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), decision.creditEntry(),
                decision.balanceAfter());
    }

    private String document(String key) throws Exception {
        return Files.readString(out.resolve("documents").resolve(key), StandardCharsets.UTF_8);
    }

    @Test
    void voidGivesBackTheCreditBalanceAndTheReissueReplacesItWithANewNumber() throws Exception {
        Customer customer = customer();
        Invoice original = openInvoice(customer, 10_000);
        assertEquals(Money.of(10_000, "EUR"), original.creditApplied());

        Invoice voided = service.voidInvoice(original.id(), false);
        assertEquals(InvoiceStatus.VOID, voided.status());
        assertEquals(Money.of(10_000, "EUR"), store.credit().balance(customer.id(), customer.currency()).balance());
        assertSame(InvoiceStatus.VOID, service.voidInvoice(original.id(), true).status(),
                "the retry of the request that voided it is answered as done, and changes nothing");
        assertEquals(Money.of(10_000, "EUR"), store.credit().balance(customer.id(), customer.currency()).balance());
        assertTrue(document(InvoiceNotifications.documentKey(voided)).contains("VOID"));

        Invoice reissued = service.reissue(original.id(), List.of(new Corrections.Line("Enterprise plan (corrected)",
                null, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), 1, Money.of(90_000, "EUR"),
                TaxBehavior.EXCLUSIVE)));
        assertEquals(original.id(), reissued.correctionOf());
        assertEquals(seller.invoicePrefix() + "-2026-000002", reissued.number(), "the voided number stays used");
        assertEquals(Money.of(97_290, "EUR"), reissued.total());
        assertEquals(Money.of(10_000, "EUR"), reissued.creditApplied(), "the returned credit is used again");
        assertEquals(reissued, service.reissue(original.id(), List.of()), "a second reissue returns the same");
        String html = document(InvoiceNotifications.documentKey(reissued));
        assertTrue(html.contains(original.number()), "the reissue names the invoice it replaces");
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(InvoiceEvents.VOIDED)));
    }

    @Test
    void onlyAnOpenUnpaidInvoiceCanBeVoided() {
        Customer customer = customer();
        Invoice paid = store.invoices().update(openInvoice(customer, 0).withPayment(Money.of(108_100, "EUR"),
                InvoiceStatus.PAID));
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> service.voidInvoice(paid.id(), false));
        assertTrue(refused.getMessage().contains("is paid (issue a credit note instead)"), refused.getMessage());
        assertEquals(InvoiceStatus.PAID, store.invoices().get(paid.id()).orElseThrow().status());
    }

    @Test
    void aSecondVoidRequestIsRefusedAsAlreadyVoid() {
        Invoice open = openInvoice(customer(), 0);
        service.voidInvoice(open.id(), false);
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> service.voidInvoice(open.id(), false), "one void rule: voiding twice is a conflict, not a no-op");
        assertEquals("invoice " + open.id() + " is already void", refused.getMessage());
    }

    @Test
    void aWrittenOffInvoiceCanBeVoidedAndItsRetryIsAnsweredAsDone() throws Exception {
        Customer customer = customer();
        Invoice writtenOff = store.invoices().update(openInvoice(customer, 0).withStatus(InvoiceStatus.UNCOLLECTIBLE));
        Invoice voided = service.voidInvoice(writtenOff.id(), false);
        assertEquals(InvoiceStatus.VOID, voided.status());
        Invoice again = service.voidInvoice(writtenOff.id(), true);
        assertEquals(voided.version(), again.version(), "the retry wrote nothing");
        assertEquals(1, events.events().stream().filter(e -> e.type().equals(InvoiceEvents.VOIDED)
                && e.detailJson().contains(writtenOff.id())).map(e -> e.id()).distinct().count(),
                "one invoice.voided (same id when announced again)");
        assertTrue(document(InvoiceNotifications.documentKey(voided)).contains("VOID"));
    }

    @Test
    void partialCreditNoteReducesTheAmountDueWithItsOwnNumberAndDocument() throws Exception {
        Customer customer = customer();
        Invoice invoice = openInvoice(customer, 0);
        CreditNote note = service.creditNote(invoice.id(), "k1", Money.of(20_000, "EUR"), "Outage on 3 Nov", null);
        assertEquals(CreditNote.Disposition.REDUCE_AMOUNT_DUE, note.disposition());
        assertEquals(Money.of(1_620, "EUR"), note.tax(), "8.1% of 200.00");
        assertEquals(seller.creditNotePrefix() + "-2026-000001", note.number());
        assertEquals(Money.of(108_100 - 21_620, "EUR"), store.invoices().get(invoice.id()).orElseThrow().amountDue());
        assertEquals(note, service.creditNote(invoice.id(), "k1", Money.of(20_000, "EUR"), "again", null),
                "the same key issues the note once");
        assertTrue(document("credit-notes/" + note.id() + ".html").contains(note.number()));

        // The rest, fully: exactly what is left, and the invoice is settled.
        CreditNote rest = service.creditNote(invoice.id(), "k2", null, "Contract cancelled", null);
        assertEquals(Money.of(80_000, "EUR"), rest.subtotal());
        assertEquals(Money.of(6_480, "EUR"), rest.tax());
        Invoice settled = store.invoices().get(invoice.id()).orElseThrow();
        assertTrue(settled.amountDue().isZero());
        assertEquals(InvoiceStatus.PAID, settled.status());
        assertThrows(InvoiceStateException.class,
                () -> service.creditNote(invoice.id(), "k3", Money.of(1, "EUR"), "more", null));
    }

    /**
     * A two-rate invoice (1,000.00 at 8.1 %, 500.00 at 2.6 %): its credit notes are stored with their parts per rate
     * and read back equal, from the note's item and through the customer's index.
     */
    @Test
    void aCreditNoteOfATwoRateInvoiceIsStoredAndReadBackWithItsPartsPerRate() {
        Customer customer = customer();
        Money net = Money.of(100_000, "EUR");
        Money reduced = Money.of(50_000, "EUR");
        List<InvoiceLine> lines = List.of(
                new InvoiceLine("Enterprise plan", LineKind.SUBSCRIPTION, null, LocalDate.of(2026, 11, 1),
                        LocalDate.of(2026, 12, 1), 1, net, net, TaxRate.of("8.1"), Money.of(8_100, "EUR")),
                new InvoiceLine("Lodging", LineKind.ADJUSTMENT, null, null, null, 1, reduced, reduced,
                        TaxRate.of("2.6"), Money.of(1_300, "EUR")));
        Money zero = Money.zero(Currencies.of("EUR"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("EUR"), InvoiceStatus.DRAFT, lines, zero, zero, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, NOW, null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, seller.invoicePrefix())),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        Invoice invoice = store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                decision.creditEntry(), decision.balanceAfter());

        // 300.00 over 500 : 1,000 → 100.00 at 2.6 % (2.60) and 200.00 at 8.1 % (16.20).
        CreditNote partial = service.creditNote(invoice.id(), "k1", Money.of(30_000, "EUR"), "Returned", null);
        assertEquals(List.of(
                new CreditNote.TaxPart(TaxRate.of("2.6"), Money.of(10_000, "EUR"), Money.of(260, "EUR")),
                new CreditNote.TaxPart(TaxRate.of("8.1"), Money.of(20_000, "EUR"), Money.of(1_620, "EUR"))),
                partial.taxParts());
        assertEquals(partial, store.credit().getNote(partial.id()).orElseThrow().withVersion(partial.version()));
        assertTrue(events.events().stream().anyMatch(e -> e.type().equals(InvoiceEvents.CREDIT_NOTE_ISSUED)
                && e.detailJson().contains("\"taxRates\":[{\"taxRate\":\"2.6\",\"subtotal\":10000,\"tax\":260},"
                        + "{\"taxRate\":\"8.1\",\"subtotal\":20000,\"tax\":1620}]")), "credit_note.issued per rate");
        CreditNote rest = service.creditNote(invoice.id(), "k2", null, "Cancelled", null);
        assertEquals(List.of(
                new CreditNote.TaxPart(TaxRate.of("2.6"), Money.of(40_000, "EUR"), Money.of(1_040, "EUR")),
                new CreditNote.TaxPart(TaxRate.of("8.1"), Money.of(80_000, "EUR"), Money.of(6_480, "EUR"))),
                rest.taxParts());
        List<CreditNote> read = store.credit().notesOfInvoice(customer.id(), invoice.id());
        assertEquals(2, read.size());
        assertTrue(read.stream().allMatch(n -> n.taxParts().size() == 2 && n.hasRates()), read.toString());
        assertTrue(read.stream().anyMatch(n -> n.taxParts().equals(rest.taxParts())), read.toString());
    }

    @Test
    void creditOnAPaidInvoiceGoesToTheCustomersBalance() {
        Customer customer = customer();
        Invoice paid = store.invoices().update(openInvoice(customer, 0).withPayment(Money.of(108_100, "EUR"),
                InvoiceStatus.PAID));
        CreditNote note = service.creditNote(paid.id(), "k1", Money.of(10_000, "EUR"), "Goodwill", null);
        assertEquals(CreditNote.Disposition.CUSTOMER_BALANCE, note.disposition());
        assertEquals(Money.of(10_810, "EUR"), store.credit().balance(customer.id(), customer.currency()).balance());
        assertThrows(InvoiceStateException.class, () -> service.creditNote(paid.id(), "k2", Money.of(1_000, "EUR"),
                "x", CreditNote.Disposition.REDUCE_AMOUNT_DUE), "nothing is due to reduce");
    }
}
