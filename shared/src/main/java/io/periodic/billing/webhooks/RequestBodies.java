package io.periodic.billing.webhooks;

import io.periodic.billing.payments.IntakeException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes a sender sent, from what an API Gateway HTTP API (payload format 2.0) hands to Lambda, and the charset
 * rules of intake.
 *
 * <p>An HTTP API passes a body to Lambda as a JSON string: for the text media types ({@code text/*},
 * {@code application/json}, {@code application/xml}, {@code application/javascript}) as text
 * ({@code isBase64Encoded: false}), for every other type, or none, base64-encoded. A base64 body is exactly the
 * bytes sent. A text body is turned back into bytes in the charset the sender declared, so that the parsers and
 * the event store see what was sent: for XML the declaration's {@code encoding}, else the Content-Type's
 * {@code charset} parameter, else UTF-8; JSON and CSV are UTF-8 (intake refuses another declared charset); a Zengin
 * file ({@code text/x-zengin}) is Shift_JIS bytes, which a text body can carry only when they reached us unchanged
 * (see docs/bank-statement-zengin.md: send {@code application/x-zengin}). A text body that the declared charset cannot represent, or a statement
 * holding U+FFFD (the mark of bytes that were not valid in the charset the text was decoded with, replaced on the
 * way), is refused: it would otherwise be read as something the sender never sent.
 */
public final class RequestBodies {
    /**
     * The XML declaration's encoding, at the very start of a document (after an optional byte-order mark, read as
     * bytes in ISO-8859-1 or as text).
     */
    private static final Pattern XML_ENCODING = Pattern.compile(
            "^(?:\u00EF\u00BB\u00BF|\uFEFF)?<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._-]{1,40})[\"']");

    private RequestBodies() {}

    /** A Content-Type header: the media type, lower case without parameters, and its charset parameter or null. */
    public record ContentType(String mediaType, String charset) {
        /** The Content-Type of {@code headers} (any letter case); {@code ("", null)} when absent. */
        public static ContentType of(Map<String, String> headers) {
            String value = null;
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase("content-type")) {
                    value = h.getValue();
                }
            }
            if (value == null) {
                return new ContentType("", null);
            }
            String[] parts = value.split(";");
            String charset = null;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq > 0 && parts[i].substring(0, eq).strip().equalsIgnoreCase("charset")) {
                    charset = parts[i].substring(eq + 1).strip().replace("\"", "");
                }
            }
            return new ContentType(parts[0].strip().toLowerCase(Locale.ROOT), charset);
        }

        public boolean isXml() {
            return mediaType.equals("application/xml") || mediaType.equals("text/xml")
                    || (mediaType.startsWith("application/") && mediaType.endsWith("+xml"));
        }

        public boolean isCsv() {
            return mediaType.equals("text/csv");
        }

        /** A Zengin file: {@code text/x-zengin} or {@code application/x-zengin} (docs/bank-statement-zengin.md). */
        public boolean isZengin() {
            return mediaType.equals("text/x-zengin") || mediaType.equals("application/x-zengin");
        }

        /** Whether the charset parameter is absent or names UTF-8. */
        public boolean isUtf8OrUnstated() {
            return charset == null || StandardCharsets.UTF_8.equals(charsetOf(charset));
        }
    }

    /**
     * The bytes that were sent.
     *
     * @param body the event's body: base64 when {@code base64}, else text (null: an empty body)
     * @throws IntakeException 400 for a body that is not valid base64, or text the declared charset cannot
     *     represent; 415 for a charset Java does not know
     */
    public static byte[] bytes(String body, boolean base64, Map<String, String> headers) {
        if (body == null) {
            return new byte[0];
        }
        if (base64) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new IntakeException(400, "malformed-body", "the body is not valid base64");
            }
        }
        ContentType type = ContentType.of(headers);
        String declared = type.isXml() ? xmlEncoding(body) : null;
        // JSON and the statement CSV are UTF-8 by definition (intake refuses another declared charset with 415).
        boolean utf8Only = type.isCsv() || type.mediaType().equals("application/json");
        Charset charset = declared != null ? charsetOf(declared)
                : type.charset() != null && !utf8Only ? charsetOf(type.charset())
                : StandardCharsets.UTF_8;
        boolean statement = type.isXml() || type.isCsv() || type.isZengin();
        if (type.isZengin() && body.indexOf('\uFFFD') >= 0) {
            throw malformed(type, "it holds U+FFFD, the mark of bytes that were not valid " + charset.name()
                    + " and were replaced on the way (Shift_JIS kana are not UTF-8)");
        }
        if (statement && body.indexOf('\uFFFD') >= 0) {
            throw malformed(type, "it holds U+FFFD, the mark of bytes that were not valid " + charset.name()
                    + " and were replaced on the way; send it as valid " + charset.name()
                    + (type.isXml() ? ", or declare its real encoding in the XML declaration" : ""));
        }
        try {
            ByteBuffer encoded = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(body));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw malformed(type, "it holds characters that " + charset.name()
                    + ", the charset it declares, cannot represent");
        }
    }

    /** The encoding named by the XML declaration at the start of {@code xml}, or null. */
    public static String xmlEncoding(CharSequence xml) {
        Matcher m = XML_ENCODING.matcher(xml.length() > 512 ? xml.subSequence(0, 512) : xml);
        return m.find() ? m.group(1) : null;
    }

    /** The encoding named by the XML declaration at the start of these bytes (an ASCII-compatible prolog), or null. */
    public static String xmlEncoding(byte[] xml) {
        return xmlEncoding(new String(xml, 0, Math.min(xml.length, 512), StandardCharsets.ISO_8859_1));
    }

    /**
     * A charset by name.
     *
     * @throws IntakeException 415 {@code unsupported-media-type} for a name Java does not know
     */
    public static Charset charsetOf(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IntakeException(415, "unsupported-media-type", "unknown charset " + Json.quote(name));
        }
    }

    /**
     * The document in UTF-8, strictly decoded from {@code charset}.
     *
     * @throws IntakeException 400 {@code malformed-xml} when the bytes are not valid in {@code charset}
     */
    public static byte[] transcodeXmlToUtf8(byte[] bytes, Charset charset) {
        try {
            CharBuffer text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IntakeException(400, "malformed-xml", "not a well-formed, DTD-free XML document: the document is"
                    + " not valid " + charset.name() + ", the charset its Content-Type declares");
        }
    }

    private static IntakeException malformed(ContentType type, String why) {
        return type.isXml() ? new IntakeException(400, "malformed-xml", "not a well-formed, DTD-free XML document: "
                + why)
                : type.isCsv() ? new IntakeException(400, "malformed-csv", "the file is not valid UTF-8: " + why)
                : type.isZengin() ? new IntakeException(400, "malformed-zengin", "the file did not arrive as the bytes"
                        + " that were sent: " + why + "; send it as application/x-zengin, which API Gateway hands on"
                        + " base64-encoded, byte for byte")
                : new IntakeException(400, "malformed-body", "the body cannot be read: " + why);
    }
}
