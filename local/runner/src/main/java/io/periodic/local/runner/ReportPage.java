package io.periodic.local.runner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

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

    /** Height in SVG user units of the plot area of the vertical bar charts (aging, cash): a full-scale bar. */
    static final int PLOT_HEIGHT = 200;

    private static final Set<Integer> INVOICE_NUMERIC_COLUMNS = Set.of(3);
    private static final Set<Integer> CUSTOMER_NUMERIC_COLUMNS = Set.of(3, 4, 5);
    private static final int INVOICE_STATUS_COLUMN = 4;

    // Okabe–Ito palette (plus a darker vermillion to end the aging ramp in a clear "worst" colour).
    private static final String GREEN = "#009E73";
    private static final String YELLOW = "#F0E442";
    private static final String ORANGE = "#E69F00";
    private static final String VERMILLION = "#D55E00";
    private static final String DARK_RED = "#8C2D04";
    private static final String BLUE = "#0072B2";
    private static final String SKY_BLUE = "#56B4E9";

    private static final List<String> AGING_LABELS = List.of("Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days");
    private static final List<String> AGING_COLOURS = List.of(GREEN, YELLOW, ORANGE, VERMILLION, DARK_RED);

    private static final String HATCH_SWATCH =
            "background:repeating-linear-gradient(135deg," + ORANGE + " 0 3px,#fff 3px 5px);border:1px solid " + ORANGE;

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final int MAX_MINOR_UNIT_DIGITS = 4;
    private static final int MAX_TICK_INTERVALS = 5;

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH);

    private ReportPage() {
    }

    // ================================================================================================ input model

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
     */
    public record Data(String title, String generatedFor, List<Kpi> kpis, List<AgingSnapshot> aging,
                       List<CashPoint> cash, Map<String, Integer> dunningOutcomes, List<Row> invoices,
                       List<Row> customers) {

        public Data {
            title = requireText(title, "title");
            generatedFor = Objects.requireNonNull(generatedFor, "generatedFor");
            kpis = List.copyOf(Objects.requireNonNull(kpis, "kpis"));
            aging = List.copyOf(Objects.requireNonNull(aging, "aging"));
            cash = List.copyOf(Objects.requireNonNull(cash, "cash"));
            dunningOutcomes = copyOutcomes(dunningOutcomes);
            invoices = requireCellCount(invoices, INVOICE_COLUMNS.size(), "invoices");
            customers = requireCellCount(customers, CUSTOMER_COLUMNS.size(), "customers");
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

        private List<Long> buckets() {
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

    // ================================================================================================ rendering

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
                .append("<style>").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");

        out.append("<header class=\"page\">\n<h1>").append(escape(data.title())).append("</h1>\n");
        if (!data.generatedFor().isBlank()) {
            out.append("<p class=\"subtitle\">").append(escape(data.generatedFor())).append("</p>\n");
        }
        out.append("</header>\n");

        kpiSection(out, data.kpis());
        agingSection(out, data.aging(), currencies);
        cashSection(out, data.cash(), currencies);
        dunningSection(out, data.dunningOutcomes());
        tableSection(out, "invoices", "Invoices", null, INVOICE_COLUMNS, INVOICE_NUMERIC_COLUMNS,
                INVOICE_STATUS_COLUMN, data.invoices());
        tableSection(out, "customers", "Customers’ payment behaviour",
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

    // ------------------------------------------------------------------------------------------------ aging chart

    private static void agingSection(StringBuilder out, List<AgingSnapshot> aging, List<String> currencies) {
        openSection(out, "aging", "Receivables aging over time",
                "Open receivables at each month end, by days past due. One chart per currency, each on its own scale.");
        if (aging.isEmpty()) {
            noData(out);
        } else {
            List<LegendItem> legend = new ArrayList<>();
            for (int i = 0; i < AGING_LABELS.size(); i++) {
                legend.add(new LegendItem(AGING_LABELS.get(i), "background:" + AGING_COLOURS.get(i)));
            }
            legend(out, legend);
            out.append("<div class=\"multiples\">\n");
            Map<String, List<AgingSnapshot>> byCurrency =
                    groupByCurrency(aging, currencies, AgingSnapshot::currency, Comparator.comparing(AgingSnapshot::asOf));
            byCurrency.forEach((currency, snapshots) -> agingChart(out, currency, snapshots));
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    private static void agingChart(StringBuilder out, String currency, List<AgingSnapshot> snapshots) {
        int digits = snapshots.getFirst().minorUnitDigits();
        AgingSnapshot last = snapshots.getLast();
        long max = snapshots.stream().mapToLong(AgingSnapshot::total).max().orElse(0);
        Axis axis = niceAxis(max, digits);
        String lastDate = LONG_DATE.format(last.asOf());
        String summary = lastDate + ": " + formatMoney(currency, last.total(), digits) + " outstanding"
                + (last.total() == 0 ? "" : ", of which " + formatMoney(currency, last.overdue(), digits) + " ("
                + percent(last.overdue(), last.total()) + ") overdue");
        String aria = "Receivables aging in " + currency + ", " + snapshots.size() + " snapshot"
                + (snapshots.size() == 1 ? "" : "s") + " from " + LONG_DATE.format(snapshots.getFirst().asOf())
                + " to " + lastDate + ". " + summary + ".";

        VerticalChart chart = new VerticalChart(snapshots.size());
        openFigure(out, currency, "Receivables aging");
        openSvg(out, "aging", currency, VerticalChart.WIDTH, VerticalChart.HEIGHT, "Receivables aging, " + currency, aria);
        chart.yAxis(out, axis, digits, currency);
        chart.xLabels(out, snapshots.stream().map(AgingSnapshot::asOf).toList(), DAY_MONTH);

        double barWidth = chart.barWidth(0.6, 64);
        for (int i = 0; i < snapshots.size(); i++) {
            AgingSnapshot snapshot = snapshots.get(i);
            String date = LONG_DATE.format(snapshot.asOf());
            double x = chart.slotCentre(i) - barWidth / 2;
            out.append("<g class=\"bar\"><title>").append(escape(date + ": " + formatMoney(currency, snapshot.total(), digits)
                    + " outstanding")).append("</title>");
            long below = 0;
            List<Long> buckets = snapshot.buckets();
            for (int b = 0; b < buckets.size(); b++) {
                long value = buckets.get(b);
                if (value > 0) {
                    rect(out, x, chart.y(below + value, axis), barWidth, chart.y(below, axis) - chart.y(below + value, axis),
                            "fill=\"" + AGING_COLOURS.get(b) + "\"",
                            date + " · " + AGING_LABELS.get(b) + ": " + formatMoney(currency, value, digits));
                }
                below += value;
            }
            out.append("</g>\n");
        }
        out.append("</svg>\n");
        closeFigure(out, summary);
    }

    // ------------------------------------------------------------------------------------------------ cash chart

    private static void cashSection(StringBuilder out, List<CashPoint> cash, List<String> currencies) {
        openSection(out, "cash", "Cash collected per month",
                "Left bar: cash received. Right bar: how it was applied to invoices, with the unapplied remainder hatched on top.");
        if (cash.isEmpty()) {
            noData(out);
        } else {
            legend(out, List.of(
                    new LegendItem("Received", "background:" + BLUE),
                    new LegendItem("Applied to invoices", "background:" + SKY_BLUE),
                    new LegendItem("Unapplied", HATCH_SWATCH)));
            out.append("<div class=\"multiples\">\n");
            Map<String, List<CashPoint>> byCurrency =
                    groupByCurrency(cash, currencies, CashPoint::currency, Comparator.comparing(CashPoint::month));
            byCurrency.forEach((currency, points) -> cashChart(out, currency, points));
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    private static void cashChart(StringBuilder out, String currency, List<CashPoint> points) {
        int digits = points.getFirst().minorUnitDigits();
        long max = points.stream().mapToLong(p -> Math.max(p.received(), p.applied() + p.unapplied())).max().orElse(0);
        Axis axis = niceAxis(max, digits);
        BigInteger received = BigInteger.ZERO;
        BigInteger applied = BigInteger.ZERO;
        BigInteger unapplied = BigInteger.ZERO;
        for (CashPoint p : points) {
            received = received.add(BigInteger.valueOf(p.received()));
            applied = applied.add(BigInteger.valueOf(p.applied()));
            unapplied = unapplied.add(BigInteger.valueOf(p.unapplied()));
        }
        String period = points.size() == 1 ? MONTH_YEAR.format(points.getFirst().month())
                : MONTH_YEAR.format(points.getFirst().month()) + " – " + MONTH_YEAR.format(points.getLast().month());
        String summary = period + ": received " + currency + " " + formatDigits(received.toString(), digits)
                + ", applied " + currency + " " + formatDigits(applied.toString(), digits)
                + ", unapplied " + currency + " " + formatDigits(unapplied.toString(), digits);
        String aria = "Cash collected per month in " + currency + ", " + period + ". Totals: " + summary + ".";

        VerticalChart chart = new VerticalChart(points.size());
        String hatch = "cash-hatch-" + currency;
        openFigure(out, currency, "Cash collected");
        openSvg(out, "cash", currency, VerticalChart.WIDTH, VerticalChart.HEIGHT, "Cash collected per month, " + currency, aria);
        out.append("<defs><pattern id=\"").append(hatch).append("\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\""
                        + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"").append(ORANGE)
                .append("\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2.5\"/></pattern></defs>\n");
        chart.yAxis(out, axis, digits, currency);
        chart.xLabels(out, points.stream().map(p -> p.month().atDay(1)).toList(), MONTH);

        double barWidth = chart.barWidth(0.34, 36);
        double gap = Math.min(4, barWidth * 0.15);
        for (int i = 0; i < points.size(); i++) {
            CashPoint p = points.get(i);
            String month = MONTH_YEAR.format(p.month());
            double centre = chart.slotCentre(i);
            out.append("<g class=\"bar\">");
            if (p.received() > 0) {
                rect(out, centre - gap / 2 - barWidth, chart.y(p.received(), axis), barWidth,
                        chart.y(0, axis) - chart.y(p.received(), axis), "fill=\"" + BLUE + "\"",
                        month + " · received: " + formatMoney(currency, p.received(), digits));
            }
            double x = centre + gap / 2;
            if (p.applied() > 0) {
                rect(out, x, chart.y(p.applied(), axis), barWidth, chart.y(0, axis) - chart.y(p.applied(), axis),
                        "fill=\"" + SKY_BLUE + "\"", month + " · applied: " + formatMoney(currency, p.applied(), digits));
            }
            if (p.unapplied() > 0) {
                long top = p.applied() + p.unapplied();
                rect(out, x, chart.y(top, axis), barWidth, chart.y(p.applied(), axis) - chart.y(top, axis),
                        "class=\"unapplied\" fill=\"url(#" + hatch + ")\"",
                        month + " · unapplied: " + formatMoney(currency, p.unapplied(), digits));
            }
            out.append("</g>\n");
        }
        out.append("</svg>\n");
        closeFigure(out, summary);
    }

    // ------------------------------------------------------------------------------------------------ dunning chart

    private static final int DUNNING_WIDTH = 720;
    private static final int DUNNING_ROW = 42;
    private static final int DUNNING_TOP = 8;
    private static final int DUNNING_LEFT = 8;
    private static final int DUNNING_VALUE_ROOM = 120;
    private static final int DUNNING_AXIS_ROOM = 40;

    private static void dunningSection(StringBuilder out, Map<String, Integer> outcomes) {
        openSection(out, "dunning", "Dunning outcomes",
                "What happened to invoices once they were issued: number of invoices per outcome and share of the total.",
                true);
        if (outcomes.isEmpty()) {
            noData(out);
            out.append("</section>\n");
            return;
        }
        legend(out, List.of(new LegendItem("Invoices (count · share of all)", "background:" + BLUE)));
        long total = outcomes.values().stream().mapToLong(Integer::longValue).sum();
        long max = outcomes.values().stream().mapToLong(Integer::longValue).max().orElse(0);
        Axis axis = niceAxis(max, 0);
        int plotWidth = DUNNING_WIDTH - DUNNING_LEFT - DUNNING_VALUE_ROOM;
        int plotBottom = DUNNING_TOP + outcomes.size() * DUNNING_ROW;
        int height = plotBottom + DUNNING_AXIS_ROOM;

        StringBuilder aria = new StringBuilder("Dunning outcomes of ").append(total).append(" invoices: ");
        List<String> parts = new ArrayList<>();
        outcomes.forEach((label, count) -> parts.add(label + " " + count));
        aria.append(String.join(", ", parts)).append('.');

        out.append("<figure class=\"single\">\n");
        openSvg(out, "dunning", null, DUNNING_WIDTH, height, "Dunning outcomes", aria.toString());
        out.append("<g class=\"grid\">");
        for (long tick = 0; tick <= axis.max(); tick += axis.step()) {
            double x = DUNNING_LEFT + scale(tick, axis, plotWidth);
            out.append("<line x1=\"").append(px(x)).append("\" y1=\"").append(DUNNING_TOP).append("\" x2=\"").append(px(x))
                    .append("\" y2=\"").append(plotBottom).append("\"").append(tick == 0 ? " class=\"baseline\"" : "")
                    .append("/>");
        }
        out.append("</g>\n<g class=\"axis\">");
        for (long tick = 0; tick <= axis.max(); tick += axis.step()) {
            double x = DUNNING_LEFT + scale(tick, axis, plotWidth);
            text(out, x, plotBottom + 16, "middle", null, tickLabel(tick, 0, axis));
        }
        text(out, DUNNING_LEFT + plotWidth / 2.0, plotBottom + 34, "middle", "axis-title", "Number of invoices");
        out.append("</g>\n");

        int row = 0;
        for (Map.Entry<String, Integer> entry : outcomes.entrySet()) {
            int count = entry.getValue();
            double top = DUNNING_TOP + row * DUNNING_ROW;
            double width = scale(count, axis, plotWidth);
            String value = total == 0 ? Integer.toString(count) : count + " · " + percent(count, total);
            out.append("<g class=\"bar\">");
            text(out, DUNNING_LEFT, top + 14, "start", "bar-label", entry.getKey());
            rect(out, DUNNING_LEFT, top + 20, width, 16, "fill=\"" + BLUE + "\"",
                    entry.getKey() + ": " + count + " invoice" + (count == 1 ? "" : "s"));
            text(out, DUNNING_LEFT + width + 6, top + 32, "start", "bar-value", value);
            out.append("</g>\n");
            row++;
        }
        out.append("</svg>\n</figure>\n</section>\n");
    }

    // ------------------------------------------------------------------------------------------------ tables

    private static void tableSection(StringBuilder out, String id, String heading, String note, List<String> columns,
                                     Set<Integer> numericColumns, int statusColumn, List<Row> rows) {
        openSection(out, id, heading, note);
        if (rows.isEmpty()) {
            noData(out);
            out.append("</section>\n");
            return;
        }
        out.append("<table class=\"data\">\n<thead><tr>");
        for (int c = 0; c < columns.size(); c++) {
            out.append("<th scope=\"col\"").append(numericColumns.contains(c) ? " class=\"num\"" : "").append('>')
                    .append(escape(columns.get(c))).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            out.append("<tr>");
            for (int c = 0; c < row.cells().size(); c++) {
                String cell = escape(row.cells().get(c));
                out.append(c == 0 ? "<th scope=\"row\"" : "<td")
                        .append(numericColumns.contains(c) ? " class=\"num\"" : "").append('>');
                if (c == 0 && row.link() != null) {
                    out.append("<a href=\"").append(escape(row.link())).append("\">").append(cell).append("</a>");
                } else if (c == statusColumn) {
                    out.append("<span class=\"status ").append(statusClass(row.cells().get(c))).append("\">").append(cell)
                            .append("</span>");
                } else {
                    out.append(cell);
                }
                out.append(c == 0 ? "</th>" : "</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private static String statusClass(String status) {
        return switch (status.strip().toLowerCase(Locale.ROOT)) {
            case "paid", "settled" -> "status-good";
            case "overdue", "past due", "late", "in dunning", "dunning" -> "status-warn";
            case "uncollectible", "suspended", "written off", "failed", "defaulted" -> "status-bad";
            case "void", "voided", "cancelled", "canceled", "refunded", "credited" -> "status-muted";
            default -> "status-neutral";
        };
    }

    // ------------------------------------------------------------------------------------------------ page pieces

    private record LegendItem(String label, String swatchStyle) {
    }

    private static void openSection(StringBuilder out, String id, String heading, String note) {
        openSection(out, id, heading, note, false);
    }

    /** @param keepTogether for short sections: do not split them across printed pages */
    private static void openSection(StringBuilder out, String id, String heading, String note, boolean keepTogether) {
        out.append("<section id=\"").append(id).append('"').append(keepTogether ? " class=\"keep-together\"" : "")
                .append(">\n<h2>").append(escape(heading)).append("</h2>\n");
        if (note != null) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
    }

    private static void noData(StringBuilder out) {
        out.append("<p class=\"no-data\">No data</p>\n");
    }

    private static void legend(StringBuilder out, List<LegendItem> items) {
        out.append("<ul class=\"legend\" aria-label=\"Legend\">");
        for (LegendItem item : items) {
            out.append("<li><span class=\"swatch\" style=\"").append(escape(item.swatchStyle())).append("\"></span>")
                    .append(escape(item.label())).append("</li>");
        }
        out.append("</ul>\n");
    }

    private static void openFigure(StringBuilder out, String currency, String caption) {
        out.append("<figure class=\"multiple\">\n<figcaption><span class=\"ccy\">").append(escape(currency))
                .append("</span> ").append(escape(caption)).append("</figcaption>\n");
    }

    private static void closeFigure(StringBuilder out, String summary) {
        out.append("<p class=\"fig-note\">").append(escape(summary)).append("</p>\n</figure>\n");
    }

    private static void openSvg(StringBuilder out, String kind, String currency, int width, int height, String title,
                                String ariaLabel) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(kind).append('"');
        if (currency != null) {
            out.append(" data-currency=\"").append(escape(currency)).append('"');
        }
        out.append(" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(escape(ariaLabel))
                .append("\">\n<title>").append(escape(title)).append("</title>\n");
    }

    private static void rect(StringBuilder out, double x, double y, double width, double height, String paint,
                             String tooltip) {
        out.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"").append(px(width))
                .append("\" height=\"").append(px(height)).append("\" ").append(paint).append("><title>")
                .append(escape(tooltip)).append("</title></rect>");
    }

    private static void text(StringBuilder out, double x, double y, String anchor, String cssClass, String content) {
        out.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" text-anchor=\"").append(anchor)
                .append('"');
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append('>').append(escape(content)).append("</text>");
    }

    /** Geometry shared by the vertical bar charts: fixed viewBox, y axis on the left, two-line date labels below. */
    private static final class VerticalChart {
        static final int WIDTH = 440;
        static final int LEFT = 64;
        static final int RIGHT = 16;
        static final int TOP = 28;
        static final int BOTTOM = 48;
        static final int HEIGHT = TOP + PLOT_HEIGHT + BOTTOM;
        static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
        static final int PLOT_BOTTOM = TOP + PLOT_HEIGHT;
        static final int MIN_LABEL_SPACING = 44;

        private final int slots;

        VerticalChart(int slots) {
            this.slots = slots;
        }

        double slotWidth() {
            return (double) PLOT_WIDTH / slots;
        }

        double slotCentre(int index) {
            return LEFT + slotWidth() * (index + 0.5);
        }

        double barWidth(double shareOfSlot, double maximum) {
            return Math.min(slotWidth() * shareOfSlot, maximum);
        }

        double y(long value, Axis axis) {
            return PLOT_BOTTOM - scale(value, axis, PLOT_HEIGHT);
        }

        void yAxis(StringBuilder out, Axis axis, int digits, String unit) {
            out.append("<g class=\"grid\">");
            for (long tick = 0; tick <= axis.max(); tick += axis.step()) {
                String y = px(y(tick, axis));
                out.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                        .append(WIDTH - RIGHT).append("\" y2=\"").append(y).append('"')
                        .append(tick == 0 ? " class=\"baseline\"" : "").append("/>");
            }
            out.append("</g>\n<g class=\"axis\">");
            text(out, LEFT - 8, TOP - 14, "end", "axis-title", unit);
            for (long tick = 0; tick <= axis.max(); tick += axis.step()) {
                text(out, LEFT - 8, y(tick, axis) + 4, "end", null, tickLabel(tick, digits, axis));
            }
            out.append("</g>\n");
        }

        /** Labels under each slot; thinned out when crowded; the year is shown under the first label and on change. */
        void xLabels(StringBuilder out, List<LocalDate> dates, DateTimeFormatter primary) {
            int every = Math.max(1, (int) Math.ceil(MIN_LABEL_SPACING / slotWidth()));
            out.append("<g class=\"axis\">");
            int shownYear = Integer.MIN_VALUE;
            for (int i = 0; i < dates.size(); i += every) {
                LocalDate date = dates.get(i);
                double x = slotCentre(i);
                text(out, x, PLOT_BOTTOM + 16, "middle", null, primary.format(date));
                if (date.getYear() != shownYear) {
                    text(out, x, PLOT_BOTTOM + 30, "middle", "year", Integer.toString(date.getYear()));
                    shownYear = date.getYear();
                }
            }
            out.append("</g>\n");
        }
    }

    private static double scale(long value, Axis axis, double length) {
        return (double) value / axis.max() * length;
    }

    private static String percent(long part, long whole) {
        return Math.round(100.0 * part / whole) + "%";
    }

    // ================================================================================================ axis

    /** A value axis from zero to {@code max} in steps of {@code step} (both in minor units, {@code max} a multiple). */
    record Axis(long step, long max) {
        Axis {
            if (step <= 0 || max <= 0 || max % step != 0) {
                throw new IllegalArgumentException("invalid axis " + step + "/" + max);
            }
        }
    }

    /**
     * The smallest axis whose step is 1, 2, 2.5 or 5 times a power of ten (in minor units, never a fraction of one) and
     * that covers {@code dataMax} in at most five steps. An all-zero chart gets an axis of one major unit so nothing
     * divides by zero.
     */
    static Axis niceAxis(long dataMax, int minorUnitDigits) {
        requireAmount(dataMax, "dataMax");
        if (dataMax == 0) {
            long one = BigInteger.TEN.pow(minorUnitDigits).longValueExact();
            return new Axis(one, one);
        }
        try {
            for (long power = 1; ; power = Math.multiplyExact(power, 10)) {
                for (long tenths : new long[] {10, 20, 25, 50}) {
                    if (tenths == 25 && power < 10) {
                        continue;
                    }
                    long step = Math.multiplyExact(power, tenths) / 10;
                    long intervals = Math.ceilDiv(dataMax, step);
                    if (intervals <= MAX_TICK_INTERVALS) {
                        return new Axis(step, Math.multiplyExact(step, intervals));
                    }
                }
            }
        } catch (ArithmeticException overflow) {
            return new Axis(dataMax, dataMax); // near Long.MAX_VALUE: a single, exact interval
        }
    }

    /**
     * A compact, exact tick label: the value in major units, with trailing zeros dropped and a k / M / bn suffix when
     * the axis reaches ten thousand, a million or a billion major units, e.g. "0", "250", "2.5k", "1.25M".
     */
    static String tickLabel(long minor, int minorUnitDigits, Axis axis) {
        BigDecimal axisMax = BigDecimal.valueOf(axis.max(), minorUnitDigits);
        int shift;
        String suffix;
        if (axisMax.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0) {
            shift = 9;
            suffix = "bn";
        } else if (axisMax.compareTo(BigDecimal.valueOf(1_000_000L)) >= 0) {
            shift = 6;
            suffix = "M";
        } else if (axisMax.compareTo(BigDecimal.valueOf(10_000L)) >= 0) {
            shift = 3;
            suffix = "k";
        } else {
            shift = 0;
            suffix = "";
        }
        BigDecimal scaled = BigDecimal.valueOf(minor, minorUnitDigits).movePointLeft(shift).stripTrailingZeros();
        if (scaled.signum() == 0) {
            return "0";
        }
        String plain = scaled.toPlainString();
        int dot = plain.indexOf('.');
        return dot < 0 ? groupThousands(plain) + suffix : groupThousands(plain.substring(0, dot)) + plain.substring(dot) + suffix;
    }

    // ================================================================================================ formatting

    /**
     * Formats a non-negative amount in minor units exactly, with thousands separators: {@code (123456, 2)} gives
     * "1,234.56", {@code (123456, 0)} gives "123,456", {@code (5, 3)} gives "0.005".
     *
     * @throws IllegalArgumentException if the amount is negative or the digits are outside 0..4
     */
    public static String formatAmount(long minor, int minorUnitDigits) {
        requireAmount(minor, "amount");
        requireMinorUnitDigits(minorUnitDigits);
        return formatDigits(Long.toString(minor), minorUnitDigits);
    }

    /** {@link #formatAmount} prefixed with the ISO 4217 code: "USD 1,234.56", "JPY 123,456". */
    public static String formatMoney(String currency, long minor, int minorUnitDigits) {
        return requireCurrency(currency) + " " + formatAmount(minor, minorUnitDigits);
    }

    /** Formats a string of decimal digits holding a non-negative minor-unit amount. */
    private static String formatDigits(String digits, int minorUnitDigits) {
        String padded = digits.length() > minorUnitDigits ? digits : "0".repeat(minorUnitDigits + 1 - digits.length()) + digits;
        int split = padded.length() - minorUnitDigits;
        String whole = groupThousands(padded.substring(0, split));
        return minorUnitDigits == 0 ? whole : whole + "." + padded.substring(split);
    }

    private static String groupThousands(String digits) {
        StringBuilder grouped = new StringBuilder(digits.length() + digits.length() / 3);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(digits.charAt(i));
        }
        return grouped.toString();
    }

    /**
     * Escapes text for HTML/XML element content and quoted attribute values ({@code & < > " '}) and replaces
     * characters that XML does not allow (C0 controls other than tab, newline and carriage return; unpaired
     * surrogates; U+FFFE/U+FFFF) with U+FFFD.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(isXmlChar(c) ? c : 0xFFFD);
            }
        });
        return escaped.toString();
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    // ================================================================================================ validation

    private static String requireText(String text, String name) {
        Objects.requireNonNull(text, name);
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return text;
    }

    private static String requireCurrency(String currency) {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code like USD, got '" + currency + "'");
        }
        return currency;
    }

    private static void requireAmount(long minor, String name) {
        if (minor < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + minor);
        }
    }

    private static void requireMinorUnitDigits(int digits) {
        if (digits < 0 || digits > MAX_MINOR_UNIT_DIGITS) {
            throw new IllegalArgumentException("minorUnitDigits must be 0.." + MAX_MINOR_UNIT_DIGITS + ", got " + digits);
        }
    }

    private static void checkedSum(String what, long... parts) {
        long sum = 0;
        try {
            for (long part : parts) {
                sum = Math.addExact(sum, part);
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(what + " add up to more than a long can hold", overflow);
        }
    }

    private static void requireRelativeLink(String link) {
        if (link.isEmpty()) {
            throw new IllegalArgumentException("link must not be empty");
        }
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '\\') {
                throw new IllegalArgumentException("link must not contain whitespace, control characters or backslashes: "
                        + link);
            }
        }
        if (URI_SCHEME.matcher(link).find() || link.startsWith("/")) {
            throw new IllegalArgumentException("link must be a relative reference like invoices/INV-1.html, got " + link);
        }
    }

    private static Map<String, Integer> copyOutcomes(Map<String, Integer> outcomes) {
        Objects.requireNonNull(outcomes, "dunningOutcomes");
        Map<String, Integer> copy = new LinkedHashMap<>();
        outcomes.forEach((label, count) -> {
            requireText(label, "dunning outcome");
            Objects.requireNonNull(count, "count of " + label);
            if (count < 0) {
                throw new IllegalArgumentException("count of '" + label + "' must not be negative, got " + count);
            }
            copy.put(label, count);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static List<Row> requireCellCount(List<Row> rows, int cells, String table) {
        List<Row> copy = List.copyOf(Objects.requireNonNull(rows, table));
        for (Row row : copy) {
            if (row.cells().size() != cells) {
                throw new IllegalArgumentException(table + " rows need " + cells + " cells, got " + row.cells());
            }
        }
        return copy;
    }

    private static <T> void requireUnique(List<T> items, Function<T, String> key, String what) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            if (!seen.add(key.apply(item))) {
                throw new IllegalArgumentException("duplicate " + what + ": " + key.apply(item));
            }
        }
    }

    private static void requireConsistentMinorUnits(List<AgingSnapshot> aging, List<CashPoint> cash) {
        Map<String, Integer> digits = new HashMap<>();
        for (AgingSnapshot s : aging) {
            requireSameDigits(digits, s.currency(), s.minorUnitDigits());
        }
        for (CashPoint p : cash) {
            requireSameDigits(digits, p.currency(), p.minorUnitDigits());
        }
    }

    private static void requireSameDigits(Map<String, Integer> known, String currency, int digits) {
        Integer previous = known.putIfAbsent(currency, digits);
        if (previous != null && previous != digits) {
            throw new IllegalArgumentException(currency + " has " + previous + " and " + digits + " minor-unit digits");
        }
    }

    // ================================================================================================ grouping

    /** Currencies in order of first appearance (aging, then cash), so every section lists them the same way. */
    private static List<String> currencyOrder(Data data) {
        Set<String> order = new LinkedHashSet<>();
        data.aging().forEach(s -> order.add(s.currency()));
        data.cash().forEach(p -> order.add(p.currency()));
        return List.copyOf(order);
    }

    private static <T> Map<String, List<T>> groupByCurrency(List<T> items, List<String> currencies,
                                                            Function<T, String> currency, Comparator<T> order) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (String code : currencies) {
            List<T> group = items.stream().filter(item -> currency.apply(item).equals(code)).sorted(order).toList();
            if (!group.isEmpty()) {
                groups.put(code, group);
            }
        }
        return groups;
    }

    /** SVG coordinates rounded to 0.01 without trailing zeros: deterministic and compact. */
    private static String px(double value) {
        long hundredths = Math.round(value * 100);
        return BigDecimal.valueOf(hundredths, 2).stripTrailingZeros().toPlainString();
    }

    // ================================================================================================ style

    private static final String CSS = """

            :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --panel: #f7f9fb; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1160px; margin: 0 auto; padding: 32px 28px 40px; }
            header.page { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 24px; }
            h1 { font-size: 28px; line-height: 1.2; margin: 0 0 4px; letter-spacing: -0.01em; }
            h2 { font-size: 19px; margin: 0 0 2px; }
            .subtitle { color: var(--muted); margin: 0; font-size: 15px; }
            section { margin: 0 0 36px; }
            .note { color: var(--muted); margin: 0 0 10px; font-size: 13px; }
            .kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px;
              list-style: none; margin: 0; padding: 0; }
            .kpi { border: 1px solid var(--line); border-left: 4px solid #0072B2; border-radius: 6px;
              padding: 10px 14px 12px; background: var(--panel); }
            .kpi-label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
            .kpi-value { font-size: 22px; font-weight: 650; line-height: 1.25; margin-top: 2px;
              font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
            .kpi-value.multi { font-size: 16px; line-height: 1.35; margin-top: 4px; }
            .kpi-part { display: block; white-space: nowrap; }
            .kpi-part .sep { display: none; }
            .legend { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; margin: 0 0 12px; padding: 0;
              font-size: 13px; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 6px;
              vertical-align: -1px; }
            .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px 20px; }
            figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 8px;
              break-inside: avoid; page-break-inside: avoid; }
            figure.single { max-width: 760px; }
            figcaption { font-weight: 600; margin-bottom: 4px; }
            .ccy { display: inline-block; background: var(--ink); color: #fff; border-radius: 3px; padding: 0 6px;
              font-size: 12px; letter-spacing: 0.05em; vertical-align: 1px; margin-right: 4px; }
            .fig-note { margin: 4px 0 0; font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
            svg.chart { display: block; width: 100%; height: auto; }
            svg.chart text { font-family: inherit; font-size: 11px; fill: var(--muted); }
            svg.chart text.axis-title { font-weight: 600; fill: var(--ink); }
            svg.chart text.year { font-size: 10px; }
            svg.chart text.bar-label { font-size: 13px; fill: var(--ink); }
            svg.chart text.bar-value { font-size: 13px; font-weight: 600; fill: var(--ink); }
            svg.chart text.bar-label, svg.chart text.bar-value { paint-order: stroke; stroke: #fff; stroke-width: 3px;
              stroke-linejoin: round; }
            svg.chart .grid line { stroke: #e4e7eb; stroke-width: 1; }
            svg.chart .grid line.baseline { stroke: #9aa5b1; }
            svg.chart .bar rect { stroke: #fff; stroke-width: 0.75; }
            svg.chart .bar rect.unapplied { stroke: #E69F00; stroke-width: 1; }
            svg.chart .bar:hover rect { opacity: 0.8; }
            .no-data { margin: 0; padding: 18px; border: 1px dashed var(--line); border-radius: 6px; color: var(--muted);
              text-align: center; }
            table.data { width: 100%; border-collapse: collapse; font-size: 13px; }
            table.data th, table.data td { padding: 5px 10px; text-align: left; border-bottom: 1px solid var(--line);
              vertical-align: baseline; }
            table.data thead th { border-bottom: 2px solid var(--ink); font-weight: 600; white-space: nowrap; }
            table.data tbody th { font-weight: 500; }
            table.data tbody tr:nth-child(even) { background: var(--panel); }
            table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            a { color: #0061a0; }
            .status { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; border: 1px solid;
              white-space: nowrap; }
            .status-good { color: #00573f; background: #e3f4ee; border-color: #9ed3bf; }
            .status-warn { color: #7a4a00; background: #fdf1d6; border-color: #efc36b; }
            .status-bad { color: #8c2d04; background: #fbe5da; border-color: #e5a283; }
            .status-muted { color: #52606d; background: #f0f2f4; border-color: #cbd2d9; }
            .status-neutral { color: #0b4f7c; background: #e6f1f8; border-color: #a9cce3; }
            footer.page { border-top: 1px solid var(--line); padding-top: 10px; color: var(--muted); font-size: 12px; }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { font-size: 11px; }
              main { max-width: none; padding: 0; }
              .multiples { grid-template-columns: 1fr 1fr; }
              section { margin-bottom: 20px; }
              h2, .note, .legend { break-after: avoid; page-break-after: avoid; }
              section.keep-together { break-inside: avoid; page-break-inside: avoid; }
              /* charts shrink to half the page width: enlarge their text (in SVG user units) to stay legible */
              svg.chart text { font-size: 13px; }
              svg.chart text.year { font-size: 12px; }
              svg.chart text.bar-label, svg.chart text.bar-value { font-size: 14px; }
              thead { display: table-header-group; }
              tr, .kpi { break-inside: avoid; page-break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
              .kpis { grid-template-columns: repeat(3, 1fr); }
            }
            """;
}
