package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.Values.shown;
import static io.periodic.billing.bankstatements.ZenginRecord.malformed;

import io.periodic.billing.payments.IntakeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Zengin (全銀協) bank files specified in {@code docs/bank-statement-zengin.md}: 振込入金通知 (種別コード 01,
 * transfer-credit notification) and 入出金取引明細 (種別コード 03, account statement), fixed 200-byte records (header
 * 1, data 2, trailer 8, end 9), each optionally followed by CR LF or LF; one or more header-data-trailer groups, then
 * one end record. Code division 0 (JIS X 0201 half-width, as Shift_JIS / windows-31j encodes it) only.
 *
 * <p>Each credit becomes a {@link ZenginStatement.Entry} with a stable identity (bank, branch, account, 照会番号,
 * 勘定日); debits of 03 are ignored and counted; a cancellation (取消区分 1 in 01) reverses the credit with the same
 * account and 照会番号 (see {@link ZenginStatement}).
 *
 * <p>Refusals ({@link IntakeException}, the whole file, never a partial result), each naming the record and, for a
 * value, the field: 400 {@code malformed-zengin} (a record not 200 bytes, a truncated file, records out of order, a
 * missing trailer or end record, an unknown データ区分); 413 {@code statement-too-large} (10 MiB or more, or more than
 * {@link StatementLimits#MAX_ENTRIES} data records); 415 {@code unsupported-encoding} (EBCDIC, code division 1); 422
 * {@code unsupported-statement} (a 種別コード other than 01 and 03); 422 {@code invalid-statement} (a byte outside
 * half-width JIS X 0201, non-digits in a numeric field, an impossible date, trailer totals that differ from the data
 * records, the same identity twice).
 */
public final class ZenginParser {
    private ZenginParser() {
    }

    /** {@link #parse(byte[], ZenginDateStyle, LocalDate)} with a fixed date style (not {@link ZenginDateStyle#AUTO}). */
    public static ZenginStatement parse(byte[] file, ZenginDateStyle style) {
        if (style == ZenginDateStyle.AUTO) {
            throw new IllegalArgumentException("AUTO needs today's date");
        }
        return parse(file, style, null);
    }

    /**
     * Parses one Zengin file.
     *
     * @param style how the file writes its dates ({@link ZenginDateStyle#AUTO}: detect per header)
     * @param today the date AUTO compares each header's 作成日 with (ignored otherwise)
     * @throws IntakeException if the file is refused (see the class documentation)
     */
    public static ZenginStatement parse(byte[] file, ZenginDateStyle style, LocalDate today) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(style, "style");
        if (style == ZenginDateStyle.AUTO) {
            Objects.requireNonNull(today, "today");
        }
        if (file.length >= StatementLimits.MAX_ZENGIN_BYTES) {
            throw new IntakeException(413, "statement-too-large", "the file has " + file.length + " bytes; a Zengin "
                    + "file must be smaller than " + StatementLimits.MAX_ZENGIN_BYTES + " bytes (10 MiB)");
        }
        if (file.length == 0) {
            throw malformed("the file is empty; expected a header record (データ区分 1)");
        }
        if ((file[0] & 0xFF) == 0xF1) {
            throw ebcdic("record 1 starts with 0xF1, EBCDIC for \"1\"");
        }
        List<ZenginRecord> records = ZenginRecord.split(file);
        ZenginGroup.Output out = new ZenginGroup.Output();
        int i = 0;
        while (i < records.size()) {
            ZenginRecord record = records.get(i);
            if (record.kind() == '9') {
                if (i == 0) {
                    throw malformed("record 1 is an end record (データ区分 9); expected a header record (データ区分 1)");
                }
                if (i != records.size() - 1) {
                    throw malformed("record " + (i + 2) + " follows the end record (record " + (i + 1) + ")");
                }
                return out.statement();
            }
            if (record.kind() != '1') {
                throw malformed("record " + record.number() + " has " + dataKind(record) + "; expected a header "
                        + "record (データ区分 1)" + (i == 0 ? "" : " or the end record (データ区分 9)"));
            }
            ZenginGroup group = new ZenginGroup(record, style, today, out);
            i++;
            while (i < records.size() && records.get(i).kind() == '2') {
                group.data(records.get(i++));
            }
            if (i == records.size()) {
                throw malformed("the file ends after record " + records.size() + " without a trailer record "
                        + "(データ区分 8) for the header in record " + record.number());
            }
            ZenginRecord trailer = records.get(i++);
            if (trailer.kind() != '8') {
                throw malformed("record " + trailer.number() + " has " + dataKind(trailer) + "; expected a data "
                        + "record (データ区分 2) or the trailer record (データ区分 8) of the header in record "
                        + record.number());
            }
            group.trailer(trailer);
        }
        throw malformed("the end record (データ区分 9) is missing: the file ends after record " + records.size());
    }

    private static String dataKind(ZenginRecord record) {
        return "データ区分 " + shown(String.valueOf(record.kind()));
    }

    static IntakeException ebcdic(String why) {
        return new IntakeException(415, "unsupported-encoding", why + ": EBCDIC Zengin files (code division 1) are "
                + "not supported; download the file with code division 0 (JIS / Shift_JIS), as banks offer for PCs");
    }
}
