package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed and validated Amazon States Language definition, limited to the subset {@link LocalStateMachine}
 * runs. Parsing is strict: every field of every state must be one this class understands, so a definition that
 * uses anything else (Map, Parallel, intrinsic functions, JSONata, TimeoutSeconds, ResultSelector, ...) is
 * refused with an IllegalArgumentException naming the state and the feature instead of being half-executed
 * ({@link AslParser}).
 */
final class AslDefinition {
    final String startAt;
    final Map<String, State> states;

    AslDefinition(String startAt, Map<String, State> states) {
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

    // ---------------------------------------------------------------- parsing (AslParser)

    /** Parses and validates a definition; {@code source} names it in error messages. */
    static AslDefinition parse(JsonNode root, String source) {
        return new AslParser(source).definition(root);
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
}
