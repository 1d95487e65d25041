package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local server hands request bodies to the handlers byte for byte, as API Gateway does: a bank statement in
 * ISO-8859-1 keeps "Jürgen Müller", and a CSV with a byte that is not UTF-8 reaches the strict check instead of being
 * turned into U+FFFD on the way.
 */
class LocalRawBodyTest {
    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension();

    private static LocalClient api;

    @BeforeAll
    static void client() {
        api = runner.api();
    }

    @Test
    void aLatin1CamtStatementKeepsItsNames() throws Exception {
        byte[] latin1 = camt("ISO-8859-1", "LAT1-REF-1", "Jürgen Müller").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = post("/bank-statements", "application/xml", latin1);
        assertEquals(200, r.statusCode(), r.body());

        JsonNode payment = LocalTestData.unapplied(api).stream()
                .filter(p -> p.get("providerPaymentId").textValue().contains("LAT1-REF-1")).findFirst().orElse(null);
        assertNotNull(payment, "the transfer is held as unapplied cash");
        assertEquals("Jürgen Müller", payment.at("/payer/name").textValue(), payment.toString());
    }

    @Test
    void aCsvWithAByteThatIsNotUtf8IsRefusedNotRepaired() throws Exception {
        byte[] csv = ("reference,booking_date,amount,currency,payer_name,payer_account,remittance\n"
                + "CSV-LAT1-1,2027-01-01,12.00,USD,Jürgen Müller,DE02120300000000202051,rent\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = post("/bank-statements", "text/csv", csv);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(LocalTestData.unapplied(api).stream()
                .anyMatch(p -> p.get("providerPaymentId").textValue().contains("CSV-LAT1-1")), "nothing accepted");
    }

    @Test
    void theEventCarriesTheBodyAsSentBase64UnlessItIsUtf8Json() {
        byte[] xml = camt("ISO-8859-1", "X", "Jürgen Müller").getBytes(StandardCharsets.ISO_8859_1);
        for (String type : List.of("application/xml", "text/xml; charset=ISO-8859-1", "text/csv",
                "application/octet-stream")) {
            APIGatewayV2HTTPEvent event = LocalServer.event("POST", "/bank-statements", null,
                    Map.of("Content-Type", List.of(type)), xml);
            assertTrue(event.getIsBase64Encoded(), type);
            assertArrayEquals(xml, Base64.getDecoder().decode(event.getBody()), type);
        }
        byte[] json = "{\"name\": \"Jürgen Müller\"}".getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent text = LocalServer.event("POST", "/customers", null,
                Map.of("Content-Type", List.of("application/json")), json);
        assertFalse(text.getIsBase64Encoded());
        assertEquals("{\"name\": \"Jürgen Müller\"}", text.getBody());

        byte[] notUtf8 = "{\"name\": \"Jürgen\"}".getBytes(StandardCharsets.ISO_8859_1);
        APIGatewayV2HTTPEvent raw = LocalServer.event("POST", "/customers", null,
                Map.of("Content-Type", List.of("application/json")), notUtf8);
        assertTrue(raw.getIsBase64Encoded(), "JSON that is not UTF-8 is passed as the bytes it is");
        assertArrayEquals(notUtf8, Base64.getDecoder().decode(raw.getBody()));
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(runner.base().resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A camt.054 notification with one booked credit of 42.00 EUR from {@code payer}. */
    private static String camt(String encoding, String reference, String payer) {
        return """
                <?xml version="1.0" encoding="%s"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                  <BkToCstmrDbtCdtNtfctn>
                    <GrpHdr><MsgId>MSG-%s</MsgId><CreDtTm>2027-01-01T09:00:00+01:00</CreDtTm></GrpHdr>
                    <Ntfctn>
                      <Id>NTF-%s</Id>
                      <CreDtTm>2027-01-01T09:00:00+01:00</CreDtTm>
                      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      <Ntry>
                        <Amt Ccy="EUR">42.00</Amt>
                        <CdtDbtInd>CRDT</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>2027-01-01</Dt></BookgDt>
                        <AcctSvcrRef>%s</AcctSvcrRef>
                        <NtryDtls>
                          <TxDtls>
                            <Refs><AcctSvcrRef>%s</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                            <Amt Ccy="EUR">42.00</Amt>
                            <CdtDbtInd>CRDT</CdtDbtInd>
                            <RltdPties>
                              <Dbtr><Pty><Nm>%s</Nm></Pty></Dbtr>
                              <DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct>
                            </RltdPties>
                            <RmtInf><Ustrd>no reference at all</Ustrd></RmtInf>
                          </TxDtls>
                        </NtryDtls>
                      </Ntry>
                    </Ntfctn>
                  </BkToCstmrDbtCdtNtfctn>
                </Document>
                """.formatted(encoding, reference, reference, reference, reference, payer);
    }
}
