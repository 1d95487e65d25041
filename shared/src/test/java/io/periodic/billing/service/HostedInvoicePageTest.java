package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.links.HostedLinkTokens;
import io.periodic.billing.links.HostedLinks;
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
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.ports.Secrets;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.rendering.HostedPages;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The hosted invoice page's use case on DynamoDB Local: who gets a page, the PDF, and the one-a-day fresh link. */
@ExtendWith(DynamoDbLocalExtension.class)
class HostedInvoicePageTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final String KEY = "hosted-key-current-0123456789abcdef";
    private static final String OLD_KEY = "hosted-key-previous-0123456789abcdef";

    private final BillingStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final AtomicInteger failNextMails = new AtomicInteger();
    private Path out;
    private DirectoryDocumentStore documents;
    private FileOutboxMailer outbox;
    private HostedLinks links;
    private HostedInvoicePage page;
    private SellerProfile seller;

    HostedInvoicePageTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createTempDirectory("hosted");
        documents = new DirectoryDocumentStore(out.resolve("documents"));
        outbox = new FileOutboxMailer(out.resolve("outbox"));
        String prefix = "H" + Ids.randomLetters(6);
        seller = new SellerProfile("Seller AG", new Address("Main 1", null, "8000", "Zürich", null, "CH"),
                "billing@seller.example", null, null, "CHE-123.456.789",
                new SellerProfile.BankAccount("Bank", "Seller AG", "CH9300762011623852957", null, null, null),
                null, prefix, "C" + prefix.substring(1));
        store.settings().putSeller(seller);
        links = new HostedLinks(Secrets.of(KEY, OLD_KEY), "https://pay.example.test");
        Mailer flaky = email -> {
            if (failNextMails.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("SES is unavailable");
            }
            outbox.send(email);
        };
        page = new HostedInvoicePage(store, documents, links, new HostedPages(new DocumentRenderer()), flaky,
                now::get);
    }

    private Customer customer() {
        return store.customers().create(new Customer(Ids.newId("cus"), "Kunde GmbH", "ap@kunde.example",
                Currencies.of("EUR"), ZoneId.of("Europe/Zurich"), Locale.ENGLISH, 30, TaxRate.of("8.1"), null,
                new Address("Weg 2", null, "3000", "Bern", null, "CH"), NOW, null));
    }

    private Invoice draft(Customer customer) {
        Money net = Money.of(100_000, "EUR");
        InvoiceLine line = new InvoiceLine("Enterprise plan", LineKind.SUBSCRIPTION, null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), 1, net, net, TaxRate.of("8.1"), Money.of(8_100, "EUR"));
        Money zero = Money.zero(Currencies.of("EUR"));
        return store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), null,
                Currencies.of("EUR"), InvoiceStatus.DRAFT, List.of(line), zero, zero, LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), null, NOW, null, null));
    }

    private Invoice open(Customer customer) {
        Invoice draft = draft(customer);
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, seller.invoicePrefix())),
                store.credit().balance(customer.id(), customer.currency()), NOW);
        return store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(), decision.creditEntry(),
                decision.balanceAfter());
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void aGenuineLinkOpensThePageAndEverythingElseGetsOneNotFoundPage() {
        Invoice invoice = open(customer());
        String token = token(links.link(invoice.id(), invoice.dueDate(), LocalDate.of(2026, 11, 22)).url());
        HostedInvoicePage.Answer answer = page.page(token, null);
        assertEquals(HostedInvoicePage.Kind.PAGE, answer.kind());
        assertTrue(answer.html().contains("€1,081.00"), answer.html());

        String unknown = HostedLinkTokens.sign("inv_doesnotexist", NOW.plus(Duration.ofDays(30)), KEY);
        String ofDraft = HostedLinkTokens.sign(draft(customer()).id(), NOW.plus(Duration.ofDays(30)), KEY);
        String tampered = token.substring(0, 20) + (token.charAt(20) == 'A' ? 'B' : 'A') + token.substring(21);
        String retired = HostedLinkTokens.sign(invoice.id(), NOW.plus(Duration.ofDays(30)),
                "a-retired-key-0123456789abcdef0123456789");
        HostedInvoicePage.Answer first = page.page(tampered, "en");
        for (String bad : List.of(unknown, ofDraft, tampered, retired, "", "x")) {
            HostedInvoicePage.Answer refused = page.page(bad, "en");
            assertEquals(HostedInvoicePage.Kind.NOT_FOUND, refused.kind(), bad);
            assertEquals(first.html(), refused.html(), "the same page for every bad link");
            assertEquals(HostedInvoicePage.Kind.NOT_FOUND, page.pdf(bad, "en").kind());
            assertEquals(HostedInvoicePage.Kind.NOT_FOUND, page.renew(bad, "en").kind());
        }
        assertTrue(outbox.sent().isEmpty(), "no mail for a bad link");
    }

    @Test
    void aLinkSignedWithThePreviousKeyStillOpensThePageDuringARotation() {
        Invoice invoice = open(customer());
        String old = HostedLinkTokens.sign(invoice.id(), NOW.plus(Duration.ofDays(30)), OLD_KEY);
        assertEquals(HostedInvoicePage.Kind.PAGE, page.page(old, null).kind());
    }

    @Test
    void thePdfIsServedOnceStoredAndNotReadyBefore() {
        Invoice invoice = open(customer());
        String token = token(links.link(invoice.id(), invoice.dueDate(), LocalDate.of(2026, 11, 22)).url());
        assertEquals(HostedInvoicePage.Kind.PDF_NOT_READY, page.pdf(token, null).kind());
        byte[] pdf = "%PDF-1.7 sample".getBytes();
        documents.put("invoices/" + invoice.id() + ".pdf", "application/pdf", pdf);
        HostedInvoicePage.Answer answer = page.pdf(token, null);
        assertEquals(HostedInvoicePage.Kind.PDF, answer.kind());
        assertArrayEquals(pdf, answer.pdf());
    }

    @Test
    void anExpiredLinkIsRenewedByMailToTheAddressOnFileOncePerDay() throws Exception {
        Invoice invoice = open(customer());
        String token = HostedLinkTokens.sign(invoice.id(), NOW.minusSeconds(1), KEY);
        assertEquals(HostedInvoicePage.Kind.EXPIRED, page.page(token, null).kind());
        assertEquals(HostedInvoicePage.Kind.EXPIRED, page.pdf(token, null).kind());

        assertEquals(HostedInvoicePage.Kind.RENEWAL_SENT, page.renew(token, null).kind());
        assertEquals(HostedInvoicePage.Kind.RENEWAL_SENT, page.renew(token, null).kind());
        List<FileOutboxMailer.Sent> sent = FileOutboxMailer.read(out.resolve("outbox"));
        assertEquals(1, sent.size(), "once a day: " + sent);
        assertEquals("ap@kunde.example", sent.getFirst().to());
        String mail = Files.readString(sent.getFirst().file());
        String fresh = mail.lines().filter(l -> l.startsWith("https://pay.example.test/pay/")).findFirst()
                .orElseThrow(() -> new AssertionError(mail));
        assertEquals(HostedInvoicePage.Kind.PAGE, page.page(token(fresh), null).kind(), "the fresh link opens");

        now.set(NOW.plus(Duration.ofDays(1)));
        page.renew(token, null);
        assertEquals(2, FileOutboxMailer.read(out.resolve("outbox")).size(), "the next day, one more");
    }

    @Test
    void aRenewalWhoseMailFailedIsSentByTheNextRequestOnceItsLeaseRanOut() {
        Invoice invoice = open(customer());
        String token = HostedLinkTokens.sign(invoice.id(), NOW.minusSeconds(1), KEY);
        failNextMails.set(1);
        assertThrows(IllegalStateException.class, () -> page.renew(token, null));
        assertEquals(HostedInvoicePage.Kind.RENEWAL_SENT, page.renew(token, null).kind());
        assertEquals(0, outbox.sent().size(), "held by the failed attempt until its lease runs out");
        now.set(NOW.plus(Duration.ofMinutes(3)));
        assertEquals(HostedInvoicePage.Kind.RENEWAL_SENT, page.renew(token, null).kind());
        assertEquals(1, outbox.sent().size(), "taken over and sent");
        page.renew(token, null);
        assertEquals(1, outbox.sent().size(), "then done for the day");
    }

    @Test
    void theFreshLinkMailNamesTheInvoiceAndItsValidity() {
        Invoice invoice = open(customer());
        Email mail = HostedPages.freshLinkEmail(invoice, store.customers().get(invoice.customerId()).orElseThrow(),
                seller, "https://pay.example.test/pay/abc", LocalDate.of(2027, 3, 1), LocalDate.of(2026, 11, 22));
        assertEquals("hosted-link:" + invoice.id() + ":2026-11-22", mail.key());
        assertTrue(mail.textBody().contains("This personal link is valid until March 1, 2027"), mail.textBody());
    }
}
