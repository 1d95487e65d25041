package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.ConcurrentUpdateException;
import io.periodic.billing.persistence.InvalidCursorException;
import io.periodic.billing.persistence.ThrottledException;
import org.junit.jupiter.api.Test;

/** What the store refuses reaches the edges in the service layer's words, with the store's exception as cause. */
class StoreRefusalsTest {
    @Test
    void aCreateOnceWriteThatFoundTheItemIsADuplicate() {
        AlreadyExistsException exists = new AlreadyExistsException("customer cus_1 exists", null);
        RuntimeException translated = StoreRefusals.translate(exists);
        assertInstanceOf(DuplicateException.class, translated);
        assertEquals("customer cus_1 exists", translated.getMessage());
        assertSame(exists, translated.getCause());
    }

    @Test
    void aForeignCursorIsABadCursorAndStillAnIllegalArgument() {
        InvalidCursorException cursor = new InvalidCursorException("tampered");
        RuntimeException translated = StoreRefusals.translate(cursor);
        assertInstanceOf(BadCursorException.class, translated);
        assertInstanceOf(IllegalArgumentException.class, translated);
        assertEquals(cursor.getMessage(), translated.getMessage());
    }

    @Test
    void aFailedConditionIsAConcurrentChangeAndContentionOrThrottlingIsUnavailable() {
        assertInstanceOf(ConcurrentChangeException.class,
                StoreRefusals.translate(new ConcurrentUpdateException("changed", null)));
        RuntimeException busy = StoreRefusals.translate(ConcurrentUpdateException.contention("in flight", null));
        assertInstanceOf(UnavailableException.class, busy);
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        RuntimeException throttled = StoreRefusals.translate(new ThrottledException("capacity", null));
        assertInstanceOf(UnavailableException.class, throttled);
        assertTrue(throttled.getMessage().contains("throttled"), throttled.getMessage());
    }

    @Test
    void anythingElsePassesUnchanged() {
        IllegalStateException other = new IllegalStateException("a bug");
        assertSame(other, StoreRefusals.translate(other));
    }
}
