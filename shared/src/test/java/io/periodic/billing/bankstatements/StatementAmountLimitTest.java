package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, defect 4: bank statements accepted amounts up to ~9.2e18 minor units, and two such payments to one
 * customer overflowed the ledger. Both statement parsers now refuse an amount over the maximum
 * ({@link Money#MAX_MINOR} minor units, 15 digits) as 422 {@code invalid-statement} naming the field, and take the
 * maximum itself.
 */
class StatementAmountLimitTest {
    private static final String HEADER = "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n";

    @ParameterizedTest
    @CsvSource({
        "92233720368547758.07, USD",  // the probe's amount: Long.MAX_VALUE cents
        "10000000000000.00, USD",     // one cent over the maximum
        "1000000000000000, JPY",      // one yen over
        "1000000000000.000, KWD",     // one fils over
        "-1000000000000.000, KWD",    // debits are checked too, before they are skipped
    })
    void csvRefusesAnAmountOverTheMaximum(String amount, String currency) {
        IntakeException e = assertThrows(IntakeException.class, () -> CsvStatementParser.parse(
                (HEADER + "R-1,2026-03-02," + amount + "," + currency + ",,,\n").getBytes(StandardCharsets.UTF_8)));
        assertEquals(422, e.status());
        assertEquals("invalid-statement", e.type());
        assertTrue(e.getMessage().startsWith("line 2, amount: "), e.getMessage());
        assertTrue(e.getMessage().contains("maximum"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "92233720368547758.07, USD",
        "10000000000000.00, USD",
        "1000000000000000, JPY",
        "1000000000000.000, KWD",
    })
    void camtRefusesAnAmountOverTheMaximum(String amount, String currency) {
        IntakeException e = assertThrows(IntakeException.class,
                () -> CamtParserTest.parse(CamtParserTest.camt054(CamtParserTest.credit("REF-1", currency, amount))));
        assertEquals(422, e.status());
        assertEquals("invalid-statement", e.type());
        assertTrue(e.getMessage().contains("Amt: "), e.getMessage());
        assertTrue(e.getMessage().contains("maximum"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"9999999999999.99, USD", "999999999999999, JPY", "999999999999.999, KWD"})
    void bothTakeTheMaximumItself(String amount, String currency) {
        PaymentNotification csv = CsvStatementParser.parse(
                (HEADER + "R-1,2026-03-02," + amount + "," + currency + ",,,\n").getBytes(StandardCharsets.UTF_8))
                .payments().get(0);
        PaymentNotification camt = CamtParserTest.parse(CamtParserTest.camt054(
                CamtParserTest.credit("REF-1", currency, amount))).payments().get(0);
        assertEquals(Money.of(999_999_999_999_999L, currency), csv.amount());
        assertEquals(Money.of(999_999_999_999_999L, currency), camt.amount());
    }
}
