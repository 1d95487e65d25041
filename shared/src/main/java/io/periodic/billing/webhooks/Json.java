package io.periodic.billing.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.periodic.billing.payments.IntakeException;
import java.io.IOException;

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

    /** The body as a JSON object, or 400 {@code malformed-json}. */
    static JsonNode readObject(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
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

    /** Quotes sender text for a message: at most 40 characters, control characters replaced. */
    static String quote(String text) {
        String shown = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        shown.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.append('"').toString();
    }

    /** What kind of JSON value a node is, for messages. */
    static String kind(JsonNode node) {
        return node.isTextual() ? "a string" : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean"
                : node.isArray() ? "an array" : node.isObject() ? "an object" : node.getNodeType().toString();
    }

    /** Whether the text has no ISO control character (line breaks, NUL, DEL…). */
    static boolean noControlCharacters(String text) {
        return text.codePoints().noneMatch(Character::isISOControl);
    }
}
