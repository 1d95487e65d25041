package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.ports.Email;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hosted invoice page in the four languages, each in another state - English partly paid with a credit note,
 * Japanese open, Korean paid, Serbian void - and its short pages and the fresh-link mail, compared with the golden
 * files ({@code golden/hosted-*}; regenerate with {@code -Dgolden.update=true} and read the diff).
 */
class HostedPagesTest {
    static final HostedPages PAGES = new HostedPages(new DocumentRenderer());
    static final String TOKEN = "AQID-sample-token_not-a-real-one";
    static final LocalDate VALID_THROUGH = LocalDate.of(2027, 3, 1);

    static InvoiceDocument paidKr() {
        Invoice open = Samples.krInvoice();
        Invoice paid = open.toBuilder().amountPaid(open.amountDue()).status(InvoiceStatus.PAID).build();
        return new InvoiceDocument(paid, Samples.krCustomer(), Samples.krSeller(), null);
    }

    static InvoiceDocument voidRs() {
        Invoice voided = Samples.rsInvoice().toBuilder().status(InvoiceStatus.VOID).build();
        return new InvoiceDocument(voided, Samples.rsCustomer(), Samples.rsSeller(), null);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                sample("hosted-en.html", () -> PAGES.invoicePage(Samples.usDocument(),
                        List.of(Samples.usCreditNote(CreditNote.Disposition.REDUCE_AMOUNT_DUE)), TOKEN, VALID_THROUGH)),
                sample("hosted-ja.html", () -> PAGES.invoicePage(Samples.jpDocument(), List.of(), TOKEN, VALID_THROUGH)),
                sample("hosted-ko.html", () -> PAGES.invoicePage(paidKr(), List.of(), TOKEN, VALID_THROUGH)),
                sample("hosted-sr-Latn.html", () -> PAGES.invoicePage(voidRs(), List.of(), TOKEN, VALID_THROUGH)),
                sample("hosted-expired-en.html", () -> PAGES.expired(Locale.ENGLISH, TOKEN + "/renew")),
                sample("hosted-expired-ja.html", () -> PAGES.expired(Locale.JAPANESE, TOKEN + "/renew")),
                sample("hosted-expired-ko.html", () -> PAGES.expired(Locale.KOREAN, TOKEN + "/renew")),
                sample("hosted-expired-sr-Latn.html", () -> PAGES.expired(Locale.forLanguageTag("sr-Latn"),
                        TOKEN + "/renew")),
                sample("hosted-not-found-en.html", () -> PAGES.notFound(DocumentLanguage.EN)),
                sample("hosted-renewed-ja.html", () -> PAGES.renewalSent(Locale.JAPANESE)),
                sample("hosted-link-email-en.txt", () -> mail(Samples.usDocument())),
                sample("hosted-link-email-ja.txt", () -> mail(Samples.jpDocument())),
                sample("hosted-link-email-ko.txt", () -> mail(Samples.krDocument())),
                sample("hosted-link-email-sr-Latn.txt", () -> mail(Samples.rsDocument())),
                sample("invoice-email-hosted-en.txt", () -> issued(Samples.usDocument())),
                sample("invoice-email-hosted-ja.txt", () -> issued(Samples.jpDocument())),
                sample("invoice-email-hosted-ko.txt", () -> issued(Samples.krDocument())),
                sample("invoice-email-hosted-sr-Latn.txt", () -> issued(Samples.rsDocument())),
                sample("reminder-hosted-en.txt", () -> text(ReminderEmails.reminder(ReminderEmails.Step.FRIENDLY,
                        Samples.usInvoice(), Samples.usCustomer(), Samples.usSeller(), LocalDate.of(2026, 12, 4),
                        LINK))));
    }

    static final MailLink LINK = new MailLink("https://billing.example.com/pay/" + TOKEN, VALID_THROUGH);

    /** The invoice e-mail as sent, carrying the hosted page link and its validity. */
    static String issued(InvoiceDocument d) {
        return text(InvoiceEmails.invoiceIssued(d.invoice(), d.customer(), d.seller(), LINK));
    }

    static String text(Email email) {
        return "To: " + email.to() + "\nSubject: " + email.subject() + "\nKey: " + email.key() + "\n\n"
                + email.textBody();
    }

    static String mail(InvoiceDocument d) {
        Email email = HostedPages.freshLinkEmail(d.invoice(), d.customer(), d.seller(),
                "https://billing.example.com/pay/" + TOKEN, VALID_THROUGH, LocalDate.of(2027, 1, 30));
        return "To: " + email.to() + "\nSubject: " + email.subject() + "\nKey: " + email.key() + "\n\n"
                + email.textBody();
    }

    private static Arguments sample(String file, Supplier<String> render) {
        return Arguments.of(file, render);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void matchesGoldenFile(String file, Supplier<String> render) {
        GoldenFiles.assertMatches(file, render.get());
    }

    @Test
    void theStatusIsReadFromTheInvoiceAsItIsNow() {
        assertEquals("partly-paid", HostedPages.view(Samples.usDocument(), List.of(), TOKEN, VALID_THROUGH)
                .statusKind());
        assertEquals("open", HostedPages.view(Samples.jpDocument(), List.of(), TOKEN, VALID_THROUGH).statusKind());
        HostedPageView paid = HostedPages.view(paidKr(), List.of(), TOKEN, VALID_THROUGH);
        assertEquals("paid", paid.statusKind());
        assertEquals("₩0", paid.amountDue());
        assertTrue(paid.bank().isEmpty() && paid.payLink() == null, "nothing to pay once paid");
        HostedPageView voided = HostedPages.view(voidRs(), List.of(), TOKEN, VALID_THROUGH);
        assertEquals("void", voided.statusKind());
        assertEquals("Ova faktura je stornirana i ne treba je plaćati.", voided.note());
    }

    @Test
    void everyPageIsScriptFreeAndEscapesWhatCustomersAndSellersTyped() {
        Customer hostile = Samples.usCustomer().toBuilder().name("<script>alert('x')</script><img src=x onerror=y>")
                .build();
        Invoice invoice = Samples.usInvoice();
        String html = PAGES.invoicePage(new InvoiceDocument(invoice, hostile, Samples.usSeller(), null), List.of(),
                "tok\"en<", VALID_THROUGH);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("tok\"en<"), "the token is escaped in the PDF link");
        Stream.of(PAGES.expired(Locale.ENGLISH, "x/renew"), PAGES.notFound(DocumentLanguage.KO),
                PAGES.renewalSent(Locale.ENGLISH), PAGES.pdfNotReady(Locale.JAPANESE))
                .forEach(page -> assertFalse(page.contains("<script"), page));
    }

    @Test
    void theNotFoundPageFollowsTheBrowsersLanguage() {
        assertEquals(DocumentLanguage.JA, HostedPages.fromAcceptLanguage("ja-JP,ja;q=0.9,en;q=0.8"));
        assertEquals(DocumentLanguage.SR_LATN, HostedPages.fromAcceptLanguage("de-DE, sr-Latn-RS;q=0.8"));
        assertEquals(DocumentLanguage.EN, HostedPages.fromAcceptLanguage("de-DE"));
        assertEquals(DocumentLanguage.EN, HostedPages.fromAcceptLanguage(null));
    }
}
