package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZenginWriterTest {
    private static final ZenginStatement.Account ACCOUNT = new ZenginStatement.Account("0005", "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", "001",
            "ﾎﾝﾃﾝ", "1", "1234567", "ﾋﾟﾘｵﾃﾞｨｯｸ(ｶ");

    @Test
    void whatItWritesTheParserReadsBackEntryForEntry() {
        LocalDate day = LocalDate.of(2026, 5, 7);
        byte[] file = ZenginWriter.transferNotice(ACCOUNT, day, List.of(
                new ZenginWriter.Credit(1, day, 54_560, "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", "ﾐｽﾞﾎ", "ｼﾝｼﾞﾕｸ", "INV-2026-000012"),
                new ZenginWriter.Credit(2, day.plusDays(1), 1_100, "ﾔﾏﾀﾞ ﾀﾛｳ", "ﾕｳﾁﾖ", "ｾﾞﾛｲﾁｻﾝ", null)));

        assertEquals(5 * 202, file.length, "header, two credits, trailer, end: 200 bytes each with CR LF");
        ZenginStatement statement = ZenginParser.parse(file, ZenginDateStyle.REIWA);
        assertEquals(2, statement.entries().size());
        ZenginStatement.Entry first = statement.entries().get(0);
        assertEquals("zengin:0005-001-1234567:000001:2026-05-07", first.identity());
        assertEquals(54_560, first.amount());
        assertEquals("ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ", first.remitterName());
        assertEquals("INV-2026-000012", first.edi());
        ZenginStatement.Entry second = statement.entries().get(1);
        assertEquals(LocalDate.of(2026, 5, 8), second.bookingDate());
        assertEquals("ﾔﾏﾀﾞ ﾀﾛｳ", second.remitterName());
        assertEquals(null, second.edi());
        assertEquals(ZenginParser.parse(file, ZenginDateStyle.AUTO, day).entries(), statement.entries(),
                "Reiwa dates are detected as such");
    }

    @Test
    void aFullWidthNameIsRefusedNotWrittenAsAFileNoBankWouldSend() {
        LocalDate day = LocalDate.of(2026, 5, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZenginWriter.transferNotice(
                ACCOUNT, day, List.of(new ZenginWriter.Credit(1, day, 100, "ヤマダ", "ﾐｽﾞﾎ", "ｼﾝｼﾞﾕｸ", null))));
        assertEquals(true, e.getMessage().startsWith("振込依頼人名"), e.getMessage());
    }
}
