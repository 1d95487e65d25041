package io.periodic.billing.rendering;

import io.periodic.billing.invoicing.QualifiedInvoices;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.rendering.Messages.Segment;
import java.math.BigInteger;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns documents into {@link DocumentView}s: chooses the language, formats every value, picks every label. */
final class DocumentViews {

    private DocumentViews() {
    }

    static DocumentView.Invoice invoice(InvoiceDocument doc) {
        return invoice(doc, null);
    }

    /** The invoice's view; {@code logoSrc} is the seller's logo as a data: URI, or null. */
    static DocumentView.Invoice invoice(InvoiceDocument doc, String logoSrc) {
        Invoice invoice = doc.invoice();
        Customer customer = doc.customer();
        SellerProfile seller = doc.seller();
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Formats f = Formats.forLanguage(language);
        Messages t = Messages.of(language);
        InvoiceStatus status = invoice.status();

        String number = status == InvoiceStatus.DRAFT ? t.get("status.draft") : invoice.number();
        String title = t.get("invoice.title");

        List<DocumentView.Row> meta = new ArrayList<>();
        meta.add(new DocumentView.Row(t.get("invoice.number"), number));
        meta.add(new DocumentView.Row(t.get("invoice.issueDate"), f.date(invoice.issueDate())));
        meta.add(new DocumentView.Row(t.get("invoice.dueDate"), f.date(invoice.dueDate())));
        // The terms the invoice was issued with (the customer's may have changed since).
        long termDays = ChronoUnit.DAYS.between(invoice.issueDate(), invoice.dueDate());
        meta.add(new DocumentView.Row(t.get("invoice.terms"), t.format("terms.days", termDays)));
        if (invoice.periodStart() != null) {
            meta.add(new DocumentView.Row(t.get("invoice.period"), f.period(invoice.periodStart(), invoice.periodEnd())));
        }
        supply(meta, invoice, seller, t, f);

        String stamp = null;
        String stampKind = null;
        List<DocumentView.Notice> notices = new ArrayList<>();
        switch (status) {
            case DRAFT -> {
                stamp = t.get("status.draft");
                stampKind = "draft";
                notices.add(new DocumentView.Notice("warning", t.rich("notice.draft")));
            }
            case VOID -> {
                stamp = t.get("status.void");
                stampKind = "void";
                notices.add(new DocumentView.Notice("warning", t.rich("notice.void")));
            }
            case PAID -> {
                stamp = t.get("status.paid");
                stampKind = "paid";
            }
            case OPEN, UNCOLLECTIBLE -> {
                // No stamp: "uncollectible" is our bookkeeping, not something to print for the customer.
            }
        }
        if (doc.correctsNumber() != null) {
            notices.add(new DocumentView.Notice("info", t.rich("notice.correction", doc.correctsNumber())));
        }

        String summaryLabel = null;
        String summaryAmount = null;
        String summaryNote = null;
        if (status == InvoiceStatus.PAID) {
            summaryLabel = t.get("totals.total");
            summaryAmount = f.money(invoice.total());
            summaryNote = t.get("summary.paid");
        } else if (status != InvoiceStatus.VOID) {
            summaryLabel = t.get("totals.amountDue");
            summaryAmount = f.money(invoice.amountDue());
            summaryNote = t.format("summary.dueBy", f.date(invoice.dueDate()));
        }

        DocumentView.Header header = new DocumentView.Header(language.tag(), title + " " + number + " \u2013 " + seller.name(), title,
                stamp, stampKind, seller(seller, t, f), t.get("party.billTo"), customer(customer, t, f), meta, notices,
                summaryLabel, summaryAmount, summaryNote, t.get("footer.thanks"));
        header = header.withBrand(Branded.brand(seller.branding(), language, logoSrc));

        List<DocumentView.Line> lines = new ArrayList<>();
        boolean anyReduced = false;
        for (InvoiceLine line : invoice.lines()) {
            boolean reduced = QualifiedInvoices.isReducedRate(seller, line.taxRate());
            anyReduced |= reduced;
            lines.add(new DocumentView.Line(
                    reduced ? description(line, t) + " " + t.get("lines.reducedMark") : description(line, t),
                    line.periodStart() == null ? null
                            : t.format("lines.period", f.period(line.periodStart(), line.periodEnd())),
                    factor(line, t, f),
                    f.integer(line.quantity()),
                    f.money(line.unitAmount()),
                    f.percent(line.taxRate()),
                    f.money(line.amount()),
                    line.amount().isNegative(),
                    isProrated(line)));
        }

        return new DocumentView.Invoice(header, t, t.get("invoice.intro"), lines, totals(invoice, seller, t, f),
                payment(invoice, seller, t), anyReduced ? t.get("lines.reducedLegend") : null);
    }

    static DocumentView.CreditNote creditNote(CreditNoteDocument doc) {
        return creditNote(doc, null);
    }

    /** The credit note's view; {@code logoSrc} is the seller's logo as a data: URI, or null. */
    static DocumentView.CreditNote creditNote(CreditNoteDocument doc, String logoSrc) {
        CreditNote note = doc.note();
        Invoice invoice = doc.invoice();
        Customer customer = doc.customer();
        SellerProfile seller = doc.seller();
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Formats f = Formats.forLanguage(language);
        Messages t = Messages.of(language);

        String number = note.number() == null ? t.get("status.draft") : note.number();
        String invoiceNumber = invoice.number() == null ? t.get("status.draft") : invoice.number();
        String title = t.get("creditNote.title");

        List<DocumentView.Row> meta = new ArrayList<>(List.of(
                new DocumentView.Row(t.get("creditNote.number"), number),
                new DocumentView.Row(t.get("creditNote.issueDate"), f.date(note.issueDate())),
                new DocumentView.Row(t.get("creditNote.invoice"), invoiceNumber),
                new DocumentView.Row(t.get("creditNote.invoiceDate"), f.date(invoice.issueDate()))));
        if (invoice.periodStart() != null) {
            // The credited supply's period (a 適格返還請求書 names the date of the original supply).
            meta.add(new DocumentView.Row(t.get("creditNote.period"),
                    f.period(invoice.periodStart(), invoice.periodEnd())));
        }
        placeOfIssue(meta, seller, t);

        DocumentView.Header header = new DocumentView.Header(language.tag(), title + " " + number + " \u2013 " + seller.name(), title,
                null, null, seller(seller, t, f), t.get("party.creditTo"), customer(customer, t, f), meta, List.of(),
                t.get("creditNote.total"), f.money(note.total()), null, t.get("footer.thanks"));
        header = header.withBrand(Branded.brand(seller.branding(), language, logoSrc));

        List<DocumentView.Total> totals = new ArrayList<>();
        totals.add(new DocumentView.Total(t.get("creditNote.subtotal"), f.money(note.subtotal()), "plain"));
        boolean anyReduced = false;
        if (note.taxParts().size() > 1) {
            // Per rate its returned amount and tax, labelled as on the invoice (a 適格返還請求書, docs/tax.md).
            anyReduced = rateTotals(note.taxParts(), Money.zero(note.tax().currency()), seller, t, f, totals);
        } else {
            // One rate: the part's, or for a note stored before the parts the invoice's when it has only one.
            TaxRate rate = note.hasRates() ? note.taxParts().get(0).rate()
                    : invoice.taxByRate().size() == 1 ? invoice.taxByRate().keySet().iterator().next() : null;
            String taxLabel = rate != null ? t.format("creditNote.taxRate", f.percent(rate)) : t.get("creditNote.tax");
            totals.add(new DocumentView.Total(taxLabel, f.money(note.tax()), "plain"));
        }
        totals.add(new DocumentView.Total(t.get("creditNote.total"), f.money(note.total()), "due"));

        List<Segment> disposition = switch (note.disposition()) {
            case REDUCE_AMOUNT_DUE -> t.rich("creditNote.reducesAmountDue", invoiceNumber);
            case CUSTOMER_BALANCE -> t.rich("creditNote.toCreditBalance", invoiceNumber);
        };
        return new DocumentView.CreditNote(header, t, note.reason(), totals, disposition,
                anyReduced ? t.get("lines.reducedLegend") : null);
    }

    private static DocumentView.Party seller(SellerProfile seller, Messages t, Formats f) {
        List<String> contact = new ArrayList<>();
        contact.add(seller.email());
        if (seller.phone() != null) {
            contact.add(seller.phone());
        }
        if (seller.website() != null) {
            contact.add(seller.website());
        }
        List<DocumentView.Row> ids = new ArrayList<>();
        if (seller.taxId() != null) {
            ids.add(new DocumentView.Row(t.get("seller.taxId"), seller.taxId()));
        }
        if (seller.companyNumber() != null) {
            ids.add(new DocumentView.Row(t.get("seller.companyNumber"), seller.companyNumber()));
        }
        return new DocumentView.Party(seller.name(), null, AddressFormat.lines(seller.address(), f.locale()), contact,
                ids);
    }

    /**
     * The customer as addressed: its name with the language's honorific for a company or a person (御中 / 様,
     * 귀중 / 귀하; none in English and Serbian), its tax id and company number, and its own reference (a PO number,
     * 得意先コード) when it has one. Our internal customer id is never printed.
     */
    private static DocumentView.Party customer(Customer customer, Messages t, Formats f) {
        List<DocumentView.Row> ids = new ArrayList<>();
        if (customer.taxId() != null) {
            ids.add(new DocumentView.Row(t.get("customer.taxId"), customer.taxId()));
        }
        if (customer.companyNumber() != null) {
            ids.add(new DocumentView.Row(t.get("customer.companyNumber"), customer.companyNumber()));
        }
        if (customer.customerReference() != null) {
            ids.add(new DocumentView.Row(t.get("customer.reference"), customer.customerReference()));
        }
        String honorific = t.get(switch (customer.addressedAs()) {
            case COMPANY -> "party.honorific.company";
            case PERSON -> "party.honorific.person";
        });
        return new DocumentView.Party(customer.name(), honorific.isBlank() ? null : honorific,
                AddressFormat.lines(customer.billingAddress(), f.locale()), List.of(), ids);
    }

    /**
     * The supply rows a language's law asks for (docs/documents.md), each printed only where its label is not
     * blank: the date of supply of an invoice without a service period (Japanese 取引年月日, Serbian datum prometa:
     * the issue date; an invoice with a period shows the period instead), the place of issue (Serbian mesto
     * izdavanja: the seller's city).
     */
    private static void supply(List<DocumentView.Row> meta, Invoice invoice, SellerProfile seller, Messages t,
            Formats f) {
        String label = t.get("invoice.supplyDate");
        if (invoice.periodStart() == null && !label.isBlank()) {
            meta.add(new DocumentView.Row(label, f.date(invoice.issueDate())));
        }
        placeOfIssue(meta, seller, t);
    }

    private static void placeOfIssue(List<DocumentView.Row> meta, SellerProfile seller, Messages t) {
        String label = t.get("invoice.placeOfIssue");
        if (!label.isBlank()) {
            meta.add(new DocumentView.Row(label, seller.address().city()));
        }
    }

    /** "12 × $45.00 × 11/31 days" from the factor the line carries; null for a line billed in full. */
    private static String factor(InvoiceLine line, Messages t, Formats f) {
        if (line.proration() == null) {
            return null;
        }
        return t.format("lines.factor", f.integer(line.quantity()), f.money(line.unitAmount()),
                f.integer(line.proration().numerator()), f.integer(line.proration().denominator()));
    }

    /**
     * The totals: per tax rate its base and its tax (each rounded once per invoice, docs/tax.md), a reduced rate
     * with its marker, then the total and what was paid and is due.
     */
    private static List<DocumentView.Total> totals(Invoice invoice, SellerProfile seller, Messages t, Formats f) {
        List<DocumentView.Total> totals = new ArrayList<>();
        totals.add(new DocumentView.Total(t.get("totals.subtotal"), f.money(invoice.subtotal()), "plain"));
        List<CreditNote.TaxPart> rates = new ArrayList<>();
        for (Map.Entry<TaxRate, Money> rate : invoice.taxByRate().entrySet()) {
            Money base = invoice.lines().stream()
                    .filter(line -> line.taxRate().compareTo(rate.getKey()) == 0)
                    .map(InvoiceLine::amount)
                    .reduce(Money.zero(invoice.currency()), Money::plus);
            rates.add(new CreditNote.TaxPart(rate.getKey(), base, rate.getValue()));
        }
        rateTotals(rates, Money.zero(invoice.currency()), seller, t, f, totals);
        totals.add(new DocumentView.Total(t.get("totals.total"), f.money(invoice.total()), "grand"));
        if (invoice.creditApplied().isPositive()) {
            totals.add(new DocumentView.Total(t.get("totals.creditApplied"), f.money(invoice.creditApplied().negate()),
                    "plain"));
        } else if (invoice.creditApplied().isNegative()) {
            // A negative total (a downgrade's credit) is not payable: it went to the customer's credit balance.
            totals.add(new DocumentView.Total(t.get("totals.creditAdded"), f.money(invoice.creditApplied().negate()),
                    "plain"));
        }
        if (!invoice.credited().isZero()) {
            totals.add(new DocumentView.Total(t.get("totals.credited"), f.money(invoice.credited().negate()), "plain"));
        }
        totals.add(new DocumentView.Total(t.get("totals.amountPaid"), f.money(invoice.amountPaid().negate()), "plain"));
        if (invoice.writtenOff().isPositive()) {
            // The bank fee the payer deducted from the transfer, written off (docs/bank-fees.md).
            totals.add(new DocumentView.Total(t.get("totals.bankFee"), f.money(invoice.writtenOff().negate()),
                    "plain"));
        }
        totals.add(new DocumentView.Total(t.get("totals.amountDue"), f.money(invoice.amountDue()), "due"));
        return totals;
    }

    /**
     * Adds per rate its base and its tax ("Tax 8%* on ¥6,687", the reduced rate with its marker), then the total tax
     * unless there is exactly one rate: the invoice's totals, and a credit note's over several rates.
     *
     * @return whether a rate carries the reduced-rate marker (the document then prints the legend)
     */
    private static boolean rateTotals(List<CreditNote.TaxPart> rates, Money zero, SellerProfile seller, Messages t,
            Formats f, List<DocumentView.Total> totals) {
        boolean anyReduced = false;
        Money tax = zero;
        for (CreditNote.TaxPart rate : rates) {
            boolean reduced = QualifiedInvoices.isReducedRate(seller, rate.rate());
            anyReduced |= reduced;
            String percent = reduced ? f.percent(rate.rate()) + t.get("lines.reducedMark") : f.percent(rate.rate());
            totals.add(new DocumentView.Total(t.format("totals.taxRate", percent, f.money(rate.subtotal())),
                    f.money(rate.tax()), "plain"));
            tax = tax.plus(rate.tax());
        }
        if (rates.size() != 1) {
            totals.add(new DocumentView.Total(t.get("totals.tax"), f.money(tax), "plain"));
        }
        return anyReduced;
    }

    /**
     * Payment instructions, only where something is to be paid: an open (or written-off) invoice with an amount
     * due. Drafts, paid and void invoices get none.
     */
    private static DocumentView.Payment payment(Invoice invoice, SellerProfile seller, Messages t) {
        boolean payable = (invoice.status() == InvoiceStatus.OPEN || invoice.status() == InvoiceStatus.UNCOLLECTIBLE)
                && invoice.amountDue().isPositive();
        if (!payable) {
            return null;
        }
        List<DocumentView.Row> bank = new ArrayList<>();
        SellerProfile.BankAccount account = seller.bankAccount();
        if (account != null) {
            bank.add(new DocumentView.Row(t.get("bank.name"), account.bankName()));
            bank.add(new DocumentView.Row(t.get("bank.holder"), account.accountHolder()));
            if (account.iban() != null) {
                bank.add(new DocumentView.Row(t.get("bank.iban"), account.iban()));
            }
            if (account.bic() != null) {
                bank.add(new DocumentView.Row(t.get("bank.bic"), account.bic()));
            }
            if (account.accountNumber() != null) {
                bank.add(new DocumentView.Row(t.get("bank.accountNumber"), account.accountNumber()));
            }
            if (account.bankCode() != null) {
                bank.add(new DocumentView.Row(t.get("bank.code"), account.bankCode()));
            }
        }
        String link = seller.paymentLink(invoice.number());
        if (bank.isEmpty() && link == null) {
            return null;
        }
        return new DocumentView.Payment(bank, t.rich("payment.reference", invoice.number()), link);
    }

    /**
     * A proration line stores only the product's name; the sentence around it ("Unused time on …", "Remaining
     * time on …") comes from the customer's language, so every language reads naturally.
     */
    private static String description(InvoiceLine line, Messages t) {
        if (line.kind() == LineKind.LATE_FEE) {
            return t.format("lines.lateFee", line.description()); // the description is the overdue invoice's number
        }
        if (line.kind() != LineKind.PRORATION) {
            return line.description();
        }
        return t.format(line.amount().isNegative() ? "lines.unused" : "lines.remaining", line.description());
    }

    /** Part of a period (a mid-period change, a trial ending): the amount is not quantity × unit price. */
    private static boolean isProrated(InvoiceLine line) {
        if (line.kind() == LineKind.PRORATION) {
            return true;
        }
        BigInteger full = BigInteger.valueOf(line.unitAmount().minor()).multiply(BigInteger.valueOf(line.quantity()));
        return !full.abs().equals(BigInteger.valueOf(line.amount().minor()).abs());
    }
}
