package io.periodic.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.CreditNote.TaxPart;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxCalculator;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A credit note's amounts per rate (docs/tax.md, "Credit notes per rate"). */
class CreditNoteRatesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final TaxRate TEN = TaxRate.of("10");
    private static final TaxRate EIGHT = TaxRate.of("8");

    /** The golden two-rate invoice: 8 × ¥3,000 at 10 %, ¥4,581 + ¥2,106 at 8 % (¥535 tax, rounded once). */
    static Invoice twoRates() {
        return invoice(List.of(new long[] {24_000, 10}, new long[] {4_581, 8}, new long[] {2_106, 8}));
    }

    /** An open invoice in yen of (net, percent) lines, taxed as the composer taxes them. */
    static Invoice invoice(List<long[]> netAndPercent) {
        List<TaxCalculator.Line> taxLines = new ArrayList<>();
        for (long[] l : netAndPercent) {
            taxLines.add(new TaxCalculator.Line(Money.of(l[0], "JPY"), TaxRate.of(Long.toString(l[1])),
                    TaxBehavior.EXCLUSIVE));
        }
        TaxCalculator.Result taxed = TaxCalculator.calculate(Currencies.of("JPY"), taxLines);
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < netAndPercent.size(); i++) {
            Money net = Money.of(netAndPercent.get(i)[0], "JPY");
            lines.add(new InvoiceLine("item " + i, LineKind.ADJUSTMENT, null, null, null, 1, net, net,
                    TaxRate.of(Long.toString(netAndPercent.get(i)[1])), taxed.lines().get(i).tax()));
        }
        Money zero = Money.zero(Currencies.of("JPY"));
        return Invoice.builder().id("inv_rates").number("INV-1").customerId("cus_rates")
                .currency(Currencies.of("JPY")).status(InvoiceStatus.OPEN).lines(lines).creditApplied(zero)
                .amountPaid(zero).credited(zero).issueDate(DAY).dueDate(DAY.plusDays(30)).createdAt(NOW).build();
    }

    private static CreditNote note(Invoice invoice, Money net, List<CreditNote> earlier) {
        return Corrections.creditNote("cn_" + earlier.size(), invoice, net, "returned", 
                CreditNote.Disposition.CUSTOMER_BALANCE, earlier, new Sequence("CN-2026", 0, null),
                CreditBalance.empty("cus_rates", Currencies.of("JPY")), DAY, NOW).note();
    }

    @Test
    void aFullCreditCreditsTheInvoicesAmountsPerRate() {
        CreditNote note = note(twoRates(), null, List.of());
        assertEquals(List.of(new TaxPart(EIGHT, Money.of(6_687, "JPY"), Money.of(535, "JPY")),
                new TaxPart(TEN, Money.of(24_000, "JPY"), Money.of(2_400, "JPY"))), note.taxParts());
        assertEquals(Money.of(30_687, "JPY"), note.subtotal());
        assertEquals(Money.of(2_935, "JPY"), note.tax());
        assertTrue(note.hasRates());
    }

    @Test
    void aPartialCreditIsSplitInProportionToTheNetLeftAtEachRateAndTaxedOncePerRate() {
        // ¥10,000 over 6,687 : 24,000 = 2,179.09… : 7,820.90… → truncated 2,179 and 7,820, the unit left over to
        // the first rate (8 %): 2,180 and 7,820. Tax: 174.4 → 174, 782.
        CreditNote note = note(twoRates(), Money.of(10_000, "JPY"), List.of());
        assertEquals(List.of(new TaxPart(EIGHT, Money.of(2_180, "JPY"), Money.of(174, "JPY")),
                new TaxPart(TEN, Money.of(7_820, "JPY"), Money.of(782, "JPY"))), note.taxParts());
        assertEquals(Money.of(956, "JPY"), note.tax());

        // The rest credits exactly what is left at each rate.
        CreditNote rest = note(twoRates(), null, List.of(note));
        assertEquals(List.of(new TaxPart(EIGHT, Money.of(4_507, "JPY"), Money.of(361, "JPY")),
                new TaxPart(TEN, Money.of(16_180, "JPY"), Money.of(1_618, "JPY"))), rest.taxParts());
    }

    @Test
    void aNoteStoredBeforeThePartsCountsAtTheInvoicesRates() {
        Invoice invoice = invoice(List.of(new long[] {10_000, 10}));
        CreditNote legacy = new CreditNote("cn_old", "CN-1", invoice.id(), invoice.customerId(),
                Money.of(4_000, "JPY"), Money.of(400, "JPY"), CreditNote.Disposition.CUSTOMER_BALANCE, "old", DAY,
                NOW, null);
        assertFalse(legacy.hasRates());
        assertEquals(List.of(new TaxPart(TEN, Money.of(6_000, "JPY"), Money.of(600, "JPY"))),
                note(invoice, null, List.of(legacy)).taxParts());

        Invoice two = twoRates();
        CreditNote legacyTwo = new CreditNote("cn_old", "CN-1", two.id(), two.customerId(),
                Money.of(6_687, "JPY"), Money.of(535, "JPY"), CreditNote.Disposition.CUSTOMER_BALANCE, "old", DAY,
                NOW, null);
        CreditNote rest = note(two, null, List.of(legacyTwo));
        assertEquals(Money.of(24_000, "JPY"), rest.subtotal());
        assertEquals(Money.of(2_400, "JPY"), rest.tax());
    }

    @Test
    void theTotalsMustBeTheSumsOfTheParts() {
        List<TaxPart> parts = List.of(new TaxPart(EIGHT, Money.of(100, "JPY"), Money.of(8, "JPY")),
                new TaxPart(TEN, Money.of(100, "JPY"), Money.of(10, "JPY")));
        CreditNote.Builder b = CreditNote.builder().id("cn_x").invoiceId("inv_x").customerId("cus_x")
                .taxParts(parts).disposition(CreditNote.Disposition.CUSTOMER_BALANCE).reason("r").issueDate(DAY)
                .createdAt(NOW);
        assertEquals(Money.of(18, "JPY"), b.subtotal(Money.of(200, "JPY")).tax(Money.of(18, "JPY")).build().tax());
        assertThrows(IllegalArgumentException.class, () -> b.tax(Money.of(19, "JPY")).build());
        assertThrows(IllegalArgumentException.class,
                () -> b.tax(Money.of(18, "JPY")).subtotal(Money.of(201, "JPY")).build());
        assertThrows(IllegalArgumentException.class, () -> b.subtotal(Money.of(200, "JPY"))
                .taxParts(List.of(parts.get(0), parts.get(0))).tax(Money.of(16, "JPY")).build(), "one part a rate");
    }

    @Provide
    Arbitrary<Invoice> invoices() {
        Arbitrary<long[]> line = Combinators.combine(Arbitraries.longs().between(1, 5_000_000),
                Arbitraries.of(0L, 8L, 10L)).as((net, rate) -> new long[] {net, rate});
        return line.list().ofMinSize(1).ofMaxSize(6).map(CreditNoteRatesTest::invoice);
    }

    /**
     * Any sequence of partial credits then a full one: every note's totals are its parts' sums, no note takes more
     * at a rate than is left there, a partial note's tax per rate is its net × rate rounded once (or all the tax
     * left), and all notes together credit exactly the invoice's amounts per rate.
     */
    @Property(tries = 300)
    void partsSumToTotalsAndNeverExceedTheInvoicePerRate(@ForAll("invoices") Invoice invoice,
            @ForAll("fractions") List<Integer> permille) {
        List<CreditNote> notes = new ArrayList<>();
        for (int p : permille) {
            Money left = invoice.subtotal().minus(notes.stream().map(CreditNote::subtotal)
                    .reduce(Money.zero(invoice.currency()), Money::plus));
            Money net = left.multiplyRatio(p, 1000);
            if (!net.isPositive()) {
                continue;
            }
            Map<TaxRate, TaxPart> before = byRate(CreditNoteRates.left(invoice, notes));
            CreditNote note = note(invoice, net, notes);
            assertEquals(net, note.subtotal());
            for (TaxPart part : note.taxParts()) {
                TaxPart at = before.get(part.rate());
                assertTrue(!part.subtotal().isGreaterThan(at.subtotal()), part + " within " + at);
                assertTrue(!part.tax().isGreaterThan(at.tax()), part + " within " + at);
                Money once = part.subtotal().percent(part.rate().percent());
                assertTrue(part.tax().equals(once) || part.tax().equals(at.tax()), part + " taxed once");
            }
            notes.add(note);
        }
        if (invoice.subtotal().plus(invoice.tax()).minus(notes.stream().map(CreditNote::total)
                .reduce(Money.zero(invoice.currency()), Money::plus)).isPositive()) {
            notes.add(note(invoice, null, notes));
        }
        Map<TaxRate, Money[]> credited = new HashMap<>();
        for (CreditNote n : notes) {
            assertEquals(n.subtotal(), n.taxParts().stream().map(TaxPart::subtotal)
                    .reduce(Money.zero(invoice.currency()), Money::plus));
            assertEquals(n.tax(), n.taxParts().stream().map(TaxPart::tax)
                    .reduce(Money.zero(invoice.currency()), Money::plus));
            for (TaxPart part : n.taxParts()) {
                credited.merge(part.rate(), new Money[] {part.subtotal(), part.tax()},
                        (a, b) -> new Money[] {a[0].plus(b[0]), a[1].plus(b[1])});
            }
        }
        for (TaxPart part : CreditNoteRates.ofInvoice(invoice)) {
            Money[] c = credited.getOrDefault(part.rate(),
                    new Money[] {Money.zero(invoice.currency()), Money.zero(invoice.currency())});
            assertEquals(part.subtotal(), c[0], "net credited at " + part.rate());
            assertEquals(part.tax(), c[1], "tax credited at " + part.rate());
        }
    }

    @Provide
    Arbitrary<List<Integer>> fractions() {
        return Arbitraries.integers().between(1, 999).list().ofMaxSize(4);
    }

    private static Map<TaxRate, TaxPart> byRate(List<TaxPart> parts) {
        Map<TaxRate, TaxPart> map = new HashMap<>();
        parts.forEach(p -> map.put(p.rate(), p));
        return map;
    }
}
