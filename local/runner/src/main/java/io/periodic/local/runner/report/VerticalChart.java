package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportFormat.px;
import static io.periodic.local.runner.report.ReportAxis.tickLabel;
import static io.periodic.local.runner.report.ReportMarkup.scale;
import static io.periodic.local.runner.report.ReportMarkup.text;

import io.periodic.local.runner.report.ReportAxis.Axis;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Geometry shared by the vertical bar charts: fixed viewBox, y axis on the left, two-line date labels below. */
final class VerticalChart {
    /** Height in SVG user units of the plot area of the vertical bar charts (aging, cash): a full-scale bar. */
    static final int PLOT_HEIGHT = 200;
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
