package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvStatementParserTest {
    private static final String HEADER = "reference,booking_date,amount,currency,payer_name,payer_account,remittance\n";

    @Test
    void readsTheFixtureWithQuotingAndSkipsTheDebitAndTheZeroAmount() {
        StatementParseResult result = CsvStatementParser.parse(CamtParserTest.fixture("statement.csv"));

        assertEquals(List.of("BNK-2026-0001", "BNK-2026-0002", "BNK-2026-0004", "BNK-2026-0006"),
                result.payments().stream().map(PaymentNotification::providerPaymentId).toList());
        PaymentNotification first = result.payments().get(0);
        assertEquals(Kind.RECEIVED, first.kind());
        assertEquals("bank", first.provider());
        assertEquals("BNK-2026-0001", first.eventId());
        assertEquals(Money.of(119000, "EUR"), first.amount());
        assertEquals(new Payer("ACME Handels AG", null, null, "DE02120300000000202051"), first.payer());
        assertEquals("INV-2026-000123", first.remittanceText());
        assertNull(first.invoiceReference());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), first.occurredAt());

        PaymentNotification commaInName = result.payments().get(1);
        assertEquals(Money.of(238050, "EUR"), commaInName.amount());
        assertEquals("Müller & Söhne KG, Wien", commaInName.payer().name());
        assertEquals("Rechnung INV-2026-000124 und INV-2026-000125", commaInName.remittanceText());

        PaymentNotification quotesAndNewline = result.payments().get(2);
        assertEquals(Money.of(55000, "JPY"), quotesAndNewline.amount());
        assertEquals("Yamada \"Shoji\" KK", quotesAndNewline.payer().name());
        assertEquals("Invoice INV-2026-000310\nsecond line of the remittance", quotesAndNewline.remittanceText());

        PaymentNotification kwd = result.payments().get(3);
        assertEquals(Money.of(12345, "KWD"), kwd.amount());
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), kwd.occurredAt());

        assertEquals(List.of(new Skipped("BNK-2026-0003", "debit"), new Skipped("BNK-2026-0005", "zero amount")),
                result.skipped());
    }

    @Test
    void toleratesAByteOrderMarkBeforeTheHeader() {
        byte[] body = (HEADER + "R-1,2026-03-02,10.00,EUR,,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        StatementParseResult result = CsvStatementParser.parse(withBom);
        assertEquals(List.of("R-1"), result.payments().stream().map(PaymentNotification::eventId).toList());
    }

    @Test
    void matchesColumnsByHeaderNameInAnyOrderAndIgnoresOthers() {
        String csv = "Currency, AMOUNT ,memo,remittance,booking_date,Reference,payer_name\n"
                + "USD,25.5,internal note,\"INV-1, INV-2\",2026-03-02,R-9,Jane\n";
        PaymentNotification payment = parse(csv).payments().get(0);
        assertEquals("R-9", payment.providerPaymentId());
        assertEquals(Money.of(2550, "USD"), payment.amount());
        assertEquals("INV-1, INV-2", payment.remittanceText());
        assertEquals(new Payer("Jane", null, null, null), payment.payer());
    }

    @Test
    void needsOnlyTheRequiredColumns() {
        PaymentNotification payment = parse("reference,booking_date,amount,currency\nR-1,2026-03-02,1,JPY\n")
                .payments().get(0);
        assertEquals(Money.of(1, "JPY"), payment.amount());
        assertEquals(Payer.UNKNOWN, payment.payer());
        assertNull(payment.remittanceText());
    }

    @Test
    void acceptsCrlfLinesIgnoresEmptyRowsAndNeedsNoFinalLineBreak() {
        String csv = "\r\n" + HEADER.replace("\n", "\r\n") + "R-1,2026-03-02,1.00,EUR,\"Crlf, Inc.\",,\"two\r\nlines\"\r\n"
                + "\r\n   \r\n,,,,,,\r\n , ,\"\",,,,\r\nR-2,2026-03-03,2.00,EUR,,,";
        StatementParseResult result = parse(csv);
        assertEquals(List.of("R-1", "R-2"), result.payments().stream().map(PaymentNotification::eventId).toList());
        assertEquals("two\r\nlines", result.payments().get(0).remittanceText());
        assertEquals("Crlf, Inc.", result.payments().get(0).payer().name());
    }

    @Test
    void aHeaderWithoutRowsIsAnEmptyStatement() {
        StatementParseResult result = parse(HEADER);
        assertEquals(List.of(), result.payments());
        assertEquals(List.of(), result.skipped());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Amounts

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.5|JPY|line 2, amount: 1.5 has more decimals than JPY allows (at most 0)",
        "1.0|JPY|line 2, amount: 1.0 has more decimals than JPY allows (at most 0)",
        "10.005|USD|line 2, amount: 10.005 has more decimals than USD allows (at most 2)",
        "1.2345|KWD|line 2, amount: 1.2345 has more decimals than KWD allows (at most 3)",
        "-1.234|EUR|line 2, amount: -1.234 has more decimals than EUR allows (at most 2)",
        "\"1,000.00\"|USD|line 2, amount: Not a plain decimal amount",
        "1e3|USD|line 2, amount: Not a plain decimal amount",
        "+5|USD|line 2, amount: Not a plain decimal amount",
        "12,50|EUR|line 2: expected 7 fields",
        "5|usd|line 2, currency: currency must be 3 upper-case letters (ISO 4217), got usd",
        "5|ABC|line 2, currency: Unknown ISO 4217 currency code 'ABC'",
        "5|XAU|line 2, currency: Not a monetary currency",
        "''|EUR|line 2, amount: a value is required",
        "5|''|line 2, currency: a value is required",
    })
    void refusesAmountsThatAreNotExactNamingLineAndColumn(String amount, String currency, String expected) {
        IntakeException e = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R-1,2026-03-02," + amount + "," + currency + ",,,\n"));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals(expected.contains("fields") ? 400 : 422, e.status());
        assertEquals(expected.contains("fields") ? "malformed-csv" : "invalid-statement", e.type());
    }

    @ParameterizedTest
    @CsvSource({"12.345, KWD, 12345", "12.3, KWD, 12300", "' 12.30 ', USD, 1230", "100, JPY, 100", "0.01, EUR, 1"})
    void acceptsExactAmounts(String amount, String currency, long minor) {
        PaymentNotification payment = parse(HEADER + "R-1,2026-03-02," + amount + "," + currency + ",,,\n")
                .payments().get(0);
        assertEquals(Money.of(minor, currency), payment.amount());
    }

    @Test
    void reportsTheLineARowStartsOnCountingLineBreaksInsideQuotes() {
        String csv = HEADER
                + "R-1,2026-03-02,1.00,EUR,,,\"a remittance\nover\nthree lines\"\n"
                + "R-2,2026-03-02,1.00,EUR,,,\n"
                + "R-3,2026-03-02,1.5,JPY,,,\n";
        IntakeException e = assertThrows(IntakeException.class, () -> parse(csv));
        assertEquals(422, e.status());
        assertEquals("line 6, amount: 1.5 has more decimals than JPY allows (at most 0)", e.getMessage());
    }

    @Test
    void validatesDebitRowsTooBeforeSkippingThem() {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(HEADER + "D-1,2026-03-02,-1.5,JPY,,,\n"));
        assertEquals("line 2, amount: -1.5 has more decimals than JPY allows (at most 0)", e.getMessage());

        StatementParseResult result = parse(HEADER + "D-1,2026-03-02,-1,JPY,,,\nD-1,2026-03-03,-0,JPY,,,\n");
        assertEquals(List.of(new Skipped("D-1", "debit"), new Skipped("D-1", "zero amount")), result.skipped());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Other values

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ",2026-03-02,1.00,EUR,,,|line 2, reference: a value is required",
        "R-1,,1.00,EUR,,,|line 2, booking_date: a value is required",
        "R-1,2026-02-30,1.00,EUR,,,|line 2, booking_date: 2026-02-30 is not a valid date (yyyy-MM-dd)",
        "R-1,02.03.2026,1.00,EUR,,,|line 2, booking_date: 02.03.2026 is not a valid date (yyyy-MM-dd)",
        "R-1,2026-3-2,1.00,EUR,,,|line 2, booking_date: 2026-3-2 is not a valid date (yyyy-MM-dd)",
        "R-1,2026-03-02T10:00:00Z,1.00,EUR,,,|line 2, booking_date: 2026-03-02T10:00:00Z is not a valid date",
    })
    void refusesMissingOrMalformedValues(String row, String expected) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(HEADER + row + "\n"));
        assertEquals(422, e.status());
        assertEquals("invalid-statement", e.type());
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void refusesADuplicateReferenceAmongCredits() {
        IntakeException e = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R-1,2026-03-02,1.00,EUR,,,\nR-2,2026-03-02,1.00,EUR,,,\nR-1,2026-03-03,2.00,EUR,,,\n"));
        assertEquals(422, e.status());
        assertEquals("line 4, reference: duplicate reference R-1 (also on line 2)", e.getMessage());
    }

    @Test
    void refusesFieldsLongerThanTheirLimits() {
        assertEquals(1000, parse(HEADER + "R-1,2026-03-02,1.00,EUR,,," + "x".repeat(1000) + "\n")
                .payments().get(0).remittanceText().length());

        IntakeException remittance = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R-1,2026-03-02,1.00,EUR,,," + "x".repeat(1001) + "\n"));
        assertEquals("line 2, remittance: longer than 1000 characters", remittance.getMessage());

        IntakeException reference = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R".repeat(256) + ",2026-03-02,1.00,EUR,,,\n"));
        assertEquals("line 2, reference: longer than 255 characters", reference.getMessage());

        IntakeException account = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R-1,2026-03-02,1.00,EUR,,DE" + "1".repeat(63) + ",\n"));
        assertEquals("line 2, payer_account: longer than 64 characters", account.getMessage());

        IntakeException name = assertThrows(IntakeException.class,
                () -> parse(HEADER + "R-1,2026-03-02,1.00,EUR," + "N".repeat(301) + ",,\n"));
        assertEquals("line 2, payer_name: longer than 300 characters", name.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Malformed CSV

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "R-1,2026-03-02,1.00,EUR,,,\"never closed\\n|line 2: a quoted field is not terminated",
        "R-1,2026-03-02,1.00,EUR,\"Jane \"Q\" Doe\",,\\n|line 2: unexpected Q after a closing quote",
        "R-1,2026-03-02,1.00,EUR,Jane \"Q\" Doe,,\\n|line 2: a double quote inside an unquoted field",
        "R-1,2026-03-02,1.00,EUR,,\\n|line 2: expected 7 fields as in the header, got 6",
        "R-1,2026-03-02,1.00,EUR,,,,\\n|line 2: expected 7 fields as in the header, got 8",
    })
    void refusesMalformedRowsAsMalformedCsv(String rows, String expected) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(HEADER + rows.replace("\\n", "\n")));
        assertEquals(400, e.status());
        assertEquals("malformed-csv", e.type());
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void reportsTheLineWhereAnUnterminatedQuoteOpened() {
        String csv = HEADER + "R-1,2026-03-02,1.00,EUR,,,ok\nR-2,2026-03-02,1.00,EUR,,,\"opens here\nand\nnever closes\n";
        IntakeException e = assertThrows(IntakeException.class, () -> parse(csv));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("line 3: a quoted field is not terminated"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "reference,booking_date,currency,payer_name\nR-1,2026-03-02,EUR,Jane\n",
        "ref,date,amount,currency\nR-1,2026-03-02,1.00,EUR\n",
        "R-1,2026-03-02,1.00,EUR,,,\n",
    })
    void refusesAHeaderWithoutTheRequiredColumns(String csv) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(csv));
        assertEquals(400, e.status());
        assertEquals("malformed-csv", e.type());
        assertTrue(e.getMessage().startsWith("line 1: the header lacks the required column(s) "), e.getMessage());
    }

    @Test
    void namesTheMissingColumnsAndHintsAtTheSeparator() {
        IntakeException missing = assertThrows(IntakeException.class,
                () -> parse("reference,booking_date,currency\nR-1,2026-03-02,EUR\n"));
        assertTrue(missing.getMessage().startsWith("line 1: the header lacks the required column(s) amount;"),
                missing.getMessage());

        IntakeException semicolons = assertThrows(IntakeException.class,
                () -> parse("reference;booking_date;amount;currency\nR-1;2026-03-02;1,00;EUR\n"));
        assertTrue(semicolons.getMessage().contains("the separator must be a comma"), semicolons.getMessage());
    }

    @Test
    void refusesADuplicatedColumn() {
        IntakeException e = assertThrows(IntakeException.class,
                () -> parse("reference,booking_date,amount,currency,Amount\nR-1,2026-03-02,1.00,EUR,2.00\n"));
        assertEquals(400, e.status());
        assertEquals("line 1: the column amount appears twice in the header", e.getMessage());
    }

    @Test
    void refusesAnEmptyFileAndOneThatIsNotUtf8() {
        for (byte[] empty : List.of(new byte[0], new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\n\n".getBytes())) {
            IntakeException e = assertThrows(IntakeException.class, () -> CsvStatementParser.parse(empty));
            assertEquals(400, e.status());
            assertEquals("malformed-csv", e.type());
        }
        byte[] latin1 = (HEADER + "R-1,2026-03-02,1.00,EUR,Jürgen,,\n").getBytes(StandardCharsets.ISO_8859_1);
        IntakeException e = assertThrows(IntakeException.class, () -> CsvStatementParser.parse(latin1));
        assertEquals(400, e.status());
        assertEquals("the file is not valid UTF-8", e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Limits

    @Test
    void acceptsTenThousandRowsAndRefusesOneMore() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= StatementLimits.MAX_ENTRIES; i++) {
            csv.append("R-").append(i).append(",2026-03-02,1.00,EUR,,,\n");
        }
        assertEquals(StatementLimits.MAX_ENTRIES, parse(csv.toString()).payments().size());

        csv.append("R-extra,2026-03-02,-1.00,EUR,,,\n");
        IntakeException e = assertThrows(IntakeException.class, () -> parse(csv.toString()));
        assertEquals(413, e.status());
        assertEquals("statement-too-large", e.type());
    }

    private static StatementParseResult parse(String csv) {
        return CsvStatementParser.parse(csv.getBytes(StandardCharsets.UTF_8));
    }
}
