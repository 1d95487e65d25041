package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.periodic.local.engines.AslDefinition.And;
import io.periodic.local.engines.AslDefinition.Branch;
import io.periodic.local.engines.AslDefinition.Choice;
import io.periodic.local.engines.AslDefinition.Comparison;
import io.periodic.local.engines.AslDefinition.Not;
import io.periodic.local.engines.AslDefinition.Operator;
import io.periodic.local.engines.AslDefinition.Or;
import io.periodic.local.engines.AslDefinition.Retrier;
import io.periodic.local.engines.AslDefinition.Rule;
import io.periodic.local.engines.AslDefinition.StatesError;
import io.periodic.local.engines.AslDefinition.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of the Amazon States Language that {@link LocalStateMachine} applies, as pure functions of a state and
 * its input: error matching, retry delays, Choice rules, Wait targets and the InputPath / ResultPath / OutputPath
 * data flow. A rule the input breaks raises the {@link StatesError} Step Functions would.
 */
final class AslSemantics {
    /** An upper bound on one retry delay, so BackoffRate^n cannot overflow: a Standard execution lives ≤ 1 year. */
    private static final double MAX_RETRY_DELAY_SECONDS = Duration.ofDays(366).toSeconds();

    private AslSemantics() {
    }

    /** ASL error matching for errors raised by a Task (the only states here that retry or catch). */
    static boolean matches(List<String> errorEquals, String error) {
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals("States.ALL")
                    || (name.equals("States.TaskFailed") && !error.equals("States.Timeout"))) {
                return true;
            }
        }
        return false;
    }

    /** IntervalSeconds × BackoffRate^(attempt-1), capped by MaxDelaySeconds; jitter deliberately ignored. */
    static Duration retryDelay(Retrier retrier, int attempt) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempt - 1);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        seconds = Math.min(seconds, MAX_RETRY_DELAY_SECONDS);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static String choose(Choice choice, JsonNode input) {
        for (Branch branch : choice.branches()) {
            if (holds(branch.rule(), input)) {
                return branch.next();
            }
        }
        if (choice.defaultNext() == null) {
            throw new StatesError("States.NoChoiceMatched",
                    "No Choice rule of state '" + choice.name() + "' matched and it has no Default");
        }
        return choice.defaultNext();
    }

    private static boolean holds(Rule rule, JsonNode input) {
        return switch (rule) {
            case And and -> and.rules().stream().allMatch(r -> holds(r, input));
            case Or or -> or.rules().stream().anyMatch(r -> holds(r, input));
            case Not not -> !holds(not.rule(), input);
            case Comparison c -> compare(c, input);
        };
    }

    private static boolean compare(Comparison c, JsonNode input) {
        Optional<JsonNode> value = c.variable().read(input);
        JsonNode expected = c.expected();
        if (c.operator() == Operator.IS_PRESENT) {
            return value.isPresent() == expected.booleanValue();
        }
        JsonNode v = value.orElseThrow(() -> new StatesError("States.Runtime",
                "Invalid path '" + c.variable() + "': the Choice rule's Variable is not in the input"));
        return switch (c.operator()) {
            case STRING_EQUALS -> v.isTextual() && v.textValue().equals(expected.textValue());
            case NUMERIC_EQUALS -> v.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) == 0;
            case BOOLEAN_EQUALS -> v.isBoolean() && v.booleanValue() == expected.booleanValue();
            case IS_PRESENT -> throw new AssertionError("handled above");
        };
    }

    static Instant waitUntil(Wait wait, JsonNode input, Instant now) {
        if (wait.seconds() != null) {
            return now.plusSeconds(wait.seconds());
        }
        if (wait.timestamp() != null) {
            return wait.timestamp();
        }
        if (wait.secondsPath() != null) {
            JsonNode seconds = wait.secondsPath().read(input).orElseThrow(() -> new StatesError("States.Runtime",
                    "Wait '" + wait.name() + "': SecondsPath '" + wait.secondsPath() + "' is not in the input"));
            if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.longValue() < 0) {
                throw new StatesError("States.Runtime", "Wait '" + wait.name() + "': SecondsPath '"
                        + wait.secondsPath() + "' is not a non-negative integer: " + seconds);
            }
            return now.plusSeconds(seconds.longValue());
        }
        JsonNode timestamp = wait.timestampPath().read(input).orElseThrow(() -> new StatesError("States.Runtime",
                "Wait '" + wait.name() + "': TimestampPath '" + wait.timestampPath() + "' is not in the input"));
        return (timestamp.isTextual() ? AslDefinition.parseTimestamp(timestamp.textValue()) : Optional.<Instant>empty())
                .orElseThrow(() -> new StatesError("States.Runtime", "Wait '" + wait.name() + "': TimestampPath '"
                        + wait.timestampPath() + "' is not an ISO-8601 timestamp: " + timestamp));
    }

    static JsonNode inputPath(AslPath path, JsonNode raw) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.read(raw).orElseThrow(() -> new StatesError("States.Runtime",
                "InputPath '" + path + "' could not be found in the input"));
    }

    static JsonNode outputPath(AslPath path, JsonNode output) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.read(output).orElseThrow(() -> new StatesError("States.Runtime",
                "OutputPath '" + path + "' could not be found in the output"));
    }

    static JsonNode resultPath(AslPath path, JsonNode raw, JsonNode result) {
        if (path == null) {
            return raw;
        }
        return path.write(raw, result).orElseThrow(() -> new StatesError("States.ResultPathMatchFailure",
                "ResultPath '" + path + "' cannot be applied to the input: a node on the way is not an object"));
    }
}
