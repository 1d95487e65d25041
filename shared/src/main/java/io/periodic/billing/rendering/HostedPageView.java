package io.periodic.billing.rendering;

import java.util.List;

/**
 * What the hosted invoice page shows above the document, every text already in the customer's language and every
 * amount and date formatted; the template escapes all of it.
 *
 * @param statusKind {@code open}, {@code partly-paid}, {@code paid} or {@code void} (the badge's CSS class)
 * @param note a sentence under the amount (paid in full, what was received, voided), or null
 * @param bank the bank transfer rows, empty when nothing is payable or the seller has no account
 * @param reference the sentence naming the payment reference, or null
 * @param payLink the seller's online payment link (https only), or null
 * @param pdfHref the PDF download, relative to the page ({@code <token>/pdf})
 * @param creditNotes one line per credit note of the invoice (number, date, amount)
 */
record HostedPageView(String lang, String htmlTitle, String sellerName, String title, String statusKind,
        String statusLabel, String amountDueLabel, String amountDue, String dueLine, String note,
        String payTitle, List<DocumentView.Row> bank, String reference, String payOnline, String payLink,
        String pdfLabel, String pdfHref, String creditNotesLabel, List<String> creditNotes, String privacy) {

    public HostedPageView {
        bank = List.copyOf(bank);
        creditNotes = List.copyOf(creditNotes);
    }

    /** A short page without the document: expired, not found, a new link sent, the PDF not ready yet. */
    public record Message(String lang, String title, String text, String buttonAction, String buttonLabel) {}
}
