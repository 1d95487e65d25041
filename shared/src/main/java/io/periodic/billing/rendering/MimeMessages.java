package io.periodic.billing.rendering;

import io.periodic.billing.ports.Email;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An {@link Email} as the bytes of an Internet message, for SES's raw send and the local outbox's {@code .eml}:
 * RFC 5322 headers (a non-ASCII subject as RFC 2047 UTF-8 encoded-words), MIME 1.0 (RFC 2045/2046) with every
 * body part base64-encoded UTF-8, attachments named with RFC 2231 {@code filename*=UTF-8''…} (continued over
 * several parameters when long) plus an encoded-word {@code name} for older readers. Layout:
 * <pre>
 * multipart/mixed                 (only when there are attachments)
 * ├── multipart/alternative       (only when there is an HTML body)
 * │   ├── text/plain; charset=UTF-8
 * │   └── text/html; charset=UTF-8
 * └── application/pdf; attachment …
 * </pre>
 * The boundaries derive from the mail's key, so the same mail gives the same bytes (golden files); base64 never
 * contains {@code _}, so a boundary with one cannot occur in a body. CRLF line ends, no line over 76 characters.
 */
public final class MimeMessages {
    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z",
            Locale.ROOT);
    private static final Base64.Encoder BODY = Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII));

    private MimeMessages() {}

    /**
     * The message from {@code from} (an address, ASCII) dated {@code date} (null: no Date header; SES adds one).
     */
    public static byte[] write(Email email, String from, Instant date) {
        StringBuilder out = new StringBuilder(4096);
        header(out, "From", ascii(from, "From"));
        header(out, "To", ascii(email.to(), "To"));
        header(out, "Subject", encodedWords(email.subject().replaceAll("[\\r\\n]+", " "), "Subject: ".length()));
        if (date != null) {
            header(out, "Date", DATE.format(date.atOffset(ZoneOffset.UTC)));
        }
        header(out, "MIME-Version", "1.0");
        if (email.attachments().isEmpty()) {
            content(out, email, boundary(email.key(), 1));
            out.append(CRLF);
        } else {
            String mixed = boundary(email.key(), 0);
            header(out, "Content-Type", "multipart/mixed;" + CRLF + " boundary=\"" + mixed + "\"");
            out.append(CRLF).append("This is a multi-part message in MIME format.").append(CRLF);
            out.append("--").append(mixed).append(CRLF);
            content(out, email, boundary(email.key(), 1));
            for (Email.Attachment a : email.attachments()) {
                out.append(CRLF).append("--").append(mixed).append(CRLF);
                attachment(out, a);
            }
            out.append(CRLF).append("--").append(mixed).append("--").append(CRLF);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The text, or text and HTML as alternatives: headers of the part, blank line, body. */
    private static void content(StringBuilder out, Email email, String alternative) {
        if (email.htmlBody() == null) {
            textPart(out, "text/plain", email.textBody());
            return;
        }
        header(out, "Content-Type", "multipart/alternative;" + CRLF + " boundary=\"" + alternative + "\"");
        out.append(CRLF);
        out.append("--").append(alternative).append(CRLF);
        textPart(out, "text/plain", email.textBody());
        out.append(CRLF).append("--").append(alternative).append(CRLF);
        textPart(out, "text/html", email.htmlBody());
        out.append(CRLF).append("--").append(alternative).append("--");
    }

    private static void textPart(StringBuilder out, String type, String text) {
        header(out, "Content-Type", type + "; charset=UTF-8");
        header(out, "Content-Transfer-Encoding", "base64");
        out.append(CRLF).append(BODY.encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void attachment(StringBuilder out, Email.Attachment a) {
        String type = a.contentType();
        if (!type.matches("[a-z]+/[a-z0-9.+\\-]+")) {
            throw new IllegalArgumentException("not a media type: " + type);
        }
        header(out, "Content-Type", type + ";" + CRLF + " name=\"" + encodedWords(a.filename(), 7) + "\"");
        header(out, "Content-Disposition", "attachment;" + CRLF + " " + filenameParameter(a.filename()));
        header(out, "Content-Transfer-Encoding", "base64");
        out.append(CRLF).append(BODY.encodeToString(a.content()));
    }

    /**
     * RFC 2231: {@code filename="plain.pdf"} for a short ASCII name; otherwise {@code filename*=UTF-8''%E8%AB%8B…},
     * split into {@code filename*0*}, {@code filename*1*}, … of at most 60 characters, never inside a {@code %XX}.
     */
    static String filenameParameter(String filename) {
        if (filename.matches("[A-Za-z0-9._\\- ]{1,60}")) {
            return "filename=\"" + filename + "\"";
        }
        StringBuilder encoded = new StringBuilder("UTF-8''");
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        if (encoded.length() <= 60) {
            return "filename*=" + encoded;
        }
        StringBuilder out = new StringBuilder();
        int part = 0;
        for (int i = 0; i < encoded.length(); part++) {
            int end = Math.min(encoded.length(), i + 60);
            while (end < encoded.length() && (encoded.charAt(end - 1) == '%' || encoded.charAt(end - 2) == '%')) {
                end--;
            }
            if (part > 0) {
                out.append(";").append(CRLF).append(" ");
            }
            out.append("filename*").append(part).append("*=").append(encoded, i, end);
            i = end;
        }
        return out.toString();
    }

    /**
     * RFC 2047: printable ASCII as is; otherwise {@code =?UTF-8?B?…?=} words of at most 75 characters each, folded
     * onto continuation lines, never splitting a character's bytes.
     */
    static String encodedWords(String text, int firstLineUsed) {
        if (text.matches("[\\x20-\\x7e]*") && text.length() + firstLineUsed <= 76 && !text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int budget = 39; // 39 bytes -> 52 base64 characters -> a 64-character word
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                word(out, chunk);
                used = 0;
            }
            chunk.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        word(out, chunk);
        return out.toString();
    }

    private static void word(StringBuilder out, StringBuilder chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            out.append(CRLF).append(' ');
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(
                chunk.toString().getBytes(StandardCharsets.UTF_8))).append("?=");
        chunk.setLength(0);
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append(CRLF);
    }

    private static String ascii(String value, String what) {
        if (value == null || !value.matches("[\\x21-\\x7e]+(?: [\\x21-\\x7e]+)*")) {
            throw new IllegalArgumentException(what + " is not a plain address: " + value);
        }
        return value;
    }

    /** A boundary for the mail: {@code =_periodic_} and 24 hex digits of SHA-256(key, level). */
    private static String boundary(String key, int level) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (key + "\u0000" + level).getBytes(StandardCharsets.UTF_8));
            return "=_periodic_" + level + "_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
