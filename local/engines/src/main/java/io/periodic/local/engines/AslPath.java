package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one JSONPath form {@link LocalStateMachine} supports: {@code $} or a simple dotted path such as
 * {@code $.state.next.at}. Field names are letters, digits, {@code _} and {@code -}; anything else (brackets,
 * wildcards, filters, {@code ..}, the {@code $$} context object) is refused when the definition is loaded, so
 * a definition can never reach a path this class would evaluate differently from Step Functions.
 */
record AslPath(List<String> fields) {
    /** {@code $}: the whole document. */
    static final AslPath ROOT = new AslPath(List.of());

    private static final Pattern SIMPLE = Pattern.compile("\\$(\\.[A-Za-z0-9_-]+)*");

    AslPath {
        fields = List.copyOf(fields);
    }

    /**
     * Parses {@code text}, or throws IllegalArgumentException prefixed with {@code where} (the state and field
     * the path came from) when it is not a simple dotted path.
     */
    static AslPath parse(String text, String where) {
        if (text == null || !SIMPLE.matcher(text).matches()) {
            throw new IllegalArgumentException(where + ": unsupported JSONPath '" + text
                    + "' (LocalStateMachine supports only $ and simple dotted paths such as $.a.b)");
        }
        return text.equals("$") ? ROOT : new AslPath(Arrays.asList(text.substring(2).split("\\.")));
    }

    /** The node at this path, or empty when some field on the way is missing or not an object. */
    Optional<JsonNode> read(JsonNode document) {
        JsonNode node = document;
        for (String field : fields) {
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            node = node.get(field);
        }
        return Optional.ofNullable(node);
    }

    /**
     * A copy of {@code document} with {@code value} placed at this path, as ResultPath does: {@code $} replaces
     * the document; {@code $.a.b} sets field {@code b} of {@code a}, creating the objects on the way. Empty when
     * the document, or a node on the way, exists but is not an object (Step Functions' ResultPathMatchFailure).
     * The document itself is never modified.
     */
    Optional<JsonNode> write(JsonNode document, JsonNode value) {
        if (fields.isEmpty()) {
            return Optional.of(value);
        }
        if (document == null || !document.isObject()) {
            return Optional.empty();
        }
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        ObjectNode parent = copy;
        for (String field : fields.subList(0, fields.size() - 1)) {
            JsonNode child = parent.get(field);
            if (child == null) {
                ObjectNode created = JsonNodeFactory.instance.objectNode();
                parent.set(field, created);
                parent = created;
            } else if (child.isObject()) {
                parent = (ObjectNode) child;
            } else {
                return Optional.empty();
            }
        }
        parent.set(fields.get(fields.size() - 1), value);
        return Optional.of(copy);
    }

    @Override
    public String toString() {
        return fields.isEmpty() ? "$" : "$." + String.join(".", fields);
    }
}
