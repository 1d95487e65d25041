package io.periodic.billing.persistence;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stored item as text, one top-level attribute a line, sorted by name, each value with its DynamoDB type
 * ({@code S}, {@code N}, {@code B}, {@code BOOL}, {@code NULL}, {@code L}, {@code M}, sets): two items render the
 * same text exactly when DynamoDB would store the same attributes with the same types and values.
 */
final class StoredForm {
    private StoredForm() {}

    static String render(Map<String, AttributeValue> item) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(item).forEach((name, value) -> {
            text.append(name).append(" = ");
            value(text, value);
            text.append('\n');
        });
        return text.toString();
    }

    private static void value(StringBuilder text, AttributeValue value) {
        switch (value.type()) {
            case S -> text.append("S ").append(quoted(value.s()));
            case N -> text.append("N ").append(value.n());
            case B -> text.append("B ").append(Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> text.append("BOOL ").append(value.bool());
            case NUL -> text.append("NULL");
            case SS -> text.append("SS ").append(value.ss().stream().sorted().map(StoredForm::quoted).toList());
            case NS -> text.append("NS ").append(value.ns().stream().sorted().toList());
            case BS -> text.append("BS ").append(value.bs().stream()
                    .map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).sorted().toList());
            case L -> {
                text.append("L [");
                List<AttributeValue> elements = value.l();
                for (int i = 0; i < elements.size(); i++) {
                    text.append(i == 0 ? "" : ", ");
                    value(text, elements.get(i));
                }
                text.append(']');
            }
            case M -> {
                text.append("M {");
                boolean first = true;
                for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(value.m()).entrySet()) {
                    text.append(first ? "" : ", ").append(entry.getKey()).append(": ");
                    value(text, entry.getValue());
                    first = false;
                }
                text.append('}');
            }
            default -> throw new IllegalArgumentException("unknown attribute value type: " + value);
        }
    }

    private static String quoted(String s) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
