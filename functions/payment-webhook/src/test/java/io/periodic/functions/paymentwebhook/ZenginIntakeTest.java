package io.periodic.functions.paymentwebhook;

import static io.periodic.billing.bankstatements.ZenginFiles.end;
import static io.periodic.billing.bankstatements.ZenginFiles.file;
import static io.periodic.billing.bankstatements.ZenginFiles.header01;
import static io.periodic.billing.bankstatements.ZenginFiles.header03;
import static io.periodic.billing.bankstatements.ZenginFiles.line;
import static io.periodic.billing.bankstatements.ZenginFiles.notice;
import static io.periodic.billing.bankstatements.ZenginFiles.trailer01;
import static io.periodic.billing.bankstatements.ZenginFiles.trailer03;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Zengin files through the real {@link PaymentWebhookHandler} ({@code POST /bank-statements}) on DynamoDB Local and
 * ElasticMQ, with the real matcher draining the payment queue: the counts of the response, deduplication per entry
 * across files, cancellations in a later file (before and after their payment), and refusals that leave nothing
 * stored or enqueued. Files are built by {@code ZenginFiles} (shared's test jar). Account 0172-101-1234567; the world's
 * clock is 2025-11-24 (令和7年), dates are 和暦 YYMMDD.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class ZenginIntakeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Inquiry numbers unique per test, so tests sharing the engines never see each other's payments. */
    private static final AtomicInteger INQUIRY = new AtomicInteger(100_000 + (int) (System.nanoTime() % 400_000));

    private Intake w;

    @BeforeEach
    void world(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) throws Exception {
        w = new Intake(dynamo, mq);
    }

    static byte[] notices(String booked, List<byte[]> data, long count, long total, long cancels, long cancelTotal) {
        List<byte[]> records = new ArrayList<>();
        records.add(header01(booked));
        records.addAll(data);
        records.add(trailer01(count, total, cancels, cancelTotal));
        records.add(end());
        return file("\r\n", records);
    }

    APIGatewayV2HTTPResponse upload(String contentType, byte[] bytes) {
        return upload(contentType, bytes, null);
    }

    APIGatewayV2HTTPResponse upload(String contentType, byte[] bytes, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = Intake.request("/bank-statements", Map.of("content-type", contentType),
                Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);
        event.setQueryStringParameters(query == null ? null : new HashMap<>(query));
        return w.post(event);
    }

    static JsonNode ok(APIGatewayV2HTTPResponse r) throws Exception {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return JSON.readTree(r.getBody());
    }

    static void counts(JsonNode body, int accepted, int duplicate, int cancelled, int ignored) {
        assertEquals(List.of(accepted, duplicate, cancelled, ignored), List.of(body.get("accepted").asInt(),
                body.get("duplicate").asInt(), body.get("cancelled").asInt(), body.get("ignored").asInt()),
                body.toString());
    }

    int queued() {
        return Integer.parseInt(w.sqs.getQueueAttributes(r -> r.queueUrl(w.queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    static String identity(long inquiry, String date) {
        return "zengin:0172-101-1234567:%06d:%s".formatted(inquiry, date);
    }

    Payment payment(long inquiry, String date) {
        return w.store.payments().getByProviderId("bank", identity(inquiry, date)).orElse(null);
    }

    static String sha256(byte[] bytes) throws Exception {
        return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aNoticeFileIsAcceptedAndItsCreditsPayTheirInvoices() throws Exception {
        int a = INQUIRY.incrementAndGet();
        int b = INQUIRY.incrementAndGet();
        int zero = INQUIRY.incrementAndGet();
        String number = w.invoice(0).number();
        byte[] f = notices("071120", List.of(notice(a, "071120", 12_000, "ｶ)ﾃｽﾄ", " ", number),
                notice(b, "071120", 3_000, "ﾔﾏﾀﾞ ﾀﾛｳ", " ", ""), notice(zero, "071120", 0, "ｾﾞﾛ", " ", "")),
                3, 15_000, 0, 0);
        JsonNode body = ok(upload("application/x-zengin", f));
        assertEquals("accepted", body.get("status").asText());
        assertEquals("zengin-statement", body.get("eventType").asText());
        assertEquals(2, body.get("notifications").asInt());
        counts(body, 2, 0, 0, 1);
        assertEquals("zero amount", body.get("skipped").get(0).get("reason").asText());
        assertEquals(2, queued());

        InboundEvent stored = w.store.inbound().get("bank", sha256(f)).orElseThrow();
        assertEquals(InboundEvent.Status.ENQUEUED, stored.status());
        assertNull(stored.body(), "a Zengin file is stored without its body");
        assertEquals(2, stored.notifications());

        assertTrue(w.drain().isEmpty());
        assertEquals(InvoiceStatus.PAID, w.invoice(0).status());
        assertEquals(Money.of(3_000, "JPY"), payment(b, "2025-11-20").amount());
        assertNull(payment(zero, "2025-11-20"));
    }

    @Test
    void anAccountStatementIgnoresItsDebitsAndTakesItsCredits() throws Exception {
        int credit = INQUIRY.incrementAndGet();
        int debit = INQUIRY.incrementAndGet();
        byte[] f = file("", List.of(header03("071121"), line(credit, "071121", "1", 4_400, "ｽｽﾞｷ", ""),
                line(debit, "071121", "2", 880, "", ""), trailer03(1, 4_400, 1, 880), end()));
        JsonNode body = ok(upload("text/x-zengin", f, Map.of("dateStyle", "reiwa")));
        counts(body, 1, 0, 0, 1);
        assertEquals("debit", body.get("skipped").get(0).get("reason").asText());
        assertTrue(w.drain().isEmpty());
        assertEquals(Money.of(4_400, "JPY"), w.store.payments().getByProviderId("bank",
                "zengin:0172-101-1234567:%08d:2025-11-21".formatted(credit)).orElseThrow().amount());
    }

    @Test
    void aReuploadedOrOverlappingFileTakesOnlyTheNewEntries() throws Exception {
        int a = INQUIRY.incrementAndGet();
        int b = INQUIRY.incrementAndGet();
        int c = INQUIRY.incrementAndGet();
        List<byte[]> first = List.of(notice(a, "071122", 1_000, "ｱ", " ", ""), notice(b, "071122", 2_000, "ｲ", " ", ""));
        byte[] f = notices("071122", first, 2, 3_000, 0, 0);
        counts(ok(upload("application/x-zengin", f)), 2, 0, 0, 0);
        assertTrue(w.drain().isEmpty());

        JsonNode again = ok(upload("application/x-zengin", f));
        assertEquals("duplicate", again.get("status").asText());
        counts(again, 0, 2, 0, 0);
        assertEquals(0, queued());

        // The same entries in another file (no line breaks: other bytes): every entry is already stored.
        List<byte[]> records = new ArrayList<>(List.of(header01("071122")));
        records.addAll(first);
        records.add(trailer01(2, 3_000, 0, 0));
        records.add(end());
        JsonNode same = ok(upload("application/x-zengin", file("", records)));
        assertEquals("accepted", same.get("status").asText());
        counts(same, 0, 2, 0, 0);
        assertEquals(0, queued());

        byte[] overlapping = notices("071122", List.of(first.get(1), notice(c, "071122", 5_000, "ｳ", " ", "")), 2,
                7_000, 0, 0);
        counts(ok(upload("application/x-zengin", overlapping)), 1, 1, 0, 0);
        assertEquals(1, queued());
        assertTrue(w.drain().isEmpty());
        assertEquals(Money.of(5_000, "JPY"), payment(c, "2025-11-22").amount());
        assertEquals(Money.of(1_000, "JPY"), payment(a, "2025-11-22").amount());
    }

    @Test
    void aCancellationInALaterFileReversesThePaymentAndReopensItsInvoice() throws Exception {
        int n = INQUIRY.incrementAndGet();
        String number = w.invoice(1).number();
        counts(ok(upload("application/x-zengin", notices("071118", List.of(notice(n, "071118", 8_000, "ｶ)ﾃｽﾄ", " ",
                number)), 1, 8_000, 0, 0))), 1, 0, 0, 0);
        assertTrue(w.drain().isEmpty());
        assertEquals(InvoiceStatus.PAID, w.invoice(1).status());

        // Two days later the bank cancels it (組戻し): the cancellation names account and 照会番号, not the 勘定日.
        byte[] cancellation = notices("071120", List.of(notice(n, "071120", 8_000, "ｶ)ﾃｽﾄ", "1", number)), 0, 0, 1,
                8_000);
        JsonNode body = ok(upload("application/x-zengin", cancellation));
        counts(body, 0, 0, 1, 0);
        assertEquals(1, queued());
        assertTrue(w.drain().isEmpty());
        assertNotEquals(InvoiceStatus.PAID, w.invoice(1).status());
        assertEquals(Money.of(8_000, "JPY"), w.invoice(1).amountDue());
        Payment reversed = payment(n, "2025-11-18");
        List<Refund> refunds = w.store.payments().refundsOf(reversed.id());
        assertEquals(1, refunds.size());
        assertEquals(Refund.Status.APPLIED, refunds.get(0).status());
        assertEquals(Money.of(8_000, "JPY"), refunds.get(0).amount());

        // The cancellation again, in other bytes: a duplicate, nothing enqueued.
        byte[] again = Arrays.copyOf(cancellation, cancellation.length - 2); // without the last CR LF
        counts(ok(upload("application/x-zengin", again)), 0, 1, 0, 0);
        assertEquals(0, queued());
    }

    @Test
    void aCancellationBeforeItsPaymentWaitsForIt() throws Exception {
        int n = INQUIRY.incrementAndGet();
        counts(ok(upload("application/x-zengin", notices("071123", List.of(notice(n, "071123", 6_000, "ﾀﾅｶ", "1",
                "")), 0, 0, 1, 6_000))), 0, 0, 1, 0);
        assertTrue(w.drain().isEmpty());
        String paymentId = Payment.idFor("bank", identity(n, "2025-11-23"));
        assertEquals(Refund.Status.WAITING, w.store.payments().refundsOf(paymentId).get(0).status());

        counts(ok(upload("application/x-zengin", notices("071123", List.of(notice(n, "071123", 6_000, "ﾀﾅｶ", " ",
                "")), 1, 6_000, 0, 0))), 1, 0, 0, 0);
        assertTrue(w.drain().isEmpty());
        assertEquals(Refund.Status.APPLIED, w.store.payments().refundsOf(paymentId).get(0).status());
    }

    @Test
    void tenThousandEntriesOfTwoMegabytesAreAccepted() throws Exception {
        int base = INQUIRY.getAndAdd(10_000) + 1;
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            data.add(notice(base + i, "071124", 1_000 + i, "ｶ)ﾃｽﾄ", " ", ""));
        }
        long total = 10_000L * 1_000 + 10_000L * 9_999 / 2;
        byte[] f = notices("071124", data, 10_000, total, 0, 0);
        assertTrue(f.length > 2_000_000 && f.length > 256 * 1024, "size " + f.length);
        counts(ok(upload("application/x-zengin", f)), 10_000, 0, 0, 0);
        assertEquals(10_000, queued());
        w.sqs.purgeQueue(r -> r.queueUrl(w.queueUrl));
    }

    // ============================================================================ refusals: nothing stored or sent

    void refused(String why, String contentType, byte[] f, Map<String, String> query, int status, String type,
            String inDetail) throws Exception {
        APIGatewayV2HTTPResponse r = upload(contentType, f, query);
        assertEquals(status, r.getStatusCode(), why + ": " + r.getBody());
        assertEquals("application/problem+json", r.getHeaders().get("Content-Type"), why);
        JsonNode problem = JSON.readTree(r.getBody());
        assertTrue(problem.get("type").asText().endsWith(type), why + ": " + r.getBody());
        if (inDetail != null) {
            assertTrue(problem.get("detail").asText().contains(inDetail), why + ": " + r.getBody());
        }
        assertTrue(w.store.inbound().get("bank", sha256(f)).isEmpty(), why + ": stored");
        assertEquals(0, queued(), why + ": enqueued");
    }

    @Test
    void badFilesAreRefusedAsProblemsAndLeaveNothingBehind() throws Exception {
        int n = INQUIRY.incrementAndGet();
        byte[] data = notice(n, "071124", 1_000, "ｱ", " ", "");
        byte[] good = notices("071124", List.of(data), 1, 1_000, 0, 0);
        String zengin = "application/x-zengin";

        byte[] shortRecord = notices("071124", List.of(Arrays.copyOf(data, 199)), 1, 1_000, 0, 0);
        refused("a 199-byte record", zengin, shortRecord, null, 400, "malformed-zengin", "record 2");
        byte[] type02 = good.clone();
        type02[1] = '0';
        type02[2] = '2';
        refused("種別コード 02", zengin, type02, null, 422, "unsupported-statement", "record 1");
        byte[] letters = good.clone();
        letters[202 + 25] = 'A'; // within 金額 of record 2 (after the header's 200 bytes and CR LF)
        refused("a letter in the amount", zengin, letters, null, 422, "invalid-statement", "record 2");
        byte[] sjisKanji = good.clone();
        sjisKanji[202 + 50] = (byte) 0x88; // the lead byte of a full-width kanji, outside JIS X 0201
        sjisKanji[202 + 51] = (byte) 0x9F;
        refused("a full-width Shift_JIS character", zengin, sjisKanji, null, 422, "invalid-statement", "record 2");
        refused("a truncated file", zengin, Arrays.copyOf(good, good.length - 120), null, 400, "malformed-zengin",
                null);
        refused("no trailer", zengin, file("\r\n", List.of(header01("071124"), data, end())), null, 400,
                "malformed-zengin", "trailer");
        refused("no end record", zengin, file("\r\n", List.of(header01("071124"), data, trailer01(1, 1_000, 0, 0))),
                null, 400, "malformed-zengin", "end record");
        refused("trailer total wrong", zengin, notices("071124", List.of(data), 1, 1_001, 0, 0), null, 422,
                "invalid-statement", "record 3");
        refused("trailer count wrong", zengin, notices("071124", List.of(data), 2, 1_000, 0, 0), null, 422,
                "invalid-statement", "record 3");
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        Arrays.fill(tenMegabytes, (byte) ' ');
        refused("10 MiB", zengin, tenMegabytes, null, 413, "statement-too-large", "10 MiB");
        byte[] ebcdic = good.clone();
        ebcdic[0] = (byte) 0xF1;
        refused("EBCDIC", zengin, ebcdic, null, 415, "unsupported-encoding", "EBCDIC");
        refused("an unknown date style", zengin, good, Map.of("dateStyle", "showa"), 400, "invalid-parameter",
                "dateStyle");
        refused("a date before Reiwa read as Reiwa", zengin, notices("010401", List.of(notice(n, "010401", 1_000, "ｱ",
                " ", "")), 1, 1_000, 0, 0), Map.of("dateStyle", "reiwa"), 422, "invalid-statement", "record 1");
        refused("charset UTF-8", "text/x-zengin; charset=utf-8", good, null, 415, "unsupported-media-type",
                "Shift_JIS");
        refused("an empty file", zengin, new byte[0], null, 400, "malformed-zengin", "empty");
    }

    @Test
    void aTextBodyThatLostItsShiftJisBytesIsRefused() throws Exception {
        int n = INQUIRY.incrementAndGet();
        byte[] good = notices("071124", List.of(notice(n, "071124", 1_000, "ｱｲｳ", " ", "")), 1, 1_000, 0, 0);
        // What a gateway passing text/* as a string makes of Shift_JIS kana: U+FFFD for each byte not UTF-8.
        String mangled = new String(good, StandardCharsets.UTF_8);
        APIGatewayV2HTTPResponse r = w.post(Intake.request("/bank-statements", Map.of("content-type",
                "text/x-zengin"), mangled));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertTrue(r.getBody().contains("malformed-zengin") && r.getBody().contains("application/x-zengin"),
                r.getBody());
        assertEquals(0, queued());
        assertNull(payment(n, "2025-11-24"));
    }
}
