package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CamtParserTest {

    // ---------------------------------------------------------------------------------------------------------------
    // Fixtures

    @Test
    void camt054v08TakesTheTwoBookedCreditsAndReportsTheDebitAndThePendingEntry() {
        StatementParseResult result = CamtParser.parse(fixture("camt054-v08-notification.xml"));

        assertEquals(2, result.payments().size());
        PaymentNotification first = result.payments().get(0);
        assertEquals(Kind.RECEIVED, first.kind());
        assertEquals("bank", first.provider());
        assertEquals("2026030200012345", first.eventId());
        assertEquals("2026030200012345", first.providerPaymentId());
        assertNull(first.refundId());
        assertEquals(Money.of(119000, "EUR"), first.amount());
        assertEquals(new Payer("ACME Handels AG", null, null, "DE02120300000000202051"), first.payer());
        assertEquals("INV-2026-000123", first.invoiceReference());
        assertNull(first.remittanceText());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), first.occurredAt());

        PaymentNotification second = result.payments().get(1);
        assertEquals("2026030200012346", second.eventId());
        assertEquals("2026030200012346", second.providerPaymentId());
        assertEquals(Money.of(238050, "EUR"), second.amount());
        assertEquals(new Payer("Müller & Söhne KG", null, null, "AT611904300234573201"), second.payer());
        assertNull(second.invoiceReference());
        assertEquals("Rechnung INV-2026-000124 und INV-2026-000125", second.remittanceText());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), second.occurredAt(), "booking date, not value date");

        assertEquals(List.of(
                new Skipped("2026030200012347", "debit"),
                new Skipped("2026030200012348", "not booked: PDNG")), result.skipped());
    }

    @Test
    void camt053v02SplitsTheBatchBookingIntoThreePaymentsAndSkipsTheReturnedDirectDebit() {
        StatementParseResult result = CamtParser.parse(fixture("camt053-v02-batch.xml"));

        assertEquals(List.of("0303SDD000017/0303SDD000017-001", "0303SDD000017/0303SDD000017-002",
                        "0303SDD000017/0303SDD000017-003", "0303SCT000018"),
                result.payments().stream().map(PaymentNotification::providerPaymentId).toList());
        result.payments().forEach(p -> assertEquals(p.providerPaymentId(), p.eventId()));
        assertEquals(List.of(Money.of(4900, "EUR"), Money.of(9900, "EUR"), Money.of(14950, "EUR"), Money.of(45000, "EUR")),
                result.payments().stream().map(PaymentNotification::amount).toList());
        assertEquals(List.of("Jane Doe", "Brightside Studio BV", "Kowalski Consulting", "Northwind Traders Ltd"),
                result.payments().stream().map(p -> p.payer().name()).toList());
        assertEquals(List.of("NL91ABNA0417164300", "NL02ABNA0123456789", "PL61109010140000071219812874",
                        "GB29NWBK60161331926819"),
                result.payments().stream().map(p -> p.payer().account()).toList());

        PaymentNotification withCreditorReference = result.payments().get(1);
        assertEquals("RF18539007547034", withCreditorReference.invoiceReference());
        assertNull(withCreditorReference.remittanceText());
        assertEquals("INV-2026-000203", result.payments().get(2).remittanceText());

        PaymentNotification single = result.payments().get(3);
        assertEquals("Payment for March, thank you", single.remittanceText(), "every Ustrd, joined with a space");
        assertEquals("INV-2026-000190", single.invoiceReference(), "the referred document number");
        result.payments().forEach(p -> assertEquals(Instant.parse("2026-03-03T00:00:00Z"), p.occurredAt()));

        assertEquals(List.of(new Skipped("0303RTN000019", "unsupported: reversal")), result.skipped());
    }

    @Test
    void camt053v13ReadsTheStatusChoiceDateTimesAndNonIbanAccounts() {
        StatementParseResult result = CamtParser.parse(fixture("camt053-v13-jpy.xml"));

        assertEquals(2, result.payments().size());
        PaymentNotification yamada = result.payments().get(0);
        assertEquals("JP0304A0000001", yamada.providerPaymentId());
        assertEquals(Money.of(55000, "JPY"), yamada.amount());
        assertEquals(new Payer("カ）ヤマダショウジ", null, null, "0005-001-1234567"), yamada.payer());
        assertEquals("INV-2026-000310", yamada.remittanceText());
        // 00:30 in Tokyo is still 3 March in UTC: the bank's booking date as written counts, not the UTC instant.
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), yamada.occurredAt());

        PaymentNotification sato = result.payments().get(1);
        assertEquals("JP0304A0000004", sato.providerPaymentId());
        assertEquals(Money.of(33000, "JPY"), sato.amount());
        assertEquals("INV-2026-000311", sato.invoiceReference(), "a creditor reference in a second Strd block");
        assertEquals("March plan", sato.remittanceText());
        assertEquals(new Payer("サトウ ハナコ", null, null, null), sato.payer());
        assertEquals(Instant.parse("2026-03-04T00:00:00Z"), sato.occurredAt(), "from ValDt/DtTm");

        assertEquals(List.of(
                new Skipped("20260304-0002", "not booked: PDNG"),
                new Skipped("JP0304A0000003", "unsupported: reversal")), result.skipped());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Amounts

    @Test
    void refusesAJpyAmountWithDecimalsNamingTheEntryLineAndField() {
        String xml = camt054(credit("REF-1", "JPY", "1500"), credit("REF-2", "JPY", "1500.5"));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(xml));

        assertEquals(422, e.status());
        assertEquals("invalid-statement", e.type());
        int amountLine = lineOf(xml, "1500.5");
        assertEquals("entry 2 (line " + amountLine + "), Amt: 1500.5 has more decimals than JPY allows (at most 0)",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "1.0, JPY, more decimals than JPY allows",
        "10.005, USD, more decimals than USD allows",
        "10.0000, KWD, more decimals than KWD allows",
        "1e3, EUR, Not a plain decimal",
        "'1,000.00', EUR, Not a plain decimal",
        "+5.00, EUR, Not a plain decimal",
        ".50, EUR, Not a plain decimal",
        "12., EUR, Not a plain decimal",
        "NaN, EUR, Not a plain decimal",
        "99999999999999999999, EUR, out of range",
        "-5.00, EUR, must not be negative",
        "5.00, eur, 3 upper-case letters",
        "5.00, XXX, Not a monetary currency",
        "5.00, ABC, Unknown ISO 4217 currency",
    })
    void refusesAmountsThatAreNotExact(String amount, String currency, String expected) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(credit("REF-1", currency, amount))));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().startsWith("entry 1 (line "), e.getMessage());
        assertTrue(e.getMessage().contains("Amt: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "12.345, KWD, 12345",
        "12.3, KWD, 12300",
        "0.001, KWD, 1",
        "1500, JPY, 1500",
        "'  12.30\n  ', EUR, 1230",
        "007.10, USD, 710",
    })
    void acceptsExactAmountsIncludingThreeDecimalKwd(String amount, String currency, long minor) {
        StatementParseResult result = parse(camt054(credit("REF-1", currency, amount)));
        assertEquals(List.of(Money.of(minor, currency)), result.payments().stream().map(PaymentNotification::amount).toList());
    }

    @Test
    void skipsAZeroAmountCredit() {
        StatementParseResult result = parse(camt054(credit("REF-0", "EUR", "0.00")));
        assertEquals(List.of(), result.payments());
        assertEquals(List.of(new Skipped("REF-0", "zero amount")), result.skipped());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entry fields

    static Stream<Arguments> brokenEntries() {
        String ok = credit("REF-1", "EUR", "10.00");
        return Stream.of(
                Arguments.of(ok.replace("<AcctSvcrRef>REF-1</AcctSvcrRef>", ""), "AcctSvcrRef: is required"),
                Arguments.of(ok.replace("<Amt Ccy=\"EUR\">10.00</Amt>", ""), "Amt: the amount is required"),
                Arguments.of(ok.replace("<Amt Ccy=\"EUR\">10.00</Amt>", "<Amt Ccy=\"EUR\"> </Amt>"),
                        "Amt: the amount is required"),
                Arguments.of(ok.replace(" Ccy=\"EUR\"", ""), "Amt: the currency attribute Ccy is required"),
                Arguments.of(ok.replace("<CdtDbtInd>CRDT</CdtDbtInd>", ""), "CdtDbtInd: is required"),
                Arguments.of(ok.replace("<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>CREDIT</CdtDbtInd>"),
                        "CdtDbtInd: expected CRDT or DBIT, got CREDIT"),
                Arguments.of(ok.replace("<Sts><Cd>BOOK</Cd></Sts>", ""), "Sts: the entry status is required"),
                Arguments.of(ok.replace("<BookgDt><Dt>2026-03-02</Dt></BookgDt>", ""), "BookgDt: the booking date is required"),
                Arguments.of(ok.replace("2026-03-02", "2026-02-30"), "BookgDt/Dt: 2026-02-30 is not an ISO 8601 date"),
                Arguments.of(ok.replace("<Dt>2026-03-02</Dt>", "<DtTm>02.03.2026 10:00</DtTm>"),
                        "BookgDt/DtTm: 02.03.2026 10:00 is not an ISO 8601 date-time"),
                Arguments.of(ok.replace("<Sts>", "<RvslInd>yes</RvslInd><Sts>"), "RvslInd: expected true or false"),
                Arguments.of(ok.replace("REF-1", "R".repeat(256)), "AcctSvcrRef: the payment reference is longer than 255"),
                Arguments.of(ok.replace("</Ntry>", tx("<RltdPties><Dbtr><Pty><Nm>" + "N".repeat(301)
                        + "</Nm></Pty></Dbtr></RltdPties>") + "</Ntry>"), "payer name is longer than 300 characters"),
                Arguments.of(ok.replace("</Ntry>", tx("<RltdPties><DbtrAcct><Id><Othr><Id>" + "1".repeat(65)
                        + "</Id></Othr></Id></DbtrAcct></RltdPties>") + "</Ntry>"), "payer account is longer than 64"));
    }

    @ParameterizedTest
    @MethodSource("brokenEntries")
    void refusesABookedCreditWithAMissingOrBrokenFieldNamingTheEntryAndField(String entry, String expected) {
        String xml = camt054(credit("REF-0", "EUR", "1.00"), entry);
        IntakeException e = assertThrows(IntakeException.class, () -> parse(xml));
        assertEquals(422, e.status());
        assertEquals("invalid-statement", e.type());
        assertTrue(e.getMessage().startsWith("entry 2 (line "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void refusesADuplicatePaymentReferenceInOneStatement() {
        IntakeException e = assertThrows(IntakeException.class,
                () -> parse(camt054(credit("REF-1", "EUR", "1.00"), credit("REF-1", "EUR", "2.00"))));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("entry 2") && e.getMessage().contains("duplicate payment reference REF-1 (also entry 1)"),
                e.getMessage());
    }

    @Test
    void reportsEntriesThatAreNotBookedByStatusAndByPositionWhenTheyHaveNoReference() {
        String pending = credit("X", "EUR", "1.00").replace("<AcctSvcrRef>X</AcctSvcrRef>", "").replace("BOOK", "PDNG");
        String info = credit("INFO-1", "EUR", "1.00").replace("BOOK", "INFO");
        String future = credit("FUT-1", "EUR", "1.00").replace("BOOK", "FUTR");
        String proprietary = credit("P-1", "EUR", "1.00").replace("<Cd>BOOK</Cd>", "<Prtry>GEBUCHT</Prtry>");
        String debitWithoutAnything = "<Ntry><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts></Ntry>";

        StatementParseResult result = parse(camt054(pending, info, future, proprietary, debitWithoutAnything));

        assertEquals(List.of(), result.payments());
        assertEquals(List.of(
                new Skipped("entry 1", "not booked: PDNG"),
                new Skipped("INFO-1", "not booked: INFO"),
                new Skipped("FUT-1", "not booked: FUTR"),
                new Skipped("P-1", "not booked: proprietary GEBUCHT"),
                new Skipped("entry 5", "debit")), result.skipped());
    }

    @Test
    void readsTheOlderPlainTextStatus() {
        String booked = "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>OLD-1</AcctSvcrRef></Ntry>";
        String info = booked.replace("BOOK", "INFO").replace("OLD-1", "OLD-2");
        StatementParseResult result = parse(camt("053", "04", "BkToCstmrStmt", "Stmt", booked + info));

        assertEquals(List.of("OLD-1"), result.payments().stream().map(PaymentNotification::eventId).toList());
        assertEquals(List.of(new Skipped("OLD-2", "not booked: INFO")), result.skipped());
    }

    @Test
    void skipsACreditReversalRatherThanTakingItAsAPayment() {
        String reversal = credit("REV-1", "EUR", "10.00").replace("<Sts>", "<RvslInd>1</RvslInd><Sts>");
        StatementParseResult result = parse(camt054(reversal));
        assertEquals(List.of(), result.payments());
        assertEquals(List.of(new Skipped("REV-1", "unsupported: reversal")), result.skipped());
    }

    @Test
    void combinesRemittanceLinesAndKeepsFurtherStructuredReferencesAsText() {
        String entry = credit("REF-1", "EUR", "10.00").replace("</Ntry>", tx("<RmtInf>"
                + "<Ustrd>first</Ustrd><Ustrd>  </Ustrd><Ustrd><![CDATA[second & <more>]]></Ustrd>"
                + "<Strd><CdtrRefInf><Ref>RF71INV1</Ref></CdtrRefInf><AddtlRmtInf>note</AddtlRmtInf></Strd>"
                + "<Strd><CdtrRefInf><Ref>RF49INV2</Ref></CdtrRefInf><RfrdDocInf><Nb>INV-3</Nb></RfrdDocInf></Strd>"
                + "</RmtInf>") + "</Ntry>");
        PaymentNotification payment = parse(camt054(entry)).payments().get(0);
        assertEquals("RF71INV1", payment.invoiceReference());
        assertEquals("first second & <more> note RF49INV2 INV-3", payment.remittanceText());
    }

    @Test
    void ignoresElementsOfOtherNamespacesAndAcceptsPrefixes() {
        String ns = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";
        String xml = "<c:Document xmlns:c=\"" + ns + "\" xmlns:x=\"urn:example:other\"><c:BkToCstmrDbtCdtNtfctn>"
                + "<c:Ntfctn><x:Ntry><c:Amt Ccy=\"EUR\">99.00</c:Amt></x:Ntry>"
                + "<c:Ntry><x:Amt Ccy=\"EUR\">77.00</x:Amt><c:Amt Ccy=\"EUR\">12.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd>"
                + "<c:Sts><c:Cd>BOOK</c:Cd></c:Sts><c:BookgDt><c:Dt>2026-03-02</c:Dt></c:BookgDt>"
                + "<c:AcctSvcrRef>P-1</c:AcctSvcrRef></c:Ntry></c:Ntfctn></c:BkToCstmrDbtCdtNtfctn></c:Document>";
        StatementParseResult result = parse(xml);
        assertEquals(List.of(Money.of(1200, "EUR")), result.payments().stream().map(PaymentNotification::amount).toList());
        assertEquals(List.of(), result.skipped());
    }

    @Test
    void readsEveryNotificationBlockAndEveryStatement() {
        String ntfctn = "</Ntfctn><Ntfctn>";
        StatementParseResult notifications = parse(camt054(credit("A", "EUR", "1.00"), ntfctn, credit("B", "USD", "2.00")));
        assertEquals(List.of("A", "B"), notifications.payments().stream().map(PaymentNotification::eventId).toList());

        String booked = "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
                + "<BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>S-1</AcctSvcrRef></Ntry>";
        StatementParseResult statements = parse(camt("053", "02", "BkToCstmrStmt", "Stmt",
                booked + "</Stmt><Stmt>" + booked.replace("S-1", "S-2")));
        assertEquals(List.of("S-1", "S-2"), statements.payments().stream().map(PaymentNotification::eventId).toList());
    }

    @Test
    void readsTheEncodingTheDocumentDeclares() {
        String xml = camt054(credit("L1-1", "EUR", "1.00").replace("</Ntry>",
                tx("<RltdPties><Dbtr><Pty><Nm>Jürgen Weiß</Nm></Pty></Dbtr></RltdPties>") + "</Ntry>"))
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        byte[] latin1 = xml.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Jürgen Weiß", CamtParser.parse(latin1).payments().get(0).payer().name());
    }

    @Test
    void refusesAFieldLongerThanTheLimitAndAcceptsOneAtTheLimit() {
        String atLimit = credit("REF-1", "EUR", "1.00").replace("</Ntry>",
                tx("<RmtInf><Ustrd>" + "x".repeat(1000) + "</Ustrd></RmtInf>") + "</Ntry>");
        assertEquals(1000, parse(camt054(atLimit)).payments().get(0).remittanceText().length());

        String overLimit = atLimit.replace("x".repeat(1000), "x".repeat(1001));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(overLimit)));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("NtryDtls/TxDtls/RmtInf/Ustrd: longer than 1000"),
                e.getMessage());
    }

    @Test
    void resultListsAreUnmodifiable() {
        StatementParseResult result = CamtParser.parse(fixture("camt054-v08-notification.xml"));
        assertThrows(UnsupportedOperationException.class, () -> result.payments().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.skipped().clear());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Batch bookings

    @Test
    void splitsABatchWithoutTransactionReferencesByEndToEndIdOrElseByPosition() {
        String byEndToEnd = batch("EUR", "30.00",
                tx("<Refs><EndToEndId>E2E-A</EndToEndId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"),
                tx("<Refs><EndToEndId>E2E-B</EndToEndId></Refs><Amt Ccy=\"EUR\">20.00</Amt>"));
        assertEquals(List.of("B-1/E2E-A", "B-1/E2E-B"),
                parse(camt054(byEndToEnd)).payments().stream().map(PaymentNotification::providerPaymentId).toList());

        String byPosition = batch("EUR", "30.00",
                tx("<Refs><EndToEndId>E2E-A</EndToEndId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"),
                tx("<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy=\"EUR\">20.00</Amt>"));
        assertEquals(List.of("B-1/#1", "B-1/#2"),
                parse(camt054(byPosition)).payments().stream().map(PaymentNotification::providerPaymentId).toList());

        String sameAcctSvcrRef = batch("EUR", "30.00",
                tx("<Refs><AcctSvcrRef>B-1</AcctSvcrRef><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"),
                tx("<Refs><AcctSvcrRef>B-1</AcctSvcrRef><TxId>T-2</TxId></Refs><Amt Ccy=\"EUR\">20.00</Amt>"));
        assertEquals(List.of("B-1/T-1", "B-1/T-2"),
                parse(camt054(sameAcctSvcrRef)).payments().stream().map(PaymentNotification::providerPaymentId).toList());
    }

    @Test
    void skipsADebitTransactionInsideACreditBatchAndChecksTheNetAmount() {
        String entry = batch("EUR", "120.00",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>"),
                tx("<Refs><TxId>T-2</TxId></Refs><Amt Ccy=\"EUR\">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>"),
                tx("<Refs><TxId>T-3</TxId></Refs><Amt Ccy=\"EUR\">50.00</Amt>"));
        StatementParseResult result = parse(camt054(entry));
        assertEquals(List.of(Money.of(10000, "EUR"), Money.of(5000, "EUR")),
                result.payments().stream().map(PaymentNotification::amount).toList());
        assertEquals(List.of(new Skipped("B-1/T-2", "debit")), result.skipped());
    }

    @Test
    void refusesABatchWhoseTransactionsDoNotAddUpToTheEntry() {
        String entry = batch("EUR", "30.00",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"),
                tx("<Refs><TxId>T-2</TxId></Refs><Amt Ccy=\"EUR\">20.01</Amt>"));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(entry)));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().startsWith("entry 1 (line ") && e.getMessage().contains(
                "NtryDtls/TxDtls: the transaction amounts add up to EUR 30.01 but the entry amount is EUR 30.00"), e.getMessage());
    }

    @Test
    void refusesABatchTransactionWithoutAnAmountOrInAnotherCurrency() {
        String missing = batch("EUR", "30.00",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">30.00</Amt>"),
                tx("<Refs><TxId>T-2</TxId></Refs>"));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(missing)));
        assertTrue(e.getMessage().startsWith("entry 1, transaction 2 (line ") && e.getMessage().contains("TxDtls/Amt: is required"),
                e.getMessage());

        String otherCurrency = batch("EUR", "30.00",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">10.00</Amt>"),
                tx("<Refs><TxId>T-2</TxId></Refs><AmtDtls><TxAmt><Amt Ccy=\"USD\">20.00</Amt></TxAmt></AmtDtls>"));
        e = assertThrows(IntakeException.class, () -> parse(camt054(otherCurrency)));
        assertTrue(e.getMessage().contains("transaction 2") && e.getMessage().contains("TxDtls/AmtDtls/TxAmt/Amt: currency USD"),
                e.getMessage());

        String tooPrecise = batch("JPY", "300",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"JPY\">100</Amt>"),
                tx("<Refs><TxId>T-2</TxId></Refs><Amt Ccy=\"JPY\">200.0</Amt>"));
        e = assertThrows(IntakeException.class, () -> parse(camt054(tooPrecise)));
        assertTrue(e.getMessage().contains("transaction 2") && e.getMessage().contains("200.0 has more decimals than JPY"),
                e.getMessage());
    }

    @Test
    void refusesABatchWhoseTransactionAmountsOverflow() {
        String huge = "90000000000000000.00";
        String entry = batch("EUR", "1.00",
                tx("<Refs><TxId>T-1</TxId></Refs><Amt Ccy=\"EUR\">" + huge + "</Amt>"),
                tx("<Refs><TxId>T-2</TxId></Refs><Amt Ccy=\"EUR\">" + huge + "</Amt>"));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(entry)));
        assertEquals(422, e.status());
        // Each amount is over the maximum (Money.MAX_MINOR), so the batch is refused before any sum is taken.
        assertTrue(e.getMessage().contains("TxDtls/Amt: Amount out of range for EUR: '90000000000000000.00' exceeds"
                + " the maximum"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Not camt, not XML

    @ParameterizedTest
    @ValueSource(strings = {
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.08\"><BkToCstmrAcctRpt/></Document>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.01\"><BkToCstmrStmt/></Document>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.14\"><BkToCstmrDbtCdtNtfctn/></Document>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn/></Document>",
        "<Document><BkToCstmrStmt/></Document>",
        "<html><body>statement</body></html>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrDbtCdtNtfctn/></Document>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"></Document>",
    })
    void refusesWellFormedXmlThatIsNotASupportedCamtDocument(String xml) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(xml));
        assertEquals(422, e.status());
        assertEquals("unsupported-statement", e.type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "hello", "{\"entries\": []}", "reference,amount\nA,1.00",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt></Document>",
        "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt/></Document><Document/>"})
    void refusesTextThatIsNotWellFormedXml(String text) {
        IntakeException e = assertThrows(IntakeException.class, () -> parse(text));
        assertEquals(400, e.status());
        assertEquals("malformed-xml", e.type());
    }

    @Test
    void refusesBytesThatAreNotInTheDeclaredEncoding() {
        String xml = camt054(credit("REF-1", "EUR", "1.00")).replace("REF-1", "REF-\u00e9");
        String bom = new String(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.ISO_8859_1);
        for (String document : List.of(xml, xml.substring(xml.indexOf("?>") + 2).strip(),
                bom + xml.replace("\"UTF-8\"", "'utf8'"))) {
            byte[] latin1 = document.getBytes(StandardCharsets.ISO_8859_1);
            IntakeException e = assertThrows(IntakeException.class, () -> CamtParser.parse(latin1));
            assertEquals(400, e.status());
            assertTrue(e.getMessage().contains("not valid UTF-8 (byte " + (document.indexOf('\u00e9') + 1) + ")"),
                    e.getMessage());
        }
        String utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + xml.substring(xml.indexOf("?>") + 2);
        assertEquals("REF-\u00e9", CamtParser.parse(utf16.getBytes(StandardCharsets.UTF_16)).payments().get(0).eventId());
    }

    @Test
    void everyTruncationOfAValidStatementIsRefusedAsMalformed() {
        String xml = new String(fixture("camt054-v08-notification.xml"), StandardCharsets.UTF_8);
        int end = xml.lastIndexOf('>');
        for (int cut = 0; cut < end; cut += 3) {
            byte[] prefix = xml.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            int at = cut;
            IntakeException e = assertThrows(IntakeException.class, () -> CamtParser.parse(prefix), () -> "cut at " + at);
            assertEquals(400, e.status(), () -> "cut at " + at + ": " + e.getMessage());
        }
    }

    @Test
    void refusesElementsNestedTooDeeply() {
        String deep = "<Ustrd>".repeat(70) + "x" + "</Ustrd>".repeat(70);
        IntakeException e = assertThrows(IntakeException.class,
                () -> parse(camt054(credit("REF-1", "EUR", "1.00").replace("</Ntry>", deep + "</Ntry>"))));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("nested deeper than 64"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Limits

    @Test
    void acceptsTenThousandEntriesAndRefusesOneMore() {
        StringBuilder entries = new StringBuilder();
        for (int i = 1; i <= StatementLimits.MAX_ENTRIES; i++) {
            entries.append(credit("R" + i, "EUR", "1.00"));
        }
        assertEquals(StatementLimits.MAX_ENTRIES, parse(camt054(entries.toString())).payments().size());

        entries.append(credit("R-extra", "EUR", "1.00"));
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(entries.toString())));
        assertEquals(413, e.status());
        assertEquals("statement-too-large", e.type());
    }

    @Test
    void refusesMoreThanTenThousandTransactionDetails() {
        StringBuilder txs = new StringBuilder();
        for (int i = 0; i <= StatementLimits.MAX_ENTRIES; i++) {
            txs.append("<TxDtls/>");
        }
        String entry = credit("REF-1", "EUR", "1.00").replace("</Ntry>", "<NtryDtls>" + txs + "</NtryDtls></Ntry>");
        IntakeException e = assertThrows(IntakeException.class, () -> parse(camt054(entry)));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("transaction details"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    static byte[] fixture(String name) {
        try (InputStream in = CamtParserTest.class.getResourceAsStream("/bankstatements/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StatementParseResult parse(String xml) {
        return CamtParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    static String camt054(String... entries) {
        return camt("054", "08", "BkToCstmrDbtCdtNtfctn", "Ntfctn", String.join("\n", entries));
    }

    static String camt(String message, String version, String root, String container, String entries) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt." + message + ".001." + version + "\">\n"
                + "<" + root + ">\n<GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-03-02T18:00:00Z</CreDtTm></GrpHdr>\n"
                + "<" + container + ">\n<Id>C-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>\n"
                + entries + "\n</" + container + ">\n</" + root + ">\n</Document>\n";
    }

    /** A booked credit in the v08 shape, on its own lines so that errors point at distinct line numbers. */
    static String credit(String reference, String currency, String amount) {
        return "<Ntry>\n<Amt Ccy=\"" + currency + "\">" + amount + "</Amt>\n<CdtDbtInd>CRDT</CdtDbtInd>\n"
                + "<Sts><Cd>BOOK</Cd></Sts>\n<BookgDt><Dt>2026-03-02</Dt></BookgDt>\n"
                + "<AcctSvcrRef>" + reference + "</AcctSvcrRef>\n</Ntry>";
    }

    static String tx(String content) {
        return "<NtryDtls><TxDtls>" + content + "</TxDtls></NtryDtls>";
    }

    /** A booked credit {@code B-1} whose transaction details (each given as {@link #tx}) form a batch. */
    static String batch(String currency, String amount, String... txs) {
        StringBuilder details = new StringBuilder("<NtryDtls>");
        for (String tx : txs) {
            details.append(tx.replace("<NtryDtls>", "").replace("</NtryDtls>", "")).append('\n');
        }
        return credit("B-1", currency, amount).replace("</Ntry>", details + "</NtryDtls></Ntry>");
    }

    static int lineOf(String text, String needle) {
        int index = text.indexOf(needle);
        assertFalse(index < 0, needle);
        return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
