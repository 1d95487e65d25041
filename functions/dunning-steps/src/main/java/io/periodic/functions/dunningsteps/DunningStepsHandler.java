package io.periodic.functions.dunningsteps;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.periodic.billing.aws.AwsAdapters;
import io.periodic.billing.aws.AwsClients;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.lambda.Log;
import io.periodic.billing.lambda.Priming;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.billing.service.DunningService;
import io.periodic.billing.service.InvoiceNotifications;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dunning state machine's steps behind ONE dispatching handler ({@code action}: plan, act, failed). One
 * function, because the steps share everything (store, templates, mailer): one deployment, one warm pool, one set
 * of permissions, and a retried step finds the execution environment already warm; the actions are small and
 * their logic lives in {@link DunningService}. Output (the state's result) is plain JSON the definition reads:
 * {@code {"invoiceId", "done", "outcome", "next": {"kind", "at"}, "reason"}}.
 */
public final class DunningStepsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final DunningService service;

    public DunningStepsHandler() {
        this(wire());
        // SnapStart: plan an invoice that does not exist (reads only) through the handler's own path.
        Priming.register("dunning-steps", this::prime);
    }

    public DunningStepsHandler(DunningService service) {
        this.service = service;
    }

    private static DunningService wire() {
        BillingStore store = new BillingStore(AwsClients.build(DynamoDbClient.builder()), AwsClients.env("TABLE_NAME"));
        // Clients built on first use: a "plan" step and a step that finds the invoice paid send and store nothing.
        AwsAdapters out = AwsAdapters.fromEnvironment();
        InvoiceNotifications notifications = new InvoiceNotifications(new DocumentRenderer(), out.documents(),
                out.events(), out.mailer());
        return new DunningService(store, notifications, out.mailer(), out.events(), Clock.system());
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
        String action = text(input, "action");
        String invoiceId = text(input, "invoiceId");
        DunningService.State state = switch (action) {
            case "plan" -> service.plan(invoiceId);
            case "act" -> service.act(invoiceId, StepKind.valueOf(text(input, "step")));
            case "failed" -> {
                service.recordFailure(invoiceId, String.valueOf(input.get("error")));
                yield new DunningService.State(invoiceId, true, "FAILED", null, null, "failure recorded");
            }
            default -> throw new IllegalArgumentException("unknown dunning action: " + action);
        };
        Log.event("dunning_step", "action", action, "invoiceId", invoiceId, "done", Boolean.toString(state.done()),
                "outcome", state.outcome(), "next", state.next() == null ? null : state.next().name());
        return output(state);
    }

    static Map<String, Object> output(DunningService.State state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("invoiceId", state.invoiceId());
        out.put("done", state.done());
        if (state.outcome() != null) {
            out.put("outcome", state.outcome());
        }
        if (state.next() != null) {
            out.put("next", Map.of("kind", state.next().name(), "at", state.at().toString()));
        }
        out.put("reason", state.reason());
        return out;
    }

    private static String text(Map<String, Object> input, String field) {
        Object value = input == null ? null : input.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("dunning step input lacks " + field + ": " + input);
        }
        return s;
    }
}
