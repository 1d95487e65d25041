package io.periodic.billing.ports;

import java.util.List;

/**
 * Webhook signing secrets of one source: the current one first, then the previous one while a rotation is under
 * way. Verification accepts a signature made with any of them.
 */
@FunctionalInterface
public interface Secrets {
    List<String> current();

    static Secrets of(String... secrets) {
        List<String> list = List.of(secrets);
        return () -> list;
    }
}
