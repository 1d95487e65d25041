package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.local.engines.AslDefinition.And;
import io.periodic.local.engines.AslDefinition.Comparison;
import io.periodic.local.engines.AslDefinition.Not;
import io.periodic.local.engines.AslDefinition.Operator;
import io.periodic.local.engines.AslDefinition.Or;
import io.periodic.local.engines.AslDefinition.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses the rules of a Choice state: comparisons of the supported operators, and And, Or, Not. */
final class AslChoiceRules {
    private static final Map<String, Operator> OPERATORS = Map.of(
            "StringEquals", Operator.STRING_EQUALS,
            "NumericEquals", Operator.NUMERIC_EQUALS,
            "BooleanEquals", Operator.BOOLEAN_EQUALS,
            "IsPresent", Operator.IS_PRESENT);
    private final AslParser parser;

    AslChoiceRules(AslParser parser) {
        this.parser = parser;
    }

    /** A Choice rule; top-level rules carry Next, nested ones (inside And/Or/Not) must not. */
    Rule rule(JsonNode node, String where, boolean topLevel) {
        if (!node.isObject()) {
            throw parser.bad(where + " must be an object");
        }
        if (!topLevel && node.has("Next")) {
            throw parser.bad(where + ": a rule nested in And/Or/Not cannot have Next");
        }
        List<String> combinators = AslParser.fieldNames(node).stream()
                .filter(f -> f.equals("And") || f.equals("Or") || f.equals("Not")).toList();
        if (combinators.size() > 1) {
            throw parser.bad(where + " combines " + combinators + "; use exactly one");
        }
        if (combinators.size() == 1) {
            String combinator = combinators.get(0);
            parser.onlyFields(node, Set.of(combinator, "Next", "Comment"), where);
            JsonNode operand = node.get(combinator);
            if (combinator.equals("Not")) {
                return new Not(rule(operand, where + " Not", false));
            }
            List<Rule> rules = new ArrayList<>();
            for (JsonNode nested : parser.array(operand, where + " " + combinator)) {
                rules.add(rule(nested, where + " " + combinator + "[" + rules.size() + "]", false));
            }
            if (rules.isEmpty()) {
                throw parser.bad(where + ": " + combinator + " must not be empty");
            }
            return combinator.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
        }
        AslPath variable = parser.path(parser.text(node, "Variable", where, true), where + " Variable");
        List<String> operators = AslParser.fieldNames(node).stream()
                .filter(f -> !f.equals("Variable") && !f.equals("Next") && !f.equals("Comment")).toList();
        if (operators.size() != 1) {
            throw parser.bad(where + " must have exactly one comparison operator, has " + operators);
        }
        String operatorName = operators.get(0);
        Operator operator = OPERATORS.get(operatorName);
        if (operator == null) {
            throw parser.bad(where + ": comparison operator '" + operatorName
                    + "' is not supported by LocalStateMachine (supported: "
                    + OPERATORS.keySet().stream().sorted().toList() + ", And, Or, Not)");
        }
        JsonNode expected = node.get(operatorName);
        boolean typeOk = switch (operator) {
            case STRING_EQUALS -> expected.isTextual();
            case NUMERIC_EQUALS -> expected.isNumber();
            case BOOLEAN_EQUALS, IS_PRESENT -> expected.isBoolean();
        };
        if (!typeOk) {
            throw parser.bad(where + ": " + operatorName + " has a value of the wrong type: " + expected);
        }
        return new Comparison(variable, operator, expected.deepCopy());
    }
}
