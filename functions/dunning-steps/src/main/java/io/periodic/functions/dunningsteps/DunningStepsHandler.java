package io.periodic.functions.dunningsteps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.wiring.Periodic;
import java.util.HashMap;
import java.util.Map;

/**
 * The dunning state machine's steps behind ONE dispatching handler ({@code action}: plan, act, failed). One
 * function, because the steps share everything (store, templates, mailer): one deployment, one warm pool, one set
 * of permissions, and a retried step finds the execution environment already warm; the actions are small and
 * their logic lives in {@link DunningService}. Input and output are the state machine's JSON ({@link StepIo}).
 */
public final class DunningStepsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DunningService service;

    public DunningStepsHandler() {
        // Clients built on first use: a "plan" step and a step that finds the invoice paid send and store nothing.
        this(Periodic.fromEnvironment().dunningService());
        // SnapStart: plan an invoice that does not exist (reads only) through the handler's own path.
        Priming.register("dunning-steps", this::prime);
    }

    public DunningStepsHandler(DunningService service) {
        this.service = service;
    }

    /** SnapStart priming: plans an invoice that does not exist (reads only) through the handler's own path. */
    public void prime() {
        try {
            handleRequest(new HashMap<>(Map.of("action", "plan", "invoiceId", "in_priming_probe")), null);
        } catch (RuntimeException expected) {
            // the probe invoice does not exist
        }
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = StepIo.text(input, "action");
        String invoiceId = StepIo.text(input, "invoiceId");
        DunningService.State state = switch (action) {
            case "plan" -> service.plan(invoiceId);
            case "act" -> service.act(invoiceId, StepKind.valueOf(StepIo.text(input, "step")));
            case "failed" -> service.recordFailure(invoiceId, String.valueOf(input.get("error")));
            default -> throw new IllegalArgumentException("unknown dunning action: " + action);
        };
        Log.event("dunning_step", "action", action, "invoiceId", invoiceId, "done", Boolean.toString(state.done()),
                "outcome", state.outcome(), "next", state.next() == null ? null : state.next().name());
        return StepIo.output(state);
    }
}
