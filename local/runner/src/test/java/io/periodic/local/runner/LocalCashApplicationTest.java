package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.bankstatements.ZenginStatement;
import io.periodic.billing.bankstatements.ZenginWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cash application for bank transfers over the local runner, driven over HTTP only: Zengin 振込入金通知 files written
 * with {@link ZenginWriter} and uploaded through {@code POST /bank-statements}, as a finance person uploads the bank's
 * file. The seller tolerates a bank fee of up to ¥880. Three Japanese customers on a ¥55,000 monthly plan (¥50,000 +
 * 10 % tax), billed from 2027-01-02: ヤマダ商事 (payer name {@code ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ}), タナカ工業 (its own tolerance 0: the
 * control for the fee rule) and サトウ商会 (never pays, with open invoices of the same amount). The clock only moves forward, so the tests run in order: January's fee shortfalls, February's
 * unknown payer applied by hand, March's payment matched by the learned alias, and its undo.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalCashApplicationTest {
    private static final ZenginStatement.Account ACCOUNT = new ZenginStatement.Account("0009", "ﾐﾂｲｽﾐﾄﾓ", "101",
            "ﾄｳｷﾖｳ", "1", "7654321", "ﾍﾟﾘｵﾃﾞｲﾂｸ");
    private static final LocalDate FIRST = LocalDate.of(2027, 1, 2);
    private static final String PRESIDENT = "ﾔﾏﾀﾞ ﾀﾛｳ";

    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension().withoutSettings();

    private static LocalClient api;
    private static String yamada;
    private static String tanaka;
    private static String sato;
    private static long inquiry;
    private static String learnedPaymentId;
    private static String marchPaymentId;
    private static String marchInvoiceId;

    @BeforeAll
    static void sellerAndCustomers() {
        api = runner.api();
        expect(api.send("PUT", "/settings", "application/json", """
                {"seller": {"name": "Periodic Test SaaS K.K.",
                  "address": {"line1": "1-1 Marunouchi", "postalCode": "100-0005", "city": "東京都", "country": "JP"},
                  "email": "billing@periodic-test.example", "taxId": "T2011001234567"},
                 "numbering": {"invoicePrefix": "INV", "creditNotePrefix": "CN"},
                 "bankFeeTolerance": {"JPY": 880}}
                """), 200);
        String plan = expect(api.post("/plans", """
                {"name": "ビジネスプラン", "currency": "JPY", "unitAmount": 50000, "interval": "month"}
                """), 201).get("id").textValue();
        yamada = customer("株式会社ヤマダ商事", "keiri@yamada.example", "\"payerNames\": [\"ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ\"]");
        tanaka = customer("株式会社タナカ工業", "keiri@tanaka.example",
                "\"payerNames\": [\"ﾀﾅｶｺｳｷﾞﾖｳ(ｶ\"], \"bankFeeTolerance\": 0");
        sato = customer("株式会社サトウ商会", "keiri@sato.example", "\"payerNames\": [\"ｶ)ｻﾄｳｼﾖｳｶｲ\"]");
        for (String customer : List.of(yamada, tanaka, sato)) {
            LocalTestData.subscribe(api, customer, plan, FIRST);
        }
    }

    @Test
    @Order(1)
    void aFeeShortfallWithinTheToleranceClosesTheInvoiceAndNoReminderFollows() {
        advanceTo(FIRST);
        JsonNode yamadaInvoice = openInvoice(yamada, FIRST);
        JsonNode tanakaInvoice = openInvoice(tanaka, FIRST);
        assertEquals(55_000, yamadaInvoice.get("amountDue").longValue());

        // Both companies deduct the ¥440 fee and quote no invoice; the bank prints ヤマダ with a large ﾖ.
        List<String> paid = upload(new Transfer("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", 54_560), new Transfer("ﾀﾅｶｺｳｷﾞﾖｳ(ｶ", 54_560));

        JsonNode payment = expect(api.get("/payments/" + paid.get(0)), 200);
        assertEquals(yamada, payment.get("customerId").textValue(), payment.toString());
        assertEquals("fee-tolerance", payment.at("/applications/0/rule").textValue(), payment.toString());
        assertEquals(440, payment.get("feeWrittenOff").longValue(), payment.toString());
        assertEquals(0, payment.get("unapplied").longValue(), payment.toString());
        JsonNode closed = expect(api.get("/invoices/" + yamadaInvoice.get("id").textValue()), 200);
        assertEquals("paid", closed.get("status").textValue(), closed.toString());
        assertEquals(440, closed.get("writtenOff").longValue(), closed.toString());
        assertEquals(54_560, closed.get("amountPaid").longValue(), closed.toString());
        assertEquals(0, closed.get("amountDue").longValue(), closed.toString());
        // What the finance team (and the customer, through the link) sees: the document is now the paid copy.
        String document = api.get("/invoices/" + closed.get("id").textValue() + "/document?format=html").body();
        assertTrue(document.contains("class=\"stamp stamp-paid\">支払済<"), "stamped PAID");
        assertTrue(document.contains("振込手数料（当社負担）"), "the ¥440 fee on its own line");
        // The control: a customer whose tolerance is 0 gets no write-off. Its short transfer matches no invoice, so
        // the cascade would apply it oldest first (confidence 0.50, below the default auto-apply threshold 0.90):
        // it is held for a person, attributed to the customer, and the invoice stays due in full.
        JsonNode held = expect(api.get("/payments/" + paid.get(1)), 200);
        assertEquals("unapplied", held.get("status").textValue(), held.toString());
        assertEquals(tanaka, held.get("customerId").textValue(), held.toString());
        assertEquals(54_560, held.get("unapplied").longValue(), held.toString());
        assertTrue(held.get("unappliedReason").textValue().startsWith("held: "), held.toString());
        JsonNode owing = expect(api.get("/invoices/" + tanakaInvoice.get("id").textValue()), 200);
        assertEquals("open", owing.get("status").textValue(), owing.toString());
        assertEquals(55_000, owing.get("amountDue").longValue(), owing.toString());
        assertEquals(0, owing.get("writtenOff").longValue(), owing.toString());

        assertEquals(List.of(), remindersTo("keiri@yamada.example"));
        assertEquals(List.of(), remindersTo("keiri@tanaka.example"));
        advanceTo(LocalDate.parse(closed.get("dueDate").textValue()).plusDays(14));
        assertEquals(List.of(), remindersTo("keiri@yamada.example"), "no reminder for the closed invoice");
        assertFalse(remindersTo("keiri@tanaka.example").isEmpty(), "the invoice left open is dunned");
        JsonNode collections = expect(api.get("/reports/collections?from=" + FIRST + "&to=" + FIRST), 200);
        long fees = 0;
        for (JsonNode day : collections.get("days")) {
            fees += day.path("feesWrittenOff").longValue();
        }
        assertEquals(440, fees, collections.toString());
    }

    @Test
    @Order(2)
    void anUnknownKanaPayerIsHeldWithSuggestionsThenAppliedByHandWhichTeachesAnAlias() {
        LocalDate february = FIRST.plusMonths(1);
        advanceTo(february);
        JsonNode invoice = openInvoice(yamada, february);
        String invoiceId = invoice.get("id").textValue();

        String paymentId = upload(new Transfer(PRESIDENT, 55_000)).get(0);
        JsonNode held = expect(api.get("/payments/" + paymentId), 200);
        assertEquals("unapplied", held.get("status").textValue().toLowerCase(), held.toString());
        assertEquals(55_000, held.get("unapplied").longValue(), held.toString());
        assertNull(held.get("customerId").textValue(), held.toString());
        assertTrue(LocalTestData.unapplied(api).stream().anyMatch(p -> p.get("id").textValue().equals(paymentId)),
                "listed for a person");

        JsonNode suggestions = expect(api.get("/payments/" + paymentId + "/suggestions"), 200);
        JsonNode top = suggestions.at("/suggestions/0");
        assertEquals(yamada, top.get("customerId").textValue(), suggestions.toString());
        assertEquals(invoiceId, top.at("/applications/0/invoiceId").textValue(), suggestions.toString());
        assertTrue(top.get("score").doubleValue() > 0 && top.get("score").doubleValue() <= 1, top.toString());
        assertTrue(top.get("reasons").toString().contains(PRESIDENT), "the reasons name the payer: " + top);
        for (JsonNode other : suggestions.get("suggestions")) {
            assertTrue(other.get("score").doubleValue() <= top.get("score").doubleValue(), "best first: " + other);
        }

        JsonNode applied = expect(api.post("/payments/" + paymentId + "/applications",
                "{\"applications\": [{\"invoiceId\": \"" + invoiceId + "\", \"amount\": 55000}]}"), 200);
        assertEquals("manual", applied.at("/applications/0/rule").textValue(), applied.toString());
        assertEquals(yamada, applied.get("customerId").textValue(), applied.toString());
        assertEquals("paid", expect(api.get("/invoices/" + invoiceId), 200).get("status").textValue());
        JsonNode aliases = expect(api.get("/customers/" + yamada + "/payer-aliases"), 200);
        assertEquals(1, aliases.get("data").size(), aliases.toString());
        assertTrue(aliases.toString().contains(PRESIDENT), aliases.toString());
        assertEquals(0, expect(api.get("/customers/" + sato + "/payer-aliases"), 200).get("data").size());
        learnedPaymentId = paymentId;
    }

    @Test
    @Order(3)
    void nextMonthTheSamePayerIsMatchedByTheLearnedAlias() {
        LocalDate march = FIRST.plusMonths(2);
        advanceTo(march);
        JsonNode invoice = openInvoice(yamada, march);

        String paymentId = upload(new Transfer(PRESIDENT, 55_000)).get(0);
        JsonNode payment = expect(api.get("/payments/" + paymentId), 200);
        assertEquals(yamada, payment.get("customerId").textValue(), payment.toString());
        assertEquals("learned-alias", payment.at("/applications/0/rule").textValue(), payment.toString());
        assertTrue(payment.at("/applications/0/reason").textValue().contains(learnedPaymentId), payment.toString());
        assertEquals(invoice.get("id").textValue(), payment.at("/applications/0/invoiceId").textValue());
        assertEquals(0, payment.get("unapplied").longValue(), payment.toString());
        assertEquals("paid", expect(api.get("/invoices/" + invoice.get("id").textValue()), 200)
                .get("status").textValue());
        marchPaymentId = paymentId;
        marchInvoiceId = invoice.get("id").textValue();
    }

    @Test
    @Order(4)
    void unapplyReopensTheInvoiceAndTheCashIsUnappliedAgain() {
        assertTrue(api.get("/invoices/" + marchInvoiceId + "/document?format=html").body()
                .contains("class=\"stamp stamp-paid\""), "paid by the learned alias: stamped PAID");
        JsonNode undone = expect(api.post("/payments/" + marchPaymentId + "/unapply",
                "{\"reason\": \"president paid for his other company\"}"), 200);
        assertEquals("unapplied", undone.get("status").textValue().toLowerCase(), undone.toString());
        assertEquals(55_000, undone.get("unapplied").longValue(), undone.toString());
        assertEquals(0, undone.get("applied").longValue(), undone.toString());
        assertTrue(undone.get("unappliedReason").textValue().contains("president paid for his other company"),
                undone.toString());
        JsonNode reopened = expect(api.get("/invoices/" + marchInvoiceId), 200);
        assertEquals("open", reopened.get("status").textValue(), reopened.toString());
        assertEquals(55_000, reopened.get("amountDue").longValue(), reopened.toString());
        assertEquals(0, reopened.get("amountPaid").longValue(), reopened.toString());
        assertFalse(api.get("/invoices/" + marchInvoiceId + "/document?format=html").body()
                .contains("class=\"stamp stamp-paid\""), "the document is no longer stamped PAID");
        assertTrue(LocalTestData.unapplied(api).stream().anyMatch(p -> p.get("id").textValue()
                .equals(marchPaymentId)), "listed for a person again");
        assertFalse(expect(api.get("/payments/" + marchPaymentId + "/suggestions"), 200).get("suggestions")
                .isEmpty(), "and it has suggestions again");
    }

    // ============================================================================================ helpers

    private record Transfer(String remitter, long amount) {}

    /** Uploads one 振込入金通知 of the transfers booked today; returns their payment ids in order. */
    private static List<String> upload(Transfer... transfers) {
        LocalDate today = LocalDate.ofInstant(api.now(), ZoneOffset.UTC);
        List<ZenginWriter.Credit> credits = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Transfer t : transfers) {
            long number = ++inquiry;
            credits.add(new ZenginWriter.Credit(number, today, t.amount(), t.remitter(), "ﾐｽﾞﾎ", "ﾎﾝﾃﾝ", null));
            ids.add("bank:zengin:" + ACCOUNT.key() + ":" + "%06d".formatted(number) + ":" + today);
        }
        JsonNode answer = expect(api.send("POST", "/bank-statements?dateStyle=reiwa", "application/x-zengin",
                ZenginWriter.transferNotice(ACCOUNT, today, credits)), 200);
        assertEquals(transfers.length, answer.get("accepted").intValue(), answer.toString());
        return ids;
    }

    private static String customer(String name, String email, String extra) {
        return expect(api.post("/customers", """
                {"name": "%s", "email": "%s", "currency": "JPY", "timeZone": "Asia/Tokyo", "locale": "ja",
                 "paymentTermsDays": 14, "taxRate": "10",
                 "address": {"line1": "1-2-3 Demo", "city": "東京都", "country": "JP"}, %s}
                """.formatted(name, email, extra)), 201).get("id").textValue();
    }

    private static JsonNode openInvoice(String customerId, LocalDate periodStart) {
        for (JsonNode invoice : LocalTestData.invoices(api, customerId)) {
            if (periodStart.toString().equals(invoice.get("periodStart").textValue())) {
                return expect(api.get("/invoices/" + invoice.get("id").textValue()), 200);
            }
        }
        throw new AssertionError("no invoice for the period from " + periodStart + " of " + customerId);
    }

    private static void advanceTo(LocalDate day) {
        expect(api.advance(day.atTime(6, 0).toInstant(ZoneOffset.UTC)), 200);
    }

    /** The mails to an address other than the invoices themselves (reminders, late fees, notices). */
    private static List<JsonNode> remindersTo(String email) {
        List<JsonNode> mails = new ArrayList<>();
        expect(api.get("/_local/outbox"), 200).get("emails").forEach(m -> {
            if (m.get("to").textValue().equals(email)
                    && !m.get("key").textValue().startsWith("invoice.finalized:")
                    && !m.get("key").textValue().startsWith("receipt:")) {
                mails.add(m);
            }
        });
        return mails;
    }
}
