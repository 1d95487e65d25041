package io.periodic.local.engines;

import static io.periodic.local.engines.AslExecution.end;
import static io.periodic.local.engines.AslExecution.moveTo;
import static io.periodic.local.engines.AslExecution.sleep;
import static io.periodic.local.engines.AslSemantics.choose;
import static io.periodic.local.engines.AslSemantics.inputPath;
import static io.periodic.local.engines.AslSemantics.matches;
import static io.periodic.local.engines.AslSemantics.outputPath;
import static io.periodic.local.engines.AslSemantics.resultPath;
import static io.periodic.local.engines.AslSemantics.retryDelay;
import static io.periodic.local.engines.AslSemantics.waitUntil;
import static io.periodic.local.engines.LocalStateMachine.MAX_TRANSITIONS_PER_RUN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.local.engines.AslDefinition.Catcher;
import io.periodic.local.engines.AslDefinition.Choice;
import io.periodic.local.engines.AslDefinition.Fail;
import io.periodic.local.engines.AslDefinition.Pass;
import io.periodic.local.engines.AslDefinition.Retrier;
import io.periodic.local.engines.AslDefinition.State;
import io.periodic.local.engines.AslDefinition.StatesError;
import io.periodic.local.engines.AslDefinition.Succeed;
import io.periodic.local.engines.AslDefinition.Task;
import io.periodic.local.engines.AslDefinition.Wait;
import io.periodic.local.engines.AslExecution.Phase;
import io.periodic.local.engines.LocalStateMachine.Status;
import io.periodic.local.engines.LocalStateMachine.TaskFailure;
import io.periodic.local.engines.LocalStateMachine.TaskInvoker;
import java.time.Instant;

/**
 * Runs executions of one definition, step by step, calling Tasks through one invoker: enters states, retries and
 * catches Task errors, waits, and ends executions ({@link AslSemantics} decides what each rule means).
 */
final class AslInterpreter {
    private final AslDefinition definition;
    private final TaskInvoker invoker;

    AslInterpreter(AslDefinition definition, TaskInvoker invoker) {
        this.definition = definition;
        this.invoker = invoker;
    }

    /** Runs one execution until it sleeps past {@code now} or ends; returns the transitions made. */
    int advance(AslExecution execution, Instant now) {
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
    private void step(AslExecution execution, Instant now) {
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

    private void runTask(AslExecution execution, Task task, boolean retrying, Instant now) {
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

    private void runPass(AslExecution execution, Pass pass) {
        JsonNode raw = execution.input;
        JsonNode effective = inputPath(pass.inputPath(), raw);
        JsonNode result = pass.result() != null ? pass.result().deepCopy()
                : pass.parameters() != null ? pass.parameters().render(effective)
                : effective;
        moveTo(execution, pass.next(), outputPath(pass.outputPath(), resultPath(pass.resultPath(), raw, result)));
    }
}
