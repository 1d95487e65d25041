package io.periodic.local.runner;

import static io.periodic.local.runner.Demo.check;
import static io.periodic.local.runner.Demo.digits;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.local.runner.Demo.Profile;
import io.periodic.local.runner.report.ReportFormat;
import io.periodic.local.runner.report.ReportPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The end of the demo: every invoice's documents (HTML and PDF) downloaded next to the report, the report page
 * ({@link ReportPage}: headline numbers, aging, cash, dunning outcomes, invoices, customers) from the API's reports,
 * and the summary the runner prints.
 */
final class DemoReport {
    private final LocalClient api;
    private final LocalSystem system;

    DemoReport(LocalClient api, LocalSystem system) {
        this.api = api;
        this.system = system;
    }

    /**
     * Downloads every invoice document, writes the report page and returns the summary.
     *
     * @param customers the demo's customers by id
     * @param aging the month-end aging snapshots taken during the run
     */
    Demo.Summary write(LocalDate first, LocalDate end, Map<String, Profile> customers,
            List<ReportPage.AgingSnapshot> aging) {
        Path out = system.outputDir();
        List<ReportPage.Row> invoiceRows = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (String o : List.of("Paid before any reminder", "Paid after reminders", "Late fee charged",
                "Suspended", "Still in dunning", "Open, not yet due")) {
            outcomes.put(o, 0);
        }
        int htmlDocuments = 0;
        int pdfDocuments = 0;
        long paidCount = 0;
        Map<String, Set<String>> paymentsByRule = new TreeMap<>(Comparator.comparingInt(DemoReport::ruleOrder)
                .thenComparing(Comparator.naturalOrder()));
        Map<String, Long> feesOnInvoices = new TreeMap<>();
        List<String> feeInvoices = new ArrayList<>();
        for (Map.Entry<String, Profile> c : customers.entrySet()) {
            String cursor = null;
            do {
                JsonNode page = check(api.get("/invoices?customerId=" + c.getKey() + "&limit=100"
                        + (cursor == null ? "" : "&cursor=" + cursor)), 200, "list invoices");
                for (JsonNode summary : page.get("data")) {
                    JsonNode invoice = check(api.get("/invoices/" + summary.get("id").textValue()), 200, "invoice");
                    String number = invoice.get("number").textValue();
                    String status = invoice.get("status").textValue();
                    String currency = invoice.get("currency").textValue();
                    htmlDocuments += save(out, "/invoices/" + invoice.get("id").textValue() + "/document?format=html",
                            number + ".html");
                    pdfDocuments += save(out, "/invoices/" + invoice.get("id").textValue() + "/document?format=pdf",
                            number + ".pdf");
                    invoiceRows.add(ReportPage.Row.linked("invoices/" + number + ".html", number,
                            c.getValue().name(), currency, ReportFormat.formatMoney(currency,
                                    invoice.get("total").longValue(), digits(currency)), status));
                    if (status.equals("paid")) {
                        paidCount++;
                    }
                    for (JsonNode p : invoice.path("payments")) {
                        paymentsByRule.computeIfAbsent(p.get("rule").textValue(), r -> new TreeSet<>())
                                .add(p.get("paymentId").textValue());
                    }
                    if (invoice.path("writtenOff").longValue() > 0) {
                        feesOnInvoices.merge(currency, invoice.get("writtenOff").longValue(), Long::sum);
                        feeInvoices.add(number);
                    }
                    if (!invoice.get("id").textValue().startsWith("fee_")) {
                        outcomes.merge(outcome(invoice, end), 1, Integer::sum);
                    }
                }
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
            } while (cursor != null);
        }
        List<ReportPage.Row> customerRows = new ArrayList<>();
        JsonNode behaviour = check(api.get("/reports/payment-behaviour?limit=100"), 200, "payment behaviour");
        for (JsonNode line : behaviour.get("data")) {
            Profile p = customers.get(line.get("customerId").textValue());
            customerRows.add(ReportPage.Row.of(line.get("customerName").textValue(), p.locale(), p.currency(),
                    Integer.toString(line.get("invoicesPaid").intValue()),
                    line.get("invoicesPaid").intValue() == 0 ? "–" : line.get("onTimeRatePercent").intValue() + " %",
                    line.get("invoicesPaid").intValue() == 0 ? "–" : Long.toString(
                            line.get("medianDaysFromDueDate").longValue())));
        }
        List<ReportPage.CashPoint> cash = new ArrayList<>();
        Map<String, long[]> byMonth = new TreeMap<>();
        JsonNode collections = check(api.get("/reports/collections?from=" + first + "&to=" + end.minusDays(1)), 200,
                "collections report");
        Map<String, Long> collected = new TreeMap<>();
        Map<String, Long> fees = new TreeMap<>();
        for (JsonNode d : collections.get("days")) {
            if (d.path("feesWrittenOff").longValue() > 0) {
                fees.merge(d.get("currency").textValue(), d.get("feesWrittenOff").longValue(), Long::sum);
            }
            String key = YearMonth.from(LocalDate.parse(d.get("date").textValue())) + "|" + d.get("currency").textValue();
            long[] sums = byMonth.computeIfAbsent(key, k -> new long[3]);
            sums[0] += d.get("received").longValue();
            sums[1] += d.get("applied").longValue();
            sums[2] += d.get("unapplied").longValue();
            collected.merge(d.get("currency").textValue(), d.get("received").longValue(), Long::sum);
        }
        byMonth.forEach((key, s) -> {
            String[] parts = key.split("\\|");
            cash.add(new ReportPage.CashPoint(YearMonth.parse(parts[0]), parts[1], s[0], s[1], s[2],
                    digits(parts[1])));
        });
        int mails = system.outbox().size();
        List<FileOutboxMailer.Sent> outbox = FileOutboxMailer.read(out.resolve("outbox"));
        long withPdf = outbox.stream().filter(m -> !m.attachments().isEmpty()).count();
        long receipts = outbox.stream().filter(m -> m.key().startsWith("receipt")).count();
        // Brightline's address is on the simulated bounce domain: its first mail bounces, the rest are held back.
        JsonNode problems = api.get("/customers?deliveryProblem=true&limit=100").json().get("data");
        int heldBack = 0;
        for (JsonNode p : problems) {
            heldBack += p.get("deliveryStatus").get("suppressedSends").intValue();
        }
        String collectedText = String.join(" · ", collected.entrySet().stream()
                .map(e -> ReportFormat.formatMoney(e.getKey(), e.getValue(), digits(e.getKey()))).toList());
        List<ReportPage.Kpi> kpis = List.of(
                new ReportPage.Kpi("Invoices issued", Integer.toString(invoiceRows.size())),
                new ReportPage.Kpi("Paid", Long.toString(paidCount)),
                new ReportPage.Kpi("Payments received", Integer.toString(collections.get("days").size() == 0 ? 0
                        : sum(collections, "payments"))),
                new ReportPage.Kpi("Collected", collectedText.isEmpty() ? "–" : collectedText),
                new ReportPage.Kpi("Bank fees written off", fees.isEmpty() ? "–" : String.join(" · ", fees.entrySet()
                        .stream().map(e -> ReportFormat.formatMoney(e.getKey(), e.getValue(), digits(e.getKey())))
                        .toList())),
                new ReportPage.Kpi("E-mails sent", mails + " (" + withPdf + " with a PDF, " + receipts + " receipts)"),
                new ReportPage.Kpi("Delivery problems", problems.size() + " (" + heldBack + " mails held back)"),
                new ReportPage.Kpi("Dunning workflows", Integer.toString(system.workflows().size())));
        List<ReportPage.Row> matching = matchingRows(paymentsByRule, feesOnInvoices, feeInvoices);
        String html = ReportPage.render(new ReportPage.Data("Periodic demo: " + customers.size()
                + " customers, " + first + " to " + end.minusDays(1),
                "Simulated " + first + " to " + end.minusDays(1) + " on embedded engines", kpis, aging, cash, outcomes,
                invoiceRows, customerRows, matching));
        try {
            Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        text.append("Demo finished: ").append(first).append(" to ").append(end.minusDays(1)).append('\n');
        text.append("  customers        ").append(customers.size()).append(" (en, ja, ko, sr-Latn)\n");
        text.append("  invoices         ").append(invoiceRows.size()).append(" issued, ").append(paidCount)
                .append(" paid; documents: ").append(htmlDocuments).append(" HTML, ").append(pdfDocuments)
                .append(pdfDocuments == 0 ? " PDF (PDFs off: --no-pdf)" : " PDF").append(" in ")
                .append(out.resolve("invoices")).append('\n');
        text.append("  payments         ").append(sum(collections, "payments")).append(" received: ")
                .append(collectedText).append('\n');
        text.append("  e-mails          ").append(mails).append(" (").append(withPdf).append(" with a PDF attached, ")
                .append(receipts).append(" payment confirmations) in ").append(out.resolve("outbox")).append('\n');
        text.append("  delivery         ").append(problems.size()).append(" address(es) bounced or complained (")
                .append(String.join(", ", problems.findValuesAsText("email"))).append("), ").append(heldBack)
                .append(" mails held back; GET /customers?deliveryProblem=true\n");
        text.append("  dunning          ");
        text.append(String.join("; ", outcomes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .toList())).append('\n');
        text.append("  matching rules   ").append(String.join("; ", paymentsByRule.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size()).toList())).append('\n');
        text.append("  bank fees        ").append(fees.isEmpty() ? "none" : String.join(" · ", fees.entrySet().stream()
                .map(e -> ReportFormat.formatMoney(e.getKey(), e.getValue(), digits(e.getKey()))).toList()))
                .append(" written off\n");
        text.append("  report           ").append(out.resolve("report.html"));
        return new Demo.Summary(text.toString());
    }

    /** One row per rule, in the cascade's order, and one for the cash still unapplied. */
    private List<ReportPage.Row> matchingRows(Map<String, Set<String>> paymentsByRule, Map<String, Long> fees,
            List<String> feeInvoices) {
        List<ReportPage.Row> rows = new ArrayList<>();
        paymentsByRule.forEach((rule, payments) -> rows.add(ReportPage.Row.of(rule, meaning(rule),
                Integer.toString(payments.size()), rule.equals("fee-tolerance") && !fees.isEmpty()
                        ? String.join(" · ", fees.entrySet().stream().map(e -> ReportFormat.formatMoney(e.getKey(),
                                e.getValue(), digits(e.getKey()))).toList()) + " on " + String.join(", ", feeInvoices)
                        : "–")));
        int unapplied = check(api.get("/payments?status=unapplied&limit=100"), 200, "unapplied payments")
                .get("data").size();
        if (unapplied > 0) {
            rows.add(ReportPage.Row.of("unapplied", "Still held as unapplied cash (an overpayment, or a payer "
                    + "nobody has identified yet): waiting for a person", Integer.toString(unapplied), "–"));
        }
        return rows;
    }

    private static final List<String> RULES = List.of("reference", "virtual-account", "payer-name", "learned-alias",
            "exact-amount", "invoice-group", "fee-tolerance", "oldest-first", "suggestion-accepted", "manual");

    private static int ruleOrder(String rule) {
        int i = RULES.indexOf(rule);
        return i < 0 ? RULES.size() : i;
    }

    private static String meaning(String rule) {
        return switch (rule) {
            case "reference" -> "The payment quoted the invoice number";
            case "virtual-account" -> "Paid into the customer’s own receiving account (振込専用口座)";
            case "payer-name" -> "The payer’s name as the bank printed it is one of the customer’s payer names";
            case "learned-alias" -> "The payer was identified by a name finance taught the system when it applied an "
                    + "earlier payment of this payer by hand";
            case "exact-amount" -> "An identified customer paid exactly what one open invoice is due";
            case "invoice-group" -> "An identified customer paid exactly what several open invoices are due";
            case "fee-tolerance" -> "Short of the invoice by no more than the bank-fee tolerance: closed as paid, the "
                    + "shortfall written off as the bank fee";
            case "oldest-first" -> "An identified customer’s money went to its oldest open invoices";
            case "suggestion-accepted" -> "Finance accepted the top ranked suggestion for unapplied cash";
            case "manual" -> "Finance applied unapplied cash by hand";
            default -> "Rule " + rule;
        };
    }

    private static String outcome(JsonNode invoice, LocalDate end) {
        String status = invoice.get("status").textValue();
        List<String> steps = new ArrayList<>();
        invoice.get("dunningHistory").forEach(h -> steps.add(h.get("step").textValue()));
        boolean reminded = steps.stream().anyMatch(s -> !s.equals("courtesy"));
        if (steps.contains("suspend")) {
            return "Suspended";
        }
        if (steps.contains("late_fee")) {
            return "Late fee charged";
        }
        if (status.equals("paid")) {
            return reminded ? "Paid after reminders" : "Paid before any reminder";
        }
        if (LocalDate.parse(invoice.get("dueDate").textValue()).isBefore(end)) {
            return "Still in dunning";
        }
        return "Open, not yet due";
    }

    private int save(Path out, String path, String name) {
        byte[] content = api.bytes(path);
        if (content == null) {
            return 0;
        }
        try {
            Files.createDirectories(out.resolve("invoices"));
            Files.write(out.resolve("invoices").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 1;
    }

    private static int sum(JsonNode collections, String field) {
        int total = 0;
        for (JsonNode d : collections.get("days")) {
            total += d.get(field).intValue();
        }
        return total;
    }
}
