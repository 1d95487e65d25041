package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.ZenginLayout.*;

import io.periodic.billing.bankstatements.ZenginLayout.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Zengin files for tests from field values: each record is 200 bytes of windows-31j (Shift_JIS), digits
 * right-aligned and zero-filled, text left-aligned and space-filled, so a fixture reads as the values that made it.
 * Public (shared's test jar) for the intake tests of functions/payment-webhook.
 */
public final class ZenginFiles {
    public static final Charset SJIS = Charset.forName("windows-31j");

    private ZenginFiles() {
    }

    /** One record: its データ区分 and field values (a Long or a digit string is numeric, any other string text). */
    static byte[] record(char kind, Map<Field, Object> values) {
        byte[] bytes = new byte[RECORD_LENGTH];
        Arrays.fill(bytes, (byte) ' ');
        bytes[0] = (byte) kind;
        for (Map.Entry<Field, Object> e : values.entrySet()) {
            Field f = e.getKey();
            byte[] value;
            if (e.getValue() instanceof Long n) {
                String digits = Long.toString(n);
                value = ("0".repeat(Math.max(0, f.length() - digits.length())) + digits).getBytes(SJIS);
            } else {
                value = e.getValue().toString().getBytes(SJIS);
            }
            if (value.length > f.length()) {
                throw new IllegalArgumentException(f.name() + " too long: " + e.getValue());
            }
            System.arraycopy(value, 0, bytes, f.from(), value.length);
        }
        return bytes;
    }

    static Map<Field, Object> values(Object... pairs) {
        Map<Field, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Field) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A 01 header for account 0172-101-1234567 (阿波銀行 as in the published sample), created {@code yymmdd}. */
    public static byte[] header01(String yymmdd) {
        return record('1', values(TYPE_CODE, "01", CODE_DIVISION, "0", CREATED, yymmdd,
                new Field("勘定日(自)", "from", 10, 6), yymmdd, new Field("勘定日(至)", "to", 16, 6), yymmdd,
                BANK_CODE, "0172", BANK_NAME, "ｱﾜｷﾞﾝｺｳ", BRANCH_CODE, "101", BRANCH_NAME, "ﾎﾝﾃﾝ",
                ACCOUNT_TYPE_01, "1", ACCOUNT_NUMBER_01, "1234567", ACCOUNT_NAME_01, "ｶ)ﾋﾟﾘｵﾃﾞｨｯｸ"));
    }

    /** A 03 header for account 0172-101-1234567 (10-digit field 0001234567). */
    public static byte[] header03(String yymmdd) {
        return record('1', values(TYPE_CODE, "03", CODE_DIVISION, "0", CREATED, yymmdd,
                new Field("勘定日(自)", "from", 10, 6), yymmdd, new Field("勘定日(至)", "to", 16, 6), yymmdd,
                BANK_CODE, "0172", BANK_NAME, "ｱﾜｷﾞﾝｺｳ", BRANCH_CODE, "101", BRANCH_NAME, "ﾎﾝﾃﾝ", new Field("ダミー",
                "dummy", 59, 3), "000", ACCOUNT_TYPE_03, "1", ACCOUNT_NUMBER_03, "0001234567", ACCOUNT_NAME_03,
                "ｶ)ﾋﾟﾘｵﾃﾞｨｯｸ"));
    }

    /** A 01 data record. */
    public static byte[] notice(long inquiry, String booked, long amount, String name, String cancel, String edi) {
        return record('2', values(INQUIRY_01, inquiry, BOOKED_01, booked, VALUE_01, booked, AMOUNT_01, amount,
                CHEQUES_01, 0L, REMITTER_CODE_01, 0L, REMITTER_NAME_01, name, REMITTING_BANK_01, "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ",
                REMITTING_BRANCH_01, "ｼﾝｼﾞﾕｸ", CANCELLATION_01, cancel, EDI_01, edi));
    }

    /** A 03 data record; {@code direction} 1 credit, 2 debit. */
    public static byte[] line(long inquiry, String booked, String direction, long amount, String name, String edi) {
        return record('2', values(INQUIRY_03, inquiry, BOOKED_03, booked, VALUE_03, booked, DIRECTION_03, direction,
                TRANSACTION_TYPE_03, "11", AMOUNT_03, amount, CHEQUES_03, 0L, REMITTER_CODE_03, 0L,
                REMITTER_NAME_03, name, REMITTING_BANK_03, "ﾐｽﾞﾎ", REMITTING_BRANCH_03, "ﾎﾝﾃﾝ", DESCRIPTION_03,
                direction.equals("1") ? "ﾌﾘｺﾐ" : "ﾃｽｳﾘﾖｳ", EDI_03, edi));
    }

    public static byte[] trailer01(long count, long total, long cancelCount, long cancelTotal) {
        return record('8', values(COUNT_01, count, TOTAL_01, total, CANCEL_COUNT_01, cancelCount, CANCEL_TOTAL_01,
                cancelTotal));
    }

    public static byte[] trailer03(long credits, long creditTotal, long debits, long debitTotal) {
        return record('8', values(CREDIT_COUNT_03, credits, CREDIT_TOTAL_03, creditTotal, DEBIT_COUNT_03, debits,
                DEBIT_TOTAL_03, debitTotal));
    }

    public static byte[] end() {
        return record('9', Map.of());
    }

    /** The records joined, each followed by {@code separator} ("", "\r\n" or "\n"). */
    public static byte[] file(String separator, List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(r);
            out.writeBytes(separator.getBytes(SJIS));
        }
        return out.toByteArray();
    }
}
