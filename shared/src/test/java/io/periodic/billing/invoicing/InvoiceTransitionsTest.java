package io.periodic.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every state transition of an invoice, decided in one place ({@link InvoiceTransitions}) and specified here once:
 * which statuses each one starts from, and what it refuses with which reason.
 */
class InvoiceTransitionsTest {
    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 1);

    /** An invoice of EUR 100.00 in {@code status}, with {@code paid} paid and {@code credited} credited. */
    private static Invoice invoice(InvoiceStatus status, long paid, long credited) {
        Money net = Money.of(10_000, "EUR");
        InvoiceLine line = new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null, ISSUED, ISSUED.plusMonths(1), 1, net,
                net, TaxRate.ZERO, Money.of(0, "EUR"));
        return new Invoice("in_1", status == InvoiceStatus.DRAFT ? null : "INV-2026-000001", "cus_1", null,
                Currencies.of("EUR"), status, List.of(line), Money.of(0, "EUR"), Money.of(paid, "EUR"),
                Money.of(credited, "EUR"), ISSUED, ISSUED.plusDays(14), null, null, null, Samples.CREATED,
                status == InvoiceStatus.DRAFT ? null : Samples.CREATED, 1L);
    }

    private static Set<InvoiceStatus> allowedFrom(java.util.function.Consumer<Invoice> transition) {
        Set<InvoiceStatus> allowed = EnumSet.noneOf(InvoiceStatus.class);
        for (InvoiceStatus status : InvoiceStatus.values()) {
            try {
                transition.accept(invoice(status, 0, 0));
                allowed.add(status);
            } catch (InvoiceStateException | IllegalStateException refused) {
                // not from this status
            }
        }
        return allowed;
    }

    // ---------------------------------------------------------------- void

    @Test
    void anOpenOrUncollectibleInvoiceWithNothingPaidOrCreditedCanBeVoided() {
        assertEquals(EnumSet.of(InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE),
                allowedFrom(InvoiceTransitions::voided));
        assertEquals(InvoiceStatus.VOID, InvoiceTransitions.voided(invoice(InvoiceStatus.OPEN, 0, 0)).status());
        assertEquals(InvoiceStatus.VOID,
                InvoiceTransitions.voided(invoice(InvoiceStatus.UNCOLLECTIBLE, 0, 0)).status(),
                "a written-off invoice issued in error is voided like an open one");
    }

    @Test
    void aVoidInvoiceIsAlreadyVoid() {
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> InvoiceTransitions.voided(invoice(InvoiceStatus.VOID, 0, 0)));
        assertEquals("invoice in_1 is already void", refused.getMessage());
    }

    @Test
    void aPaidInvoiceIsCorrectedWithACreditNoteNotVoided() {
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> InvoiceTransitions.voided(invoice(InvoiceStatus.PAID, 10_000, 0)));
        assertEquals("only an open or uncollectible invoice can be voided; invoice in_1 is paid (issue a credit note "
                + "instead)", refused.getMessage());
    }

    @Test
    void aPartlyPaidInvoiceCannotBeVoidedEvenWhenOpenOrWrittenOff() {
        for (InvoiceStatus status : List.of(InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE)) {
            InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                    () -> InvoiceTransitions.voided(invoice(status, 2_500, 0)));
            assertEquals("invoice in_1 has payments of EUR 25.00; issue a credit note instead of voiding it",
                    refused.getMessage());
        }
    }

    @Test
    void aCreditedInvoiceCannotBeVoided() {
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> InvoiceTransitions.voided(invoice(InvoiceStatus.OPEN, 0, 1_000)));
        assertEquals("invoice in_1 has credit notes; it cannot be voided", refused.getMessage());
    }

    @Test
    void aDraftWasNeverIssuedSoItIsNotVoided() {
        InvoiceStateException refused = assertThrows(InvoiceStateException.class,
                () -> InvoiceTransitions.voided(invoice(InvoiceStatus.DRAFT, 0, 0)));
        assertTrue(refused.getMessage().startsWith("only an open or uncollectible invoice can be voided; invoice "
                + "in_1 is draft"), refused.getMessage());
    }

    // ---------------------------------------------------------------- the other transitions

    @Test
    void onlyADraftIsFinalised() {
        assertEquals(EnumSet.of(InvoiceStatus.DRAFT), allowedFrom(InvoiceTransitions::requireFinalisable));
    }

    @Test
    void onlyAVoidInvoiceIsReissued() {
        assertEquals(EnumSet.of(InvoiceStatus.VOID), allowedFrom(InvoiceTransitions::requireReissuable));
    }

    @Test
    void anIssuedInvoiceThatIsNotVoidCanBeCredited() {
        assertEquals(EnumSet.of(InvoiceStatus.OPEN, InvoiceStatus.PAID, InvoiceStatus.UNCOLLECTIBLE),
                allowedFrom(InvoiceTransitions::requireCreditable));
    }

    @Test
    void dunningWritesOffAnOpenInvoiceAndAWrittenOffOneStaysSo() {
        assertEquals(EnumSet.of(InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE),
                allowedFrom(InvoiceTransitions::writtenOff));
        assertEquals(InvoiceStatus.UNCOLLECTIBLE,
                InvoiceTransitions.writtenOff(invoice(InvoiceStatus.OPEN, 2_500, 0)).status());
    }

    @Test
    void anInvoiceWithNothingDueIsPaidAndAPaidOneWithSomethingDueAgainIsOpen() {
        // Paid in full: open and written-off invoices are payable (a customer may pay after all).
        assertEquals(InvoiceStatus.PAID, InvoiceTransitions.settled(invoice(InvoiceStatus.OPEN, 10_000, 0)).status());
        assertEquals(InvoiceStatus.PAID,
                InvoiceTransitions.settled(invoice(InvoiceStatus.UNCOLLECTIBLE, 10_000, 0)).status());
        assertEquals(InvoiceStatus.PAID,
                InvoiceTransitions.settled(invoice(InvoiceStatus.OPEN, 4_000, 6_000)).status(), "paid and credited");
        // Partly paid: unchanged.
        Invoice partly = invoice(InvoiceStatus.OPEN, 4_000, 0);
        assertSame(partly, InvoiceTransitions.settled(partly));
        Invoice writtenOffPartly = invoice(InvoiceStatus.UNCOLLECTIBLE, 4_000, 0);
        assertSame(writtenOffPartly, InvoiceTransitions.settled(writtenOffPartly));
        // A refund took money back from a paid invoice: it is open again.
        assertEquals(InvoiceStatus.OPEN, InvoiceTransitions.settled(invoice(InvoiceStatus.PAID, 6_000, 0)).status());
        // Void and draft invoices are not payable: nothing due never makes them paid.
        Invoice voided = invoice(InvoiceStatus.VOID, 10_000, 0);
        assertSame(voided, InvoiceTransitions.settled(voided));
        Invoice draft = invoice(InvoiceStatus.DRAFT, 10_000, 0);
        assertSame(draft, InvoiceTransitions.settled(draft));
    }

    @Test
    void onlyAnOpenOrWrittenOffInvoiceAcceptsPayment() {
        Set<InvoiceStatus> payable = EnumSet.noneOf(InvoiceStatus.class);
        for (InvoiceStatus status : InvoiceStatus.values()) {
            if (status.acceptsPayment()) {
                payable.add(status);
            }
        }
        assertEquals(EnumSet.of(InvoiceStatus.OPEN, InvoiceStatus.UNCOLLECTIBLE), payable);
        assertDoesNotThrow(() -> InvoiceTransitions.settled(invoice(InvoiceStatus.OPEN, 0, 0)));
    }
}
