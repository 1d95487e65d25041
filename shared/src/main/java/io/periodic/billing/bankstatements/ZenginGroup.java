package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.Values.shown;
import static io.periodic.billing.bankstatements.ZenginLayout.*;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.bankstatements.ZenginLayout.Field;
import io.periodic.billing.bankstatements.ZenginStatement.Account;
import io.periodic.billing.bankstatements.ZenginStatement.Cancellation;
import io.periodic.billing.bankstatements.ZenginStatement.Entry;
import io.periodic.billing.payments.IntakeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One header-data-trailer group of a Zengin file: reads its header, each data record, and checks its trailer. */
final class ZenginGroup {
    private static final int AUTO_DAYS_BEFORE = 400;
    private static final int AUTO_DAYS_AFTER = 31;

    /** What all groups of one file produce. */
    static final class Output {
        private final List<Entry> entries = new ArrayList<>();
        private final List<Cancellation> cancellations = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final Map<String, Integer> identities = new HashMap<>();
        private final Map<String, Entry> byInquiry = new HashMap<>();
        private final Set<Entry> cancelled = new HashSet<>();
        private int dataRecords;
        private int debits;

        ZenginStatement statement() {
            List<Entry> kept = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                if (!cancelled.contains(entry)) {
                    kept.add(entry);
                }
            }
            return new ZenginStatement(kept, cancellations, skipped, debits);
        }
    }

    private final Output out;
    private final ZenginRecord header;
    private final String typeCode;
    private final ZenginDateStyle style;
    private final Account account;
    private long count;
    private long total;
    private long otherCount;
    private long otherTotal;

    ZenginGroup(ZenginRecord header, ZenginDateStyle style, LocalDate today, Output out) {
        this.header = header;
        this.out = out;
        String division = header.raw(CODE_DIVISION);
        if (division.equals("1")) {
            throw ZenginParser.ebcdic("record " + header.number() + " (header) has コード区分 (code division) 1");
        }
        if (!division.equals("0")) {
            throw header.invalid(CODE_DIVISION, shown(division) + " is not 0 (JIS) or 1 (EBCDIC)");
        }
        String type = header.raw(TYPE_CODE);
        if (!type.equals("01") && !type.equals("03")) {
            throw new IntakeException(422, "unsupported-statement", "record " + header.number() + " (header), "
                    + TYPE_CODE.label() + ": " + shown(type) + " is not a statement this intake reads; supported are "
                    + "01 (振込入金通知, transfer-credit notification) and 03 (入出金取引明細, account statement)");
        }
        this.typeCode = type;
        String created = header.digits(CREATED);
        this.style = style == ZenginDateStyle.AUTO ? resolve(created, today) : style;
        date(header, CREATED);
        boolean notice = type.equals("01");
        String number = header.digits(notice ? ACCOUNT_NUMBER_01 : ACCOUNT_NUMBER_03);
        if (!notice && number.startsWith("000")) {
            number = number.substring(3);
        }
        this.account = new Account(header.digits(BANK_CODE), header.text(BANK_NAME), header.digits(BRANCH_CODE),
                header.text(BRANCH_NAME), header.raw(notice ? ACCOUNT_TYPE_01 : ACCOUNT_TYPE_03), number,
                header.text(notice ? ACCOUNT_NAME_01 : ACCOUNT_NAME_03));
    }

    /** The date style whose reading of the header's 作成日 lies within 400 days before and 31 days after today. */
    private ZenginDateStyle resolve(String created, LocalDate today) {
        List<ZenginDateStyle> fits = new ArrayList<>(2);
        for (ZenginDateStyle candidate : new ZenginDateStyle[] {ZenginDateStyle.REIWA, ZenginDateStyle.WESTERN}) {
            try {
                LocalDate date = candidate.read(created);
                if (!date.isBefore(today.minusDays(AUTO_DAYS_BEFORE)) && !date.isAfter(today.plusDays(AUTO_DAYS_AFTER))) {
                    fits.add(candidate);
                }
            } catch (IllegalArgumentException e) {
                // not a date in this style
            }
        }
        if (fits.size() != 1) {
            throw header.invalid(CREATED, created + " read as Reiwa (令和) or Western year (西暦) is not a date within "
                    + AUTO_DAYS_BEFORE + " days before and " + AUTO_DAYS_AFTER + " days after today (" + today
                    + "); name the date style (REIWA, HEISEI or WESTERN)");
        }
        return fits.get(0);
    }

    void data(ZenginRecord record) {
        if (++out.dataRecords > StatementLimits.MAX_ENTRIES) {
            throw new IntakeException(413, "statement-too-large", "the file has more than "
                    + StatementLimits.MAX_ENTRIES + " data records; split it into several files");
        }
        if (typeCode.equals("01")) {
            notice(record);
        } else {
            statementLine(record);
        }
    }

    private void notice(ZenginRecord record) {
        String inquiry = record.digits(INQUIRY_01);
        LocalDate booked = date(record, BOOKED_01);
        LocalDate value = valueDate(record, VALUE_01, booked);
        long amount = amount(record, AMOUNT_01, CHEQUES_01);
        String flag = record.raw(CANCELLATION_01);
        if (!flag.equals(" ") && !flag.equals("0") && !flag.equals("1")) {
            throw record.invalid(CANCELLATION_01, shown(flag) + " is not blank, 0 (normal) or 1 (cancellation)");
        }
        Entry entry = entry(record, inquiry, booked, value, amount, record.number(CHEQUES_01), REMITTER_CODE_01,
                REMITTER_NAME_01, REMITTING_BANK_01, REMITTING_BRANCH_01, null, EDI_01);
        if (flag.equals("1")) {
            otherCount++;
            otherTotal += amount;
            cancel(record, entry);
            return;
        }
        count++;
        total += amount;
        credit(record, entry);
    }

    private void statementLine(ZenginRecord record) {
        String inquiry = record.digits(INQUIRY_03);
        LocalDate booked = date(record, BOOKED_03);
        LocalDate value = valueDate(record, VALUE_03, booked);
        String direction = record.raw(DIRECTION_03);
        long amount = amount(record, AMOUNT_03, CHEQUES_03);
        if (direction.equals("2")) {
            otherCount++;
            otherTotal += amount;
            out.debits++;
            out.skipped.add(new Skipped(ZenginStatement.identity(account, inquiry, booked), "debit"));
            return;
        }
        if (!direction.equals("1")) {
            throw record.invalid(DIRECTION_03, shown(direction) + " is not 1 (入金, credit) or 2 (払出, debit)");
        }
        count++;
        total += amount;
        credit(record, entry(record, inquiry, booked, value, amount, record.number(CHEQUES_03), REMITTER_CODE_03,
                REMITTER_NAME_03, REMITTING_BANK_03, REMITTING_BRANCH_03, DESCRIPTION_03, EDI_03));
    }

    private Entry entry(ZenginRecord record, String inquiry, LocalDate booked, LocalDate value, long amount,
            long cheques, Field code, Field name, Field bank, Field branch, Field description, Field edi) {
        String remitterCode = record.raw(code).isBlank() ? null : record.digits(code);
        if (remitterCode != null && remitterCode.chars().allMatch(c -> c == '0')) {
            remitterCode = null;
        }
        return new Entry(account, record.number(), typeCode, inquiry, booked, value, amount, cheques, remitterCode,
                orNull(record.text(name)), orNull(record.text(bank)), orNull(record.text(branch)),
                description == null ? null : orNull(record.text(description)), orNull(record.text(edi)));
    }

    private void credit(ZenginRecord record, Entry entry) {
        Integer first = out.identities.putIfAbsent(entry.identity(), record.number());
        if (first != null) {
            throw new IntakeException(422, "invalid-statement", "record " + record.number() + " (data): the entry "
                    + entry.identity() + " appears twice (also record " + first + ")");
        }
        if (entry.amount() == 0) {
            out.skipped.add(new Skipped(entry.identity(), "zero amount"));
            return;
        }
        out.entries.add(entry);
        out.byInquiry.put(account.key() + ":" + entry.inquiryNumber(), entry);
    }

    private void cancel(ZenginRecord record, Entry cancellation) {
        String reverses = account.key() + ":" + cancellation.inquiryNumber();
        Entry original = out.byInquiry.get(reverses);
        if (original != null && original.amount() == cancellation.amount() && out.cancelled.add(original)) {
            out.skipped.add(new Skipped(original.identity(), "cancelled by record " + record.number()));
            out.skipped.add(new Skipped(cancellation.identity(), "cancels record " + original.record()));
            return;
        }
        out.cancellations.add(new Cancellation(account, record.number(), cancellation.inquiryNumber(),
                cancellation.bookingDate(), cancellation.amount(), reverses));
    }

    void trailer(ZenginRecord trailer) {
        boolean notice = typeCode.equals("01");
        check(trailer, notice ? COUNT_01 : CREDIT_COUNT_03, count, "data records");
        check(trailer, notice ? TOTAL_01 : CREDIT_TOTAL_03, total, "amounts of the data records");
        check(trailer, notice ? CANCEL_COUNT_01 : DEBIT_COUNT_03, otherCount, notice ? "cancellation records"
                : "debit records");
        check(trailer, notice ? CANCEL_TOTAL_01 : DEBIT_TOTAL_03, otherTotal, notice ? "amounts of the "
                + "cancellation records" : "amounts of the debit records");
    }

    private void check(ZenginRecord trailer, Field field, long actual, String what) {
        long stated = trailer.number(field);
        if (stated != actual) {
            throw trailer.invalid(field, "says " + stated + " but the " + what + " of the header in record "
                    + header.number() + " add up to " + actual + "; the file is refused as a whole");
        }
    }

    private long amount(ZenginRecord record, Field amountField, Field chequesField) {
        long amount = record.number(amountField);
        long cheques = record.number(chequesField);
        if (cheques > amount) {
            throw record.invalid(chequesField, cheques + " is more than the amount " + amount);
        }
        return amount;
    }

    private LocalDate date(ZenginRecord record, Field field) {
        String digits = record.digits(field);
        try {
            return style.read(digits);
        } catch (IllegalArgumentException e) {
            throw record.invalid(field, e.getMessage());
        }
    }

    /** 起算日 / 預入・払出日: zeros or blanks mean "the same as the 勘定日". */
    private LocalDate valueDate(ZenginRecord record, Field field, LocalDate booked) {
        String raw = record.raw(field);
        return raw.isBlank() || raw.equals("000000") ? booked : date(record, field);
    }

    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
