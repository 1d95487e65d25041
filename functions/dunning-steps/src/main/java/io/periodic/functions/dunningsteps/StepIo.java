package io.periodic.functions.dunningsteps;

import io.periodic.billing.service.DunningService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dunning steps' JSON, as the state machine definition passes and reads it: input {@code {"action",
 * "invoiceId", "step", "error"}}, output {@code {"invoiceId", "done", "outcome", "next": {"kind", "at"}, "reason"}}.
 */
final class StepIo {
    private StepIo() {}

    /** A required text field of the step's input. */
    static String text(Map<String, Object> input, String field) {
        Object value = input == null ? null : input.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("dunning step input lacks " + field + ": " + input);
        }
        return s;
    }

    /** The state's result, as the definition reads it. */
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
}
