package io.periodic.local.engines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A strict, local driver ("interpreter") of an Amazon States Language state machine, running on a
 * <em>simulated</em> clock that the caller advances.
 *
 * <h2>Why it exists</h2>
 * The project's dunning workflow ({@code statemachines/dunning.asl.json}) waits days between steps. Testing it
 * end to end locally needs a state machine engine whose clock the test controls, in-process: Step Functions
 * Local needs Docker or its Java image and runs on the wall clock, and {@code aws-local-stepfunctions} runs in
 * Node and cannot follow a simulated clock from a JVM test. This class runs the definition itself, so
 * {@code runDue(t)} moves every execution to where it would be at instant {@code t}, deterministically.
 *
 * <h2>What it runs</h2>
 * Only the subset this project uses, and strictly:
 * <ul>
 *   <li>Task: Resource (after {@code ${Name}} substitution), Parameters (static values and
 *       {@code "key.$": "$.path"} references, nested objects/arrays too), InputPath, ResultPath, OutputPath,
 *       Retry (ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy),
 *       Catch (ErrorEquals, ResultPath, Next);</li>
 *   <li>Pass: Result or Parameters, InputPath, ResultPath, OutputPath;</li>
 *   <li>Choice: Variable with StringEquals, NumericEquals, BooleanEquals, IsPresent; And, Or, Not; Default;</li>
 *   <li>Wait: Seconds, Timestamp, SecondsPath, TimestampPath;</li>
 *   <li>Fail (Error, Cause) and Succeed; Next or {@code "End": true}.</li>
 * </ul>
 * JSONPath is limited to {@code $} and simple dotted paths ({@code $.a.b.c}). Anything else — Map, Parallel,
 * intrinsic functions, the {@code $$} context object, JSONata, ResultSelector, TimeoutSeconds, any field this
 * class does not handle — makes {@link #load} throw IllegalArgumentException naming the state and the feature.
 * Load also refuses a Next or StartAt naming no state, states unreachable from StartAt, and a {@code ${...}}
 * placeholder left unsubstituted.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Data flow</b> as in ASL: raw input → InputPath → Parameters → task → ResultPath (applied to the raw
 *       state input: {@code $} replaces it, {@code $.x.y} sets into a copy creating objects, {@code null}
 *       discards the result) → OutputPath. A reference path missing from the input, or a Choice Variable
 *       missing (other than for IsPresent), fails the execution with {@code States.Runtime}; a ResultPath that
 *       cannot be applied (a node on the way is not an object) fails it with
 *       {@code States.ResultPathMatchFailure}. Neither is retried or caught (for ResultPathMatchFailure Step
 *       Functions would let a Catch take it; here it is deliberately loud).</li>
 *   <li><b>Errors</b>: an invoker throwing {@link TaskFailure} raises its error name; any other
 *       RuntimeException raises {@code States.TaskFailed} with the exception's {@code toString()} as cause.
 *       In ErrorEquals, {@code States.ALL} matches every error and, as in Step Functions,
 *       {@code States.TaskFailed} matches every error a Task raises except {@code States.Timeout}; anything
 *       else matches by name. The first retrier that matches decides; once its MaxAttempts are spent (0 means
 *       never retry) the Catch entries are tried in order; a catcher puts {@code {"Error": ..., "Cause": ...}}
 *       at its ResultPath and goes to its Next. Retry counts restart each time the state is entered.</li>
 *   <li><b>Time</b>: nothing runs by itself. {@link #start} only schedules an execution at the given instant;
 *       {@link #runDue runDue(now)} runs every execution due at or before {@code now}, each until it waits
 *       for a later instant or ends. Steps run "at" {@code now}: a Wait whose target is at or before
 *       {@code now} continues immediately, otherwise the execution sleeps until the target; Wait Seconds and
 *       retry delays count from {@code now} (a driver polling late behaves like a service waking late).
 *       Retry attempt {@code n} (from 1) waits {@code IntervalSeconds × BackoffRate^(n-1)} seconds, capped by
 *       MaxDelaySeconds. <b>JitterStrategy is ignored</b>: the full delay is always used, so runs are
 *       deterministic (with FULL jitter Step Functions would wait a random time up to that delay).</li>
 *   <li><b>Transitions</b> (informational, roughly as Step Functions bills them): one for every state entered,
 *       plus one for every retry attempt of a Task. More than {@value #MAX_TRANSITIONS_PER_RUN} transitions of
 *       one execution within one {@code runDue} fail it with {@code States.Runtime}: a guard against a
 *       definition looping without ever waiting.</li>
 *   <li><b>Names</b>: as StartExecution, a name used before (running or finished) starts nothing.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Every public method is synchronized; the invoker is called while the lock is held, so it may call
 * {@link #start} (same thread) but must not wait for another thread that uses this machine. Calling
 * {@link #runDue} from inside the invoker is refused.
 *
 * <h2>Inside</h2>
 * {@code AslDefinition} (the parsed, validated definition), {@code AslInterpreter} (runs the steps),
 * {@code AslSemantics} (the ASL rules as pure functions), {@code AslExecution} (one execution's record and its form
 * in a snapshot).
 */
public final class LocalStateMachine {
    /** The most transitions one execution may make within one {@link #runDue} before it is failed. */
    public static final int MAX_TRANSITIONS_PER_RUN = 10_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    /** Step Functions execution names: 1-80 characters, none of these (nor whitespace or control characters). */
    private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\p{Cntrl}]");
    /** A Task's resource, called with the effective parameters; returns the task result. */
    @FunctionalInterface
    public interface TaskInvoker {
        JsonNode invoke(String resource, JsonNode parameters);
    }

    /** Thrown by an invoker to raise a named error (e.g. "Lambda.ServiceException"). */
    public static final class TaskFailure extends RuntimeException {
        private final String error;
        private final String cause;

        public TaskFailure(String error, String cause) {
            super(error + (cause == null ? "" : ": " + cause));
            if (error == null || error.isBlank()) {
                throw new IllegalArgumentException("a TaskFailure needs an error name");
            }
            this.error = error;
            this.cause = cause;
        }

        /** The error name matched against ErrorEquals. */
        public String error() {
            return error;
        }

        /** The human-readable cause, possibly null. */
        public String cause() {
            return cause;
        }
    }

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    /**
     * A snapshot of one execution. {@code currentState} is the state it is in (or ended in); {@code wakeUpAt}
     * is when it runs next (null once ended); {@code output} is set only when SUCCEEDED; {@code error} and
     * {@code cause} only when FAILED (either may be null if the Fail state omits it).
     */
    public record ExecutionView(String name, Status status, String currentState, Instant wakeUpAt, JsonNode output,
                                String error, String cause, int transitions) {}

    private final AslDefinition definition;
    private final AslInterpreter interpreter;
    /** By name, in start order. */
    private final Map<String, AslExecution> executions = new LinkedHashMap<>();
    private long startedCount;
    private boolean inRunDue;

    private LocalStateMachine(AslDefinition definition, TaskInvoker invoker) {
        this.definition = definition;
        this.interpreter = new AslInterpreter(definition, invoker);
    }

    /**
     * Reads a definition, replaces every {@code ${Name}} whose Name is a key of {@code substitutions} (like SAM's
     * DefinitionSubstitutions; values are JSON-string-escaped, which leaves ARNs unchanged), parses and
     * validates it.
     *
     * @throws IllegalArgumentException if the definition is not valid JSON, uses anything outside the supported
     *     subset, or still holds a {@code ${...}} placeholder in a state; the message names the state and feature
     * @throws UncheckedIOException if the file cannot be read
     */
    public static LocalStateMachine load(Path definitionFile, Map<String, String> substitutions, TaskInvoker invoker) {
        Objects.requireNonNull(definitionFile, "definitionFile");
        Objects.requireNonNull(substitutions, "substitutions");
        Objects.requireNonNull(invoker, "invoker");
        String text;
        try {
            text = Files.readString(definitionFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definitionFile, e);
        }
        String source = String.valueOf(definitionFile.getFileName());
        JsonNode root;
        try {
            root = JSON.readTree(substitute(text, substitutions));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new LocalStateMachine(AslDefinition.parse(root, source), invoker);
    }

    private static String substitute(String text, Map<String, String> substitutions) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            String replacement = value == null
                    ? m.group()
                    : new String(JsonStringEncoder.getInstance().quoteAsString(value));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Starts an execution at {@code now}: it is due immediately and runs on the next {@link #runDue} at or
     * after {@code now}. Step Functions name semantics: a name used before (running or finished) starts nothing
     * and returns false.
     *
     * @param inputJson the execution input, any JSON value; null means {@code {}}
     * @throws IllegalArgumentException if the name is not a valid execution name (1-80 characters, no
     *     whitespace, brackets, wildcards or {@code " # % \ ^ | ~ ` $ & , ; : /}) or the input is not JSON
     */
    public synchronized boolean start(String name, String inputJson, Instant now) {
        Objects.requireNonNull(now, "now");
        if (name == null || name.isEmpty() || name.length() > 80 || INVALID_NAME_CHARS.matcher(name).find()) {
            throw new IllegalArgumentException("invalid execution name '" + name + "'");
        }
        if (executions.containsKey(name)) {
            return false;
        }
        JsonNode input;
        try {
            input = inputJson == null ? JsonNodeFactory.instance.objectNode() : JSON.readTree(inputJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("execution '" + name + "': input is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (input == null || input.isMissingNode()) {
            throw new IllegalArgumentException("execution '" + name + "': input is empty");
        }
        executions.put(name, new AslExecution(name, startedCount++, definition.startAt, input, now));
        return true;
    }

    /**
     * Runs every execution whose next step is due at or before {@code now}, each until it waits for a later
     * instant or ends (earliest due first, then start order). Returns the number of state transitions made.
     */
    public synchronized int runDue(Instant now) {
        Objects.requireNonNull(now, "now");
        if (inRunDue) {
            throw new IllegalStateException("runDue called from inside a task invoker");
        }
        inRunDue = true;
        try {
            int transitions = 0;
            // Re-select after each execution: the invoker may start new executions that are already due.
            for (Optional<AslExecution> due = nextDue(now); due.isPresent(); due = nextDue(now)) {
                transitions += interpreter.advance(due.get(), now);
            }
            return transitions;
        } finally {
            inRunDue = false;
        }
    }

    /** The earliest instant some running execution wants to run again, if any. */
    public synchronized Optional<Instant> nextWakeUp() {
        return running().map(e -> e.dueAt).min(Comparator.naturalOrder());
    }

    /** Every execution started, in start order. */
    public synchronized List<ExecutionView> executions() {
        return executions.values().stream().map(AslExecution::view).toList();
    }

    public synchronized Optional<ExecutionView> execution(String name) {
        return Optional.ofNullable(executions.get(name)).map(AslExecution::view);
    }

    // ---------------------------------------------------------------- durability

    /**
     * Everything the machine knows about its executions, as JSON, for a driver that keeps it across restarts:
     * {@link #restore} on a machine loaded from the same definition continues exactly where this one is. Taken
     * between steps (never while {@link #runDue} runs), so it never holds half a step.
     */
    public synchronized JsonNode snapshot() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("startedCount", startedCount);
        var list = root.putArray("executions");
        for (AslExecution e : executions.values()) {
            e.writeTo(list.addObject());
        }
        return root;
    }

    /**
     * Replaces every execution with those of a {@link #snapshot} (of a machine with the same definition).
     *
     * @throws IllegalArgumentException if the snapshot is not one, or names a state the definition does not have
     */
    public synchronized void restore(JsonNode snapshot) {
        if (inRunDue) {
            throw new IllegalStateException("restore called from inside a task invoker");
        }
        if (snapshot == null || !snapshot.path("executions").isArray() || !snapshot.path("startedCount").isNumber()) {
            throw new IllegalArgumentException("not a state machine snapshot");
        }
        Map<String, AslExecution> restored = new LinkedHashMap<>();
        for (JsonNode o : snapshot.get("executions")) {
            String state = o.path("state").asText();
            if (!definition.states.containsKey(state)) {
                throw new IllegalArgumentException("snapshot execution '" + o.path("name").asText()
                        + "' is in state '" + state + "', which the definition does not have");
            }
            AslExecution e = AslExecution.readFrom(o, state);
            restored.put(e.name, e);
        }
        executions.clear();
        executions.putAll(restored);
        startedCount = snapshot.get("startedCount").asLong();
    }

    // ---------------------------------------------------------------- scheduling (the interpreter: AslInterpreter)

    private Stream<AslExecution> running() {
        return executions.values().stream().filter(e -> e.status == Status.RUNNING);
    }

    private Optional<AslExecution> nextDue(Instant now) {
        return running().filter(e -> !e.dueAt.isAfter(now))
                .min(Comparator.comparing((AslExecution e) -> e.dueAt).thenComparingLong(e -> e.sequence));
    }
}
