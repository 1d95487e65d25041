package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed and validated Amazon States Language definition, limited to the subset {@link LocalStateMachine}
 * runs. Parsing is strict: every field of every state must be one this class understands, so a definition that
 * uses anything else (Map, Parallel, intrinsic functions, JSONata, TimeoutSeconds, ResultSelector, ...) is
 * refused with an IllegalArgumentException naming the state and the feature instead of being half-executed.
 */
final class AslDefinition {
    final String startAt;
    final Map<String, State> states;

    private AslDefinition(String startAt, Map<String, State> states) {
        this.startAt = startAt;
        this.states = Map.copyOf(states);
    }

    // ---------------------------------------------------------------- model

    /** A state of the supported subset. {@code next == null} on Task, Pass and Wait means {@code "End": true}. */
    sealed interface State permits Task, Pass, Choice, Wait, Fail, Succeed {
        String name();
    }

    /**
     * A Task. {@code inputPath}/{@code outputPath} null mean the field was JSON null (the value becomes
     * {@code {}}); {@code resultPath} null means {@code "ResultPath": null} (the result is discarded);
     * {@code parameters} null means no Parameters (the effective input is passed as is).
     */
    record Task(String name, String resource, AslPath inputPath, Template parameters, AslPath resultPath,
                AslPath outputPath, List<Retrier> retry, List<Catcher> catchers, String next) implements State {}

    /** A Pass; nullable fields as for {@link Task}; {@code result} null means no Result field. */
    record Pass(String name, AslPath inputPath, JsonNode result, Template parameters, AslPath resultPath,
                AslPath outputPath, String next) implements State {}

    /** A Choice; {@code defaultNext} null means no Default. */
    record Choice(String name, List<Branch> branches, String defaultNext) implements State {}

    /** A Wait; exactly one of the four duration fields is set. */
    record Wait(String name, Long seconds, Instant timestamp, AslPath secondsPath, AslPath timestampPath,
                String next) implements State {}

    /** A Fail; error and cause may be null. */
    record Fail(String name, String error, String cause) implements State {}

    record Succeed(String name) implements State {}

    /** A Retry entry with ASL defaults applied; {@code maxDelaySeconds} null means uncapped. */
    record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
                   Integer maxDelaySeconds) {}

    /** A Catch entry; {@code resultPath} null means {@code "ResultPath": null}. */
    record Catcher(List<String> errorEquals, AslPath resultPath, String next) {}

    /** A top-level Choice rule and where it leads. */
    record Branch(Rule rule, String next) {}

    /** A Choice rule: a comparison or a boolean combination of rules. */
    sealed interface Rule permits And, Or, Not, Comparison {}

    record And(List<Rule> rules) implements Rule {}

    record Or(List<Rule> rules) implements Rule {}

    record Not(Rule rule) implements Rule {}

    /** {@code Variable} compared with {@code expected} by {@code operator}. */
    record Comparison(AslPath variable, Operator operator, JsonNode expected) implements Rule {}

    enum Operator { STRING_EQUALS, NUMERIC_EQUALS, BOOLEAN_EQUALS, IS_PRESENT }

    /**
     * An error raised while running a state, named as Step Functions names it ({@code States.Runtime},
     * {@code States.ResultPathMatchFailure}, ...). Thrown by the runtime helpers, turned into an execution
     * failure by {@link LocalStateMachine}.
     */
    static final class StatesError extends RuntimeException {
        final String error;

        StatesError(String error, String cause) {
            super(cause);
            this.error = error;
        }
    }

    /**
     * A compiled Parameters payload template: static values are copied, {@code "key.$": "$.path"} fields take
     * the value at the path of the effective input (a missing path is a States.Runtime error, as in Step
     * Functions). Nested objects and arrays are processed the same way.
     */
    sealed interface Template permits Literal, ObjectTemplate, ArrayTemplate {
        JsonNode render(JsonNode input);
    }

    record Literal(JsonNode value) implements Template {
        public JsonNode render(JsonNode input) {
            return value.deepCopy();
        }
    }

    /** One field of an object template: a reference path or a nested template. */
    record TemplateField(String name, AslPath reference, Template value) {}

    record ObjectTemplate(List<TemplateField> fields) implements Template {
        public JsonNode render(JsonNode input) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (TemplateField field : fields) {
                if (field.reference() != null) {
                    JsonNode value = field.reference().read(input).orElseThrow(() -> new StatesError(
                            "States.Runtime", "The JSONPath '" + field.reference() + "' specified for the field '"
                                    + field.name() + ".$' could not be found in the input"));
                    out.set(field.name(), value.deepCopy());
                } else {
                    out.set(field.name(), field.value().render(input));
                }
            }
            return out;
        }
    }

    record ArrayTemplate(List<Template> items) implements Template {
        public JsonNode render(JsonNode input) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            items.forEach(item -> out.add(item.render(input)));
            return out;
        }
    }

    // ---------------------------------------------------------------- parsing

    private static final Set<String> TOP_LEVEL = Set.of("Comment", "StartAt", "States", "Version", "QueryLanguage");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Task", Set.of("Resource", "Parameters", "InputPath", "OutputPath", "ResultPath", "Retry", "Catch",
                    "Next", "End"),
            "Pass", Set.of("Result", "Parameters", "InputPath", "OutputPath", "ResultPath", "Next", "End"),
            "Choice", Set.of("Choices", "Default"),
            "Wait", Set.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Next", "End"),
            "Fail", Set.of("Error", "Cause"),
            "Succeed", Set.of());
    private static final Set<String> RETRIER_FIELDS = Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts",
            "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");
    private static final Set<String> CATCHER_FIELDS = Set.of("ErrorEquals", "ResultPath", "Next", "Comment");
    private static final Map<String, Operator> OPERATORS = Map.of(
            "StringEquals", Operator.STRING_EQUALS,
            "NumericEquals", Operator.NUMERIC_EQUALS,
            "BooleanEquals", Operator.BOOLEAN_EQUALS,
            "IsPresent", Operator.IS_PRESENT);
    /** Step Functions' own limits for Retry fields. */
    private static final long MAX_RETRY_NUMBER = 99_999_999L;

    /** Parses and validates a definition; {@code source} names it in error messages. */
    static AslDefinition parse(JsonNode root, String source) {
        return new Parser(source).definition(root);
    }

    /** Parses an ISO-8601 / RFC 3339 timestamp: {@code Z} via Instant.parse, else with an explicit offset. */
    static Optional<Instant> parseTimestamp(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notZulu) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notOffset) {
                return Optional.empty();
            }
        }
    }

    private static final class Parser {
        private final String source;

        Parser(String source) {
            this.source = source;
        }

        AslDefinition definition(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw bad("the definition must be a JSON object");
            }
            queryLanguage(root, "the definition");
            onlyFields(root, TOP_LEVEL, "the definition");
            if (root.has("Version") && !"1.0".equals(root.get("Version").asText(null))) {
                throw bad("Version '" + root.get("Version") + "' is not supported (only \"1.0\")");
            }
            String startAt = text(root, "StartAt", "the definition", true);
            JsonNode statesNode = root.get("States");
            if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
                throw bad("States must be a non-empty object");
            }
            Map<String, State> states = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : statesNode.properties()) {
                states.put(entry.getKey(), state(entry.getKey(), entry.getValue()));
            }
            if (!states.containsKey(startAt)) {
                throw bad("StartAt '" + startAt + "' names no state");
            }
            checkTransitions(states);
            checkReachable(startAt, states);
            return new AslDefinition(startAt, states);
        }

        private State state(String name, JsonNode node) {
            String where = "state '" + name + "'";
            if (!node.isObject()) {
                throw bad(where + " must be a JSON object");
            }
            String type = text(node, "Type", where, true);
            if (type.equals("Map") || type.equals("Parallel")) {
                throw bad(where + ": Type '" + type + "' is not supported by LocalStateMachine");
            }
            Set<String> fields = FIELDS.get(type);
            if (fields == null) {
                throw bad(where + ": unknown Type '" + type + "'");
            }
            queryLanguage(node, where);
            onlyFields(node, union(COMMON, fields), where);
            noPlaceholders(node, where);
            return switch (type) {
                case "Task" -> task(name, node, where);
                case "Pass" -> pass(name, node, where);
                case "Choice" -> choice(name, node, where);
                case "Wait" -> waitState(name, node, where);
                case "Fail" -> new Fail(name, text(node, "Error", where, false), text(node, "Cause", where, false));
                default -> new Succeed(name);
            };
        }

        private Task task(String name, JsonNode node, String where) {
            String resource = text(node, "Resource", where, true);
            List<Retrier> retry = new ArrayList<>();
            JsonNode retryNode = node.get("Retry");
            if (retryNode != null) {
                for (JsonNode r : array(retryNode, where + " Retry")) {
                    retry.add(retrier(r, where + " Retry[" + retry.size() + "]"));
                }
                allLast(retry.stream().map(Retrier::errorEquals).toList(), where + " Retry");
            }
            List<Catcher> catchers = new ArrayList<>();
            JsonNode catchNode = node.get("Catch");
            if (catchNode != null) {
                for (JsonNode c : array(catchNode, where + " Catch")) {
                    String at = where + " Catch[" + catchers.size() + "]";
                    if (!c.isObject()) {
                        throw bad(at + " must be an object");
                    }
                    onlyFields(c, CATCHER_FIELDS, at);
                    catchers.add(new Catcher(errorEquals(c, at), resultPath(c, at), text(c, "Next", at, true)));
                }
                allLast(catchers.stream().map(Catcher::errorEquals).toList(), where + " Catch");
            }
            return new Task(name, resource, ioPath(node, "InputPath", where), parameters(node, where),
                    resultPath(node, where), ioPath(node, "OutputPath", where), List.copyOf(retry),
                    List.copyOf(catchers), next(node, where));
        }

        private Pass pass(String name, JsonNode node, String where) {
            if (node.has("Result") && node.has("Parameters")) {
                throw bad(where + ": Result together with Parameters is not supported");
            }
            JsonNode result = node.has("Result") ? node.get("Result").deepCopy() : null;
            return new Pass(name, ioPath(node, "InputPath", where), result, parameters(node, where),
                    resultPath(node, where), ioPath(node, "OutputPath", where), next(node, where));
        }

        private Choice choice(String name, JsonNode node, String where) {
            JsonNode choices = node.get("Choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                throw bad(where + ": Choices must be a non-empty array");
            }
            List<Branch> branches = new ArrayList<>();
            for (JsonNode c : choices) {
                String at = where + " Choices[" + branches.size() + "]";
                branches.add(new Branch(rule(c, at, true), text(c, "Next", at, true)));
            }
            return new Choice(name, List.copyOf(branches), text(node, "Default", where, false));
        }

        /** A Choice rule; top-level rules carry Next, nested ones (inside And/Or/Not) must not. */
        private Rule rule(JsonNode node, String where, boolean topLevel) {
            if (!node.isObject()) {
                throw bad(where + " must be an object");
            }
            if (!topLevel && node.has("Next")) {
                throw bad(where + ": a rule nested in And/Or/Not cannot have Next");
            }
            List<String> combinators = fieldNames(node).stream()
                    .filter(f -> f.equals("And") || f.equals("Or") || f.equals("Not")).toList();
            if (combinators.size() > 1) {
                throw bad(where + " combines " + combinators + "; use exactly one");
            }
            if (combinators.size() == 1) {
                String combinator = combinators.get(0);
                onlyFields(node, Set.of(combinator, "Next", "Comment"), where);
                JsonNode operand = node.get(combinator);
                if (combinator.equals("Not")) {
                    return new Not(rule(operand, where + " Not", false));
                }
                List<Rule> rules = new ArrayList<>();
                for (JsonNode nested : array(operand, where + " " + combinator)) {
                    rules.add(rule(nested, where + " " + combinator + "[" + rules.size() + "]", false));
                }
                if (rules.isEmpty()) {
                    throw bad(where + ": " + combinator + " must not be empty");
                }
                return combinator.equals("And") ? new And(List.copyOf(rules)) : new Or(List.copyOf(rules));
            }
            AslPath variable = path(text(node, "Variable", where, true), where + " Variable");
            List<String> operators = fieldNames(node).stream()
                    .filter(f -> !f.equals("Variable") && !f.equals("Next") && !f.equals("Comment")).toList();
            if (operators.size() != 1) {
                throw bad(where + " must have exactly one comparison operator, has " + operators);
            }
            String operatorName = operators.get(0);
            Operator operator = OPERATORS.get(operatorName);
            if (operator == null) {
                throw bad(where + ": comparison operator '" + operatorName + "' is not supported by LocalStateMachine"
                        + " (supported: " + OPERATORS.keySet().stream().sorted().toList() + ", And, Or, Not)");
            }
            JsonNode expected = node.get(operatorName);
            boolean typeOk = switch (operator) {
                case STRING_EQUALS -> expected.isTextual();
                case NUMERIC_EQUALS -> expected.isNumber();
                case BOOLEAN_EQUALS, IS_PRESENT -> expected.isBoolean();
            };
            if (!typeOk) {
                throw bad(where + ": " + operatorName + " has a value of the wrong type: " + expected);
            }
            return new Comparison(variable, operator, expected.deepCopy());
        }

        private Wait waitState(String name, JsonNode node, String where) {
            List<String> given = fieldNames(node).stream()
                    .filter(f -> f.equals("Seconds") || f.equals("Timestamp") || f.equals("SecondsPath")
                            || f.equals("TimestampPath")).toList();
            if (given.size() != 1) {
                throw bad(where + " must have exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; has "
                        + given);
            }
            Long seconds = null;
            Instant timestamp = null;
            AslPath secondsPath = null;
            AslPath timestampPath = null;
            switch (given.get(0)) {
                case "Seconds" -> {
                    JsonNode s = node.get("Seconds");
                    if (!s.isIntegralNumber() || !s.canConvertToLong() || s.longValue() < 0) {
                        throw bad(where + ": Seconds must be a non-negative integer, is " + s);
                    }
                    seconds = s.longValue();
                }
                case "Timestamp" -> {
                    String t = text(node, "Timestamp", where, true);
                    timestamp = parseTimestamp(t).orElseThrow(
                            () -> bad(where + ": Timestamp '" + t + "' is not an ISO-8601 timestamp"));
                }
                case "SecondsPath" -> secondsPath =
                        path(text(node, "SecondsPath", where, true), where + " SecondsPath");
                default -> timestampPath =
                        path(text(node, "TimestampPath", where, true), where + " TimestampPath");
            }
            return new Wait(name, seconds, timestamp, secondsPath, timestampPath, next(node, where));
        }

        private Retrier retrier(JsonNode node, String where) {
            if (!node.isObject()) {
                throw bad(where + " must be an object");
            }
            onlyFields(node, RETRIER_FIELDS, where);
            int interval = (int) integer(node, "IntervalSeconds", where, 1, 1);
            int maxAttempts = (int) integer(node, "MaxAttempts", where, 3, 0);
            double backoff = 2.0;
            if (node.has("BackoffRate")) {
                JsonNode b = node.get("BackoffRate");
                if (!b.isNumber() || b.doubleValue() < 1.0) {
                    throw bad(where + ": BackoffRate must be a number >= 1.0, is " + b);
                }
                backoff = b.doubleValue();
            }
            Integer maxDelay = node.has("MaxDelaySeconds") ? (int) integer(node, "MaxDelaySeconds", where, 0, 1) : null;
            if (node.has("JitterStrategy")) {
                String jitter = text(node, "JitterStrategy", where, true);
                if (!jitter.equals("FULL") && !jitter.equals("NONE")) {
                    throw bad(where + ": JitterStrategy must be FULL or NONE, is '" + jitter + "'");
                }
                // Deliberately ignored at run time: see LocalStateMachine's javadoc.
            }
            return new Retrier(errorEquals(node, where), interval, maxAttempts, backoff, maxDelay);
        }

        private long integer(JsonNode node, String field, String where, long byDefault, long min) {
            JsonNode value = node.get(field);
            if (value == null) {
                return byDefault;
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
                    || value.longValue() > MAX_RETRY_NUMBER) {
                throw bad(where + ": " + field + " must be an integer between " + min + " and " + MAX_RETRY_NUMBER
                        + ", is " + value);
            }
            return value.longValue();
        }

        private List<String> errorEquals(JsonNode node, String where) {
            JsonNode names = node.get("ErrorEquals");
            if (names == null || !names.isArray() || names.isEmpty()) {
                throw bad(where + ": ErrorEquals must be a non-empty array");
            }
            List<String> errors = new ArrayList<>();
            for (JsonNode name : names) {
                if (!name.isTextual() || name.textValue().isBlank()) {
                    throw bad(where + ": ErrorEquals must hold error names, has " + name);
                }
                errors.add(name.textValue());
            }
            if (errors.contains("States.ALL") && errors.size() > 1) {
                throw bad(where + ": States.ALL must appear alone in ErrorEquals");
            }
            return List.copyOf(errors);
        }

        /** As in ASL: a retrier or catcher matching States.ALL must be the last one. */
        private void allLast(List<List<String>> errorEquals, String where) {
            for (int i = 0; i < errorEquals.size() - 1; i++) {
                if (errorEquals.get(i).contains("States.ALL")) {
                    throw bad(where + "[" + i + "]: States.ALL must be in the last entry");
                }
            }
        }

        private Template parameters(JsonNode node, String where) {
            JsonNode parameters = node.get("Parameters");
            if (parameters == null) {
                return null;
            }
            if (!parameters.isObject()) {
                throw bad(where + ": Parameters must be a JSON object");
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
                    throw bad(at + " conflicts with another field named '" + name + "'");
                }
                if (!reference) {
                    fields.add(new TemplateField(name, null, template(entry.getValue(), at)));
                    continue;
                }
                JsonNode value = entry.getValue();
                if (!value.isTextual()) {
                    throw bad(at + " must be a string path, is " + value);
                }
                String expression = value.textValue();
                if (expression.startsWith("$$")) {
                    throw bad(at + ": context object path '" + expression + "' is not supported by LocalStateMachine");
                }
                if (expression.startsWith("States.")) {
                    throw bad(at + ": intrinsic function '" + expression + "' is not supported by LocalStateMachine");
                }
                fields.add(new TemplateField(name, path(expression, at), null));
            }
            return new ObjectTemplate(List.copyOf(fields));
        }

        /** InputPath/OutputPath: absent means $, JSON null means "use {}" (returned as null). */
        private AslPath ioPath(JsonNode node, String field, String where) {
            JsonNode value = node.get(field);
            if (value == null) {
                return AslPath.ROOT;
            }
            if (value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw bad(where + ": " + field + " must be a string or null, is " + value);
            }
            return path(value.textValue(), where + " " + field);
        }

        /** ResultPath: absent means $, JSON null means "discard the result" (returned as null). */
        private AslPath resultPath(JsonNode node, String where) {
            return ioPath(node, "ResultPath", where);
        }

        /** Next or "End": true (exactly one); returns null for End. */
        private String next(JsonNode node, String where) {
            boolean hasNext = node.has("Next");
            JsonNode end = node.get("End");
            if (end != null && !(end.isBoolean() && end.booleanValue())) {
                throw bad(where + ": End must be true when present, is " + end);
            }
            if (hasNext == (end != null)) {
                throw bad(where + " must have exactly one of Next and \"End\": true");
            }
            return hasNext ? text(node, "Next", where, true) : null;
        }

        private void checkTransitions(Map<String, State> states) {
            for (State state : states.values()) {
                for (String target : targets(state)) {
                    if (!states.containsKey(target)) {
                        throw bad("state '" + state.name() + "': Next '" + target + "' names no state");
                    }
                }
            }
        }

        /** As Step Functions does, refuses states no path from StartAt reaches (usually a typo in a Next). */
        private void checkReachable(String startAt, Map<String, State> states) {
            Set<String> seen = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(startAt));
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (seen.add(name)) {
                    todo.addAll(targets(states.get(name)));
                }
            }
            for (String name : states.keySet()) {
                if (!seen.contains(name)) {
                    throw bad("state '" + name + "' is not reachable from StartAt '" + startAt + "'");
                }
            }
        }

        private static List<String> targets(State state) {
            List<String> targets = new ArrayList<>();
            switch (state) {
                case Task t -> {
                    targets.add(t.next());
                    t.catchers().forEach(c -> targets.add(c.next()));
                }
                case Pass p -> targets.add(p.next());
                case Wait w -> targets.add(w.next());
                case Choice c -> {
                    c.branches().forEach(b -> targets.add(b.next()));
                    targets.add(c.defaultNext());
                }
                case Fail f -> { }
                case Succeed s -> { }
            }
            targets.removeIf(t -> t == null);
            return targets;
        }

        private void onlyFields(JsonNode node, Set<String> allowed, String where) {
            for (String field : fieldNames(node)) {
                if (!allowed.contains(field)) {
                    throw bad(where + ": field '" + field + "' is not supported by LocalStateMachine");
                }
            }
        }

        private void queryLanguage(JsonNode node, String where) {
            JsonNode language = node.get("QueryLanguage");
            if (language != null && !"JSONPath".equals(language.asText(null))) {
                throw bad(where + ": QueryLanguage " + language + " is not supported (only JSONPath)");
            }
        }

        /**
         * Refuses a {@code ${Name}} left in any string of a state (outside Comment): a DefinitionSubstitutions
         * entry that was not supplied, which would otherwise reach the task invoker as a literal resource.
         */
        private void noPlaceholders(JsonNode state, String where) {
            for (String field : fieldNames(state)) {
                if (!field.equals("Comment")) {
                    findPlaceholder(state.get(field)).ifPresent(text -> {
                        throw bad(where + ": unsubstituted placeholder in " + field + ": '" + text + "'");
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

        private String text(JsonNode node, String field, String where, boolean required) {
            JsonNode value = node.get(field);
            if (value == null) {
                if (required) {
                    throw bad(where + ": " + field + " is required");
                }
                return null;
            }
            if (!value.isTextual() || value.textValue().isEmpty()) {
                throw bad(where + ": " + field + " must be a non-empty string, is " + value);
            }
            return value.textValue();
        }

        private Iterable<JsonNode> array(JsonNode node, String where) {
            if (!node.isArray()) {
                throw bad(where + " must be an array");
            }
            return node;
        }

        private static List<String> fieldNames(JsonNode node) {
            return node.properties().stream().map(Map.Entry::getKey).toList();
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            return all;
        }

        /** A simple dotted path, or the refusal naming the state and field it came from. */
        private AslPath path(String text, String where) {
            try {
                return AslPath.parse(text, where);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        }

        private IllegalArgumentException bad(String message) {
            return new IllegalArgumentException(source + ": " + message);
        }
    }
}
