package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.local.runner.report.ReportPage;
import java.io.PrintStream;
import java.math.BigDecimal;
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
 * can identify (resolved by hand later), a refund, and a Japanese customer paying by Zengin bank transfer
 * ({@link DemoZengin}: a bank-fee shortfall, an unknown payer name resolved from a suggestion, then a learned alias). Everything goes over HTTP to the local runner, as a real
 * client and real gateways would; the clock moves a day at a time. At the end it downloads every invoice
 * document, renders a report page with charts, and prints a summary ({@link DemoReport}).
 */
final class Demo {
    /** How a customer pays. */
    enum Habit { ON_TIME, LATE, IN_TWO_PARTS, OVERPAYS, NEVER, REFUNDED_ONCE, ZENGIN_TRANSFER }

    /** A demo customer; {@code payerName} is the kana name its bank prints (null: none given). */
    record Profile(String name, String email, String currency, String timeZone, String locale, String country,
            String city, String plan, long unitAmount, String taxRate, Habit habit, String payerName) {
        Profile(String name, String email, String currency, String timeZone, String locale, String country,
                String city, String plan, long unitAmount, String taxRate, Habit habit) {
            this(name, email, currency, timeZone, locale, country, city, plan, unitAmount, taxRate, habit, null);
        }
    }

    record Summary(String text) {}

    private static final List<Profile> PROFILES = List.of(
            new Profile("Northwind Analytics Inc.", "ap@northwind.example", "USD", "America/New_York", "en", "US",
                    "New York", "Team plan", 4_900, "0", Habit.ON_TIME),
            new Profile("株式会社サクラソフト", "keiri@sakura-soft.example", "JPY", "Asia/Tokyo", "ja", "JP", "東京都",
                    "チームプラン", 5_500, "10", Habit.IN_TWO_PARTS),
            new Profile("株式会社ヤマダ商事", "keiri@yamada-shoji.example", "JPY", "Asia/Tokyo", "ja", "JP", "大阪府",
                    "ビジネスプラン", 50_000, "10", Habit.ZENGIN_TRANSFER, DemoZengin.PAYER_NAME),
            new Profile("한빛데이터 주식회사", "finance@hanbit.example", "KRW", "Asia/Seoul", "ko", "KR", "서울",
                    "팀 요금제", 59_000, "10", Habit.LATE),
            new Profile("Zvezda Softver d.o.o.", "racuni@zvezda.example", "RSD", "Europe/Belgrade", "sr-Latn", "RS",
                    "Beograd", "Timski paket", 590_000, "20", Habit.OVERPAYS),
            new Profile("Brightline Studio LLC", "billing@" + MailboxSimulator.BOUNCE_DOMAIN, "USD", "America/Los_Angeles", "en",
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
    private final DemoZengin zengin;
    private int zenginInvoices;

    Demo(LocalClient api, LocalSystem system, PrintStream console, String secret) {
        this.api = api;
        this.system = system;
        this.console = console;
        this.secret = secret;
        this.zengin = new DemoZengin(api, system, console);
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
        return new DemoReport(api, system).write(first, end, customers, aging);
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
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"},
                 "bankFeeTolerance": {"JPY": 880}}
                """), 200, "store the settings");
        LocalDate startDate = LocalDate.ofInstant(start, ZoneOffset.UTC);
        for (Profile p : PROFILES) {
            JsonNode plan = check(api.post("/plans", """
                    {"name": "%s", "currency": "%s", "unitAmount": %d, "interval": "month"}
                    """.formatted(p.plan(), p.currency(), p.unitAmount()), "plan-" + p.email()), 201, "create a plan");
            JsonNode customer = check(api.post("/customers", """
                    {"name": "%s", "email": "%s", "currency": "%s", "timeZone": "%s", "locale": "%s",
                     "paymentTermsDays": 14, "taxRate": "%s",
                     "address": {"line1": "1 Demo Street", "city": "%s", "country": "%s"}%s}
                    """.formatted(p.name(), p.email(), p.currency(), p.timeZone(), p.locale(), p.taxRate(),
                    p.city(), p.country(), p.payerName() == null ? ""
                            : ", \"payerNames\": [\"" + p.payerName() + "\"]"), "customer-" + p.email()), 201,
                    "create a customer");
            String customerId = customer.get("id").textValue();
            customers.put(customerId, p);
            check(api.post("/subscriptions", """
                    {"customerId": "%s", "planId": "%s", "quantity": %d, "startDate": "%s"}
                    """.formatted(customerId, plan.get("id").textValue(), p.habit() == Habit.ON_TIME ? 3 : 1,
                    startDate.plusDays(customers.size() * 3L)), "sub-" + p.email()), 201, "subscribe");
        }
        console.printf("Created %d customers (en, ja, ko, sr-Latn; USD, JPY, KRW, RSD) with monthly subscriptions;"
                + " bank-fee tolerance JPY 880.%n", customers.size());
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
            case ZENGIN_TRANSFER -> planTransfer(invoice, number, due, dueDate, today);
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

    /** The Japanese customer's transfers: short by the fee, then from an unknown name, then from the learned one. */
    private void planTransfer(JsonNode invoice, String number, long due, LocalDate dueDate, LocalDate today) {
        LocalDate payDay = dueDate.minusDays(1).isAfter(today) ? dueDate.minusDays(1) : today.plusDays(1);
        switch (++zenginInvoices) {
            case 1 -> later(payDay, () -> { payments++; zengin.payShortByTheFee(number, due); });
            case 2 -> later(payDay, () -> {
                payments++;
                Runnable resolve = zengin.payUnknown(number, invoice.get("id").textValue(), due);
                later(payDay.plusDays(3), resolve);
            });
            default -> later(payDay, () -> { payments++; zengin.payKnown(due); });
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

    static int digits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    static String decimal(long minor, String currency) {
        int digits = digits(currency);
        return digits == 0 ? Long.toString(minor)
                : BigDecimal.valueOf(minor, digits).toPlainString();
    }

    static JsonNode check(LocalClient.Reply reply, int expected, String what) {
        if (reply.status() != expected) {
            throw new IllegalStateException("could not " + what + ": HTTP " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }
}
