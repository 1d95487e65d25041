package io.periodic.local.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.local.engines.LocalStateMachine.ExecutionView;
import io.periodic.local.engines.LocalStateMachine.Status;
import java.time.Instant;

/**
 * The mutable record of one execution of a {@link LocalStateMachine} (only touched under the machine's lock): where
 * it is, what it does next and when, and how it ended; the moves of an execution, and its form in a snapshot.
 */
final class AslExecution {
    /** What an execution does when it next runs. */
    enum Phase {
        /** Enter {@code state}: counts a transition and starts the state afresh. */
        ENTER,
        /** Run {@code state} (a Task) again after a retry delay: counts a transition, keeps the retry counts. */
        RETRY,
        /** {@code state} (a Wait) has waited: move on to its Next. */
        AFTER_WAIT
    }

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

    AslExecution(String name, long sequence, String startAt, JsonNode input, Instant dueAt) {
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

    /** Goes to {@code next} with {@code output} as its input, or ends SUCCEEDED when next is null (End). */
    static void moveTo(AslExecution execution, String next, JsonNode output) {
        if (next == null) {
            end(execution, Status.SUCCEEDED, output, null, null);
        } else {
            execution.state = next;
            execution.input = output;
            execution.phase = Phase.ENTER;
        }
    }

    static void sleep(AslExecution execution, Instant until, Phase phase) {
        execution.dueAt = until;
        execution.phase = phase;
    }

    static void end(AslExecution execution, Status status, JsonNode output, String error, String cause) {
        execution.status = status;
        execution.output = output;
        execution.error = error;
        execution.cause = cause;
    }

    /** Writes this execution into {@code o}, an element of a snapshot's {@code executions}. */
    void writeTo(ObjectNode o) {
        o.put("name", name);
        o.put("sequence", sequence);
        o.put("status", status.name());
        o.put("state", state);
        o.put("phase", phase.name());
        o.set("input", input);
        o.put("dueAt", dueAt == null ? null : dueAt.toString());
        var retries = o.putArray("retriesMade");
        for (int r : retriesMade) {
            retries.add(r);
        }
        o.set("output", output);
        o.put("error", error);
        o.put("cause", cause);
        o.put("transitions", transitions);
    }

    /** Reads an execution that {@link #writeTo} wrote; {@code state} is its state, checked by the caller. */
    static AslExecution readFrom(JsonNode o, String state) {
        AslExecution e = new AslExecution(o.path("name").asText(), o.path("sequence").asLong(), state,
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
        return e;
    }
}
