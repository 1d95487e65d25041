package io.periodic.functions.paymentwebhook;

import static io.periodic.functions.paymentwebhook.Intake.NOW;
import static io.periodic.functions.paymentwebhook.Intake.STRIPE_SECRET;
import static io.periodic.functions.paymentwebhook.Intake.request;
import static io.periodic.functions.paymentwebhook.Intake.stripeHeaders;
import static io.periodic.functions.paymentwebhook.Intake.stripePaymentIntent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.InboundEvent;
import io.periodic.billing.model.Payment;
import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, defect 11: request bodies reach the parsers and the event store as the bytes that were sent. An HTTP
 * API passes text media types (text/*, application/json, application/xml) to Lambda as a string and everything
 * else base64-encoded; the handler takes both, honouring the charset the sender declared.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class RawBodyTest {
    private final DynamoDbLocalEngine dynamo;
    private final ElasticMqEngine mq;
    private Intake w;

    RawBodyTest(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        this.dynamo = dynamo;
        this.mq = mq;
    }

    @BeforeEach
    void world() throws Exception {
        w = new Intake(dynamo, mq);
    }

    /** A camt.054 in ISO-8859-1, as its declaration says: one credit from Jürgen Müller. */
    private static String latin1Camt(String reference, String declaration) {
        return declaration + "\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
                + "<GrpHdr><MsgId>M-" + reference + "</MsgId><CreDtTm>2025-11-24T15:00:00Z</CreDtTm></GrpHdr>"
                + "<Ntfctn><Id>N-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>"
                + "<Ntry><Amt Ccy=\"EUR\">12.30</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>"
                + "<BookgDt><Dt>2025-11-24</Dt></BookgDt><AcctSvcrRef>" + reference + "</AcctSvcrRef>"
                + "<NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>Jürgen Müller</Nm></Pty></Dbtr></RltdPties>"
                + "<RmtInf><Ustrd>Grüße</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Ntfctn>"
                + "</BkToCstmrDbtCdtNtfctn></Document>\n";
    }

    private static final String LATIN1_DECLARATION = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>";

    @Test
    void aLatin1CamtStatementArrivingAsTextKeepsJurgenMuller() {
        String reference = "L1-" + Ids.randomLetters(8);
        String xml = latin1Camt(reference, LATIN1_DECLARATION);

        APIGatewayV2HTTPResponse response = w.post(request("/bank-statements",
                Map.of("content-type", "application/xml"), xml));

        assertEquals(200, response.getStatusCode(), response.getBody());
        w.drain();
        assertEquals("Jürgen Müller", bankPayment(reference).payer().name());
        assertArrayEquals(xml.getBytes(StandardCharsets.ISO_8859_1),
                w.store.inbound().get("bank", eventId(response)).orElseThrow().body(),
                "stored in the encoding the document declares, as it was sent");
    }

    @Test
    void aLatin1CamtStatementArrivingBase64IsReadAndStoredByteForByte() {
        String reference = "L1-" + Ids.randomLetters(8);
        byte[] sent = latin1Camt(reference, LATIN1_DECLARATION).getBytes(StandardCharsets.ISO_8859_1);

        APIGatewayV2HTTPResponse response = w.post(base64("/bank-statements", "application/xml", sent));

        assertEquals(200, response.getStatusCode(), response.getBody());
        w.drain();
        assertEquals("Jürgen Müller", bankPayment(reference).payer().name());
        InboundEvent stored = w.store.inbound().get("bank", eventId(response)).orElseThrow();
        assertArrayEquals(sent, stored.body(), "stored as received, not as a lossy UTF-8 decode");
    }

    @Test
    void aCharsetParameterIsHonouredWhenTheDeclarationNamesNoEncoding() {
        String reference = "L1-" + Ids.randomLetters(8);
        byte[] sent = latin1Camt(reference, "<?xml version=\"1.0\"?>").getBytes(StandardCharsets.ISO_8859_1);

        APIGatewayV2HTTPResponse response = w.post(base64("/bank-statements", "application/xml; charset=ISO-8859-1",
                sent));

        assertEquals(200, response.getStatusCode(), response.getBody());
        w.drain();
        assertEquals("Jürgen Müller", bankPayment(reference).payer().name());
    }

    @Test
    void aStatementSentAsAnXmlSuffixTypeArrivesBase64AndIsReadAsSent() {
        String reference = "L1-" + Ids.randomLetters(8);
        byte[] sent = latin1Camt(reference, LATIN1_DECLARATION).getBytes(StandardCharsets.ISO_8859_1);

        APIGatewayV2HTTPResponse response = w.post(base64("/bank-statements", "application/iso20022+xml", sent));

        assertEquals(200, response.getStatusCode(), response.getBody());
        w.drain();
        assertEquals("Jürgen Müller", bankPayment(reference).payer().name());
    }

    @Test
    void aCharsetParameterContradictingTheXmlDeclarationIsRefused() {
        String xml = latin1Camt("L1-" + Ids.randomLetters(8), LATIN1_DECLARATION);
        assertProblem(415, "unsupported-media-type", w.post(request("/bank-statements",
                Map.of("content-type", "application/xml; charset=utf-8"), xml)));
    }

    @Test
    void aCsvThatIsNotUtf8IsRefusedHoweverItArrives() {
        String csv = "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n"
                + "C-" + Ids.randomLetters(6) + ",2025-11-24,12.30,EUR,Jürgen Müller,,\n";
        byte[] latin1 = csv.getBytes(StandardCharsets.ISO_8859_1);

        assertProblem(400, "malformed-csv", w.post(base64("/bank-statements", "text/csv", latin1)));
        // As text, the bytes that were not UTF-8 arrive as U+FFFD: still refused, never stored as a payer name.
        assertProblem(400, "malformed-csv", w.post(request("/bank-statements", Map.of("content-type", "text/csv"),
                new String(latin1, StandardCharsets.UTF_8))));
        // A CSV declared in another charset is not the documented format.
        assertProblem(415, "unsupported-media-type", w.post(base64("/bank-statements",
                "text/csv; charset=iso-8859-1", latin1)));
    }

    @Test
    void aJsonWebhookInAnotherCharsetIsRefused() throws Exception {
        String body = stripePaymentIntent("evt_" + Ids.randomLetters(8), "pi_" + Ids.randomLetters(8), 1_000, "jpy",
                "INV-X");
        Map<String, String> headers = new HashMap<>(stripeHeaders(STRIPE_SECRET, NOW, body));
        headers.put("content-type", "application/json; charset=iso-8859-1");
        assertProblem(415, "unsupported-media-type", w.post(request("/webhooks/stripe", headers, body)));
        headers.put("content-type", "application/json; charset=UTF-8");
        assertEquals(200, w.post(request("/webhooks/stripe", headers, body)).getStatusCode());
    }

    private Payment bankPayment(String reference) {
        return w.store.payments().getByProviderId("bank", reference)
                .orElseThrow(() -> new AssertionError("no payment " + reference));
    }

    private static String eventId(APIGatewayV2HTTPResponse response) {
        return response.getBody().replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
    }

    private static APIGatewayV2HTTPEvent base64(String path, String contentType, byte[] body) {
        APIGatewayV2HTTPEvent event = request(path, Map.of("content-type", contentType), null);
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return event;
    }

    private static void assertProblem(int status, String type, APIGatewayV2HTTPResponse response) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("/problems/" + type + "\""), response.getBody());
    }
}
