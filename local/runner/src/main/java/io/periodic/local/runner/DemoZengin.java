package io.periodic.local.runner;

import static io.periodic.local.runner.Demo.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.bankstatements.ZenginStatement;
import io.periodic.billing.bankstatements.ZenginWriter;
import io.periodic.local.runner.report.ReportFormat;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * How the demo's Japanese customer pays: by bank transfer (振込), reported to the seller in a Zengin 振込入金通知 file
 * that the demo writes ({@link ZenginWriter}) and uploads through {@code POST /bank-statements}, as a finance person
 * does with the file from the bank's EB service. The first invoice is paid by the company, short by the bank fee it
 * deducted (closed under rule {@code fee-tolerance}); the second by its president from his own account, a name
 * nobody knows (held as unapplied cash, then applied from the top suggestion by finance, which teaches a payer alias);
 * every later one by the president again (identified by rule {@code learned-alias}).
 */
final class DemoZengin {
    /** The customer's name as the bank prints it (large ﾖ where the company writes ｮ): a variant of its payer name. */
    static final String COMPANY_AS_PRINTED = "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ";
    /** The payer name the customer is created with. */
    static final String PAYER_NAME = "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ";
    /** The president, paying personally: a name the seller has never seen. */
    static final String PRESIDENT = "ﾔﾏﾀﾞ ﾀﾛｳ";
    /** The fee the company deducts (振込手数料, 先方負担). */
    static final long BANK_FEE = 440;
    /** The seller's receiving account, as the file's header names it. */
    static final ZenginStatement.Account ACCOUNT = new ZenginStatement.Account("0009", "ﾐﾂｲｽﾐﾄﾓ", "101", "ﾄｳｷﾖｳ",
            "1", "1234567", "ﾍﾟﾘｵﾃﾞｲﾂｸ ﾃﾞﾓ");

    private final LocalClient api;
    private final LocalSystem system;
    private final PrintStream console;
    private long inquiry;

    DemoZengin(LocalClient api, LocalSystem system, PrintStream console) {
        this.api = api;
        this.system = system;
        this.console = console;
    }

    /** The company pays an invoice {@link #BANK_FEE} short, without a reference. */
    void payShortByTheFee(String number, long due) {
        JsonNode payment = transfer(COMPANY_AS_PRINTED, due - BANK_FEE);
        JsonNode invoice = check(api.get("/invoices/" + payment.at("/applications/0/invoiceId").textValue()), 200,
                "read the invoice");
        say(yen(due - BANK_FEE) + " Zengin transfer from \"" + COMPANY_AS_PRINTED + "\" for " + number + " ("
                + yen(BANK_FEE) + " short, no reference): " + invoice.get("status").textValue() + " under rule "
                + rules(payment) + ", " + yen(invoice.get("writtenOff").longValue())
                + " written off as the bank fee, nothing left to remind");
    }

    /**
     * The president pays an invoice from his own account: held as unapplied cash for finance.
     *
     * @return the action to run then
     */
    Runnable payUnknown(String number, String invoiceId, long due) {
        JsonNode payment = transfer(PRESIDENT, due);
        String paymentId = payment.get("id").textValue();
        say(yen(due) + " Zengin transfer from \"" + PRESIDENT + "\" for " + number + " (no reference, a name "
                + "nobody knows): not identified, held as " + payment.get("status").textValue() + " cash for finance");
        return () -> resolve(paymentId, number, invoiceId, due);
    }

    /** The president pays again: the alias learned from the first time identifies the customer. */
    void payKnown(long due) {
        JsonNode payment = transfer(PRESIDENT, due);
        say(yen(due) + " Zengin transfer from \"" + PRESIDENT + "\" (no reference): applied to "
                + invoiceNumbers(payment) + " automatically under rule " + rules(payment) + " (the alias finance taught)");
    }

    /** Finance reads the suggestions and accepts the top one when it is this invoice, else applies by hand. */
    private void resolve(String paymentId, String number, String invoiceId, long due) {
        JsonNode suggestions = check(api.get("/payments/" + paymentId + "/suggestions"), 200, "read suggestions");
        JsonNode top = suggestions.path("suggestions").path(0);
        boolean right = top.has("id") && top.get("applications").size() == 1
                && top.at("/applications/0/invoiceId").textValue().equals(invoiceId);
        String body = right ? "{\"suggestionId\":\"" + top.get("id").textValue() + "\"}"
                : "{\"applications\":[{\"invoiceId\":\"" + invoiceId + "\",\"amount\":" + due + "}]}";
        JsonNode applied = check(api.post("/payments/" + paymentId + "/applications", body, "resolve-" + paymentId),
                200, "apply unapplied cash");
        JsonNode aliases = check(api.get("/customers/" + applied.get("customerId").textValue() + "/payer-aliases"),
                200, "list payer aliases");
        boolean learned = aliases.get("data").toString().contains(PRESIDENT);
        say("finance " + (right ? "accepted the top suggestion (score " + top.get("score").asText() + ") for "
                : "applied by hand to ") + number + ": rule " + rules(applied) + (learned ? "; payer alias \""
                + PRESIDENT + "\" learned for this customer" : "; no payer alias learned"));
    }

    /** Writes a one-credit 振込入金通知 booked today, uploads it and returns the payment it made. */
    private JsonNode transfer(String remitter, long amount) {
        LocalDate today = LocalDate.ofInstant(system.now(), ZoneOffset.UTC);
        long number = ++inquiry;
        byte[] file = ZenginWriter.transferNotice(ACCOUNT, today, List.of(new ZenginWriter.Credit(number, today,
                amount, remitter, "ﾐｽﾞﾎ", "ﾎﾝﾃﾝ", null)));
        check(api.send("POST", "/bank-statements?dateStyle=reiwa", "application/x-zengin", file), 200,
                "upload a Zengin file");
        String id = "bank:zengin:" + ACCOUNT.key() + ":" + "%06d".formatted(number) + ":" + today;
        return check(api.get("/payments/" + id), 200, "read the payment");
    }

    private void say(String line) {
        console.println("  " + LocalDate.ofInstant(system.now(), ZoneOffset.UTC) + ": " + line);
    }

    private static String rules(JsonNode payment) {
        return String.join("+", payment.get("applications").findValuesAsText("rule").stream().distinct().toList());
    }

    private String invoiceNumbers(JsonNode payment) {
        return String.join(", ", payment.get("applications").findValuesAsText("invoiceId").stream().distinct()
                .map(id -> check(api.get("/invoices/" + id), 200, "read the invoice").get("number").textValue())
                .toList());
    }

    static String yen(long amount) {
        return ReportFormat.formatMoney("JPY", amount, 0);
    }
}
