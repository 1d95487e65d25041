package io.periodic.billing.persistence;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One page of a query and an opaque cursor for the next one (null when there is no more). The cursor encodes
 * DynamoDB's LastEvaluatedKey (all our key attributes are strings), so a rerun can resume where a page ended.
 */
public record Page<T>(List<T> items, String cursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return cursor != null;
    }

    static String encode(Map<String, AttributeValue> lastKey) {
        if (lastKey == null || lastKey.isEmpty()) {
            return null;
        }
        StringBuilder raw = new StringBuilder();
        lastKey.forEach((name, value) -> raw.append(name).append('\u0000').append(value.s()).append('\u0000'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from {@link #encode}; a cursor that is not one is rejected, never half-used. */
    static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid page cursor", e);
        }
        String[] parts = raw.split("\u0000", -1);
        if (parts.length < 3 || parts.length % 2 != 1 || !parts[parts.length - 1].isEmpty()) {
            throw new IllegalArgumentException("invalid page cursor");
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            key.put(parts[i], AttributeValue.fromS(parts[i + 1]));
        }
        return key;
    }
}
