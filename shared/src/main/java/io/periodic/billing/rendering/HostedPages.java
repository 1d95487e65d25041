package io.periodic.billing.rendering;

import gg.jte.html.OwaspHtmlTemplateOutput;
import gg.jte.output.StringOutput;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.Email;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The hosted invoice page and its short companions (link expired, not found, new link sent, PDF not ready), in the
 * customer's language, without any script. The invoice page is the invoice document as it is now (rendered live,
 * so PAID and VOID are current) with a panel above it ({@code hosted.jte}): the status, the amount due, how to pay,
 * the PDF download and the credit notes.
 */
public final class HostedPages {
    /** The page's own style sheet (the document brings its own). Inline: the CSP allows inline styles, no script. */
    static final String STYLE = ""
            + ".hosted { max-width: 210mm; margin: 24px auto 0; padding: 20px 24px; background: #fff; color: #1f2933;\n"
            + "  border: 1px solid #e4e7eb; border-radius: 6px; font-family: \"Helvetica Neue\", Helvetica, Arial,\n"
            + "  \"Noto Sans\", \"Noto Sans JP\", \"Hiragino Sans\", Meiryo, \"Noto Sans KR\", \"Malgun Gothic\", sans-serif;\n"
            + "  font-size: 15px; line-height: 1.55; box-sizing: border-box; }\n"
            + ".hosted-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; }\n"
            + ".hosted-seller { color: #52606d; font-size: 14px; }\n"
            + ".hosted-title { font-size: 20px; font-weight: 600; }\n"
            + ".badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 13px; font-weight: 700;\n"
            + "  letter-spacing: 0.04em; white-space: nowrap; border: 1px solid; }\n"
            + ".badge-open { color: #1e40af; background: #eff6ff; border-color: #93c5fd; }\n"
            + ".badge-partly-paid { color: #92400e; background: #fffbeb; border-color: #fcd34d; }\n"
            + ".badge-paid { color: #166534; background: #ecfdf3; border-color: #86efac; }\n"
            + ".badge-void { color: #991b1b; background: #fef2f2; border-color: #fca5a5; }\n"
            + ".hosted-due { margin: 16px 0 8px; }\n"
            + ".hosted-label { color: #7b8794; font-size: 13px; text-transform: uppercase; letter-spacing: 0.06em; }\n"
            + ".hosted-amount { font-size: 30px; font-weight: 700; }\n"
            + ".hosted-note { margin: 8px 0 0; padding: 8px 12px; border-left: 3px solid #4c78c4; background: #f0f6ff; }\n"
            + ".hosted-note-paid { border-color: #16a34a; background: #ecfdf3; }\n"
            + ".hosted-note-void { border-color: #dc2626; background: #fef2f2; }\n"
            + ".hosted h1 { font-size: 22px; margin: 0 0 12px; }\n"
            + ".hosted h2 { font-size: 16px; margin: 16px 0 6px; }\n"
            + ".hosted table { border-collapse: collapse; }\n"
            + ".hosted th { text-align: left; font-weight: 400; color: #7b8794; padding: 2px 16px 2px 0; vertical-align: top; }\n"
            + ".hosted ul { margin: 0; padding-left: 20px; }\n"
            + ".button { display: inline-block; padding: 10px 18px; border-radius: 6px; background: #1d4ed8; color: #fff;\n"
            + "  font: inherit; font-weight: 600; text-decoration: none; border: 0; cursor: pointer; }\n"
            + ".button-quiet { background: #eef2f7; color: #1f2933; }\n"
            + ".hosted-privacy { margin: 16px 0 0; color: #7b8794; font-size: 13px; }\n"
            + ".hosted-message { margin-top: 64px; max-width: 560px; }\n"
            + "body { margin: 0; background: #eef0f3; }\n"
            + "@media print { .hosted { display: none; } }\n";

    private static final int INITIAL_CAPACITY = 48 * 1024;

    private final DocumentRenderer renderer;

    public HostedPages(DocumentRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * The page of an issued invoice: the panel, then the document as it is now.
     *
     * @param creditNotes the invoice's credit notes
     * @param token the page's own token (the PDF link is {@code <token>/pdf}, relative to the page)
     * @param validThrough the last day the link opens the page
     */
    public String invoicePage(InvoiceDocument document, List<CreditNote> creditNotes, String token,
            LocalDate validThrough) {
        HostedPageView view = view(document, creditNotes, token, validThrough);
        StringOutput panel = new StringOutput(8 * 1024);
        JtehostedGenerated.render(new OwaspHtmlTemplateOutput(panel), null, view);
        String html = renderer.invoiceHtml(document);
        int head = html.indexOf("</head>");
        int body = html.indexOf("<body>");
        if (head < 0 || body < head) {
            throw new IllegalStateException("the invoice document has no <head> and <body>");
        }
        int afterBody = body + "<body>".length();
        StringBuilder page = new StringBuilder(html.length() + panel.toString().length() + STYLE.length() + 64);
        page.append(html, 0, head).append("<meta name=\"robots\" content=\"noindex, nofollow\">\n<style>\n")
                .append(STYLE).append("</style>\n").append(html, head, afterBody).append('\n').append(panel)
                .append(html, afterBody, html.length());
        return page.toString();
    }

    /** The panel's content (for tests and the golden files). */
    static HostedPageView view(InvoiceDocument document, List<CreditNote> creditNotes, String token,
            LocalDate validThrough) {
        Invoice invoice = document.invoice();
        SellerProfile seller = document.seller();
        DocumentLanguage language = DocumentLanguage.of(document.customer().locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);
        String number = invoice.number();
        boolean payable = invoice.status().acceptsPayment() && invoice.amountDue().isPositive();
        String kind = invoice.status() == InvoiceStatus.VOID ? "void"
                : !payable ? "paid"
                : invoice.amountPaid().isPositive() ? "partly-paid" : "open";
        String note = switch (kind) {
            case "void" -> t.get("notice.void");
            case "paid" -> t.get("hosted.note.paid");
            case "partly-paid" -> t.format("hosted.note.partlyPaid", f.money(invoice.amountPaid()),
                    f.money(invoice.amountDue()));
            default -> null;
        };
        Money due = payable ? invoice.amountDue() : Money.zero(invoice.currency());
        List<DocumentView.Row> bank = new ArrayList<>();
        SellerProfile.BankAccount account = seller.bankAccount();
        if (payable && account != null) {
            row(bank, t, "bank.name", account.bankName());
            row(bank, t, "bank.holder", account.accountHolder());
            row(bank, t, "bank.iban", account.iban());
            row(bank, t, "bank.bic", account.bic());
            row(bank, t, "bank.accountNumber", account.accountNumber());
            row(bank, t, "bank.code", account.bankCode());
        }
        String link = payable ? seller.paymentLink(number) : null;
        List<String> credits = creditNotes.stream()
                .map(n -> t.format("hosted.creditNote", n.number(), f.date(n.issueDate()), f.money(n.total())))
                .toList();
        return new HostedPageView(language.tag(), t.format("hosted.htmlTitle", number, seller.name()),
                seller.name(), t.format("hosted.title", number), kind, t.get("hosted.status." + kind),
                t.get("totals.amountDue"), f.money(due),
                payable ? t.format("email.dueDate", f.date(invoice.dueDate())) : null, note,
                t.get("payment.title"), bank, bank.isEmpty() ? null : t.format("payment.reference", number),
                t.get("hosted.payOnline"), link != null && link.startsWith("https://") ? link : null,
                t.get("hosted.downloadPdf"), token + "/pdf", t.get("hosted.creditNotes"), credits,
                t.format("hosted.privacy", f.date(validThrough)));
    }

    /**
     * The link expired: say so, and offer to mail a fresh one to the address on file.
     *
     * @param renewAction the form's action, relative to the page ({@code <token>/renew}; {@code renew} from the PDF)
     */
    public String expired(Locale locale, String renewAction) {
        Messages t = Messages.of(DocumentLanguage.of(locale));
        return message(new HostedPageView.Message(DocumentLanguage.of(locale).tag(), t.get("hosted.expired.title"),
                t.get("hosted.expired.text"), renewAction, t.get("hosted.expired.button")));
    }

    /** A new link was (or, today, already had been) sent to the address on file. */
    public String renewalSent(Locale locale) {
        return simple(DocumentLanguage.of(locale), "hosted.renewed");
    }

    /** The PDF copy is not stored yet (it is made within a minute of issue). */
    public String pdfNotReady(Locale locale) {
        return simple(DocumentLanguage.of(locale), "hosted.pdfNotReady");
    }

    /** Not a valid link (tampered, made up, unknown): the same page for all, in the browser's language. */
    public String notFound(DocumentLanguage language) {
        return simple(language, "hosted.notFound");
    }

    /**
     * The language of the first of en, ja, ko, sr in an {@code Accept-Language} header (English without one).
     * Only used where no invoice is known: the not-found page.
     */
    public static DocumentLanguage fromAcceptLanguage(String header) {
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
                for (String known : new String[] {"en", "ja", "ko", "sr"}) {
                    if (tag.equals(known) || tag.startsWith(known + "-")) {
                        return DocumentLanguage.of(Locale.forLanguageTag(known));
                    }
                }
            }
        }
        return DocumentLanguage.EN;
    }

    /** The mail with a fresh link, asked for from an expired page; always to the customer's address on file. */
    public static Email freshLinkEmail(Invoice invoice, Customer customer, SellerProfile seller, String url,
            LocalDate validThrough, LocalDate today) {
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);
        String body = t.format("email.greeting", customer.name()) + "\n\n"
                + t.format("hosted.linkEmail.intro", invoice.number(), seller.name()) + "\n\n"
                + url + "\n" + t.format("email.linkValidUntil", f.date(validThrough)) + "\n\n"
                + t.get("hosted.linkEmail.notYou") + "\n\n"
                + seller.name() + "\n" + seller.email() + "\n";
        String subject = t.format("hosted.linkEmail.subject", invoice.number(), seller.name())
                .replaceAll("[\\r\\n]+", " ");
        return new Email("hosted-link:" + invoice.id() + ":" + today, customer.email(), subject, body, null);
    }

    private String simple(DocumentLanguage language, String prefix) {
        Messages t = Messages.of(language);
        return message(new HostedPageView.Message(language.tag(), t.get(prefix + ".title"), t.get(prefix + ".text"),
                null, null));
    }

    private static String message(HostedPageView.Message message) {
        StringOutput output = new StringOutput(INITIAL_CAPACITY / 8);
        JtehostedmessageGenerated.render(new OwaspHtmlTemplateOutput(output), null, message, STYLE);
        return output.toString();
    }

    private static void row(List<DocumentView.Row> rows, Messages t, String label, String value) {
        if (value != null) {
            rows.add(new DocumentView.Row(t.get(label), value));
        }
    }
}
