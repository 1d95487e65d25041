package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.local.engines.AslDefinition.ArrayTemplate;
import io.periodic.local.engines.AslDefinition.Literal;
import io.periodic.local.engines.AslDefinition.ObjectTemplate;
import io.periodic.local.engines.AslDefinition.Template;
import io.periodic.local.engines.AslDefinition.TemplateField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses Parameters into templates (static values and {@code "key.$": "$.path"} references, nested objects and
 * arrays), and refuses a {@code ${Name}} placeholder left unsubstituted in a state.
 */
final class AslTemplates {
    private final AslParser parser;

    AslTemplates(AslParser parser) {
        this.parser = parser;
    }

    Template parameters(JsonNode node, String where) {
        JsonNode parameters = node.get("Parameters");
        if (parameters == null) {
            return null;
        }
        if (!parameters.isObject()) {
            throw parser.bad(where + ": Parameters must be a JSON object");
        }
        return template(parameters, where + " Parameters");
    }

    private Template template(JsonNode node, String where) {
        if (node.isArray()) {
            List<Template> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(template(item, where + "[" + items.size() + "]"));
            }
            return new ArrayTemplate(List.copyOf(items));
        }
        if (!node.isObject()) {
            return new Literal(node.deepCopy());
        }
        List<TemplateField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String at = where + " field '" + key + "'";
            boolean reference = key.endsWith(".$");
            String name = reference ? key.substring(0, key.length() - 2) : key;
            if (!names.add(name)) {
                throw parser.bad(at + " conflicts with another field named '" + name + "'");
            }
            if (!reference) {
                fields.add(new TemplateField(name, null, template(entry.getValue(), at)));
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                throw parser.bad(at + " must be a string path, is " + value);
            }
            String expression = value.textValue();
            if (expression.startsWith("$$")) {
                throw parser.bad(at + ": context object path '" + expression
                        + "' is not supported by LocalStateMachine");
            }
            if (expression.startsWith("States.")) {
                throw parser.bad(at + ": intrinsic function '" + expression
                        + "' is not supported by LocalStateMachine");
            }
            fields.add(new TemplateField(name, parser.path(expression, at), null));
        }
        return new ObjectTemplate(List.copyOf(fields));
    }

    /**
     * Refuses a {@code ${Name}} left in any string of a state (outside Comment): a DefinitionSubstitutions
     * entry that was not supplied, which would otherwise reach the task invoker as a literal resource.
     */
    void noPlaceholders(JsonNode state, String where) {
        for (String field : AslParser.fieldNames(state)) {
            if (!field.equals("Comment")) {
                findPlaceholder(state.get(field)).ifPresent(text -> {
                    throw parser.bad(where + ": unsubstituted placeholder in " + field + ": '" + text + "'");
                });
            }
        }
    }

    private static Optional<String> findPlaceholder(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains("${") ? Optional.of(node.textValue()) : Optional.empty();
        }
        for (JsonNode child : node) {
            Optional<String> found = findPlaceholder(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
