package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportAxis.niceAxis;
import static io.periodic.local.runner.report.ReportFormat.escape;
import static io.periodic.local.runner.report.ReportFormat.formatMoney;
import static io.periodic.local.runner.report.ReportMarkup.DARK_RED;
import static io.periodic.local.runner.report.ReportMarkup.GREEN;
import static io.periodic.local.runner.report.ReportMarkup.ORANGE;
import static io.periodic.local.runner.report.ReportMarkup.VERMILLION;
import static io.periodic.local.runner.report.ReportMarkup.YELLOW;
import static io.periodic.local.runner.report.ReportMarkup.closeFigure;
import static io.periodic.local.runner.report.ReportMarkup.multiplesSection;
import static io.periodic.local.runner.report.ReportMarkup.openFigure;
import static io.periodic.local.runner.report.ReportMarkup.openSvg;
import static io.periodic.local.runner.report.ReportMarkup.percent;
import static io.periodic.local.runner.report.ReportMarkup.rect;

import io.periodic.local.runner.report.ReportAxis.Axis;
import io.periodic.local.runner.report.ReportMarkup.LegendItem;
import io.periodic.local.runner.report.ReportPage.AgingSnapshot;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The receivables aging section: open receivables at each month end by days past due, one chart per currency. */
final class AgingChart {
    private static final List<String> AGING_LABELS = List.of("Current", "1–30 days", "31–60 days", "61–90 days", "Over 90 days");
    private static final List<String> AGING_COLOURS = List.of(GREEN, YELLOW, ORANGE, VERMILLION, DARK_RED);

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private AgingChart() {
    }

    static void agingSection(StringBuilder out, List<AgingSnapshot> aging, List<String> currencies) {
        List<LegendItem> legend = new ArrayList<>();
        for (int i = 0; i < AGING_LABELS.size(); i++) {
            legend.add(new LegendItem(AGING_LABELS.get(i), "background:" + AGING_COLOURS.get(i)));
        }
        multiplesSection(out, "aging", "Receivables aging over time",
                "Open receivables at each month end, by days past due. One chart per currency, each on its own scale.",
                legend, aging, currencies, AgingSnapshot::currency, Comparator.comparing(AgingSnapshot::asOf),
                AgingChart::agingChart);
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
}
