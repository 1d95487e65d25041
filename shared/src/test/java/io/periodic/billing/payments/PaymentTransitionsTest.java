package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.model.Refund;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentTransitions.Event;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every status change of a payment, decided in one place ({@link PaymentTransitions}) and specified here once: each
 * status × each event (allowed or refused, with the reason), and where each allowed event takes the payment.
 */
class PaymentTransitionsTest {
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-20T09:00:00Z");

    /** A payment of EUR 100.00 with {@code applied} and {@code refunded} (minor units) in {@code status}. */
    private static Payment payment(PaymentStatus status, long applied, long refunded) {
        return new Payment(Payment.idFor("bank", "tx-1"), "bank", "tx-1", eur(10_000), Payer.UNKNOWN, null,
                RECEIVED_AT, status, eur(applied), eur(refunded), "cus_1", null, true, 1L);
    }

    /** A payment in {@code status} with the amounts that status stands for. */
    private static Payment in(PaymentStatus status) {
        return switch (status) {
            case RECEIVED, UNAPPLIED -> payment(status, 0, 0);
            case APPLIED -> payment(status, 10_000, 0);
            case PARTIALLY_APPLIED -> payment(status, 6_000, 0);
            case REFUNDED, DISPUTED -> payment(status, 0, 10_000);
        };
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    /** The table: from each status, which events may happen. */
    private static final Map<PaymentStatus, Set<Event>> ALLOWED = new EnumMap<>(Map.of(
            PaymentStatus.RECEIVED, EnumSet.of(Event.MATCHED),
            PaymentStatus.APPLIED, EnumSet.of(Event.REFUNDED, Event.DISPUTED, Event.UNAPPLIED_BY_HAND,
                    Event.DISPUTE_WON),
            PaymentStatus.PARTIALLY_APPLIED, EnumSet.of(Event.APPLIED_BY_HAND, Event.REFUNDED, Event.DISPUTED,
                    Event.UNAPPLIED_BY_HAND, Event.DISPUTE_WON),
            PaymentStatus.UNAPPLIED, EnumSet.of(Event.APPLIED_BY_HAND, Event.REFUNDED, Event.DISPUTED,
                    Event.DISPUTE_WON),
            PaymentStatus.REFUNDED, EnumSet.of(Event.DISPUTE_WON),
            PaymentStatus.DISPUTED, EnumSet.of(Event.DISPUTE_WON)));

    @Test
    void everyStatusTimesEveryEvent() {
        assertEquals(EnumSet.allOf(PaymentStatus.class), ALLOWED.keySet(), "the table names every status");
        for (PaymentStatus status : PaymentStatus.values()) {
            for (Event event : Event.values()) {
                boolean allowed = ALLOWED.get(status).contains(event);
                // A dispute won gives back what was taken: asked of a payment with something taken back.
                Payment payment = event == Event.DISPUTE_WON ? payment(status, 0, 10_000) : in(status);
                String refusal = PaymentTransitions.refusal(payment, event);
                assertEquals(allowed, refusal == null, status + " × " + event + ": " + refusal);
                assertEquals(allowed, event.allowedFrom(status), status + " × " + event);
                if (!allowed) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class,
                            () -> PaymentTransitions.after(payment, event, eur(0), eur(0)));
                    assertEquals(refusal, refused.getMessage());
                }
            }
        }
    }

    @Test
    void refusalsSayWhy() {
        String id = in(PaymentStatus.RECEIVED).id();
        assertEquals("payment " + id + " was already applied",
                PaymentTransitions.refusal(in(PaymentStatus.UNAPPLIED), Event.MATCHED));
        assertEquals("payment " + id + " is still being matched; try again shortly",
                PaymentTransitions.refusal(in(PaymentStatus.RECEIVED), Event.APPLIED_BY_HAND));
        assertEquals("payment " + id + " holds no unapplied cash (it is applied)",
                PaymentTransitions.refusal(in(PaymentStatus.APPLIED), Event.APPLIED_BY_HAND));
        assertEquals("payment " + id + " holds no unapplied cash (it is disputed)",
                PaymentTransitions.refusal(in(PaymentStatus.DISPUTED), Event.APPLIED_BY_HAND));
        assertEquals("payment " + id + " is not matched yet; what it takes back waits for it",
                PaymentTransitions.refusal(in(PaymentStatus.RECEIVED), Event.REFUNDED));
        assertEquals("payment " + id + " is refunded in full already",
                PaymentTransitions.refusal(in(PaymentStatus.REFUNDED), Event.DISPUTED));
        assertEquals("payment " + id + " is refunded in full already",
                PaymentTransitions.refusal(in(PaymentStatus.DISPUTED), Event.REFUNDED));
    }

    @Test
    void theAmountsDecideTooWhereAStatusDisagreesWithThem() {
        // Never written so, but the rule does not trust the status alone: no cash, nothing to apply by hand;
        // nothing left, nothing to take back.
        assertTrue(PaymentTransitions.refusal(payment(PaymentStatus.PARTIALLY_APPLIED, 10_000, 0),
                Event.APPLIED_BY_HAND).contains("holds no unapplied cash"));
        assertTrue(PaymentTransitions.refusal(payment(PaymentStatus.UNAPPLIED, 0, 10_000), Event.REFUNDED)
                .contains("refunded in full already"));
    }

    @Test
    void matchingAppliesAllPartOrNothing() {
        Payment received = in(PaymentStatus.RECEIVED);
        assertEquals(PaymentStatus.APPLIED, PaymentTransitions.after(received, Event.MATCHED, eur(10_000), eur(0)));
        assertEquals(PaymentStatus.PARTIALLY_APPLIED,
                PaymentTransitions.after(received, Event.MATCHED, eur(9_999), eur(0)));
        assertEquals(PaymentStatus.UNAPPLIED, PaymentTransitions.after(received, Event.MATCHED, eur(0), eur(0)));
    }

    @Test
    void applyingByHandLeavesThePaymentAppliedOrPartlyApplied() {
        assertEquals(PaymentStatus.APPLIED, PaymentTransitions.after(in(PaymentStatus.UNAPPLIED),
                Event.APPLIED_BY_HAND, eur(10_000), eur(0)));
        assertEquals(PaymentStatus.PARTIALLY_APPLIED, PaymentTransitions.after(in(PaymentStatus.PARTIALLY_APPLIED),
                Event.APPLIED_BY_HAND, eur(8_000), eur(0)));
        Payment partlyRefunded = payment(PaymentStatus.UNAPPLIED, 0, 4_000);
        assertEquals(PaymentStatus.APPLIED, PaymentTransitions.after(partlyRefunded, Event.APPLIED_BY_HAND,
                eur(6_000), eur(4_000)), "applied + refunded = received");
    }

    @Test
    void takingBackEverythingNamesTheLastTakeBackElseTheAmountsStand() {
        Payment applied = in(PaymentStatus.APPLIED);
        assertEquals(PaymentStatus.REFUNDED, PaymentTransitions.after(applied, Event.REFUNDED, eur(0), eur(10_000)));
        assertEquals(PaymentStatus.DISPUTED, PaymentTransitions.after(applied, Event.DISPUTED, eur(0), eur(10_000)));
        Payment partlyDisputed = payment(PaymentStatus.APPLIED, 7_000, 3_000);
        assertEquals(PaymentStatus.REFUNDED, PaymentTransitions.after(partlyDisputed, Event.REFUNDED, eur(0),
                eur(10_000)), "a refund that takes the rest of a partly disputed payment: refunded");
        assertEquals(PaymentStatus.APPLIED, PaymentTransitions.after(applied, Event.REFUNDED, eur(6_000), eur(4_000)),
                "taken back from invoices: nothing unapplied");
        assertEquals(PaymentStatus.PARTIALLY_APPLIED, PaymentTransitions.after(in(PaymentStatus.PARTIALLY_APPLIED),
                Event.DISPUTED, eur(6_000), eur(1_000)), "taken back from the cash, some cash left");
        assertEquals(PaymentStatus.UNAPPLIED, PaymentTransitions.after(in(PaymentStatus.UNAPPLIED), Event.REFUNDED,
                eur(0), eur(4_000)));
    }

    @Test
    void unapplyingByHandUndoesEverythingApplied() {
        String id = in(PaymentStatus.RECEIVED).id();
        assertEquals(PaymentStatus.UNAPPLIED, PaymentTransitions.after(in(PaymentStatus.APPLIED),
                Event.UNAPPLIED_BY_HAND, eur(0), eur(0)));
        assertEquals(PaymentStatus.UNAPPLIED, PaymentTransitions.after(payment(PaymentStatus.APPLIED, 7_000, 3_000),
                Event.UNAPPLIED_BY_HAND, eur(0), eur(3_000)), "refunds stay; the rest is unapplied cash");
        assertEquals("payment " + id + " has nothing applied to undo (it is unapplied)",
                PaymentTransitions.refusal(in(PaymentStatus.UNAPPLIED), Event.UNAPPLIED_BY_HAND));
        assertEquals("payment " + id + " has nothing applied to undo (it is refunded)",
                PaymentTransitions.refusal(in(PaymentStatus.REFUNDED), Event.UNAPPLIED_BY_HAND));
        assertEquals("payment " + id + " is still being matched; try again shortly",
                PaymentTransitions.refusal(in(PaymentStatus.RECEIVED), Event.UNAPPLIED_BY_HAND));
        assertTrue(PaymentTransitions.refusal(payment(PaymentStatus.APPLIED, 0, 0), Event.UNAPPLIED_BY_HAND)
                .contains("nothing applied to undo"), "the amounts decide too");
    }

    @Test
    void aDisputeWonLeavesThePaymentAsItsAmountsStand() {
        assertEquals(PaymentStatus.APPLIED, PaymentTransitions.after(payment(PaymentStatus.DISPUTED, 0, 10_000),
                Event.DISPUTE_WON, eur(10_000), eur(0)), "given back and applied again");
        assertEquals(PaymentStatus.UNAPPLIED, PaymentTransitions.after(payment(PaymentStatus.DISPUTED, 0, 10_000),
                Event.DISPUTE_WON, eur(0), eur(0)), "given back, held");
        assertTrue(PaymentTransitions.refusal(in(PaymentStatus.APPLIED), Event.DISPUTE_WON)
                .contains("nothing taken back to give back"));
    }

    @Test
    void aRefundIsRefundedADisputeDisputed() {
        assertEquals(Event.REFUNDED, Event.takingBack(Refund.Kind.REFUND));
        assertEquals(Event.DISPUTED, Event.takingBack(Refund.Kind.DISPUTE));
    }

    @Test
    void onlyAReceivedPaymentAwaitsMatching() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertEquals(status == PaymentStatus.RECEIVED, PaymentTransitions.awaitsMatching(in(status)), "" + status);
        }
    }
}
