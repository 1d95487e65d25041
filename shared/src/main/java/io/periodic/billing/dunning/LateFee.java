package io.periodic.billing.dunning;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the late fee is computed, in the overdue invoice's currency: a fixed amount for that currency when one is
 * set, otherwise a percentage of the amount still due, rounded once with the project's rounding mode, at most
 * the cap for that currency. No fee (zero) when neither applies.
 *
 * @param percent e.g. 1.5 for 1.5 % of the amount due; null for none
 * @param fixedMinor fixed fee per ISO currency code, in minor units (e.g. {"JPY": 500, "EUR": 1500})
 * @param capMinor maximum fee per ISO currency code, in minor units
 */
public record LateFee(BigDecimal percent, Map<String, Long> fixedMinor, Map<String, Long> capMinor) {
    public static final LateFee NONE = new LateFee(null, Map.of(), Map.of());

    public LateFee {
        if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(25)) > 0)) {
            throw new IllegalArgumentException("a late-fee percentage must be 0..25, got " + percent);
        }
        fixedMinor = Map.copyOf(Objects.requireNonNullElse(fixedMinor, Map.of()));
        capMinor = Map.copyOf(Objects.requireNonNullElse(capMinor, Map.of()));
        for (Map<String, Long> amounts : List.of(fixedMinor, capMinor)) {
            amounts.forEach((code, minor) -> {
                Currencies.of(code);
                if (minor < 0) {
                    throw new IllegalArgumentException("late-fee amounts cannot be negative: " + code + " " + minor);
                }
            });
        }
    }

    /** The fee on an amount still due (zero when nothing is due or no fee applies to its currency). */
    public Money on(Money due) {
        String code = due.currency().getCurrencyCode();
        if (!due.isPositive()) {
            return Money.zero(due.currency());
        }
        Long fixed = fixedMinor.get(code);
        if (fixed != null) {
            return Money.of(fixed, due.currency());
        }
        if (percent == null) {
            return Money.zero(due.currency());
        }
        Money fee = due.percent(percent);
        Long cap = capMinor.get(code);
        return cap == null ? fee : fee.min(Money.of(cap, due.currency()));
    }
}
