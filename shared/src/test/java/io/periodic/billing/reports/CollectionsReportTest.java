package io.periodic.billing.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.periodic.billing.model.Payer;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.PaymentStatus;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.MoneyTotal;
import io.periodic.billing.reports.CollectionsReport.Day;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CollectionsReportTest {
    private static final AtomicInteger IDS = new AtomicInteger();

    static Payment payment(String receivedAt, String currency, long amount, long applied, long refunded) {
        String providerId = "tx-" + IDS.incrementAndGet();
        PaymentStatus status = refunded == amount ? PaymentStatus.REFUNDED
                : applied + refunded == amount ? PaymentStatus.APPLIED
                : applied == 0 ? PaymentStatus.UNAPPLIED : PaymentStatus.PARTIALLY_APPLIED;
        return new Payment(Payment.idFor("bank", providerId), "bank", providerId, Money.of(amount, currency),
                Payer.UNKNOWN, null, Instant.parse(receivedAt), status, Money.of(applied, currency),
                Money.of(refunded, currency), null, null, 1L);
    }

    private static final LocalDate JAN_1 = LocalDate.of(2027, 1, 1);
    private static final LocalDate JAN_2 = LocalDate.of(2027, 1, 2);
    private static final LocalDate JAN_3 = LocalDate.of(2027, 1, 3);

    @Test
    void noPaymentsNoRows() {
        assertEquals(List.of(), CollectionsReport.build(List.of(), JAN_1, JAN_3));
    }

    @Test
    void groupsByUtcDateOnEitherSideOfMidnight() {
        List<Day> rows = CollectionsReport.build(List.of(
                payment("2027-01-01T00:00:00Z", "JPY", 1_000, 1_000, 0),
                payment("2027-01-01T23:59:59Z", "JPY", 2_000, 500, 0),
                payment("2027-01-02T00:00:00Z", "JPY", 4_000, 0, 4_000)), JAN_1, JAN_3);
        assertEquals(List.of(
                new Day(JAN_1, "JPY", 2, jpy(3_000), jpy(1_500), jpy(1_500), jpy(0)),
                new Day(JAN_2, "JPY", 1, jpy(4_000), jpy(0), jpy(0), jpy(4_000))), rows);
    }

    @Test
    void theDateIsUtcNotTheSellersZone() {
        // 08:30 on 2 January in Tokyo is still 1 January in UTC
        List<Day> rows = CollectionsReport.build(List.of(payment("2027-01-01T23:30:00Z", "JPY", 100, 100, 0)),
                JAN_2, JAN_3);
        assertEquals(List.of(), rows);
        assertEquals(JAN_1, CollectionsReport.build(List.of(payment("2027-01-01T23:30:00Z", "JPY", 100, 100, 0)),
                JAN_1, JAN_1).get(0).date());
    }

    @Test
    void theBankFeesWrittenOffAreSummedPerDayBesideWhatWasReceived() {
        Payment short440 = payment("2027-01-01T01:00:00Z", "JPY", 9_560, 9_560, 0).withFeeWrittenOff(Money.of(440,
                "JPY"));
        Payment short660 = payment("2027-01-01T02:00:00Z", "JPY", 4_840, 4_840, 0).withFeeWrittenOff(Money.of(660,
                "JPY"));
        List<Day> rows = CollectionsReport.build(List.of(short440, short660,
                payment("2027-01-02T00:00:00Z", "JPY", 1_000, 1_000, 0)), JAN_1, JAN_3);
        assertEquals(new Day(JAN_1, "JPY", 2, jpy(14_400), jpy(14_400), jpy(0), jpy(0), jpy(1_100)), rows.get(0));
        assertEquals(jpy(0), rows.get(1).feesWrittenOff());
    }

    private static MoneyTotal jpy(long minor) {
        return MoneyTotal.of(Money.of(minor, "JPY"));
    }

    @Test
    void paymentsOutsideFromToAreLeftOutBothEndsInclusive() {
        List<Day> rows = CollectionsReport.build(List.of(
                payment("2026-12-31T23:59:59.999Z", "USD", 1, 1, 0),  // before from
                payment("2027-01-01T00:00:00Z", "USD", 10, 10, 0),    // first instant of from
                payment("2027-01-02T23:59:59.999Z", "USD", 20, 0, 0), // last instant of to
                payment("2027-01-03T00:00:00Z", "USD", 40, 40, 0)),   // after to
                JAN_1, JAN_2);
        assertEquals(List.of(JAN_1, JAN_2), rows.stream().map(Day::date).toList());
        assertEquals(2, rows.stream().mapToInt(Day::payments).sum());
        assertEquals(MoneyTotal.of(Money.of(10, "USD")), rows.get(0).received());
        assertEquals(MoneyTotal.of(Money.of(20, "USD")), rows.get(1).unapplied());
    }

    @Test
    void oneDayRange() {
        List<Day> rows = CollectionsReport.build(List.of(
                payment("2027-01-01T12:00:00Z", "EUR", 10, 10, 0),
                payment("2027-01-02T12:00:00Z", "EUR", 20, 20, 0),
                payment("2027-01-03T12:00:00Z", "EUR", 40, 40, 0)), JAN_2, JAN_2);
        assertEquals(1, rows.size());
        assertEquals(MoneyTotal.of(Money.of(20, "EUR")), rows.get(0).received());
    }

    @Test
    void rowsAreSortedByDateThenCurrencyAndCurrenciesAreNeverAdded() {
        List<Day> rows = CollectionsReport.build(List.of(
                payment("2027-01-02T10:00:00Z", "USD", 500, 500, 0),
                payment("2027-01-01T10:00:00Z", "USD", 1_999, 1_000, 999),
                payment("2027-01-02T09:00:00Z", "EUR", 700, 0, 0),
                payment("2027-01-01T11:00:00Z", "JPY", 30_000, 30_000, 0),
                payment("2027-01-01T12:00:00Z", "USD", 1, 0, 0),
                payment("2027-01-02T11:00:00Z", "JPY", 5_000, 2_000, 0),
                payment("2027-01-01T13:00:00Z", "EUR", 250, 250, 0)), JAN_1, JAN_3);
        assertEquals(List.of("2027-01-01 EUR", "2027-01-01 JPY", "2027-01-01 USD", "2027-01-02 EUR",
                "2027-01-02 JPY", "2027-01-02 USD"), rows.stream().map(d -> d.date() + " " + d.currency()).toList());
        for (Day d : rows) {
            for (MoneyTotal m : List.of(d.received(), d.applied(), d.unapplied(), d.refunded())) {
                assertEquals(d.currency(), m.currency().getCurrencyCode(), "no amount changes currency");
            }
            assertEquals(d.received(), d.applied().plus(d.unapplied()).plus(d.refunded()));
        }
        Day usd = rows.get(2);
        assertEquals(2, usd.payments());
        assertEquals(MoneyTotal.of(Money.of(2_000, "USD")), usd.received());
        assertEquals(MoneyTotal.of(Money.of(1_000, "USD")), usd.applied());
        assertEquals(MoneyTotal.of(Money.of(1, "USD")), usd.unapplied());
        assertEquals(MoneyTotal.of(Money.of(999, "USD")), usd.refunded());
        assertEquals(MoneyTotal.of(Money.of(30_000, "JPY")), rows.get(1).received(), "JPY not added to USD or EUR");
    }

    @Test
    void rangeIsFromTheStartOfFromToTheStartOfTheDayAfterTo() {
        assertArrayEquals(new Instant[] {Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-03T00:00:00Z")},
                CollectionsReport.range(JAN_1, JAN_2));
        assertArrayEquals(new Instant[] {Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-01-02T00:00:00Z")},
                CollectionsReport.range(JAN_1, JAN_1));
    }

    /**
     * Rows are ordered by the string key {@code date + "|" + currency}; ISO dates sort as strings only for years
     * 0000-9999 ({@code +10000-01-01} sorts before {@code 2027-01-01}). Latent: no real payment is received then.
     */
    @Test
    void rowsStaySortedBeyondYear9999() {
        List<Day> rows = CollectionsReport.build(List.of(payment("+10000-01-01T00:00:00Z", "JPY", 1, 1, 0),
                payment("2027-01-01T00:00:00Z", "JPY", 1, 1, 0)), JAN_1, LocalDate.of(10_000, 1, 1));
        assertEquals(List.of(JAN_1, LocalDate.of(10_000, 1, 1)), rows.stream().map(Day::date).toList());
    }
}
