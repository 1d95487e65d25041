package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportAxis.niceAxis;
import static io.periodic.local.runner.report.ReportAxis.tickLabel;
import static io.periodic.local.runner.report.ReportFormat.px;
import static io.periodic.local.runner.report.ReportMarkup.BLUE;
import static io.periodic.local.runner.report.ReportMarkup.legend;
import static io.periodic.local.runner.report.ReportMarkup.noData;
import static io.periodic.local.runner.report.ReportMarkup.openSection;
import static io.periodic.local.runner.report.ReportMarkup.openSvg;
import static io.periodic.local.runner.report.ReportMarkup.percent;
import static io.periodic.local.runner.report.ReportMarkup.rect;
import static io.periodic.local.runner.report.ReportMarkup.scale;
import static io.periodic.local.runner.report.ReportMarkup.text;

import io.periodic.local.runner.report.ReportAxis.Axis;
import io.periodic.local.runner.report.ReportMarkup.LegendItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dunning section: invoices per dunning outcome as horizontal bars, with counts and shares. */
final class DunningChart {
    private static final int DUNNING_WIDTH = 720;
    private static final int DUNNING_ROW = 42;
    private static final int DUNNING_TOP = 8;
    private static final int DUNNING_LEFT = 8;
    private static final int DUNNING_VALUE_ROOM = 120;
    private static final int DUNNING_AXIS_ROOM = 40;

    private DunningChart() {
    }

    static void dunningSection(StringBuilder out, Map<String, Integer> outcomes) {
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
}
