package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.ports.Email;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The MIME writer's own rules (the invoice-pdf module's {@code InvoiceMailTest} reads a whole mail back with a real
 * parser): 7-bit lines of at most 76 characters ending in CRLF, an encoded-word subject that decodes back to the
 * text without splitting a character, a long Japanese file name continued over RFC 2231 parameters that join back
 * to the name, the layout (text alone; text and HTML as alternatives; both inside multipart/mixed with the PDF),
 * the same bytes for the same mail, and header injection refused.
 */
class MimeMessagesTest {
    private static final byte[] PDF = "%PDF-1.7 fake".getBytes(StandardCharsets.US_ASCII);

    private static String write(Email email) {
        return new String(MimeMessages.write(email, "billing@seller.example", Instant.parse("2026-12-01T00:00:00Z")),
                StandardCharsets.US_ASCII);
    }

    @Test
    void everyLineIsSevenBitAtMost76CharactersAndEndsInCrlf() {
        String subject = "【株式会社クラウドノート】請求書（INV-2026-000481）発行のお知らせ 🧾 ".repeat(3);
        String message = write(new Email("invoice.finalized:inv_1", "keiri@example.jp", subject, "本文\n二行目",
                "<p>本文</p>").with(new Email.Attachment("請求書_INV-2026-000481（株式会社みなと設計事務所 御中）.pdf",
                "application/pdf", PDF)));
        assertFalse(message.replace("\r\n", "").contains("\n") || message.replace("\r\n", "").contains("\r"),
                "bare CR or LF");
        for (String line : message.split("\r\n")) {
            assertTrue(line.length() <= 76, "too long: " + line);
            assertTrue(line.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\t'), "not 7-bit: " + line);
        }
        Matcher subjectHeader = Pattern.compile("Subject: (.*?)\r\n(?! )", Pattern.DOTALL).matcher(message);
        assertTrue(subjectHeader.find());
        StringBuilder decoded = new StringBuilder();
        for (String word : subjectHeader.group(1).split("\r\n ")) {
            assertTrue(word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
            decoded.append(new String(Base64.getDecoder().decode(word.substring(10, word.length() - 2)),
                    StandardCharsets.UTF_8)); // each word decodes alone: no character is split
        }
        assertEquals(subject, decoded.toString());
    }

    @Test
    void aLongFileNameIsContinuedOverRfc2231ParametersThatJoinBackToTheName() {
        String name = "請求書_INV-2026-000481（株式会社みなと設計事務所 御中）.pdf";
        String parameter = MimeMessages.filenameParameter(name);
        assertTrue(parameter.startsWith("filename*0*=UTF-8''"), parameter);
        StringBuilder joined = new StringBuilder();
        Matcher part = Pattern.compile("filename\\*(\\d+)\\*=([^;\\r\\n]+)").matcher(parameter);
        for (int expected = 0; part.find(); expected++) {
            assertEquals(expected, Integer.parseInt(part.group(1)));
            assertFalse(part.group(2).matches(".*%.?$"), "a %XX is never split: " + part.group(2));
            joined.append(part.group(2));
        }
        assertEquals(name, URLDecoder.decode(joined.substring("UTF-8''".length()).replace("+", "%2B"),
                StandardCharsets.UTF_8));
        assertEquals("filename=\"Invoice INV-2026-000123.pdf\"",
                MimeMessages.filenameParameter("Invoice INV-2026-000123.pdf"));
    }

    @Test
    void theLayoutFollowsWhatTheMailCarries() {
        Email text = new Email("k:1", "a@b.example", "Hello", "Body", null);
        assertTrue(write(text).contains("Content-Type: text/plain; charset=UTF-8\r\n"));
        assertFalse(write(text).contains("multipart"));

        String alternative = write(new Email("k:2", "a@b.example", "Hello", "Body", "<p>Body</p>"));
        assertTrue(alternative.contains("Content-Type: multipart/alternative;"));
        assertFalse(alternative.contains("multipart/mixed"));

        String mixed = write(new Email("k:3", "a@b.example", "Hello", "Body", "<p>Body</p>")
                .with(new Email.Attachment("Invoice 1.pdf", "application/pdf", PDF)));
        int mixedAt = mixed.indexOf("multipart/mixed");
        int alternativeAt = mixed.indexOf("multipart/alternative");
        int pdfAt = mixed.indexOf("Content-Type: application/pdf");
        assertTrue(mixedAt > 0 && mixedAt < alternativeAt && alternativeAt < pdfAt, mixed);
        String pdfBody = mixed.substring(mixed.indexOf("\r\n\r\n", pdfAt) + 4, mixed.indexOf("\r\n--", pdfAt));
        assertArrayEquals(PDF, Base64.getMimeDecoder().decode(pdfBody));
        assertEquals(mixed, write(new Email("k:3", "a@b.example", "Hello", "Body", "<p>Body</p>")
                .with(new Email.Attachment("Invoice 1.pdf", "application/pdf", PDF))), "the same bytes every time");
    }

    @Test
    void headerInjectionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> write(new Email("k", "a@b.example\r\nBcc: x@y.example",
                "Hi", "Body", null)));
        assertThrows(IllegalArgumentException.class, () -> new Email.Attachment("a\r\nb.pdf", "application/pdf", PDF));
        assertThrows(IllegalArgumentException.class, () -> write(new Email("k", "a@b.example", "Hi", "Body", null)
                .with(new Email.Attachment("a.pdf", "application/pdf\r\nX: y", PDF))));
        String folded = write(new Email("k", "a@b.example", "Hi\r\nBcc: x@y.example", "Body", null));
        assertFalse(folded.contains("\r\nBcc:"), "a line break in the subject is folded into it");
    }
}
