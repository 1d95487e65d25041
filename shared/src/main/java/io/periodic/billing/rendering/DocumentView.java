package io.periodic.billing.rendering;

import io.periodic.billing.rendering.Messages.Segment;
import java.util.List;

/**
 * What the templates print: every value already formatted and every label already chosen, so the templates only
 * lay things out. jte escapes all of it.
 */
final class DocumentView {

    private DocumentView() {
    }

    /** A label and its value, e.g. "Issue date" / "November 1, 2026". */
    record Row(String label, String value) {
    }

    /**
     * Seller or customer block: name, the honorific printed after it (御中, 様, 귀중, 귀하; null where the language
     * has none), postal address, contact details, identifiers (tax id, company number, the customer's reference).
     */
    record Party(String name, String honorific, List<String> address, List<String> contact, List<Row> ids) {
    }

    /** A highlighted message above the body; kind is a CSS modifier (info, warning). */
    record Notice(String kind, List<Segment> text) {
    }

    /** The part shared by every document: head, letterhead, title block, parties and summary. */
    record Header(
            String lang,
            String htmlTitle,
            String title,
            String stamp,
            String stampKind,
            Party seller,
            String billToLabel,
            Party customer,
            List<Row> meta,
            List<Notice> notices,
            String summaryLabel,
            String summaryAmount,
            String summaryNote,
            String footer,
            Brand brand) {

        /** A header without branding. */
        Header(String lang, String htmlTitle, String title, String stamp, String stampKind, Party seller,
                String billToLabel, Party customer, List<Row> meta, List<Notice> notices, String summaryLabel,
                String summaryAmount, String summaryNote, String footer) {
            this(lang, htmlTitle, title, stamp, stampKind, seller, billToLabel, customer, meta, notices, summaryLabel,
                    summaryAmount, summaryNote, footer, Brand.NONE);
        }

        Header withBrand(Brand newBrand) {
            return new Header(lang, htmlTitle, title, stamp, stampKind, seller, billToLabel, customer, meta, notices,
                    summaryLabel, summaryAmount, summaryNote, footer, newBrand);
        }
    }

    /**
     * The seller's branding as printed (docs/branding.md): the logo as a {@code data:} URI (the stored document stays
     * self-contained, and the PDF engine needs no access to the store) with its size in CSS pixels fitted into the
     * letterhead's logo box (0 when unknown: an SVG), whether it is an SVG, the brand colour (#RRGGBB) and the
     * footer note in the document's language; each null when not set.
     */
    record Brand(String logoSrc, int logoWidth, int logoHeight, boolean logoSvg, String color, String footerNote) {
        static final Brand NONE = new Brand(null, 0, 0, false, null, null);

        /** {@code style} for what prints in the brand colour, or null. */
        String colorStyle(String property) {
            return color == null ? null : property + ": " + color;
        }
    }

    /**
     * One line of the itemised table; period is the whole "Service period: …" text, or null for a one-off charge.
     * Tags: credit (negative amount), prorated (part of a period: the amount is not quantity × unit price).
     * factor is the arithmetic of a prorated line as the line carries it ("12 × $45.00 × 11/31 days"), or null.
     */
    record Line(String description, String period, String factor, String quantity, String unitPrice, String taxRate,
            String amount, boolean credit, boolean prorated) {
    }

    /** A row of the totals; kind is a CSS modifier: "plain", "grand" (total) or "due" (amount due). */
    record Total(String label, String amount, String kind) {
    }

    /** How to pay: bank transfer details, the payment reference sentence and the online payment link (or null). */
    record Payment(List<Row> bank, List<Segment> reference, String link) {
    }

    /**
     * taxLegend: the sentence explaining the reduced-rate marker ("※は軽減税率対象"), or null when no line carries
     * it.
     */
    record Invoice(Header header, Messages t, String intro, List<Line> lines, List<Total> totals, Payment payment,
            String taxLegend) {
    }

    /**
     * taxLegend: the sentence explaining the reduced-rate marker of a per-rate total, or null when none carries it.
     */
    record CreditNote(Header header, Messages t, String reason, List<Total> totals, List<Segment> disposition,
            String taxLegend) {
    }
}
