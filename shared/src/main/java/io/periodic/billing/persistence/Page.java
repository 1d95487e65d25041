package io.periodic.billing.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a query and an opaque cursor for the next one (null when there is no more). The cursor encodes
 * DynamoDB's LastEvaluatedKey (all our key attributes are strings), so a rerun can resume where a page ended.
 *
 * <p>A cursor comes back from a client, so it is checked against the query it is given to before DynamoDB sees
 * it ({@link Shape}): exactly that query's key attributes, each a non-empty string within DynamoDB's key size
 * limits, with values the query's key condition admits (its partition, its sort-key range). Anything else is an
 * {@link InvalidCursorException} - a client error - never a failed query.
 */
public record Page<T>(List<T> items, String cursor) {
    /** DynamoDB's limits on key attribute values, in UTF-8 bytes. */
    static final int PARTITION_KEY_BYTES = 2048;
    static final int SORT_KEY_BYTES = 1024;
    /** Far above any cursor we hand out (four key attributes within the limits above). */
    private static final int MAX_CURSOR_CHARS = 8 * 1024;

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return cursor != null;
    }

    /**
     * What a cursor of one query must look like: exactly the key attributes of the table and the queried index
     * (name to its largest value in UTF-8 bytes), and values that satisfy the query's key condition.
     */
    record Shape(Map<String, Integer> keyAttributes, Expression keyCondition) {
        /** The key of the table and, for an index query, of the index. */
        static Shape of(String tablePk, String tableSk, String indexPk, String indexSk, Expression keyCondition) {
            Map<String, Integer> keys = new LinkedHashMap<>();
            keys.put(tablePk, PARTITION_KEY_BYTES);
            keys.put(tableSk, SORT_KEY_BYTES);
            if (indexPk != null) {
                keys.put(indexPk, PARTITION_KEY_BYTES);
            }
            if (indexSk != null) {
                keys.put(indexSk, SORT_KEY_BYTES);
            }
            return new Shape(Map.copyOf(keys), keyCondition);
        }
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder raw = new StringBuilder();
        lastKey.forEach((name, value) -> raw.append(name).append('\u0000').append(value.s()).append('\u0000'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor from {@link #encode} for the query {@code shape} describes; a cursor that is not one is
     * rejected with {@link InvalidCursorException}, never half-used.
     */
    static Map<String, AttributeValue> decode(String cursor, Shape shape) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_CURSOR_CHARS) {
            throw new InvalidCursorException("too long");
        }
        String raw;
        try {
            raw = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new InvalidCursorException("not base64url-encoded UTF-8");
        }
        String[] parts = raw.split("\u0000", -1);
        if (parts.length < 3 || parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
            throw new InvalidCursorException("not a page key");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            String name = parts[i];
            String value = parts[i + 1];
            Integer limit = shape.keyAttributes().get(name);
            if (limit == null || key.containsKey(name)) {
                throw new InvalidCursorException("not a key of this listing");
            }
            if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > limit) {
                throw new InvalidCursorException("a key value is empty or too long");
            }
            key.put(name, AttributeValue.fromS(value));
        }
        if (!key.keySet().equals(shape.keyAttributes().keySet())) {
            throw new InvalidCursorException("not a key of this listing");
        }
        if (!admits(shape.keyCondition(), key)) {
            throw new InvalidCursorException("from another listing");
        }
        return key;
    }

    /** One comparison of a key condition: {@code #a = :v}, {@code #a < :v}, {@code begins_with(#a, :v)}, BETWEEN. */
    private static final Pattern TERM = Pattern.compile("\\s*(?:begins_with\\(\\s*(#\\w+)\\s*,\\s*(:\\w+)\\s*\\)"
            + "|(#\\w+)\\s+BETWEEN\\s+(:\\w+)\\s+AND\\s+(:\\w+)"
            + "|(#\\w+)\\s*(<=|>=|<|>|=)\\s*(:\\w+))\\s*(?:AND\\b|$)");

    /**
     * Whether the key satisfies the key condition (DynamoDB refuses a start key outside it). Strings compare as
     * DynamoDB compares them: by their UTF-8 bytes, unsigned.
     */
    static boolean admits(Expression condition, Map<String, AttributeValue> key) {
        String text = condition.expression();
        Matcher m = TERM.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalStateException("a key condition the cursor check does not know: " + text);
            }
            at = m.end();
            boolean ok;
            if (m.group(1) != null) {
                ok = value(key, condition, m.group(1)).startsWith(value(condition, m.group(2)));
            } else if (m.group(3) != null) {
                String v = value(key, condition, m.group(3));
                ok = compare(v, value(condition, m.group(4))) >= 0 && compare(v, value(condition, m.group(5))) <= 0;
            } else {
                int c = compare(value(key, condition, m.group(6)), value(condition, m.group(8)));
                ok = switch (m.group(7)) {
                    case "=" -> c == 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String value(Map<String, AttributeValue> key, Expression condition, String nameToken) {
        String attribute = condition.expressionNames().get(nameToken);
        AttributeValue v = attribute == null ? null : key.get(attribute);
        if (v == null) {
            throw new IllegalStateException("key condition names " + nameToken + ", not a key attribute");
        }
        return v.s();
    }

    private static String value(Expression condition, String valueToken) {
        AttributeValue v = condition.expressionValues().get(valueToken);
        if (v == null || v.s() == null) {
            throw new IllegalStateException("key condition value " + valueToken + " is not a string");
        }
        return v.s();
    }

    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
