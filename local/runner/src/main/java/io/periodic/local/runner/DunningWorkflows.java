package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.WorkflowStarter;
import io.periodic.functions.dunningsteps.DunningStepsHandler;
import io.periodic.local.engines.LocalStateMachine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step Functions locally: the dunning state machine of {@code statemachines/dunning.asl.json} on {@link
 * LocalStateMachine}, its Lambda tasks invoking the dunning-steps handler in-process, its executions kept in {@code
 * state/workflows.json} when the state is kept in a folder (written whenever they change).
 */
final class DunningWorkflows implements WorkflowStarter {
    private static final String STEPS_ARN = "arn:aws:lambda:us-east-1:000000000000:function:dunning-steps";
    private static final String FILE = "workflows.json";

    private final LocalStateMachine machine;
    private final StateFiles state;
    private final Clock clock;
    private volatile DunningStepsHandler steps;

    DunningWorkflows(Path definition, StateFiles state, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.machine = LocalStateMachine.load(definition, Map.of("DunningStepsFunctionArn", STEPS_ARN), this::invoke);
    }

    /** The function the tasks invoke (built after the workflows, which its dunning starter needs). */
    void connect(DunningStepsHandler handler) {
        this.steps = handler;
    }

    @Override
    public boolean start(String executionName, String inputJson) {
        boolean started = machine.start(executionName, inputJson, clock.now());
        if (started) {
            save();
        }
        return started;
    }

    /** Runs the steps due at {@code now}; returns the transitions made. */
    int runDue(Instant now) {
        int transitions = machine.runDue(now);
        if (transitions > 0) {
            save();
        }
        return transitions;
    }

    Optional<Instant> nextWakeUp() {
        return machine.nextWakeUp();
    }

    List<LocalStateMachine.ExecutionView> executions() {
        return machine.executions();
    }

    /** Continues the executions a previous runner saved, if any. */
    void restore() {
        JsonNode saved = state.read(FILE);
        if (saved != null) {
            machine.restore(saved);
        }
    }

    private void save() {
        if (!state.kept()) {
            return;
        }
        synchronized (machine) { // the snapshot and its write together: a later snapshot is never overwritten
            state.write(FILE, machine.snapshot());
        }
    }

    private JsonNode invoke(String resource, JsonNode parameters) {
        if (!STEPS_ARN.equals(resource)) {
            throw new LocalStateMachine.TaskFailure("Lambda.ResourceNotFoundException", "no function " + resource);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> input = LocalSystem.JSON.convertValue(parameters, Map.class);
        try {
            return LocalSystem.JSON.valueToTree(steps.handleRequest(input, null));
        } catch (RuntimeException failure) {
            // Lambda reports a function error as its exception type; the definition retries States.TaskFailed.
            throw new LocalStateMachine.TaskFailure(failure.getClass().getSimpleName(), String.valueOf(
                    failure.getMessage()));
        }
    }
}
