package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.CamtParserTest.camt054;
import static io.periodic.billing.bankstatements.CamtParserTest.credit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.payments.IntakeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile XML: every DOCTYPE is refused before anything in it is resolved or expanded. */
class CamtSecurityTest {
    private static final String NS = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";
    private static final String SECRET = "s3cr3t-marker-7f1d0c";

    /** A camt document whose remittance text would carry the entity's value if it were ever expanded. */
    private static String withEntityInRemittance(String doctype, String entityReference) {
        String entry = credit("REF-1", "EUR", "1.00").replace("</Ntry>",
                "<NtryDtls><TxDtls><RmtInf><Ustrd>" + entityReference + "</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>");
        return camt054(entry).replace("<Document", doctype + "\n<Document");
    }

    private static IntakeException refused(String xml) {
        IntakeException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(IntakeException.class, () -> CamtParser.parse(xml.getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, e.status(), e.getMessage());
        assertEquals("malformed-xml", e.type());
        return e;
    }

    @Test
    void refusesAClassicXxeWithoutReadingTheFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xml = withEntityInRemittance(
                "<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>", "&xxe;");

        IntakeException e = refused(xml);

        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void refusesTheEtcPasswdXxe() {
        String xml = withEntityInRemittance(
                "<!DOCTYPE foo [<!ELEMENT foo ANY><!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;");
        IntakeException e = refused(xml);
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void refusesBillionLaughsQuickly() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int level = 1; level <= 9; level++) {
            String previous = level == 1 ? "lol" : "lol" + (level - 1);
            doctype.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&" + previous + ";").repeat(10)).append("\">");
        }
        doctype.append("]>");
        IntakeException e = refused(withEntityInRemittance(doctype.toString(), "&lol9;"));
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("lollol"), e.getMessage());
    }

    @Test
    void refusesQuadraticBlowupWithOneLargeInternalEntity() {
        String xml = withEntityInRemittance("<!DOCTYPE d [<!ENTITY a \"" + "a".repeat(50_000) + "\">]>",
                "&a;".repeat(10_000));
        assertTrue(refused(xml).getMessage().contains("DOCTYPE is not allowed"));
    }

    @Test
    void refusesAnExternalDtdWithoutConnectingToIt() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil.dtd";
            refused(withEntityInRemittance("<!DOCTYPE Document SYSTEM \"" + url + "\">", "x"));
            refused(withEntityInRemittance("<!DOCTYPE d [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>", "x"));

            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "the parser must not fetch the DTD");
        }
    }

    @Test
    void refusesAnyDoctypeEvenAHarmlessOne() {
        IntakeException e = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE Document>\n<Document xmlns=\"" + NS + "\">"
                + "<BkToCstmrDbtCdtNtfctn/></Document>");
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed (line 2)"), e.getMessage());
    }

    @Test
    void refusesAnUndeclaredEntityReferenceWithoutADoctype() {
        IntakeException e = refused(withEntityInRemittance("", "&xxe;"));
        assertTrue(e.getMessage().contains("xxe"), e.getMessage());
    }

    @Test
    void expandsOnlyThePredefinedAndCharacterReferences() {
        String xml = withEntityInRemittance("", "a &amp; b &lt;c&gt; &#x41;&#66;");
        assertEquals("a & b <c> AB",
                CamtParser.parse(xml.getBytes(StandardCharsets.UTF_8)).payments().get(0).remittanceText());
    }
}
