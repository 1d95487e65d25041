package io.periodic.billing.dunning;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dunning policy as data: which steps, how many days from the due date (negative = before), the late fee, and
 * whether suspension also writes the invoice off. The default policy applies unless a customer has an override.
 */
public record DunningPolicy(List<Step> steps, LateFee lateFee, boolean markUncollectibleOnSuspend) {

    /** One step: its kind and its day relative to the due date. */
    public record Step(StepKind kind, int dayOffset) {
        public Step {
            Objects.requireNonNull(kind, "kind");
            if (dayOffset < -60 || dayOffset > 365) {
                throw new IllegalArgumentException("a step's day offset must be -60..365, got " + dayOffset);
            }
        }
    }

    /**
     * −3 courtesy notice; +1 friendly reminder; +7 firm reminder; +14 late fee (1.5 % of the amount due, at most
     * ¥5,000 / $50 / €50 / ₩50,000 / RSD 5,000); +21 final notice; +30 suspension.
     */
    public static final DunningPolicy DEFAULT = new DunningPolicy(List.of(
            new Step(StepKind.COURTESY, -3),
            new Step(StepKind.FRIENDLY, 1),
            new Step(StepKind.FIRM, 7),
            new Step(StepKind.LATE_FEE, 14),
            new Step(StepKind.FINAL_NOTICE, 21),
            new Step(StepKind.SUSPEND, 30)),
            new LateFee(new BigDecimal("1.5"), Map.of(),
                    Map.of("JPY", 5_000L, "USD", 5_000L, "EUR", 5_000L, "KRW", 50_000L, "RSD", 500_000L)),
            false);

    public DunningPolicy {
        steps = List.copyOf(steps).stream().sorted(Comparator.comparingInt(Step::dayOffset)).toList();
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a dunning policy needs at least one step");
        }
        if (steps.stream().map(Step::kind).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("each kind of step may appear once in a policy");
        }
        Objects.requireNonNull(lateFee, "late fee");
    }
}
