package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportAxis.niceAxis;
import static io.periodic.local.runner.report.ReportFormat.formatDigits;
import static io.periodic.local.runner.report.ReportFormat.formatMoney;
import static io.periodic.local.runner.report.ReportMarkup.BLUE;
import static io.periodic.local.runner.report.ReportMarkup.ORANGE;
import static io.periodic.local.runner.report.ReportMarkup.SKY_BLUE;
import static io.periodic.local.runner.report.ReportMarkup.closeFigure;
import static io.periodic.local.runner.report.ReportMarkup.multiplesSection;
import static io.periodic.local.runner.report.ReportMarkup.openFigure;
import static io.periodic.local.runner.report.ReportMarkup.openSvg;
import static io.periodic.local.runner.report.ReportMarkup.rect;

import io.periodic.local.runner.report.ReportAxis.Axis;
import io.periodic.local.runner.report.ReportMarkup.LegendItem;
import io.periodic.local.runner.report.ReportPage.CashPoint;
import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The cash section: per month and currency, cash received beside how it was applied, the unapplied remainder hatched
 * on top; period totals summed exactly.
 */
final class CashChart {
    private static final String HATCH_SWATCH =
            "background:repeating-linear-gradient(135deg," + ORANGE + " 0 3px,#fff 3px 5px);border:1px solid " + ORANGE;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH);

    private CashChart() {
    }

    static void cashSection(StringBuilder out, List<CashPoint> cash, List<String> currencies) {
        multiplesSection(out, "cash", "Cash collected per month",
                "Left bar: cash received. Right bar: how it was applied to invoices, with the unapplied remainder hatched on top.",
                List.of(new LegendItem("Received", "background:" + BLUE),
                        new LegendItem("Applied to invoices", "background:" + SKY_BLUE),
                        new LegendItem("Unapplied", HATCH_SWATCH)),
                cash, currencies, CashPoint::currency, Comparator.comparing(CashPoint::month), CashChart::cashChart);
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
}
