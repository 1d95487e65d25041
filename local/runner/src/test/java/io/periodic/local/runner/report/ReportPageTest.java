package io.periodic.local.runner.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.runner.report.ReportAxis.Axis;
import io.periodic.local.runner.report.ReportPage.AgingSnapshot;
import io.periodic.local.runner.report.ReportPage.CashPoint;
import io.periodic.local.runner.report.ReportPage.Data;
import io.periodic.local.runner.report.ReportPage.Kpi;
import io.periodic.local.runner.report.ReportPage.Row;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/** The whole page ({@link ReportPage#render}) and its input records; amounts and escaping: {@link ReportFormatTest}. */
class ReportPageTest {

    private static final String DOCTYPE = "<!DOCTYPE html>\n";
    private static final LocalDate JAN_31 = LocalDate.of(2027, 1, 31);
    private static final LocalDate FEB_28 = LocalDate.of(2027, 2, 28);
    private static final YearMonth JAN = YearMonth.of(2027, 1);
    private static final YearMonth FEB = YearMonth.of(2027, 2);

    // ============================================================================================ amounts

    @Test
    void rejectsNegativeAmountsEverywhere() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> ReportFormat.formatAmount(-1, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> ReportFormat.formatAmount(Long.MIN_VALUE, 0)),
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "USD", -1, 0, 0, 0, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "USD", 0, 0, 0, 0, -5, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> new CashPoint(JAN, "EUR", -1, 0, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> new CashPoint(JAN, "EUR", 0, -1, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> new CashPoint(JAN, "EUR", 0, 0, -1, 2)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> data(List.of(), List.of(), Map.of("Suspended", -1))));
    }

    @Test
    void rejectsMalformedInput() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "usd", 1, 0, 0, 0, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "US", 1, 0, 0, 0, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "USD", 1, 0, 0, 0, 0, 5)),
                () -> assertThrows(IllegalArgumentException.class, () -> aging(JAN_31, "USD", 1, 0, 0, 0, 0, -1)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> aging(JAN_31, "USD", Long.MAX_VALUE, 1, 0, 0, 0, 2)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new CashPoint(JAN, "USD", 0, Long.MAX_VALUE, 1, 2)),
                // the same currency with two different minor-unit digit counts
                () -> assertThrows(IllegalArgumentException.class, () -> data(
                        List.of(aging(JAN_31, "JPY", 1, 0, 0, 0, 0, 0)),
                        List.of(new CashPoint(JAN, "JPY", 1, 1, 0, 2)), Map.of())),
                // two snapshots of one currency on one date
                () -> assertThrows(IllegalArgumentException.class, () -> data(
                        List.of(aging(JAN_31, "USD", 1, 0, 0, 0, 0, 2), aging(JAN_31, "USD", 2, 0, 0, 0, 0, 2)),
                        List.of(), Map.of())),
                () -> assertThrows(IllegalArgumentException.class, () -> data(List.of(),
                        List.of(new CashPoint(JAN, "USD", 1, 1, 0, 2), new CashPoint(JAN, "USD", 2, 2, 0, 2)), Map.of())),
                // table rows must match the columns
                () -> assertThrows(IllegalArgumentException.class, () -> new Data("T", "", List.of(), List.of(),
                        List.of(), Map.of(), List.of(Row.of("INV-1", "Acme")), List.of())),
                () -> assertThrows(IllegalArgumentException.class, () -> new Row(List.of(), null)),
                () -> assertThrows(IllegalArgumentException.class, () -> new Kpi(" ", "1")),
                () -> assertThrows(IllegalArgumentException.class, () -> new Data(" ", "", List.of(), List.of(),
                        List.of(), Map.of(), List.of(), List.of())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "https://example.com/x.html", "//evil.test/x",
            "/etc/passwd", " javascript:alert(1)", "java\tscript:alert(1)", "\\\\evil\\x", "data:text/html,hi", ""})
    void rejectsLinksThatAreNotRelativeReferences(String link) {
        assertThrows(IllegalArgumentException.class, () -> new Row(List.of("INV-1"), link));
    }

    @Test
    void recordsAreImmutableCopies() {
        List<Kpi> kpis = new ArrayList<>(List.of(new Kpi("Invoices issued", "42")));
        Map<String, Integer> outcomes = new LinkedHashMap<>(Map.of("Paid", 1));
        Data data = new Data("T", "", kpis, List.of(), List.of(), outcomes, List.of(), List.of());
        kpis.clear();
        outcomes.put("Suspended", 3);
        assertEquals(1, data.kpis().size());
        assertEquals(Map.of("Paid", 1), data.dunningOutcomes());
        assertThrows(UnsupportedOperationException.class, () -> data.kpis().add(new Kpi("x", "y")));
        assertThrows(UnsupportedOperationException.class, () -> data.dunningOutcomes().put("x", 1));
    }

    // ============================================================================================ escaping

    @Test
    void escapesHostileTextEverywhereItAppears() throws Exception {
        String hostile = "<script>&\"'";
        Data data = new Data(hostile, hostile, List.of(new Kpi(hostile, hostile)), List.of(), List.of(),
                Map.of(hostile, 2),
                List.of(Row.linked("invoices/INV-1.html", "INV-1", hostile, "USD", "USD 1.00", hostile)),
                List.of(Row.of(hostile, "en-US", "USD", "1", "100%", "0")));
        String html = ReportPage.render(data);

        assertFalse(html.contains("<script"), "no raw script tag");
        assertFalse(html.contains(hostile));
        assertTrue(html.contains("&lt;script&gt;&amp;&quot;&#39;"));
        Document doc = parse(html);
        assertEquals(hostile, text(doc, "/html/head/title"));
        assertEquals(hostile, text(doc, "//section[@id='customers']//tbody/tr[1]/th"));
        assertEquals(hostile, text(doc, "//section[@id='invoices']//tbody/tr[1]/td[1]"));
        assertEquals(hostile, text(doc, "//section[@id='kpis']//*[@class='kpi-label']"));
        assertTrue(attribute(doc, "//section[@id='dunning']//svg", "aria-label").contains(hostile));
    }

    // ============================================================================================ charts

    @Test
    void drawsOneSvgPerCurrencyPerChartInFirstAppearanceOrder() throws Exception {
        Document doc = parse(ReportPage.render(sample()));
        List<String> currencies = List.of("USD", "EUR", "JPY", "KRW");
        assertEquals(currencies, attributes(doc, "//section[@id='aging']//svg", "data-currency"));
        assertEquals(currencies, attributes(doc, "//section[@id='cash']//svg", "data-currency"));
        assertEquals(1, nodes(doc, "//section[@id='dunning']//svg").getLength());
        assertEquals(9, nodes(doc, "//svg").getLength());
        for (String chart : List.of("aging", "cash")) {
            for (String currency : currencies) {
                assertEquals(currency + " " + (chart.equals("aging") ? "Receivables aging" : "Cash collected"),
                        text(doc, "//section[@id='" + chart + "']//figure[svg/@data-currency='" + currency + "']/figcaption"));
            }
        }
    }

    @Test
    void currencyWithCashButNoAgingGetsOnlyACashChart() throws Exception {
        Document doc = parse(ReportPage.render(data(
                List.of(aging(JAN_31, "USD", 100, 0, 0, 0, 0, 2)),
                List.of(new CashPoint(JAN, "USD", 10, 10, 0, 2), new CashPoint(JAN, "JPY", 10, 10, 0, 0)), Map.of())));
        assertEquals(List.of("USD"), attributes(doc, "//section[@id='aging']//svg", "data-currency"));
        assertEquals(List.of("USD", "JPY"), attributes(doc, "//section[@id='cash']//svg", "data-currency"));
    }

    @Test
    void agingBarHeightsAreProportionalToAmounts() throws Exception {
        Document doc = parse(ReportPage.render(data(List.of(
                // given out of order: the chart sorts snapshots by date
                aging(FEB_28, "USD", 50_000, 0, 0, 0, 0, 2),
                aging(JAN_31, "USD", 100_000, 0, 0, 0, 0, 2)), List.of(), Map.of())));

        List<Element> bars = elements(doc, "//section[@id='aging']//svg//rect[title]");
        assertEquals(2, bars.size());
        assertEquals("31 Jan 2027 · Current: USD 1,000.00", text(bars.get(0), "title"));
        assertEquals("28 Feb 2027 · Current: USD 500.00", text(bars.get(1), "title"));
        double full = number(bars.get(0), "height");
        assertEquals(VerticalChart.PLOT_HEIGHT, full, 1e-9, "the tallest bar spans the whole plot");
        assertEquals(full / 2, number(bars.get(1), "height"), 1e-9, "a half-value bar is half as tall");
        assertEquals(number(bars.get(0), "y") + full, number(bars.get(1), "y") + number(bars.get(1), "height"), 1e-9,
                "bars share the baseline");
        assertTrue(number(bars.get(0), "x") < number(bars.get(1), "x"), "dates run left to right");
    }

    @Test
    void agingBucketsStackContiguouslyInGreenToRedOrder() throws Exception {
        Document doc = parse(ReportPage.render(data(
                List.of(aging(JAN_31, "EUR", 20_000, 20_000, 20_000, 20_000, 20_000, 2)), List.of(), Map.of())));
        List<Element> segments = elements(doc, "//section[@id='aging']//svg//rect[title]");
        assertEquals(List.of("#009E73", "#F0E442", "#E69F00", "#D55E00", "#8C2D04"),
                segments.stream().map(s -> s.getAttribute("fill")).toList());
        for (int i = 0; i < segments.size(); i++) {
            assertEquals(VerticalChart.PLOT_HEIGHT / 5.0, number(segments.get(i), "height"), 1e-9);
            if (i > 0) {
                assertEquals(number(segments.get(i - 1), "y"),
                        number(segments.get(i), "y") + number(segments.get(i), "height"), 1e-9, "segment " + i + " sits on the previous one");
            }
        }
        assertTrue(text(segments.get(4), "title").endsWith("Over 90 days: EUR 200.00"));
        assertEquals("31 Jan 2027: EUR 1,000.00 outstanding, of which EUR 800.00 (80%) overdue",
                text(doc, "//section[@id='aging']//p[@class='fig-note']"));
    }

    @Test
    void cashBarsShowReceivedAndAppliedWithUnappliedStackedOnTop() throws Exception {
        Document doc = parse(ReportPage.render(data(List.of(),
                List.of(new CashPoint(JAN, "JPY", 1_000_000, 600_000, 400_000, 0)), Map.of())));
        List<Element> bars = elements(doc, "//section[@id='cash']//svg//rect[title]");
        assertEquals(List.of("Jan 2027 · received: JPY 1,000,000", "Jan 2027 · applied: JPY 600,000",
                "Jan 2027 · unapplied: JPY 400,000"), bars.stream().map(b -> text(b, "title")).toList());
        Element received = bars.get(0);
        Element applied = bars.get(1);
        Element unapplied = bars.get(2);
        assertEquals(VerticalChart.PLOT_HEIGHT, number(received, "height"), 1e-9);
        assertEquals(VerticalChart.PLOT_HEIGHT * 0.6, number(applied, "height"), 1e-9);
        assertEquals(VerticalChart.PLOT_HEIGHT * 0.4, number(unapplied, "height"), 1e-9);
        assertEquals(number(received, "y"), number(unapplied, "y"), 1e-9, "applied + unapplied reaches received");
        assertEquals(number(applied, "y"), number(unapplied, "y") + number(unapplied, "height"), 1e-9);
        assertEquals("url(#cash-hatch-JPY)", unapplied.getAttribute("fill"), "unapplied is hatched");
        assertEquals(1, nodes(doc, "//svg[@data-currency='JPY']/defs/pattern[@id='cash-hatch-JPY']").getLength());
    }

    @Test
    void dunningBarsAreHorizontalProportionalAndPrintTheirCounts() throws Exception {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put("Paid before any reminder", 10);
        outcomes.put("Suspended", 5);
        outcomes.put("Still in dunning", 0);
        Document doc = parse(ReportPage.render(data(List.of(), List.of(), outcomes)));

        List<Element> bars = elements(doc, "//section[@id='dunning']//svg//rect[title]");
        assertEquals(3, bars.size());
        assertEquals(number(bars.get(0), "width") / 2, number(bars.get(1), "width"), 1e-9);
        assertEquals(0, number(bars.get(2), "width"), 1e-9);
        assertEquals(List.of("Paid before any reminder", "Suspended", "Still in dunning"),
                texts(doc, "//section[@id='dunning']//text[@class='bar-label']"), "map order is kept");
        assertEquals(List.of("10 · 67%", "5 · 33%", "0 · 0%"),
                texts(doc, "//section[@id='dunning']//text[@class='bar-value']"));
    }

    @Test
    void axisTicksAreNicelyRoundedValues() throws Exception {
        assertAll(
                () -> assertEquals(new Axis(100, 100), ReportAxis.niceAxis(0, 2), "all-zero: one major unit"),
                () -> assertEquals(new Axis(1, 1), ReportAxis.niceAxis(0, 0)),
                () -> assertEquals(new Axis(2, 8), ReportAxis.niceAxis(7, 2)),
                () -> assertEquals(new Axis(20_000, 100_000), ReportAxis.niceAxis(100_000, 2)),
                () -> assertEquals(new Axis(25_000, 125_000), ReportAxis.niceAxis(101_000, 2)),
                () -> assertEquals(new Axis(250_000, 1_250_000), ReportAxis.niceAxis(1_234_567, 0)),
                () -> assertTrue(ReportAxis.niceAxis(Long.MAX_VALUE, 0).max() >= Long.MAX_VALUE / 2),
                () -> assertEquals("1.25M", ReportAxis.tickLabel(1_250_000, 0, new Axis(250_000, 1_250_000))),
                () -> assertEquals("0.25M", ReportAxis.tickLabel(250_000, 0, new Axis(250_000, 1_250_000))),
                () -> assertEquals("2.5k", ReportAxis.tickLabel(250_000, 2, new Axis(250_000, 1_000_000))),
                () -> assertEquals("1,000", ReportAxis.tickLabel(100_000, 2, new Axis(20_000, 100_000))),
                () -> assertEquals("0.05", ReportAxis.tickLabel(5, 2, new Axis(5, 10))),
                () -> assertEquals("30bn", ReportAxis.tickLabel(30_000_000_000L, 0, new Axis(10_000_000_000L, 30_000_000_000L))));

        Document doc = parse(ReportPage.render(data(List.of(aging(JAN_31, "USD", 100_000, 0, 0, 0, 0, 2)),
                List.of(), Map.of())));
        assertEquals(List.of("USD", "0", "200", "400", "600", "800", "1,000"),
                texts(doc, "//section[@id='aging']//svg/g[@class='axis']/text[@text-anchor='end']"),
                "y axis: unit, then ticks from zero");
        assertEquals(List.of("31 Jan", "2027"),
                texts(doc, "//section[@id='aging']//svg/g[@class='axis']/text[@text-anchor='middle']"));
    }

    @Test
    void chartsAreAccessibleAndHaveLegends() throws Exception {
        Document doc = parse(ReportPage.render(sample()));
        for (Element svg : elements(doc, "//svg")) {
            assertEquals("img", svg.getAttribute("role"));
            assertFalse(svg.getAttribute("aria-label").isBlank());
            Element first = firstElementChild(svg);
            assertEquals("title", first.getTagName(), "<title> is the first child");
            assertFalse(first.getTextContent().isBlank());
            assertTrue(svg.getAttribute("viewBox").matches("0 0 \\d+ \\d+"));
        }
        for (Element bar : elements(doc, "//svg//rect[not(ancestor::pattern)]")) {
            assertEquals(1, nodes(bar, "title").getLength(), "every bar has a tooltip");
        }
        assertEquals(List.of("Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days"),
                texts(doc, "//section[@id='aging']/ul[@class='legend']/li"));
        assertEquals(List.of("Received", "Applied to invoices", "Unapplied"),
                texts(doc, "//section[@id='cash']/ul[@class='legend']/li"));
        assertEquals(1, nodes(doc, "//section[@id='dunning']/ul[@class='legend']/li").getLength());
        assertEquals(List.of("Receivables aging over time", "Cash collected per month", "Dunning outcomes", "Invoices",
                "Customers’ payment behaviour"), texts(doc, "//section/h2"));
        assertEquals("Periodic billing demo", text(doc, "//h1"));
        assertEquals("Simulated 2027-01-01 to 2027-06-30", text(doc, "//p[@class='subtitle']"));
    }

    // ============================================================================================ page

    @Test
    void emptyDataShowsNoDataNotesAndIsStillWellFormed() throws Exception {
        Data empty = new Data("Empty run", "", List.of(), List.of(), List.of(), Map.of(), List.of(), List.of());
        String html = ReportPage.render(empty);
        Document doc = parse(html);
        for (String section : List.of("aging", "cash", "dunning", "invoices", "customers")) {
            assertEquals("No data", text(doc, "//section[@id='" + section + "']/p[@class='no-data']"), section);
        }
        assertEquals(0, nodes(doc, "//svg").getLength());
        assertEquals(0, nodes(doc, "//table").getLength());
        assertEquals(0, nodes(doc, "//section[@id='kpis']").getLength());
    }

    @Test
    void allZeroDataDoesNotDivideByZero() throws Exception {
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put("Paid before any reminder", 0);
        String html = ReportPage.render(data(List.of(aging(JAN_31, "KRW", 0, 0, 0, 0, 0, 0)),
                List.of(new CashPoint(JAN, "KRW", 0, 0, 0, 0)), outcomes));
        assertFalse(html.contains("NaN"));
        assertFalse(html.contains("Infinity"));
        Document doc = parse(html);
        assertEquals(3, nodes(doc, "//svg").getLength());
        assertEquals(0, nodes(doc, "//section[@id='aging']//rect").getLength(), "zero buckets draw nothing");
        assertEquals("31 Jan 2027: KRW 0 outstanding", text(doc, "//section[@id='aging']//p[@class='fig-note']"));
        assertEquals(List.of("0"), texts(doc, "//section[@id='dunning']//text[@class='bar-value']"));
    }

    @Test
    void kpiCardsShowEachCurrencyOfAValueOnItsOwnLine() throws Exception {
        Data data = new Data("T", "", List.of(new Kpi("Invoices issued", "42"),
                new Kpi("Collected", "USD 12,340.00 · JPY 1,200,000")), List.of(), List.of(), Map.of(), List.of(), List.of());
        Document doc = parse(ReportPage.render(data));
        assertEquals(List.of("Invoices issued", "Collected"), texts(doc, "//li[@class='kpi']/div[@class='kpi-label']"));
        assertEquals(List.of("42", "USD 12,340.00 · JPY 1,200,000"),
                texts(doc, "//li[@class='kpi']/div[starts-with(@class, 'kpi-value')]"), "text is kept whole");
        assertEquals(List.of("USD 12,340.00 · ", "JPY 1,200,000"), texts(doc, "//span[@class='kpi-part']"));
    }

    @Test
    void tablesLinkTheFirstCellAndRightAlignNumbers() throws Exception {
        Document doc = parse(ReportPage.render(sample()));
        List<Element> links = elements(doc, "//section[@id='invoices']//tbody/tr/th/a");
        assertEquals(24, links.size());
        assertEquals("invoices/INV-2027-000001.html", links.getFirst().getAttribute("href"));
        assertEquals("INV-2027-000001", links.getFirst().getTextContent());
        assertEquals(List.of("Invoice", "Customer", "Currency", "Total", "Status"),
                texts(doc, "//section[@id='invoices']//thead/tr/th"));
        assertEquals("num", attribute(doc, "//section[@id='invoices']//tbody/tr[1]/td[3]", "class"));
        assertEquals("status status-good", attribute(doc, "//section[@id='invoices']//tbody/tr[1]/td[4]/span", "class"));
        assertEquals(8, nodes(doc, "//section[@id='customers']//tbody/tr").getLength());
        assertEquals(0, nodes(doc, "//section[@id='customers']//a").getLength());
    }

    @Test
    void theMatchingTableListsTheRulesWithTheirPaymentsAndFeesAndIsLeftOutWhenEmpty() throws Exception {
        Data base = sample();
        assertEquals(0, nodes(parse(ReportPage.render(base)), "//section[@id='matching']").getLength(),
                "no rows, no section");
        Data data = new Data(base.title(), base.generatedFor(), base.kpis(), base.aging(), base.cash(),
                base.dunningOutcomes(), base.invoices(), base.customers(), List.of(
                        Row.of("reference", "The payment quoted the invoice number", "31", "–"),
                        Row.of("fee-tolerance", "Closed within the bank-fee tolerance", "1",
                                "JPY 440 on INV-2027-000003"),
                        Row.of("learned-alias", "Identified by a payer alias: ﾔﾏﾀﾞ ﾀﾛｳ <& co>", "4", "–")));
        Document doc = parse(ReportPage.render(data));
        assertEquals(ReportPage.MATCHING_COLUMNS, texts(doc, "//section[@id='matching']//thead/tr/th"));
        assertEquals(List.of("reference", "fee-tolerance", "learned-alias"),
                texts(doc, "//section[@id='matching']//tbody/tr/th"));
        assertEquals(List.of("Closed within the bank-fee tolerance", "1", "JPY 440 on INV-2027-000003"),
                texts(doc, "//section[@id='matching']//tbody/tr[2]/td"));
        assertEquals("Identified by a payer alias: ﾔﾏﾀﾞ ﾀﾛｳ <& co>",
                texts(doc, "//section[@id='matching']//tbody/tr[3]/td").getFirst(), "escaped, read back as written");
        assertEquals("num", attribute(doc, "//section[@id='matching']//tbody/tr[1]/td[2]", "class"));
        assertThrows(IllegalArgumentException.class, () -> new Data("T", "", List.of(), List.of(), List.of(),
                Map.of(), List.of(), List.of(), List.of(Row.of("reference", "3"))), "four cells a row");
    }

    @Test
    void pageIsSelfContained() {
        String html = ReportPage.render(sample());
        assertTrue(html.startsWith(DOCTYPE + "<html lang=\"en\">"));
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "src=", "@import", "url(http", "https:",
                "javascript:", "onload=", "onclick=")) {
            assertFalse(html.contains(forbidden), forbidden);
        }
        // the only URL is the SVG namespace name, which is never fetched
        assertEquals(html.split("http://", -1).length - 1, html.split("http://www.w3.org/2000/svg\"", -1).length - 1);
    }

    @Test
    void outputIsDeterministic() {
        String first = ReportPage.render(sample());
        assertEquals(first, ReportPage.render(sample()), "equal data gives equal bytes");
        assertEquals(first, ReportPage.render(sample()));
    }

    @Test
    void writesASamplePageForPeopleToLookAt() throws Exception {
        String html = ReportPage.render(sample());
        Path file = Path.of("target", "report-sample.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);

        Document doc = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(4, nodes(doc, "//section[@id='aging']//svg").getLength());
        assertEquals(6, nodes(doc, "//section[@id='aging']//svg[@data-currency='KRW']/g[@class='bar']").getLength(),
                "six month-end snapshots");
        assertEquals(5, nodes(doc, "//section[@id='kpis']//li").getLength());
    }

    // ============================================================================================ sample data

    /** Six months of a plausible demo: four currencies, growing receivables, some dunning. */
    static Data sample() {
        record Ccy(String code, int digits, long minorPerBaseUnit) {
        }
        List<Ccy> currencies = List.of(
                new Ccy("USD", 2, 100L), new Ccy("EUR", 2, 100L), new Ccy("JPY", 0, 150L), new Ccy("KRW", 0, 1_350L));
        long[] base = {18_000, 9_500, 16_000, 21_000}; // size of each book in the first month, in US dollars
        List<AgingSnapshot> aging = new ArrayList<>();
        List<CashPoint> cash = new ArrayList<>();
        for (int c = 0; c < currencies.size(); c++) {
            Ccy ccy = currencies.get(c);
            for (int m = 0; m < 6; m++) {
                YearMonth month = YearMonth.of(2027, 1 + m);
                long scale = base[c] * ccy.minorPerBaseUnit() * (100 + 14L * m + 7L * ((m + c) % 3)) / 100;
                aging.add(new AgingSnapshot(month.atEndOfMonth(), ccy.code(),
                        scale * 62 / 100 + 37 * (c + 1),
                        scale * (14 + (m + c) % 4) / 100,
                        m == 0 ? 0 : scale * (6 + (m * c) % 3) / 100,
                        m < 2 ? 0 : scale * (3 + m % 2) / 100,
                        m < 3 ? 0 : scale * (m - 2) / 100,
                        ccy.digits()));
                long received = scale * (70 + 3L * m) / 100 + 19 * (m + 1);
                long unapplied = (m + c) % 3 == 0 ? received * 4 / 100 : (m == 5 ? received / 50 : 0);
                cash.add(new CashPoint(month, ccy.code(), received, received - unapplied, unapplied, ccy.digits()));
            }
        }

        Map<String, Integer> dunning = new LinkedHashMap<>();
        dunning.put("Paid before any reminder", 58);
        dunning.put("Recovered after first reminder", 14);
        dunning.put("Recovered after final notice", 6);
        dunning.put("Late fee charged", 4);
        dunning.put("Suspended", 2);
        dunning.put("Still in dunning", 3);

        record Customer(String name, String locale, String currency, int digits, long price) {
        }
        List<Customer> customers = List.of(
                new Customer("Acme Analytics, Inc.", "en-US", "USD", 2, 249_900),
                new Customer("Northwind Traders LLC", "en-US", "USD", 2, 89_000),
                new Customer("Müller & Söhne GmbH", "de-DE", "EUR", 2, 119_000),
                new Customer("Café Lumière SARL", "fr-FR", "EUR", 2, 49_900),
                new Customer("株式会社さくらデータ", "ja-JP", "JPY", 0, 198_000),
                new Customer("Kitsune Logistics K.K.", "ja-JP", "JPY", 0, 54_000),
                new Customer("(주)한빛소프트", "ko-KR", "KRW", 0, 2_750_000),
                new Customer("Seoul Bakery Co.", "ko-KR", "KRW", 0, 390_000));
        List<String> statuses = List.of("Paid", "Paid", "Paid", "Overdue", "Paid", "Open", "Paid", "Void", "Paid",
                "Suspended", "Paid", "Paid");
        List<Row> invoices = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Customer customer = customers.get(i % customers.size());
            String number = "INV-2027-%06d".formatted(i + 1);
            long total = customer.price() * (1 + i / customers.size());
            invoices.add(Row.linked("invoices/" + number + ".html", number, customer.name(), customer.currency(),
                    ReportFormat.formatMoney(customer.currency(), total, customer.digits()), statuses.get(i % statuses.size())));
        }
        String[][] behaviour = {
                {"6", "100%", "0"}, {"5", "83%", "3"}, {"6", "67%", "9"}, {"4", "100%", "0"},
                {"6", "100%", "0"}, {"5", "60%", "14"}, {"6", "83%", "2"}, {"3", "33%", "41"}};
        List<Row> customerRows = new ArrayList<>();
        for (int i = 0; i < customers.size(); i++) {
            Customer customer = customers.get(i);
            customerRows.add(Row.of(customer.name(), customer.locale(), customer.currency(), behaviour[i][0],
                    behaviour[i][1], behaviour[i][2]));
        }

        List<Kpi> kpis = List.of(
                new Kpi("Invoices issued", "87"),
                new Kpi("Collected", "USD 86,412.50 · EUR 41,870.25 · JPY 10,254,000 · KRW 118,320,000"),
                new Kpi("Outstanding 30 Jun", "USD 31,204.17 · EUR 15,980.00 · JPY 3,980,500 · KRW 41,800,000"),
                new Kpi("Paid on time", "78%"),
                new Kpi("Customers", "8 in 4 currencies"));
        return new Data("Periodic billing demo", "Simulated 2027-01-01 to 2027-06-30", kpis, aging, cash, dunning,
                invoices, customerRows);
    }

    // ============================================================================================ helpers

    private static AgingSnapshot aging(LocalDate asOf, String currency, long current, long d1to30, long d31to60,
                                       long d61to90, long over90, int digits) {
        return new AgingSnapshot(asOf, currency, current, d1to30, d31to60, d61to90, over90, digits);
    }

    private static Data data(List<AgingSnapshot> aging, List<CashPoint> cash, Map<String, Integer> outcomes) {
        return new Data("Periodic billing demo", "Simulated 2027-01-01 to 2027-06-30", List.of(), aging, cash, outcomes,
                List.of(), List.of());
    }

    /** Parses the page as XML: strips the HTML doctype, refuses DTDs and external entities. */
    private static Document parse(String html) throws Exception {
        assertTrue(html.startsWith(DOCTYPE), "starts with the HTML5 doctype");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder.parse(new InputSource(new StringReader(html.substring(DOCTYPE.length()))));
    }

    private static NodeList nodes(Node context, String xpath) throws XPathExpressionException {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
    }

    private static List<Element> elements(Node context, String xpath) throws XPathExpressionException {
        NodeList list = nodes(context, xpath);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            elements.add((Element) list.item(i));
        }
        return elements;
    }

    private static List<String> texts(Node context, String xpath) throws XPathExpressionException {
        return elements(context, xpath).stream().map(Node::getTextContent).toList();
    }

    private static List<String> attributes(Node context, String xpath, String name) throws XPathExpressionException {
        return elements(context, xpath).stream().map(e -> e.getAttribute(name)).toList();
    }

    private static String text(Node context, String xpath) {
        try {
            List<String> found = texts(context, xpath);
            assertEquals(1, found.size(), () -> "exactly one match for " + xpath + ": " + found);
            return found.getFirst();
        } catch (XPathExpressionException e) {
            throw new AssertionError(e);
        }
    }

    private static String attribute(Node context, String xpath, String name) throws XPathExpressionException {
        List<String> found = attributes(context, xpath, name);
        assertEquals(1, found.size(), () -> "exactly one match for " + xpath);
        return found.getFirst();
    }

    private static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    private static Element firstElementChild(Element parent) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        throw new AssertionError("no child element in " + parent.getTagName());
    }
}
