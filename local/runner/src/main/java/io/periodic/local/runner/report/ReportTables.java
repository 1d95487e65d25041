package io.periodic.local.runner.report;

import static io.periodic.local.runner.report.ReportFormat.escape;
import static io.periodic.local.runner.report.ReportMarkup.noData;
import static io.periodic.local.runner.report.ReportMarkup.openSection;

import io.periodic.local.runner.report.ReportPage.Row;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The report's tables (invoices, customers): the first cell a row heading and link, numbers right-aligned. */
final class ReportTables {
    private ReportTables() {
    }

    static void tableSection(StringBuilder out, String id, String heading, String note, List<String> columns,
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
}
