package io.periodic.billing.ports;

import java.time.Instant;

/** The time, injectable so that tests and the local runner can drive billing on a controllable clock. */
@FunctionalInterface
public interface Clock {
    Instant now();

    static Clock system() {
        return Instant::now;
    }
}
