package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportChecks.checkedSum;
import static io.periodic.local.runner.report.ReportChecks.copyOutcomes;
import static io.periodic.local.runner.report.ReportChecks.requireAmount;
import static io.periodic.local.runner.report.ReportChecks.requireCellCount;
import static io.periodic.local.runner.report.ReportChecks.requireConsistentMinorUnits;
import static io.periodic.local.runner.report.ReportChecks.requireCurrency;
import static io.periodic.local.runner.report.ReportChecks.requireMinorUnitDigits;
import static io.periodic.local.runner.report.ReportChecks.requireRelativeLink;
import static io.periodic.local.runner.report.ReportChecks.requireText;
import static io.periodic.local.runner.report.ReportChecks.requireUnique;
import static io.periodic.local.runner.report.ReportFormat.escape;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders the result of a local billing simulation as one self-contained HTML page that a finance person can read at a
 * glance: headline numbers, receivables aging, cash collection, dunning outcomes, then the invoice and customer tables.
 *
 * <h2>Design choices</h2>
 * <ul>
 *   <li><b>One file, nothing external.</b> CSS is inlined in a {@code <style>} element and every chart is inline SVG
 *       built by hand; there are no scripts, web fonts, images or network references. The page opens from a
 *       {@code file:} URL offline, can be attached to an e-mail or archived next to the documents it links to, and looks
 *       the same in ten years.</li>
 *   <li><b>No JavaScript.</b> The report is a document, not an application. Interactivity is limited to what markup
 *       gives for free: every bar carries an SVG {@code <title>}, which browsers show as a tooltip with the exact amount,
 *       and hover highlighting is plain CSS. Everything important is also printed as text (chart notes, tables) so the
 *       printed page loses nothing that matters.</li>
 *   <li><b>Small multiples, one chart per currency.</b> Amounts in different currencies cannot be added, and converting
 *       them would invent an exchange rate the simulation never used. Each currency therefore gets its own chart with its
 *       own scale, in the same currency order in every section so the eye can move between them.</li>
 *   <li><b>Money is exact.</b> Amounts arrive as integer minor units with the currency's number of minor-unit digits and
 *       every printed amount is formatted from those integers (period totals use {@link BigInteger}). Floating point is
 *       used only for pixel geometry. Axis ticks are "nice" values (1, 2, 2.5 or 5 times a power of ten) computed in
 *       integer minor units, so tick labels are exact as well.</li>
 *   <li><b>Readable by everyone.</b> Colours come from the Okabe–Ito palette, which stays distinguishable with the
 *       common forms of colour blindness; aging buckets run green to dark red; unapplied cash is hatched so it is
 *       distinct without colour. Each chart has {@code role="img"}, an {@code aria-label} summarising it, a {@code <title>}
 *       and an HTML legend.</li>
 *   <li><b>Prints well.</b> A print stylesheet sets A4 margins, forces chart colours to print, keeps figures and table
 *       rows from splitting across pages and repeats table headers on every page.</li>
 *   <li><b>Safe and testable markup.</b> All caller-supplied text is escaped ({@code & < > " '}), characters that are not
 *       allowed in XML are replaced, and links must be relative references (no {@code javascript:} or other schemes). The
 *       markup after the {@code <!DOCTYPE html>} line is well-formed XML using only XML's predefined entities, so tests
 *       can parse it with the JDK's XML parser. Output is deterministic: the same data gives the same bytes (no clock, no
 *       hash ordering, locale-independent formatting, coordinates rounded to 0.01).</li>
 * </ul>
 *
 * <p>The page is put together from one class per section ({@link AgingChart}, {@link CashChart},
 * {@link DunningChart}, {@link ReportTables}) over shared pieces: {@link ReportMarkup} (sections, figures, SVG
 * elements, the palette), {@link VerticalChart} (bar chart geometry), {@link ReportAxis} (nice axes),
 * {@link ReportFormat} (exact amounts, escaping), {@link ReportChecks} (input validation) and {@link ReportStyle}.
 *
 * <p>The input is a tree of immutable, validated records ({@link Data} and friends); invalid input (negative amounts,
 * malformed currency codes, inconsistent minor units, duplicate snapshots, ...) fails fast with an
 * {@link IllegalArgumentException} when the records are built, never half-way through rendering.
 */
public final class ReportPage {
    /** Column headings of the invoice table; {@link Data#invoices()} rows must have exactly these cells. */
    public static final List<String> INVOICE_COLUMNS = List.of("Invoice", "Customer", "Currency", "Total", "Status");

    /** Column headings of the customer table; {@link Data#customers()} rows must have exactly these cells. */
    public static final List<String> CUSTOMER_COLUMNS =
            List.of("Customer", "Locale", "Currency", "Invoices paid", "On-time rate", "Median days late");

    /** Column headings of the matching table; {@link Data#matching()} rows must have exactly these cells. */
    public static final List<String> MATCHING_COLUMNS =
            List.of("Matching rule", "What it means", "Payments", "Bank fees written off");

    private static final Set<Integer> MATCHING_NUMERIC_COLUMNS = Set.of(2, 3);
    private static final Set<Integer> INVOICE_NUMERIC_COLUMNS = Set.of(3);
    private static final Set<Integer> CUSTOMER_NUMERIC_COLUMNS = Set.of(3, 4, 5);
    private static final int INVOICE_STATUS_COLUMN = 4;

    private ReportPage() {
    }

    /**
     * Everything the page shows.
     *
     * @param title           page heading, e.g. "Periodic billing demo"
     * @param generatedFor    subtitle, e.g. "Simulated 2027-01-01 to 2027-06-30" (may be empty)
     * @param kpis            headline numbers, shown as cards in this order
     * @param aging           month-end receivables snapshots, any order; at most one per date and currency
     * @param cash            cash per month and currency, any order; at most one per month and currency
     * @param dunningOutcomes invoice counts per dunning outcome, shown in the map's iteration order (pass a
     *                        {@link LinkedHashMap})
     * @param invoices        rows of {@link #INVOICE_COLUMNS}; the link of a row points at the invoice document
     * @param customers       rows of {@link #CUSTOMER_COLUMNS}
     * @param matching        rows of {@link #MATCHING_COLUMNS}: how payments were matched, one row per rule (the
     *                        section is left out when there are none)
     */
    public record Data(String title, String generatedFor, List<Kpi> kpis, List<AgingSnapshot> aging,
                       List<CashPoint> cash, Map<String, Integer> dunningOutcomes, List<Row> invoices,
                       List<Row> customers, List<Row> matching) {

        /** Without a matching table. */
        public Data(String title, String generatedFor, List<Kpi> kpis, List<AgingSnapshot> aging, List<CashPoint> cash,
                Map<String, Integer> dunningOutcomes, List<Row> invoices, List<Row> customers) {
            this(title, generatedFor, kpis, aging, cash, dunningOutcomes, invoices, customers, List.of());
        }

        public Data {
            title = requireText(title, "title");
            generatedFor = Objects.requireNonNull(generatedFor, "generatedFor");
            kpis = List.copyOf(Objects.requireNonNull(kpis, "kpis"));
            aging = List.copyOf(Objects.requireNonNull(aging, "aging"));
            cash = List.copyOf(Objects.requireNonNull(cash, "cash"));
            dunningOutcomes = copyOutcomes(dunningOutcomes);
            invoices = requireCellCount(invoices, INVOICE_COLUMNS.size(), "invoices");
            customers = requireCellCount(customers, CUSTOMER_COLUMNS.size(), "customers");
            matching = requireCellCount(matching, MATCHING_COLUMNS.size(), "matching");
            requireUnique(aging, s -> s.currency() + " " + s.asOf(), "aging snapshot");
            requireUnique(cash, p -> p.currency() + " " + p.month(), "cash point");
            requireConsistentMinorUnits(aging, cash);
        }
    }

    /** A headline number: a label and an already formatted value, e.g. ("Collected", "USD 12,340.00 · JPY 1,200,000"). */
    public record Kpi(String label, String value) {
        public Kpi {
            label = requireText(label, "label");
            value = requireText(value, "value");
        }
    }

    /**
     * Open receivables of one currency on one date, split by days past due, in integer minor units.
     *
     * @param minorUnitDigits the currency's minor-unit digits: 2 for USD and EUR, 0 for JPY and KRW, 3 for KWD
     */
    public record AgingSnapshot(LocalDate asOf, String currency, long current, long days1to30, long days31to60,
                                long days61to90, long over90, int minorUnitDigits) {
        public AgingSnapshot {
            Objects.requireNonNull(asOf, "asOf");
            currency = requireCurrency(currency);
            requireAmount(current, "current");
            requireAmount(days1to30, "days1to30");
            requireAmount(days31to60, "days31to60");
            requireAmount(days61to90, "days61to90");
            requireAmount(over90, "over90");
            requireMinorUnitDigits(minorUnitDigits);
            checkedSum("aging buckets", current, days1to30, days31to60, days61to90, over90);
        }

        /** All open receivables on {@link #asOf()}. */
        public long total() {
            return current + overdue();
        }

        /** Receivables past their due date. */
        public long overdue() {
            return days1to30 + days31to60 + days61to90 + over90;
        }

        List<Long> buckets() {
            return List.of(current, days1to30, days31to60, days61to90, over90);
        }
    }

    /**
     * Cash of one currency in one month, in integer minor units: what was received, how much of it was applied to
     * invoices and how much is left unapplied (e.g. overpayments, unmatched transfers).
     */
    public record CashPoint(YearMonth month, String currency, long received, long applied, long unapplied,
                            int minorUnitDigits) {
        public CashPoint {
            Objects.requireNonNull(month, "month");
            currency = requireCurrency(currency);
            requireAmount(received, "received");
            requireAmount(applied, "applied");
            requireAmount(unapplied, "unapplied");
            requireMinorUnitDigits(minorUnitDigits);
            checkedSum("applied and unapplied", applied, unapplied);
        }
    }

    /**
     * One table row of pre-formatted cells.
     *
     * @param link optional relative URL reference (e.g. {@code invoices/INV-2027-000001.html}) that the first cell links
     *             to; schemes ({@code javascript:}, {@code http:}, ...), network paths, absolute paths, whitespace and
     *             control characters are rejected so a link can only point at a file next to the report
     */
    public record Row(List<String> cells, String link) {
        public Row {
            cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
            if (cells.isEmpty()) {
                throw new IllegalArgumentException("a row needs at least one cell");
            }
            if (link != null) {
                requireRelativeLink(link);
            }
        }

        /** A row without a link. */
        public static Row of(String... cells) {
            return new Row(List.of(cells), null);
        }

        /** A row whose first cell links to {@code link}. */
        public static Row linked(String link, String... cells) {
            return new Row(List.of(cells), Objects.requireNonNull(link, "link"));
        }
    }

    /** Renders the full HTML document, starting with {@code <!DOCTYPE html>}. */
    public static String render(Data data) {
        Objects.requireNonNull(data, "data");
        List<String> currencies = currencyOrder(data);
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n")
                .append("<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<meta name=\"color-scheme\" content=\"light\"/>\n")
                .append("<title>").append(escape(data.title())).append("</title>\n")
                .append("<style>").append(ReportStyle.CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");

        out.append("<header class=\"page\">\n<h1>").append(escape(data.title())).append("</h1>\n");
        if (!data.generatedFor().isBlank()) {
            out.append("<p class=\"subtitle\">").append(escape(data.generatedFor())).append("</p>\n");
        }
        out.append("</header>\n");

        kpiSection(out, data.kpis());
        AgingChart.agingSection(out, data.aging(), currencies);
        CashChart.cashSection(out, data.cash(), currencies);
        DunningChart.dunningSection(out, data.dunningOutcomes());
        if (!data.matching().isEmpty()) {
            ReportTables.tableSection(out, "matching", "How payments were matched",
                    "Each payment counted once per matching rule that applied it (a payment split by two rules counts "
                            + "under both). Bank fees are what payers deducted from transfers (振込手数料) and were "
                            + "written off within the seller’s bank-fee tolerance.",
                    MATCHING_COLUMNS, MATCHING_NUMERIC_COLUMNS, -1, data.matching());
        }
        ReportTables.tableSection(out, "invoices", "Invoices", null, INVOICE_COLUMNS, INVOICE_NUMERIC_COLUMNS,
                INVOICE_STATUS_COLUMN, data.invoices());
        ReportTables.tableSection(out, "customers", "Customers’ payment behaviour",
                "How reliably each customer pays: share of invoices paid by the due date and the typical delay of late payments.",
                CUSTOMER_COLUMNS, CUSTOMER_NUMERIC_COLUMNS, -1, data.customers());

        out.append("<footer class=\"page\"><p>Amounts are exact, formatted from integer minor units. Currencies are never "
                + "added together or converted: each currency has its own chart and scale. Hover a bar to see its exact "
                + "amount.</p></footer>\n");
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void kpiSection(StringBuilder out, List<Kpi> kpis) {
        if (kpis.isEmpty()) {
            return;
        }
        out.append("<section id=\"kpis\" aria-label=\"Headline numbers\">\n<ul class=\"kpis\">\n");
        for (Kpi kpi : kpis) {
            // "USD 12,340.00 · JPY 1,200,000": one line per currency reads better than a wrapped run of numbers.
            List<String> parts = List.of(kpi.value().split(" · "));
            out.append("<li class=\"kpi\"><div class=\"kpi-label\">").append(escape(kpi.label()))
                    .append("</div><div class=\"kpi-value").append(parts.size() > 1 ? " multi" : "").append("\">");
            for (int i = 0; i < parts.size(); i++) {
                out.append(parts.size() > 1 ? "<span class=\"kpi-part\">" : "").append(escape(parts.get(i)))
                        .append(i < parts.size() - 1 ? "<span class=\"sep\"> · </span>" : "")
                        .append(parts.size() > 1 ? "</span>" : "");
            }
            out.append("</div></li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    /** Currencies in order of first appearance (aging, then cash), so every section lists them the same way. */
    private static List<String> currencyOrder(Data data) {
        Set<String> order = new LinkedHashSet<>();
        data.aging().forEach(s -> order.add(s.currency()));
        data.cash().forEach(p -> order.add(p.currency()));
        return List.copyOf(order);
    }
}
