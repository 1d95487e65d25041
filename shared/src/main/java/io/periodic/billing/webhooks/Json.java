package io.periodic.billing.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.periodic.billing.payments.IntakeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict JSON tree reading and the 400/422 refusals with a field path, shared by both event parsers. */
final class Json {
    static final String MALFORMED_JSON = "malformed-json";
    static final String INVALID_FIELD = "invalid-field";
    static final String INVALID_AMOUNT = "invalid-amount";

    /**
     * Trees only (no binding to classes). A repeated key is malformed (two parsers could read different values),
     * as is anything after the top-level value. NaN and Infinity are refused by Jackson's defaults.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private Json() {}

    /**
     * The body as a JSON object, or 400 {@code malformed-json}. The body must be UTF-8 (RFC 8259), strictly: bytes
     * that are not UTF-8 (stray, truncated, overlong such as {@code C0 AF}, encoded surrogates) are refused, and so
     * is UTF-16 or UTF-32, which Jackson would otherwise detect and read from the bytes. A UTF-8 byte-order mark at
     * the start is ignored, as RFC 8259 allows.
     */
    static JsonNode readObject(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw malformedJson("The body is not valid UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            // Jackson's message quotes the input; the detail names only the problem.
            throw malformedJson("The body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformedJson("The body is not a JSON object");
        }
        return root;
    }

    /** A member of {@code parent}, or null when absent or JSON null. */
    static JsonNode member(JsonNode parent, String name) {
        JsonNode value = parent == null ? null : parent.get(name);
        return value == null || value.isNull() ? null : value;
    }

    static IntakeException malformedJson(String detail) {
        return new IntakeException(400, MALFORMED_JSON, detail);
    }

    static IntakeException invalidField(String path, String problem) {
        return new IntakeException(422, INVALID_FIELD, path + ": " + problem);
    }

    static IntakeException invalidAmount(String path, String problem) {
        return new IntakeException(422, INVALID_AMOUNT, path + ": " + problem);
    }

    /**
     * Quotes sender text for a message: at most 40 characters, every character {@link IntakeRules#textProblem}
     * objects to (controls, lone surrogates, bidirectional controls, U+FFFD-U+FFFF) replaced by '?'.
     */
    static String quote(String text) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(c -> out.appendCodePoint(IntakeRules.textProblem(Character.toString(c), false)
                == null ? c : '?'));
        return out.append('"').toString();
    }

    /** What kind of JSON value a node is, for messages. */
    static String kind(JsonNode node) {
        return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isArray() ? "an array" : node.isObject() ? "an object" : node.getNodeType().toString();
    }
}
