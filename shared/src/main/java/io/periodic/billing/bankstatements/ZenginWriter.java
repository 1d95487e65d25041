package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.ZenginLayout.ACCOUNT_NAME_01;
import static io.periodic.billing.bankstatements.ZenginLayout.ACCOUNT_NUMBER_01;
import static io.periodic.billing.bankstatements.ZenginLayout.ACCOUNT_TYPE_01;
import static io.periodic.billing.bankstatements.ZenginLayout.AMOUNT_01;
import static io.periodic.billing.bankstatements.ZenginLayout.BANK_CODE;
import static io.periodic.billing.bankstatements.ZenginLayout.BANK_NAME;
import static io.periodic.billing.bankstatements.ZenginLayout.BOOKED_01;
import static io.periodic.billing.bankstatements.ZenginLayout.BRANCH_CODE;
import static io.periodic.billing.bankstatements.ZenginLayout.BRANCH_NAME;
import static io.periodic.billing.bankstatements.ZenginLayout.CANCELLATION_01;
import static io.periodic.billing.bankstatements.ZenginLayout.CANCEL_COUNT_01;
import static io.periodic.billing.bankstatements.ZenginLayout.CANCEL_TOTAL_01;
import static io.periodic.billing.bankstatements.ZenginLayout.CHEQUES_01;
import static io.periodic.billing.bankstatements.ZenginLayout.CODE_DIVISION;
import static io.periodic.billing.bankstatements.ZenginLayout.COUNT_01;
import static io.periodic.billing.bankstatements.ZenginLayout.CREATED;
import static io.periodic.billing.bankstatements.ZenginLayout.EDI_01;
import static io.periodic.billing.bankstatements.ZenginLayout.INQUIRY_01;
import static io.periodic.billing.bankstatements.ZenginLayout.RECORD_LENGTH;
import static io.periodic.billing.bankstatements.ZenginLayout.REMITTER_CODE_01;
import static io.periodic.billing.bankstatements.ZenginLayout.REMITTER_NAME_01;
import static io.periodic.billing.bankstatements.ZenginLayout.REMITTING_BANK_01;
import static io.periodic.billing.bankstatements.ZenginLayout.REMITTING_BRANCH_01;
import static io.periodic.billing.bankstatements.ZenginLayout.TOTAL_01;
import static io.periodic.billing.bankstatements.ZenginLayout.TYPE_CODE;
import static io.periodic.billing.bankstatements.ZenginLayout.VALUE_01;

import io.periodic.billing.bankstatements.ZenginLayout.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a well-formed 振込入金通知 (種別コード 01) file the way a bank's EB service delivers one: code division 0
 * (half-width JIS X 0201 in Shift_JIS), 和暦 (Reiwa) dates, CR LF after each record, one header-data-trailer group and
 * the end record. It is the file {@link ZenginParser} reads; the local runner's demo uses it to pay by bank transfer
 * the way a Japanese customer does. Names and bank names must be half-width (katakana, digits, Latin capitals).
 */
public final class ZenginWriter {
    private static final Charset SJIS = Charset.forName("windows-31j");
    private static final LocalDate REIWA_START = LocalDate.of(2019, 5, 1);

    /**
     * One credit into the account.
     *
     * @param inquiryNumber 照会番号, at most 6 digits
     * @param amount yen
     * @param remitterName 振込依頼人名 as the payer's bank prints it (half-width)
     * @param edi EDI情報 (an invoice reference, if the payer gave one), or null
     */
    public record Credit(long inquiryNumber, LocalDate bookingDate, long amount, String remitterName,
            String remittingBank, String remittingBranch, String edi) {}

    private ZenginWriter() {
    }

    /** The file: a header for {@code account} created on {@code created}, one data record per credit, the totals. */
    public static byte[] transferNotice(ZenginStatement.Account account, LocalDate created, List<Credit> credits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((credits.size() + 3) * (RECORD_LENGTH + 2));
        LocalDate from = credits.stream().map(Credit::bookingDate).min(LocalDate::compareTo).orElse(created);
        LocalDate to = credits.stream().map(Credit::bookingDate).max(LocalDate::compareTo).orElse(created);
        byte[] header = blank('1');
        put(header, TYPE_CODE, "01");
        put(header, CODE_DIVISION, "0");
        put(header, CREATED, reiwa(created));
        put(header, new Field("勘定日(自)", "from", 10, 6), reiwa(from));
        put(header, new Field("勘定日(至)", "to", 16, 6), reiwa(to));
        put(header, BANK_CODE, account.bankCode());
        put(header, BANK_NAME, account.bankName());
        put(header, BRANCH_CODE, account.branchCode());
        put(header, BRANCH_NAME, account.branchName());
        put(header, ACCOUNT_TYPE_01, account.accountType());
        put(header, ACCOUNT_NUMBER_01, account.accountNumber());
        put(header, ACCOUNT_NAME_01, account.accountName());
        line(out, header);
        long total = 0;
        for (Credit c : credits) {
            byte[] data = blank('2');
            put(data, INQUIRY_01, digits(c.inquiryNumber(), INQUIRY_01));
            put(data, BOOKED_01, reiwa(c.bookingDate()));
            put(data, VALUE_01, reiwa(c.bookingDate()));
            put(data, AMOUNT_01, digits(c.amount(), AMOUNT_01));
            put(data, CHEQUES_01, digits(0, CHEQUES_01));
            put(data, REMITTER_CODE_01, digits(0, REMITTER_CODE_01));
            put(data, REMITTER_NAME_01, c.remitterName());
            put(data, REMITTING_BANK_01, c.remittingBank());
            put(data, REMITTING_BRANCH_01, c.remittingBranch());
            put(data, CANCELLATION_01, "0");
            if (c.edi() != null) {
                put(data, EDI_01, c.edi());
            }
            line(out, data);
            total += c.amount();
        }
        byte[] trailer = blank('8');
        put(trailer, COUNT_01, digits(credits.size(), COUNT_01));
        put(trailer, TOTAL_01, digits(total, TOTAL_01));
        put(trailer, CANCEL_COUNT_01, digits(0, CANCEL_COUNT_01));
        put(trailer, CANCEL_TOTAL_01, digits(0, CANCEL_TOTAL_01));
        line(out, trailer);
        line(out, blank('9'));
        return out.toByteArray();
    }

    private static byte[] blank(char kind) {
        byte[] record = new byte[RECORD_LENGTH];
        Arrays.fill(record, (byte) ' ');
        record[0] = (byte) kind;
        return record;
    }

    private static void put(byte[] record, Field field, String value) {
        byte[] bytes = value.getBytes(SJIS);
        if (bytes.length > field.length() || bytes.length != value.length()) {
            throw new IllegalArgumentException(field.label() + ": \"" + value + "\" is not " + field.length()
                    + " half-width characters or fewer");
        }
        System.arraycopy(bytes, 0, record, field.from(), bytes.length);
    }

    private static String digits(long value, Field field) {
        String s = Long.toString(value);
        if (value < 0 || s.length() > field.length()) {
            throw new IllegalArgumentException(field.label() + ": " + value + " does not fit");
        }
        return "0".repeat(field.length() - s.length()) + s;
    }

    /** YYMMDD in 令和: R1 = 2019. */
    private static String reiwa(LocalDate date) {
        if (date.isBefore(REIWA_START)) {
            throw new IllegalArgumentException(date + " is before the Reiwa era");
        }
        return String.format("%02d%02d%02d", date.getYear() - 2018, date.getMonthValue(), date.getDayOfMonth());
    }

    private static void line(ByteArrayOutputStream out, byte[] record) {
        out.writeBytes(record);
        out.write('\r');
        out.write('\n');
    }
}
