package io.periodic.billing.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.periodic.billing.payments.IntakeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes that were sent, from an HTTP API event's body (base64, or text in its declared charset). */
class RequestBodiesTest {
    @Test
    void readsTheContentTypeAndItsCharset() {
        assertEquals(new RequestBodies.ContentType("application/xml", "ISO-8859-1"),
                RequestBodies.ContentType.of(Map.of("Content-Type", "Application/XML; Charset=\"ISO-8859-1\"")));
        assertEquals(new RequestBodies.ContentType("text/csv", null),
                RequestBodies.ContentType.of(Map.of("content-type", "text/csv; header=present")));
        assertEquals(new RequestBodies.ContentType("", null), RequestBodies.ContentType.of(Map.of()));
        RequestBodies.ContentType camt = RequestBodies.ContentType.of(Map.of("content-type", "application/camt+xml"));
        assertEquals(true, camt.isXml());
    }

    @Test
    void aBase64BodyIsExactlyTheBytesSent() {
        byte[] sent = {(byte) 0xFC, 0, (byte) 0xFF, 'a'};
        assertArrayEquals(sent, RequestBodies.bytes(Base64.getEncoder().encodeToString(sent), true, Map.of()));
        IntakeException e = assertThrows(IntakeException.class, () -> RequestBodies.bytes("not base64!", true, Map.of()));
        assertEquals(400, e.status());
    }

    @Test
    void xmlTextIsEncodedAsItsDeclarationSaysElseAsTheContentTypeSaysElseUtf8() {
        String declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>ü</a>";
        assertArrayEquals(declared.getBytes(StandardCharsets.ISO_8859_1),
                RequestBodies.bytes(declared, false, Map.of("content-type", "application/xml")));
        String bare = "<?xml version=\"1.0\"?><a>ü</a>";
        assertArrayEquals(bare.getBytes(StandardCharsets.ISO_8859_1),
                RequestBodies.bytes(bare, false, Map.of("content-type", "text/xml; charset=latin1")));
        assertArrayEquals(bare.getBytes(StandardCharsets.UTF_8),
                RequestBodies.bytes(bare, false, Map.of("content-type", "application/xml")));
        assertEquals("ISO-8859-1", RequestBodies.xmlEncoding(declared.getBytes(StandardCharsets.ISO_8859_1)));
        assertNull(RequestBodies.xmlEncoding("<a encoding=\"x\"/>"));
    }

    @Test
    void textThatCannotBeWhatWasSentIsRefusedNeverRepaired() {
        String notLatin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>日本</a>";
        assertEquals("malformed-xml", refused(() -> RequestBodies.bytes(notLatin1, false,
                Map.of("content-type", "application/xml"))).type());
        assertEquals("malformed-csv", refused(() -> RequestBodies.bytes("a,b\nJ\uFFFDrgen,1\n", false,
                Map.of("content-type", "text/csv"))).type());
        assertEquals("malformed-body", refused(() -> RequestBodies.bytes("{\"a\":\"\uD800\"}", false,
                Map.of("content-type", "application/json"))).type());
        IntakeException unknown = refused(() -> RequestBodies.bytes("<a/>", false,
                Map.of("content-type", "application/xml; charset=no-such-charset")));
        assertEquals(415, unknown.status());
        // JSON is UTF-8; a U+FFFD a payer typed is just a character there (its signature protects the body).
        assertArrayEquals("{\"a\":\"\uFFFD\"}".getBytes(StandardCharsets.UTF_8),
                RequestBodies.bytes("{\"a\":\"\uFFFD\"}", false, Map.of("content-type", "application/json")));
    }

    private static IntakeException refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IntakeException.class, call);
    }
}
