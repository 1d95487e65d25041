package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.ZenginFiles.end;
import static io.periodic.billing.bankstatements.ZenginFiles.file;
import static io.periodic.billing.bankstatements.ZenginFiles.header01;
import static io.periodic.billing.bankstatements.ZenginFiles.header03;
import static io.periodic.billing.bankstatements.ZenginFiles.line;
import static io.periodic.billing.bankstatements.ZenginFiles.notice;
import static io.periodic.billing.bankstatements.ZenginFiles.trailer01;
import static io.periodic.billing.bankstatements.ZenginFiles.trailer03;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.bankstatements.ZenginStatement.Entry;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Zengin parser on golden files (01 and 03, with and without line breaks, Reiwa and Western dates) made by
 * {@link ZenginFiles}, and each refusal. {@code -Dzengin.regenerate=true} rewrites the golden files.
 */
class ZenginParserTest {
    static final LocalDate TODAY = LocalDate.of(2026, 4, 10);

    /** The golden files and how they are made. */
    static Map<String, byte[]> golden() {
        return Map.of(
                "zengin01-reiwa-crlf.txt", file("\r\n", List.of(header01("080401"),
                        notice(1, "080401", 110_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", " ", "INV-2026-000123"),
                        notice(2, "080401", 54_560, "ｽｽﾞｷ ﾀﾛｳ", "0", ""),
                        notice(3, "080402", 33_000, "ﾕ)ｻﾄｳｼﾖｳｶｲ", " ", ""),
                        notice(3, "080402", 33_000, "ﾕ)ｻﾄｳｼﾖｳｶｲ", "1", ""),
                        notice(7, "080402", 5_000, "ﾀﾅｶ ﾊﾅｺ", "1", ""),
                        trailer01(3, 197_560, 2, 38_000), end())),
                "zengin01-western-nobreak.txt", file("", List.of(header01("260401"),
                        notice(1, "260401", 110_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", " ", "INV-2026-000123"),
                        notice(2, "260401", 54_560, "ｽｽﾞｷ ﾀﾛｳ", " ", ""),
                        trailer01(2, 164_560, 0, 0), end())),
                "zengin03-reiwa-lf.txt", file("\n", statement03("08")),
                "zengin03-western-crlf.txt", file("\r\n", statement03("26")));
    }

    private static List<byte[]> statement03(String yy) {
        String day = yy + "0430";
        return List.of(header03(day),
                line(10_000_001, day, "1", 220_000, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "INV-2026-000200"),
                line(10_000_002, day, "2", 880, "", ""),
                line(10_000_003, day, "1", 99_560, "ﾄﾞ)ﾐﾅﾄｼｽﾃﾑｽﾞ", ""),
                line(10_000_004, day, "2", 15_000, "", ""),
                trailer03(2, 319_560, 2, 15_880), end());
    }

    static byte[] fixture(String name) {
        return CamtParserTest.fixture("zengin/" + name);
    }

    @Test
    void goldenFilesAreWhatTheGeneratorWrites() throws IOException {
        if (Boolean.getBoolean("zengin.regenerate")) {
            for (Map.Entry<String, byte[]> e : golden().entrySet()) {
                Files.write(Path.of("src/test/resources/bankstatements/zengin", e.getKey()), e.getValue());
            }
        }
        for (Map.Entry<String, byte[]> e : golden().entrySet()) {
            assertArrayEquals(e.getValue(), fixture(e.getKey()), e.getKey());
        }
    }

    @Test
    void noticeWithReiwaDatesAndCrLf() {
        ZenginStatement s = ZenginParser.parse(fixture("zengin01-reiwa-crlf.txt"), ZenginDateStyle.REIWA);

        assertEquals(2, s.entries().size());
        Entry first = s.entries().get(0);
        assertEquals("zengin:0172-101-1234567:000001:2026-04-01", first.identity());
        assertEquals(2, first.record());
        assertEquals("01", first.typeCode());
        assertEquals(LocalDate.of(2026, 4, 1), first.bookingDate());
        assertEquals(LocalDate.of(2026, 4, 1), first.valueDate());
        assertEquals(110_000, first.amount());
        assertEquals(0, first.otherBankCheques());
        assertNull(first.remitterCode());
        assertEquals("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", first.remitterName());
        assertEquals("ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", first.remittingBank());
        assertEquals("ｼﾝｼﾞﾕｸ", first.remittingBranch());
        assertEquals("INV-2026-000123", first.edi());
        assertEquals("0172", first.account().bankCode());
        assertEquals("ｱﾜｷﾞﾝｺｳ", first.account().bankName());
        assertEquals("101", first.account().branchCode());
        assertEquals("1234567", first.account().accountNumber());
        assertEquals("ｶ)ﾋﾟﾘｵﾃﾞｨｯｸ", first.account().accountName());
        assertEquals("ｽｽﾞｷ ﾀﾛｳ", s.entries().get(1).remitterName());
        assertEquals(0, s.debitsIgnored());
    }

    @Test
    void aCancellationRemovesItsCreditInTheSameFileAndOtherwiseNamesTheEntryItReverses() {
        ZenginStatement s = ZenginParser.parse(fixture("zengin01-reiwa-crlf.txt"), ZenginDateStyle.REIWA);

        assertEquals(List.of("000001", "000002"), s.entries().stream().map(Entry::inquiryNumber).toList());
        assertEquals(List.of(new Skipped("zengin:0172-101-1234567:000003:2026-04-02", "cancelled by record 5"),
                new Skipped("zengin:0172-101-1234567:000003:2026-04-02", "cancels record 4")), s.skipped());
        assertEquals(1, s.cancellations().size());
        assertEquals("0172-101-1234567:000007", s.cancellations().get(0).reverses());
        assertEquals(6, s.cancellations().get(0).record());
        assertEquals(5_000, s.cancellations().get(0).amount());
        assertEquals("cancellation of 0172-101-1234567:000007",
                s.toParseResult().skipped().get(2).reason());
    }

    @Test
    void noticeWithWesternDatesAndNoLineBreaksReadsTheSameWithTheStyleNamedOrDetected() {
        byte[] western = fixture("zengin01-western-nobreak.txt");
        ZenginStatement named = ZenginParser.parse(western, ZenginDateStyle.WESTERN);
        ZenginStatement detected = ZenginParser.parse(western, ZenginDateStyle.AUTO, TODAY);
        ZenginStatement reiwa = ZenginParser.parse(fixture("zengin01-reiwa-crlf.txt"), ZenginDateStyle.AUTO, TODAY);

        assertEquals(named, detected);
        assertEquals(reiwa.entries().get(0).identity(), named.entries().get(0).identity());
        assertEquals(List.of(164_560L - 54_560, 54_560L), named.entries().stream().map(Entry::amount).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zengin03-reiwa-lf.txt", "zengin03-western-crlf.txt"})
    void statementTakesCreditsAndIgnoresAndCountsDebits(String name) {
        ZenginStatement s = ZenginParser.parse(fixture(name), ZenginDateStyle.AUTO, LocalDate.of(2026, 5, 1));

        assertEquals(List.of("zengin:0172-101-1234567:10000001:2026-04-30",
                "zengin:0172-101-1234567:10000003:2026-04-30"), s.entries().stream().map(Entry::identity).toList());
        assertEquals(2, s.debitsIgnored());
        assertEquals(List.of("debit", "debit"), s.skipped().stream().map(Skipped::reason).toList());
        Entry first = s.entries().get(0);
        assertEquals("03", first.typeCode());
        assertEquals("ﾌﾘｺﾐ", first.description());
        assertEquals("ﾐｽﾞﾎ", first.remittingBank());

        StatementParseResult result = s.toParseResult();
        PaymentNotification payment = result.payments().get(0);
        assertEquals(CamtParser.PROVIDER, payment.provider());
        assertEquals(first.identity(), payment.eventId());
        assertEquals(first.identity(), payment.providerPaymentId());
        assertEquals(Money.of(220_000, "JPY"), payment.amount());
        assertEquals("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", payment.payer().name());
        assertEquals("INV-2026-000200 ﾌﾘｺﾐ", payment.remittanceText());
        assertEquals(Instant.parse("2026-04-30T00:00:00Z"), payment.occurredAt());
        assertEquals(2, result.skipped().size());
    }

    @Test
    void heiseiIsReadOnlyWhenAskedFor() {
        byte[] old = file("\r\n", List.of(header01("310426"), notice(1, "310426", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                trailer01(1, 1_000, 0, 0), end()));
        assertEquals(LocalDate.of(2019, 4, 26),
                ZenginParser.parse(old, ZenginDateStyle.HEISEI).entries().get(0).bookingDate());
        IntakeException e = assertThrows(IntakeException.class, () -> ZenginParser.parse(old, ZenginDateStyle.AUTO,
                TODAY));
        assertRefused(e, 422, "invalid-statement", "record 1 (header), 作成日");
        assertRefused(assertThrows(IntakeException.class, () -> ZenginParser.parse(file("", List.of(
                header01("010401"), trailer01(0, 0, 0, 0), end())), ZenginDateStyle.REIWA)), 422,
                "invalid-statement", "010401 is not a date of the Reiwa");
    }

    @Test
    void trailerTotalsMustEqualTheDataRecords() {
        assertRefused(refused(file("\n", List.of(header01("080401"), notice(1, "080401", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                trailer01(2, 1_000, 0, 0), end()))), 422, "invalid-statement",
                "record 3 (trailer), 合計件数 (record count, bytes 2-7): says 2 but");
        assertRefused(refused(file("\n", List.of(header01("080401"), notice(1, "080401", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                trailer01(1, 1_001, 0, 0), end()))), 422, "invalid-statement", "record 3 (trailer), 合計金額");
        assertRefused(refused(file("\n", List.of(header03("080401"), line(1, "080401", "2", 500, "", ""),
                trailer03(0, 0, 1, 400), end()))), 422, "invalid-statement", "record 3 (trailer), 出金額合計");
    }

    @Test
    void eachBadInputIsRefusedNamingTheRecord() {
        byte[] good = fixture("zengin01-reiwa-crlf.txt");
        List<byte[]> records = new ArrayList<>(List.of(header01("080401"), notice(1, "080401", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                trailer01(1, 1_000, 0, 0), end()));

        byte[] shortRecord = file("\r\n", List.of(header01("080401"), new byte[199], end()));
        Arrays.fill(shortRecord, 202, 401, (byte) '2');
        assertRefused(refused(shortRecord), 400, "malformed-zengin", "record 2 has a line break after 199 bytes");
        assertRefused(refused(Arrays.copyOf(good, good.length - 50)), 400, "malformed-zengin",
                "record 8 is truncated");
        assertRefused(refused(file("\n", records.subList(0, 2))), 400, "malformed-zengin", "without a trailer record");
        assertRefused(refused(file("\n", records.subList(0, 3))), 400, "malformed-zengin", "end record (データ区分 9) is "
                + "missing");
        assertRefused(refused(file("\n", List.of(records.get(0), records.get(1), records.get(3)))), 400,
                "malformed-zengin", "record 3 has データ区分 9; expected a data record");

        byte[] transfer = file("", records);
        transfer[1] = '2';
        transfer[2] = '1';
        assertRefused(refused(transfer), 422, "unsupported-statement", "record 1 (header), 種別コード");

        byte[] letters = file("", records);
        letters[200 + 19 + 3] = 'A';
        assertRefused(refused(letters), 422, "invalid-statement", "record 2 (data), 金額 (amount, bytes 20-29)");

        byte[] ebcdic = file("", records);
        ebcdic[3] = '1';
        assertRefused(refused(ebcdic), 415, "unsupported-encoding", "コード区分");
        byte[] ebcdicBytes = file("", records);
        ebcdicBytes[0] = (byte) 0xF1;
        assertRefused(refused(ebcdicBytes), 415, "unsupported-encoding", "EBCDIC");

        byte[] kanji = file("", records);
        kanji[200 + 60] = (byte) 0x88;
        assertRefused(refused(kanji), 422, "invalid-statement", "record 2, byte 61: 0x88 is not a half-width");

        byte[] february30 = file("", List.of(header01("080401"), notice(1, "080230", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                trailer01(1, 1_000, 0, 0), end()));
        assertRefused(refused(february30), 422, "invalid-statement",
                "record 2 (data), 勘定日 (booking date, bytes 8-13): 080230 is not a real date");

        byte[] twice = file("", List.of(header01("080401"), notice(1, "080401", 1_000, "ﾔﾏﾀﾞ", " ", ""),
                notice(1, "080401", 2_000, "ﾔﾏﾀﾞ", " ", ""), trailer01(2, 3_000, 0, 0), end()));
        assertRefused(refused(twice), 422, "invalid-statement", "record 3 (data): the entry");

        assertRefused(refused(new byte[StatementLimits.MAX_ZENGIN_BYTES]), 413, "statement-too-large", "10 MiB");
        assertRefused(refused(new byte[0]), 400, "malformed-zengin", "empty");
    }

    private static IntakeException refused(byte[] file) {
        return assertThrows(IntakeException.class, () -> ZenginParser.parse(file, ZenginDateStyle.REIWA));
    }

    private static void assertRefused(IntakeException e, int status, String type, String detail) {
        assertEquals(status, e.status(), e.getMessage());
        assertEquals(type, e.type(), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }
}
