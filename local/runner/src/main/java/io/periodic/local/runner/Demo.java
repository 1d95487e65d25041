package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo: a SaaS company with customers in four languages and currencies, billed for several months, paying the
 * way real customers do — on time, late, in two parts, a little too much, not at all — plus a bank transfer nobody
 * can identify (resolved by hand later) and a refund. Everything goes over HTTP to the local runner, as a real
 * client and real gateways would; the clock moves a day at a time. At the end it downloads every invoice
 * document, renders a report page with charts, and prints a summary.
 */
final class Demo {
    /** How a customer pays. */
    enum Habit { ON_TIME, LATE, IN_TWO_PARTS, OVERPAYS, NEVER, REFUNDED_ONCE }

    record Profile(String name, String email, String currency, String timeZone, String locale, String country,
            String city, String plan, long unitAmount, String taxRate, Habit habit) {}

    record Summary(String text) {}

    private static final List<Profile> PROFILES = List.of(
            new Profile("Northwind Analytics Inc.", "ap@northwind.example", "USD", "America/New_York", "en", "US",
                    "New York", "Team plan", 4_900, "0", Habit.ON_TIME),
            new Profile("株式会社サクラソフト", "keiri@sakura-soft.example", "JPY", "Asia/Tokyo", "ja", "JP", "東京都",
                    "チームプラン", 5_500, "10", Habit.IN_TWO_PARTS),
            new Profile("한빛데이터 주식회사", "finance@hanbit.example", "KRW", "Asia/Seoul", "ko", "KR", "서울",
                    "팀 요금제", 59_000, "10", Habit.LATE),
            new Profile("Zvezda Softver d.o.o.", "racuni@zvezda.example", "RSD", "Europe/Belgrade", "sr-Latn", "RS",
                    "Beograd", "Timski paket", 590_000, "20", Habit.OVERPAYS),
            new Profile("Brightline Studio LLC", "billing@brightline.example", "USD", "America/Los_Angeles", "en",
                    "US", "Portland", "Team plan", 4_900, "0", Habit.NEVER),
            new Profile("Kestrel Labs Ltd", "accounts@kestrel.example", "USD", "Europe/London", "en", "GB", "Leeds",
                    "Team plan", 4_900, "0", Habit.REFUNDED_ONCE));

    private final LocalClient api;
    private final LocalSystem system;
    private final PrintStream console;
    private final String secret;
    private final Map<String, Profile> customers = new LinkedHashMap<>();
    private final Map<String, Boolean> seenInvoices = new LinkedHashMap<>();
    private final TreeMap<LocalDate, List<Runnable>> planned = new TreeMap<>();
    private final List<ReportPage.AgingSnapshot> aging = new ArrayList<>();
    private int payments;
    private int refunds;
    private String unidentifiedPaymentId;

    Demo(LocalClient api, LocalSystem system, PrintStream console, String secret) {
        this.api = api;
        this.system = system;
        this.console = console;
        this.secret = secret;
    }

    Summary run(Instant start, int months) {
        setUp(start);
        LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
        LocalDate end = first.plusMonths(months);
        int step = 0;
        for (LocalDate day = first; day.isBefore(end); day = day.plusDays(1)) {
            check(api.advance(day.atTime(12, 0).toInstant(ZoneOffset.UTC)), 200, "advance the clock");
            discoverInvoices(day);
            for (Runnable action : planned.getOrDefault(day, List.of())) {
                action.run();
            }
            if (day.equals(first.plusDays(20))) {
                bankTransferNobodyCanIdentify();
            }
            if (day.equals(first.plusDays(45)) && unidentifiedPaymentId != null) {
                resolveByHand();
            }
            if (day.plusDays(1).getDayOfMonth() == 1) {
                snapshotAging(day);
                progress(YearMonth.from(day), ++step, months);
            }
        }
        check(api.advance(end.atStartOfDay().toInstant(ZoneOffset.UTC)), 200, "advance the clock");
        return finish(first, end);
    }

    private void setUp(Instant start) {
        check(api.send("PUT", "/settings", "application/json", """
                {"seller": {"name": "Periodic Demo SaaS GmbH",
                  "address": {"line1": "Musterstraße 1", "postalCode": "10115", "city": "Berlin", "country": "DE"},
                  "email": "billing@periodic-demo.example", "website": "https://periodic-demo.example",
                  "taxId": "DE123456789",
                  "bankAccount": {"bankName": "Demo Bank", "accountHolder": "Periodic Demo SaaS GmbH",
                    "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
                  "paymentLinkTemplate": "https://pay.periodic-demo.example/invoices/{number}"},
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"}}
                """), 200, "store the settings");
        LocalDate startDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        for (Profile p : PROFILES) {
            JsonNode plan = check(api.post("/plans", """
                    {"name": "%s", "currency": "%s", "unitAmount": %d, "interval": "month"}
                    """.formatted(p.plan(), p.currency(), p.unitAmount()), "plan-" + p.email()), 201, "create a plan");
            JsonNode customer = check(api.post("/customers", """
                    {"name": "%s", "email": "%s", "currency": "%s", "timeZone": "%s", "locale": "%s",
                     "paymentTermsDays": 14, "taxRate": "%s",
                     "address": {"line1": "1 Demo Street", "city": "%s", "country": "%s"}}
                    """.formatted(p.name(), p.email(), p.currency(), p.timeZone(), p.locale(), p.taxRate(),
                    p.city(), p.country()), "customer-" + p.email()), 201, "create a customer");
            String customerId = customer.get("id").textValue();
            customers.put(customerId, p);
            check(api.post("/subscriptions", """
                    {"customerId": "%s", "planId": "%s", "quantity": %d, "startDate": "%s"}
                    """.formatted(customerId, plan.get("id").textValue(), p.habit() == Habit.ON_TIME ? 3 : 1,
                    startDate.plusDays(customers.size() * 3L)), "sub-" + p.email()), 201, "subscribe");
        }
        console.printf("Created %d customers (en, ja, ko, sr-Latn; USD, JPY, KRW, RSD) with monthly subscriptions.%n",
                customers.size());
    }

    /** New open invoices get a payment planned according to their customer's habit. */
    private void discoverInvoices(LocalDate today) {
        for (Map.Entry<String, Profile> c : customers.entrySet()) {
            JsonNode page = check(api.get("/invoices?customerId=" + c.getKey() + "&status=open&limit=100"), 200,
                    "list invoices");
            for (JsonNode invoice : page.get("data")) {
                String id = invoice.get("id").textValue();
                if (seenInvoices.putIfAbsent(id, true) != null || id.startsWith("fee_")) {
                    continue;
                }
                plan(c.getValue(), invoice, today);
            }
        }
    }

    private void plan(Profile p, JsonNode invoice, LocalDate today) {
        String number = invoice.get("number").textValue();
        long due = invoice.get("amountDue").longValue();
        LocalDate dueDate = LocalDate.parse(invoice.get("dueDate").textValue());
        String currency = invoice.get("currency").textValue();
        switch (p.habit()) {
            case ON_TIME -> later(today.plusDays(3), () -> pay(p, number, due, currency, "on time"));
            case LATE -> later(dueDate.plusDays(10), () -> pay(p, number, due, currency, "late"));
            case IN_TWO_PARTS -> {
                later(dueDate.minusDays(2), () -> pay(p, number, due / 2, currency, "first half"));
                later(dueDate.plusDays(9), () -> pay(p, number, due - due / 2, currency, "second half"));
            }
            case OVERPAYS -> later(today.plusDays(5), () -> pay(p, number, due + due / 10, currency, "overpaid"));
            case NEVER -> { }
            case REFUNDED_ONCE -> {
                String paymentId = nextPaymentId();
                later(today.plusDays(2), () -> pay(p, paymentId, number, due, currency, "on time"));
                if (refunds == 0) {
                    refunds++;
                    later(today.plusDays(6), () -> refund(paymentId, due, currency));
                }
            }
        }
    }

    private void later(LocalDate day, Runnable action) {
        planned.computeIfAbsent(day, d -> new ArrayList<>()).add(action);
    }

    private int paymentSeq;

    private String nextPaymentId() {
        return "demo-pay-" + (++paymentSeq);
    }

    private void pay(Profile p, String invoiceNumber, long minor, String currency, String note) {
        pay(p, nextPaymentId(), invoiceNumber, minor, currency, note);
    }

    /** A payment.received event over Standard Webhooks, signed as a gateway connector signs it. */
    private void pay(Profile p, String id, String invoiceNumber, long minor, String currency, String note) {
        payments++;
        String body = """
                {"type":"payment.received","timestamp":"%s","data":{"provider":"demo-gateway","paymentId":"%s",
                 "amount":"%s","currency":"%s","payer":{"name":"%s","email":"%s"},"invoiceNumber":"%s",
                 "remittance":"%s %s"}}""".formatted(system.now(), id, decimal(minor, currency), currency, p.name(),
                p.email(), invoiceNumber, invoiceNumber, note).replace("\n", "");
        check(api.standardWebhook(secret, "evt-" + id, body), 200, "deliver a payment webhook");
    }

    private void refund(String paymentId, long minor, String currency) {
        String body = """
                {"type":"payment.refunded","timestamp":"%s","data":{"provider":"demo-gateway","paymentId":"%s",
                 "refundId":"refund-1","amount":"%s","currency":"%s"}}""".formatted(system.now(), paymentId,
                decimal(minor, currency), currency).replace("\n", "");
        check(api.standardWebhook(secret, "evt-refund-" + paymentId, body), 200, "deliver a refund webhook");
    }

    /** A transfer with neither a known payer nor a reference: held as unapplied cash for a person. */
    private void bankTransferNobodyCanIdentify() {
        LocalDate day = LocalDate.ofInstant(system.now(), ZoneOffset.UTC);
        String csv = "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n"
                + "BNK-DEMO-0001," + day + ",49.00,USD,J SMITH,US00000000000000001234,monthly fee\n";
        check(api.send("POST", "/bank-statements", "text/csv", csv), 200, "upload a bank statement");
        JsonNode unapplied = check(api.get("/payments?status=unapplied"), 200, "list unapplied payments");
        for (JsonNode p : unapplied.get("data")) {
            if (p.get("providerPaymentId").textValue().equals("BNK-DEMO-0001")) {
                unidentifiedPaymentId = p.get("id").textValue();
            }
        }
        console.println("  " + day + ": a USD 49.00 bank transfer from \"J SMITH\" could not be matched: held as "
                + "unapplied cash");
    }

    /** Someone in finance finds out: J Smith works at Brightline. Apply the cash to its oldest open invoice. */
    private void resolveByHand() {
        String brightline = customers.entrySet().stream().filter(e -> e.getValue().habit() == Habit.NEVER)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        JsonNode open = check(api.get("/invoices?customerId=" + brightline + "&status=open&limit=100"), 200,
                "list invoices");
        JsonNode oldest = null;
        for (JsonNode i : open.get("data")) {
            if (!i.get("id").textValue().startsWith("fee_") && (oldest == null
                    || i.get("dueDate").textValue().compareTo(oldest.get("dueDate").textValue()) < 0)) {
                oldest = i;
            }
        }
        if (oldest == null) {
            return;
        }
        long amount = Math.min(4_900, oldest.get("amountDue").longValue());
        check(api.post("/payments/" + unidentifiedPaymentId + "/applications",
                "{\"applications\":[{\"invoiceId\":\"" + oldest.get("id").textValue() + "\",\"amount\":" + amount
                        + "}]}", "resolve-" + unidentifiedPaymentId), 200, "apply unapplied cash by hand");
        console.println("  " + LocalDate.ofInstant(system.now(), ZoneOffset.UTC) + ": finance applied the unidentified "
                + "transfer by hand to " + oldest.get("number").textValue());
        unidentifiedPaymentId = null;
    }

    private void snapshotAging(LocalDate day) {
        JsonNode report = check(api.get("/reports/aging?asOf=" + day), 200, "aging report");
        for (JsonNode c : report.get("currencies")) {
            long[] b = new long[5];
            int i = 0;
            for (JsonNode bucket : c.get("buckets")) {
                b[i++] = bucket.get("amountDue").longValue();
            }
            String currency = c.get("currency").textValue();
            aging.add(new ReportPage.AgingSnapshot(day, currency, b[0], b[1], b[2], b[3], b[4], digits(currency)));
        }
    }

    private void progress(YearMonth month, int step, int months) {
        int invoices = seenInvoices.size();
        int mails = system.outbox().size();
        long dunning = system.workflows().size();
        console.printf("[%d/%d] %s  invoices %3d  payments %3d  e-mails %3d  dunning workflows %2d%n", step, months,
                month, invoices, payments, mails, dunning);
    }

    private Summary finish(LocalDate first, LocalDate end) {
        Path out = system.outputDir();
        List<ReportPage.Row> invoiceRows = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (String o : List.of("Paid before any reminder", "Paid after reminders", "Late fee charged",
                "Suspended", "Still in dunning", "Open, not yet due")) {
            outcomes.put(o, 0);
        }
        int documents = 0;
        long paidCount = 0;
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
                    documents += save(out, "/invoices/" + invoice.get("id").textValue() + "/document?format=html",
                            number + ".html");
                    documents += save(out, "/invoices/" + invoice.get("id").textValue() + "/document?format=pdf",
                            number + ".pdf");
                    invoiceRows.add(ReportPage.Row.linked("invoices/" + number + ".html", number,
                            c.getValue().name(), currency, ReportPage.formatMoney(currency,
                                    invoice.get("total").longValue(), digits(currency)), status));
                    if (status.equals("paid")) {
                        paidCount++;
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
        for (JsonNode d : collections.get("days")) {
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
        String collectedText = String.join(" · ", collected.entrySet().stream()
                .map(e -> ReportPage.formatMoney(e.getKey(), e.getValue(), digits(e.getKey()))).toList());
        List<ReportPage.Kpi> kpis = List.of(
                new ReportPage.Kpi("Invoices issued", Integer.toString(invoiceRows.size())),
                new ReportPage.Kpi("Paid", Long.toString(paidCount)),
                new ReportPage.Kpi("Payments received", Integer.toString(collections.get("days").size() == 0 ? 0
                        : sum(collections, "payments"))),
                new ReportPage.Kpi("Collected", collectedText.isEmpty() ? "–" : collectedText),
                new ReportPage.Kpi("E-mails sent", Integer.toString(mails)),
                new ReportPage.Kpi("Dunning workflows", Integer.toString(system.workflows().size())));
        String html = ReportPage.render(new ReportPage.Data("Periodic demo: " + customers.size()
                + " customers, " + first + " to " + end.minusDays(1),
                "Simulated " + first + " to " + end.minusDays(1) + " on embedded engines", kpis, aging, cash, outcomes,
                invoiceRows, customerRows));
        try {
            Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        text.append("Demo finished: ").append(first).append(" to ").append(end.minusDays(1)).append('\n');
        text.append("  customers        ").append(customers.size()).append(" (en, ja, ko, sr-Latn)\n");
        text.append("  invoices         ").append(invoiceRows.size()).append(" issued, ").append(paidCount)
                .append(" paid; ").append(documents).append(" documents (HTML + PDF) in ")
                .append(out.resolve("invoices")).append('\n');
        text.append("  payments         ").append(sum(collections, "payments")).append(" received: ")
                .append(collectedText).append('\n');
        text.append("  e-mails          ").append(mails).append(" in ").append(out.resolve("outbox")).append('\n');
        text.append("  dunning          ");
        text.append(String.join("; ", outcomes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .toList())).append('\n');
        text.append("  report           ").append(out.resolve("report.html"));
        return new Summary(text.toString());
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

    static int digits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    static String decimal(long minor, String currency) {
        int digits = digits(currency);
        return digits == 0 ? Long.toString(minor)
                : BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static JsonNode check(LocalClient.Reply reply, int expected, String what) {
        if (reply.status() != expected) {
            throw new IllegalStateException("could not " + what + ": HTTP " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }
}
