package io.periodic.billing.bankstatements;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ZenginParser} read from one Zengin file: the credits it took, the cancellations it could not pair
 * with a credit of the same file, and every data record it did not take, with why. Lists keep the file's order.
 *
 * @param entries the credits taken (a credit cancelled in the same file is not among them)
 * @param cancellations cancellation records (取消区分 1) whose credit is not in this file: each names the entry it
 *     reverses by account and 照会番号
 * @param skipped the data records not taken: {@code "debit"} (03), {@code "zero amount"}, {@code "cancelled by
 *     record N"} and {@code "cancels record N"} for a pair in the same file; reference = the record's identity
 * @param debitsIgnored how many 払出 (debit) records of 入出金取引明細 were ignored
 */
public record ZenginStatement(List<Entry> entries, List<Cancellation> cancellations, List<Skipped> skipped,
        int debitsIgnored) {

    /** The currency of every Zengin amount: whole yen, so minor units = yen. */
    public static final String CURRENCY = "JPY";

    public ZenginStatement {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        cancellations = List.copyOf(Objects.requireNonNull(cancellations, "cancellations"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    }

    /**
     * The receiving account, from the header record.
     *
     * @param bankCode 4 digits (統一金融機関番号)
     * @param branchCode 3 digits
     * @param accountType 預金種目 as printed: 1 普通, 2 当座, 4 貯蓄, ...
     * @param accountNumber 7 digits (03's 10-digit field with its three leading zeros removed; 10 digits otherwise)
     */
    public record Account(String bankCode, String bankName, String branchCode, String branchName, String accountType,
            String accountNumber, String accountName) {
        /** @return {@code bank-branch-account}, e.g. {@code 0172-101-1234567} */
        public String key() {
            return bankCode + "-" + branchCode + "-" + accountNumber;
        }
    }

    /**
     * One credit (振込入金 or 入金).
     *
     * @param record the record's number in the file (1 = the first header)
     * @param typeCode {@code 01} 振込入金通知 or {@code 03} 入出金取引明細
     * @param inquiryNumber 照会番号 as printed (6 digits in 01, 8 in 03)
     * @param amount yen (JPY has no minor unit, so minor units = yen)
     * @param otherBankCheques うち他店券金額: the part paid by other banks' cheques, yen
     * @param remitterCode 振込依頼人コード, or null when all zeros or blank
     * @param remitterName 振込依頼人名 as printed (half-width katakana), or null
     * @param description 摘要内容 (03 only), or null
     * @param edi EDI情報 (may carry an invoice reference), or null
     */
    public record Entry(Account account, int record, String typeCode, String inquiryNumber, LocalDate bookingDate,
            LocalDate valueDate, long amount, long otherBankCheques, String remitterCode, String remitterName,
            String remittingBank, String remittingBranch, String description, String edi) {

        /**
         * The stable deduplication identity: {@code zengin:<bank>-<branch>-<account>:<照会番号>:<勘定日>}, e.g.
         * {@code zengin:0172-101-1234567:000123:2026-04-01}. A re-uploaded or overlapping file yields the same one.
         */
        public String identity() {
            return ZenginStatement.identity(account, inquiryNumber, bookingDate);
        }

        /**
         * This credit as a payment notification: provider {@code bank}, event id = provider payment id =
         * {@link #identity()}, the amount in JPY, payer = 振込依頼人名 (customer reference = 振込依頼人コード,
         * account = the remitting bank and branch as printed, {@code 仕向銀行名/仕向店名}, when known), remittance
         * text = EDI情報 then 摘要内容, dated the 勘定日 at 00:00 UTC, received into the header's account
         * ({@link Account#key()}: a virtual account identifies its customer).
         */
        public PaymentNotification toNotification() {
            String remittance = join(edi, description);
            return new PaymentNotification(Kind.RECEIVED, CamtParser.PROVIDER, identity(), identity(), null,
                    Money.of(amount, CURRENCY), new Payer(remitterName, null, remitterCode, remittingFrom()), null,
                    remittance, bookingDate.atStartOfDay(ZoneOffset.UTC).toInstant(), false, account.key());
        }

        /** {@code 仕向銀行名/仕向店名} as printed, or null when the record names neither. */
        String remittingFrom() {
            String bank = remittingBank == null ? "" : remittingBank.strip();
            String branch = remittingBranch == null ? "" : remittingBranch.strip();
            return bank.isEmpty() && branch.isEmpty() ? null : bank + "/" + branch;
        }
    }

    /**
     * A cancellation record (取消区分 1 in 01) whose credit is not in the same file.
     *
     * @param reverses {@code <bank>-<branch>-<account>:<照会番号>}: the entry it reverses (its identity without the
     *     勘定日, which the cancellation does not repeat reliably)
     */
    public record Cancellation(Account account, int record, String inquiryNumber, LocalDate bookingDate, long amount,
            String reverses) {
    }

    static String identity(Account account, String inquiryNumber, LocalDate bookingDate) {
        return "zengin:" + account.key() + ":" + inquiryNumber + ":" + bookingDate;
    }

    /**
     * The statement as the other parsers report: one payment per entry, and every skipped record; a cancellation
     * without its credit is skipped as {@code "cancellation of <reverses>"} (intake reverses it, if at all).
     */
    public StatementParseResult toParseResult() {
        List<PaymentNotification> payments = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            payments.add(entry.toNotification());
        }
        List<Skipped> all = new ArrayList<>(skipped);
        for (Cancellation c : cancellations) {
            all.add(new Skipped(identity(c.account(), c.inquiryNumber(), c.bookingDate()),
                    "cancellation of " + c.reverses()));
        }
        return new StatementParseResult(payments, all);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + " " + b;
    }
}
