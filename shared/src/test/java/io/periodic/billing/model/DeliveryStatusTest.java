package io.periodic.billing.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The suppression rule of docs/delivery-status.md, as data. */
class DeliveryStatusTest {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private final DeliveryStatus fresh = DeliveryStatus.fresh(" AP@Minato.Example ");

    @Test
    void aHardBounceOrAComplaintSuppressesAtOnce() {
        assertEquals("ap@minato.example", fresh.address());
        assertFalse(fresh.suppresses());
        DeliveryStatus bounced = fresh.after(MailEvent.Kind.HARD_BOUNCE, T, "k", "550");
        assertEquals(DeliveryStatus.Suppression.HARD_BOUNCE, bounced.suppressed());
        assertEquals(T, bounced.suppressedSince());
        DeliveryStatus complained = bounced.after(MailEvent.Kind.COMPLAINT, T.plusSeconds(60), "k", null);
        assertEquals(DeliveryStatus.Suppression.COMPLAINT, complained.suppressed(), "the stronger reason");
        assertEquals(T, complained.suppressedSince(), "suppressed since the first");
        assertEquals(DeliveryStatus.Suppression.COMPLAINT, fresh.after(MailEvent.Kind.COMPLAINT, T, "k", null)
                .suppressed());
    }

    @Test
    void softBouncesSuppressOnlyWhenRepeatedAndADeliveryNeverLiftsASuppression() {
        DeliveryStatus s = fresh;
        for (int i = 1; i < DeliveryStatus.SOFT_BOUNCE_LIMIT; i++) {
            s = s.after(MailEvent.Kind.SOFT_BOUNCE, T.plusSeconds(i), "k", null);
            assertFalse(s.suppresses());
        }
        assertEquals(0, s.after(MailEvent.Kind.DELIVERED, T.plusSeconds(9), "k", null).softBounces());
        s = s.after(MailEvent.Kind.SOFT_BOUNCE, T.plusSeconds(10), "k", null);
        assertEquals(DeliveryStatus.Suppression.REPEATED_SOFT_BOUNCES, s.suppressed());
        DeliveryStatus delivered = s.after(MailEvent.Kind.DELIVERED, T.plusSeconds(11), "k", null);
        assertTrue(delivered.suppresses(), "only a person or a new address lifts it");
        assertEquals(0, delivered.softBounces());
    }

    @Test
    void aRejectionBlamesTheMailNotTheAddress() {
        assertFalse(fresh.after(MailEvent.Kind.REJECTED, T, "k", "virus").suppresses());
    }

    @Test
    void anOlderEventLateChangesTheSuppressionButNotTheLastEvent() {
        DeliveryStatus delivered = fresh.after(MailEvent.Kind.DELIVERED, T.plusSeconds(60), "new", null);
        DeliveryStatus late = delivered.after(MailEvent.Kind.HARD_BOUNCE, T, "old", "550");
        assertTrue(late.suppresses());
        assertEquals(MailEvent.Kind.DELIVERED, late.lastKind());
        assertEquals("new", late.lastMailKey());
    }

    @Test
    void clearingLiftsTheSuppressionAndKeepsTheCount() {
        DeliveryStatus held = fresh.after(MailEvent.Kind.HARD_BOUNCE, T, "k", null).withSuppressedSend();
        DeliveryStatus cleared = held.cleared(T.plusSeconds(5));
        assertFalse(cleared.suppresses());
        assertNull(cleared.suppressedSince());
        assertEquals(1, cleared.suppressedSends());
        assertEquals(T.plusSeconds(5), cleared.clearedAt());
    }

    @Test
    void onlySesFeedbackMovesTheStatus() {
        assertThrows(IllegalArgumentException.class, () -> fresh.after(MailEvent.Kind.SUPPRESSED, T, "k", null));
        assertThrows(IllegalArgumentException.class, () -> fresh.after(MailEvent.Kind.MALFORMED, T, "k", null));
    }
}
