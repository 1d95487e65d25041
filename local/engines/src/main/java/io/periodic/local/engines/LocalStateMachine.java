package io.periodic.local.engines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.local.engines.AslDefinition.And;
import io.periodic.local.engines.AslDefinition.Branch;
import io.periodic.local.engines.AslDefinition.Catcher;
import io.periodic.local.engines.AslDefinition.Choice;
import io.periodic.local.engines.AslDefinition.Comparison;
import io.periodic.local.engines.AslDefinition.Fail;
import io.periodic.local.engines.AslDefinition.Not;
import io.periodic.local.engines.AslDefinition.Or;
import io.periodic.local.engines.AslDefinition.Pass;
import io.periodic.local.engines.AslDefinition.Retrier;
import io.periodic.local.engines.AslDefinition.Rule;
import io.periodic.local.engines.AslDefinition.State;
import io.periodic.local.engines.AslDefinition.StatesError;
import io.periodic.local.engines.AslDefinition.Succeed;
import io.periodic.local.engines.AslDefinition.Task;
import io.periodic.local.engines.AslDefinition.Wait;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    /** An upper bound on one retry delay, so BackoffRate^n cannot overflow: a Standard execution lives ≤ 1 year. */
    private static final double MAX_RETRY_DELAY_SECONDS = Duration.ofDays(366).toSeconds();

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

    /** What an execution does when it next runs. */
    private enum Phase {
        /** Enter {@code state}: counts a transition and starts the state afresh. */
        ENTER,
        /** Run {@code state} (a Task) again after a retry delay: counts a transition, keeps the retry counts. */
        RETRY,
        /** {@code state} (a Wait) has waited: move on to its Next. */
        AFTER_WAIT
    }

    /** The mutable record of one execution; only touched under the machine's lock. */
    private static final class Execution {
        final String name;
        final long sequence;
        Status status = Status.RUNNING;
        String state;
        Phase phase = Phase.ENTER;
        /** The raw input of {@code state}; never mutated (ResultPath writes into copies). */
        JsonNode input;
        /** While RUNNING, when the next step is due. */
        Instant dueAt;
        /** Attempts made per retrier of the current Task. */
        int[] retriesMade = new int[0];
        JsonNode output;
        String error;
        String cause;
        int transitions;

        Execution(String name, long sequence, String startAt, JsonNode input, Instant dueAt) {
            this.name = name;
            this.sequence = sequence;
            this.state = startAt;
            this.input = input;
            this.dueAt = dueAt;
        }

        ExecutionView view() {
            return new ExecutionView(name, status, state, status == Status.RUNNING ? dueAt : null,
                    output == null ? null : output.deepCopy(), error, cause, transitions);
        }
    }

    private final AslDefinition definition;
    private final TaskInvoker invoker;
    /** By name, in start order. */
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private long startedCount;
    private boolean inRunDue;

    private LocalStateMachine(AslDefinition definition, TaskInvoker invoker) {
        this.definition = definition;
        this.invoker = invoker;
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
        executions.put(name, new Execution(name, startedCount++, definition.startAt, input, now));
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
            for (Optional<Execution> due = nextDue(now); due.isPresent(); due = nextDue(now)) {
                transitions += advance(due.get(), now);
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
        return executions.values().stream().map(Execution::view).toList();
    }

    public synchronized Optional<ExecutionView> execution(String name) {
        return Optional.ofNullable(executions.get(name)).map(Execution::view);
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
        for (Execution e : executions.values()) {
            ObjectNode o = list.addObject();
            o.put("name", e.name);
            o.put("sequence", e.sequence);
            o.put("status", e.status.name());
            o.put("state", e.state);
            o.put("phase", e.phase.name());
            o.set("input", e.input);
            o.put("dueAt", e.dueAt == null ? null : e.dueAt.toString());
            var retries = o.putArray("retriesMade");
            for (int r : e.retriesMade) {
                retries.add(r);
            }
            o.set("output", e.output);
            o.put("error", e.error);
            o.put("cause", e.cause);
            o.put("transitions", e.transitions);
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
        Map<String, Execution> restored = new LinkedHashMap<>();
        for (JsonNode o : snapshot.get("executions")) {
            String state = o.path("state").asText();
            if (!definition.states.containsKey(state)) {
                throw new IllegalArgumentException("snapshot execution '" + o.path("name").asText()
                        + "' is in state '" + state + "', which the definition does not have");
            }
            Execution e = new Execution(o.path("name").asText(), o.path("sequence").asLong(), state,
                    o.get("input"), o.path("dueAt").isTextual() ? Instant.parse(o.get("dueAt").asText()) : null);
            e.status = Status.valueOf(o.path("status").asText());
            e.phase = Phase.valueOf(o.path("phase").asText());
            JsonNode retries = o.path("retriesMade");
            e.retriesMade = new int[retries.size()];
            for (int i = 0; i < retries.size(); i++) {
                e.retriesMade[i] = retries.get(i).asInt();
            }
            e.output = o.path("output").isNull() || o.path("output").isMissingNode() ? null : o.get("output");
            e.error = o.path("error").isTextual() ? o.get("error").asText() : null;
            e.cause = o.path("cause").isTextual() ? o.get("cause").asText() : null;
            e.transitions = o.path("transitions").asInt();
            restored.put(e.name, e);
        }
        executions.clear();
        executions.putAll(restored);
        startedCount = snapshot.get("startedCount").asLong();
    }

    // ---------------------------------------------------------------- the interpreter

    private Stream<Execution> running() {
        return executions.values().stream().filter(e -> e.status == Status.RUNNING);
    }

    private Optional<Execution> nextDue(Instant now) {
        return running().filter(e -> !e.dueAt.isAfter(now))
                .min(Comparator.comparing((Execution e) -> e.dueAt).thenComparingLong(e -> e.sequence));
    }

    /** Runs one execution until it sleeps past {@code now} or ends; returns the transitions made. */
    private int advance(Execution execution, Instant now) {
        int made = 0;
        while (execution.status == Status.RUNNING && !execution.dueAt.isAfter(now)) {
            if (execution.phase != Phase.AFTER_WAIT) {
                if (made == MAX_TRANSITIONS_PER_RUN) {
                    end(execution, Status.FAILED, null, "States.Runtime", "More than " + MAX_TRANSITIONS_PER_RUN
                            + " state transitions in one runDue at state '" + execution.state
                            + "': the definition loops without waiting");
                    break;
                }
                made++;
                execution.transitions++;
            }
            try {
                step(execution, now);
            } catch (StatesError e) {
                end(execution, Status.FAILED, null, e.error, e.getMessage());
            }
        }
        return made;
    }

    /** Performs the step the execution is due for: enters its state, retries its Task, or leaves its Wait. */
    private void step(Execution execution, Instant now) {
        State state = definition.states.get(execution.state);
        Phase phase = execution.phase;
        execution.phase = Phase.ENTER;
        switch (state) {
            case Task task -> runTask(execution, task, phase == Phase.RETRY, now);
            case Pass pass -> runPass(execution, pass);
            case Choice choice -> moveTo(execution, choose(choice, execution.input), execution.input);
            case Wait wait -> {
                if (phase == Phase.AFTER_WAIT) {
                    moveTo(execution, wait.next(), execution.input);
                } else {
                    Instant until = waitUntil(wait, execution.input, now);
                    if (until.isAfter(now)) {
                        sleep(execution, until, Phase.AFTER_WAIT);
                    } else {
                        moveTo(execution, wait.next(), execution.input);
                    }
                }
            }
            case Fail fail -> end(execution, Status.FAILED, null, fail.error(), fail.cause());
            case Succeed succeed -> end(execution, Status.SUCCEEDED, execution.input, null, null);
        }
    }

    private void runTask(Execution execution, Task task, boolean retrying, Instant now) {
        if (!retrying) {
            execution.retriesMade = new int[task.retry().size()];
        }
        JsonNode raw = execution.input;
        JsonNode effective = inputPath(task.inputPath(), raw);
        JsonNode parameters = task.parameters() == null ? effective.deepCopy() : task.parameters().render(effective);
        String error;
        String cause;
        try {
            JsonNode result = invoker.invoke(task.resource(), parameters);
            JsonNode output = resultPath(task.resultPath(), raw, result == null ? NullNode.instance : result.deepCopy());
            moveTo(execution, task.next(), outputPath(task.outputPath(), output));
            return;
        } catch (TaskFailure failure) {
            error = failure.error();
            cause = failure.cause();
        } catch (StatesError e) {
            throw e; // our own ResultPath/OutputPath processing failed: not a task error, never retried or caught
        } catch (RuntimeException e) {
            error = "States.TaskFailed";
            cause = e.toString();
        }

        for (int i = 0; i < task.retry().size(); i++) {
            Retrier retrier = task.retry().get(i);
            if (matches(retrier.errorEquals(), error)) {
                if (execution.retriesMade[i] < retrier.maxAttempts()) {
                    execution.retriesMade[i]++;
                    sleep(execution, now.plus(retryDelay(retrier, execution.retriesMade[i])), Phase.RETRY);
                    return;
                }
                break; // the first matching retrier decides, even when it is spent
            }
        }
        for (Catcher catcher : task.catchers()) {
            if (matches(catcher.errorEquals(), error)) {
                ObjectNode errorOutput = JsonNodeFactory.instance.objectNode().put("Error", error);
                if (cause != null) {
                    errorOutput.put("Cause", cause);
                }
                moveTo(execution, catcher.next(), resultPath(catcher.resultPath(), raw, errorOutput));
                return;
            }
        }
        end(execution, Status.FAILED, null, error, cause);
    }

    /** ASL error matching for errors raised by a Task (the only states here that retry or catch). */
    private static boolean matches(List<String> errorEquals, String error) {
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

    private void runPass(Execution execution, Pass pass) {
        JsonNode raw = execution.input;
        JsonNode effective = inputPath(pass.inputPath(), raw);
        JsonNode result = pass.result() != null ? pass.result().deepCopy()
                : pass.parameters() != null ? pass.parameters().render(effective)
                : effective;
        moveTo(execution, pass.next(), outputPath(pass.outputPath(), resultPath(pass.resultPath(), raw, result)));
    }

    private static String choose(Choice choice, JsonNode input) {
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
        if (c.operator() == AslDefinition.Operator.IS_PRESENT) {
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

    private static Instant waitUntil(Wait wait, JsonNode input, Instant now) {
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

    private static JsonNode inputPath(AslPath path, JsonNode raw) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.read(raw).orElseThrow(() -> new StatesError("States.Runtime",
                "InputPath '" + path + "' could not be found in the input"));
    }

    private static JsonNode outputPath(AslPath path, JsonNode output) {
        if (path == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        return path.read(output).orElseThrow(() -> new StatesError("States.Runtime",
                "OutputPath '" + path + "' could not be found in the output"));
    }

    private static JsonNode resultPath(AslPath path, JsonNode raw, JsonNode result) {
        if (path == null) {
            return raw;
        }
        return path.write(raw, result).orElseThrow(() -> new StatesError("States.ResultPathMatchFailure",
                "ResultPath '" + path + "' cannot be applied to the input: a node on the way is not an object"));
    }

    /** Goes to {@code next} with {@code output} as its input, or ends SUCCEEDED when next is null (End). */
    private static void moveTo(Execution execution, String next, JsonNode output) {
        if (next == null) {
            end(execution, Status.SUCCEEDED, output, null, null);
        } else {
            execution.state = next;
            execution.input = output;
            execution.phase = Phase.ENTER;
        }
    }

    private static void sleep(Execution execution, Instant until, Phase phase) {
        execution.dueAt = until;
        execution.phase = phase;
    }

    private static void end(Execution execution, Status status, JsonNode output, String error, String cause) {
        execution.status = status;
        execution.output = output;
        execution.error = error;
        execution.cause = cause;
    }
}
