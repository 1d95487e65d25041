package io.periodic.billing.ports;

import java.util.List;

/** The payment queue: intake puts notification messages on it, the matcher consumes them. */
public interface NotificationQueue {
    /** Sends every body; throws if any was not accepted (nothing is acknowledged to the sender then). */
    void sendAll(List<String> bodies);
}
