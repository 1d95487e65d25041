package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.local.engines.AslDefinition.Branch;
import io.periodic.local.engines.AslDefinition.Catcher;
import io.periodic.local.engines.AslDefinition.Choice;
import io.periodic.local.engines.AslDefinition.Fail;
import io.periodic.local.engines.AslDefinition.Pass;
import io.periodic.local.engines.AslDefinition.Retrier;
import io.periodic.local.engines.AslDefinition.State;
import io.periodic.local.engines.AslDefinition.Succeed;
import io.periodic.local.engines.AslDefinition.Task;
import io.periodic.local.engines.AslDefinition.Wait;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates one Amazon States Language definition into an {@link AslDefinition}, strictly: the states,
 * their fields, Retry and Catch, paths and transitions (Choice rules: {@link AslChoiceRules}; Parameters and
 * placeholders: {@link AslTemplates}). Every refusal is an IllegalArgumentException naming the source, the state and
 * the feature.
 */
final class AslParser {
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
    /** Step Functions' own limits for Retry fields. */
    private static final long MAX_RETRY_NUMBER = 99_999_999L;

    private final String source;

    private final AslChoiceRules rules = new AslChoiceRules(this);
    private final AslTemplates templates = new AslTemplates(this);

    AslParser(String source) {
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
        templates.noPlaceholders(node, where);
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
        return new Task(name, resource, ioPath(node, "InputPath", where), templates.parameters(node, where),
                resultPath(node, where), ioPath(node, "OutputPath", where), List.copyOf(retry),
                List.copyOf(catchers), next(node, where));
    }

    private Pass pass(String name, JsonNode node, String where) {
        if (node.has("Result") && node.has("Parameters")) {
            throw bad(where + ": Result together with Parameters is not supported");
        }
        JsonNode result = node.has("Result") ? node.get("Result").deepCopy() : null;
        return new Pass(name, ioPath(node, "InputPath", where), result, templates.parameters(node, where),
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
            branches.add(new Branch(rules.rule(c, at, true), text(c, "Next", at, true)));
        }
        return new Choice(name, List.copyOf(branches), text(node, "Default", where, false));
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
                timestamp = AslDefinition.parseTimestamp(t).orElseThrow(
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

    void onlyFields(JsonNode node, Set<String> allowed, String where) {
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

    String text(JsonNode node, String field, String where, boolean required) {
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

    Iterable<JsonNode> array(JsonNode node, String where) {
        if (!node.isArray()) {
            throw bad(where + " must be an array");
        }
        return node;
    }

    static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A simple dotted path, or the refusal naming the state and field it came from. */
    AslPath path(String text, String where) {
        try {
            return AslPath.parse(text, where);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(source + ": " + message);
    }
}
