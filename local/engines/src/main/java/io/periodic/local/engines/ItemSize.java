package io.periodic.local.engines;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB bills it (write units are charged per started KB): attribute names plus values —
 * strings and binaries by their UTF-8 length, numbers about one byte per two significant digits plus one, booleans
 * and nulls one byte, maps and lists 3 bytes plus 1 per element plus their contents.
 */
public final class ItemSize {
    private ItemSize() {}

    public static int of(Map<String, AttributeValue> item) {
        int size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + value(e.getValue());
        }
        return size;
    }

    private static int value(AttributeValue v) {
        if (v.s() != null) {
            return v.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.n() != null) {
            String digits = v.n().replace("-", "").replace(".", "").replaceFirst("^0+", "");
            return (digits.length() + 1) / 2 + 1;
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            return 3 + v.m().size() + of(v.m());
        }
        if (v.hasL()) {
            return 3 + v.l().size() + v.l().stream().mapToInt(ItemSize::value).sum();
        }
        return 0;
    }
}
