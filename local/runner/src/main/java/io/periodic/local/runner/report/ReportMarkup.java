package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportFormat.escape;
import static io.periodic.local.runner.report.ReportFormat.px;

import io.periodic.local.runner.report.ReportAxis.Axis;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pieces every section of the report is made of: sections, legends, figures, SVG elements, the palette and the
 * grouping of data by currency (one chart per currency).
 */
final class ReportMarkup {
    // Okabe–Ito palette (plus a darker vermillion to end the aging ramp in a clear "worst" colour).
    static final String GREEN = "#009E73";
    static final String YELLOW = "#F0E442";
    static final String ORANGE = "#E69F00";
    static final String VERMILLION = "#D55E00";
    static final String DARK_RED = "#8C2D04";
    static final String BLUE = "#0072B2";
    static final String SKY_BLUE = "#56B4E9";

    private ReportMarkup() {
    }

    record LegendItem(String label, String swatchStyle) {
    }

    static void openSection(StringBuilder out, String id, String heading, String note) {
        openSection(out, id, heading, note, false);
    }

    /** @param keepTogether for short sections: do not split them across printed pages */
    static void openSection(StringBuilder out, String id, String heading, String note, boolean keepTogether) {
        out.append("<section id=\"").append(id).append('"').append(keepTogether ? " class=\"keep-together\"" : "")
                .append(">\n<h2>").append(escape(heading)).append("</h2>\n");
        if (note != null) {
            out.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
        }
    }

    static void noData(StringBuilder out) {
        out.append("<p class=\"no-data\">No data</p>\n");
    }

    static void legend(StringBuilder out, List<LegendItem> items) {
        out.append("<ul class=\"legend\" aria-label=\"Legend\">");
        for (LegendItem item : items) {
            out.append("<li><span class=\"swatch\" style=\"").append(escape(item.swatchStyle())).append("\"></span>")
                    .append(escape(item.label())).append("</li>");
        }
        out.append("</ul>\n");
    }

    static void openFigure(StringBuilder out, String currency, String caption) {
        out.append("<figure class=\"multiple\">\n<figcaption><span class=\"ccy\">").append(escape(currency))
                .append("</span> ").append(escape(caption)).append("</figcaption>\n");
    }

    static void closeFigure(StringBuilder out, String summary) {
        out.append("<p class=\"fig-note\">").append(escape(summary)).append("</p>\n</figure>\n");
    }

    static void openSvg(StringBuilder out, String kind, String currency, int width, int height, String title,
                                String ariaLabel) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ").append(kind).append('"');
        if (currency != null) {
            out.append(" data-currency=\"").append(escape(currency)).append('"');
        }
        out.append(" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(escape(ariaLabel))
                .append("\">\n<title>").append(escape(title)).append("</title>\n");
    }

    static void rect(StringBuilder out, double x, double y, double width, double height, String paint,
                             String tooltip) {
        out.append("<rect x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" width=\"").append(px(width))
                .append("\" height=\"").append(px(height)).append("\" ").append(paint).append("><title>")
                .append(escape(tooltip)).append("</title></rect>");
    }

    static void text(StringBuilder out, double x, double y, String anchor, String cssClass, String content) {
        out.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y)).append("\" text-anchor=\"").append(anchor)
                .append('"');
        if (cssClass != null) {
            out.append(" class=\"").append(cssClass).append('"');
        }
        out.append('>').append(escape(content)).append("</text>");
    }

    static double scale(long value, Axis axis, double length) {
        return (double) value / axis.max() * length;
    }

    static String percent(long part, long whole) {
        return Math.round(100.0 * part / whole) + "%";
    }

    /** Draws one currency's chart of a small-multiples section. */
    interface CurrencyChart<T> {
        void draw(StringBuilder out, String currency, List<T> items);
    }

    /**
     * A section of small multiples: heading and note, then either "No data" or the legend and one chart per currency,
     * in the page's currency order, each currency's items sorted by {@code order}.
     */
    static <T> void multiplesSection(StringBuilder out, String id, String heading, String note, List<LegendItem> legend,
                                     List<T> items, List<String> currencies, Function<T, String> currency,
                                     Comparator<T> order, CurrencyChart<T> chart) {
        openSection(out, id, heading, note);
        if (items.isEmpty()) {
            noData(out);
        } else {
            legend(out, legend);
            out.append("<div class=\"multiples\">\n");
            groupByCurrency(items, currencies, currency, order).forEach((code, group) -> chart.draw(out, code, group));
            out.append("</div>\n");
        }
        out.append("</section>\n");
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
}
