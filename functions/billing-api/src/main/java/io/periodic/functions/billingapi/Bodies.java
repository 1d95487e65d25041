package io.periodic.functions.billingapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.periodic.functions.billingapi.Http.ApiProblem;
import java.util.Locale;
import java.util.Map;

/**
 * Request bodies as the API takes them, and the JSON it writes. Bodies are strict JSON: UTF-8 (invalid bytes
 * refused, not replaced), at most {@link #MAX_BODY_BYTES}, one object, no repeated key, nothing after it.
 */
final class Bodies {
    /**
     * Strict JSON: a repeated key is malformed (two readers could see different values - the last one won before),
     * as is anything after the top-level value. NaN and Infinity are refused by Jackson's defaults, and so is a
     * document nested deeper than 1,000 levels (its stream read constraints).
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    /** The largest body accepted, in bytes (UTF-8). */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private Bodies() {}

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as a JSON object, or null when there is none; every way it can be wrong is a 4xx problem. */
    static JsonNode parse(String method, String rawBody, Map<String, String> headers) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        if ("GET".equals(method)) {
            throw new ApiProblem(400, "unexpected-body", "a GET request has no body");
        }
        String type = headers == null ? null : headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("content-type")).map(Map.Entry::getValue).findFirst()
                .orElse(null);
        if (type != null && !isJson(type)) {
            throw new ApiProblem(415, "unsupported-media-type", "send the body as application/json (UTF-8), not "
                    + Http.printable(type));
        }
        if (rawBody.length() > MAX_BODY_BYTES || utf8Length(rawBody) > MAX_BODY_BYTES) {
            throw new ApiProblem(413, "body-too-large", "the body is larger than 256 KB");
        }
        int replacement = rawBody.indexOf('\uFFFD');
        if (replacement >= 0) {
            // What a lenient decoder leaves of bytes that were not UTF-8: the text is already damaged.
            throw new ApiProblem(400, "invalid-encoding", "the body holds U+FFFD (character " + replacement
                    + "), the mark of bytes that were not UTF-8; send JSON encoded as UTF-8", "/", null);
        }
        try {
            JsonNode body = JSON.readTree(rawBody);
            if (body == null || !body.isObject()) {
                throw new ApiProblem(400, "malformed-json", "the body must be a JSON object", "/", null);
            }
            return body;
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                String pointer = pointerOf(e);
                throw new ApiProblem(400, "duplicate-key", "the key " + pointer + " appears more than once in its "
                        + "object; send each key once", pointer, null);
            }
            throw new ApiProblem(400, "malformed-json", "the body is not valid JSON: " + message, "/", null);
        } catch (JsonProcessingException e) {
            throw new ApiProblem(400, "malformed-json", "the body is not valid JSON: " + e.getOriginalMessage(),
                    "/", null);
        }
    }

    /** {@code application/json}, with no charset or UTF-8 (JSON is UTF-8: RFC 8259). */
    private static boolean isJson(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")
                    && !parameter.substring(8).replace("\"", "").strip().equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** Where the parser was when it failed, as a JSON pointer ("/" for the document). */
    private static String pointerOf(StreamReadException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            return pointer.isEmpty() ? "/" : pointer;
        }
        return "/";
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
