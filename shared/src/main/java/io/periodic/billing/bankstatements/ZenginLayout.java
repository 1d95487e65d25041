package io.periodic.billing.bankstatements;

/**
 * The byte positions of the Zengin (全銀協) fields this package reads, per record type and 種別コード. Every record is
 * 200 bytes; positions are 0-based here and 1-based in messages and in {@code docs/bank-statement-zengin.md}, which
 * gives the full tables and their sources.
 */
final class ZenginLayout {
    /** Bytes per record, without the optional line break. */
    static final int RECORD_LENGTH = 200;

    /** One fixed-width field: its Japanese name (as the layouts print it), an English gloss, its position. */
    record Field(String name, String english, int from, int length) {
        /** @return e.g. {@code 金額 (amount, bytes 20-29)} */
        String label() {
            return name + " (" + english + ", bytes " + (from + 1) + "-" + (from + length) + ")";
        }
    }

    // Header record (データ区分 1): the same up to the branch name in 01 and 03.
    static final Field TYPE_CODE = new Field("種別コード", "type code", 1, 2);
    static final Field CODE_DIVISION = new Field("コード区分", "code division", 3, 1);
    static final Field CREATED = new Field("作成日", "creation date", 4, 6);
    static final Field BANK_CODE = new Field("銀行コード", "bank code", 22, 4);
    static final Field BANK_NAME = new Field("銀行名", "bank name", 26, 15);
    static final Field BRANCH_CODE = new Field("支店コード", "branch code", 41, 3);
    static final Field BRANCH_NAME = new Field("支店名", "branch name", 44, 15);
    static final Field ACCOUNT_TYPE_01 = new Field("預金種目", "account type", 59, 1);
    static final Field ACCOUNT_NUMBER_01 = new Field("口座番号", "account number", 60, 7);
    static final Field ACCOUNT_NAME_01 = new Field("口座名", "account name", 67, 40);
    static final Field ACCOUNT_TYPE_03 = new Field("預金種目", "account type", 62, 1);
    static final Field ACCOUNT_NUMBER_03 = new Field("口座番号", "account number", 63, 10);
    static final Field ACCOUNT_NAME_03 = new Field("口座名", "account name", 73, 40);

    // Data record (データ区分 2) of 振込入金通知 (01).
    static final Field INQUIRY_01 = new Field("照会番号", "inquiry number", 1, 6);
    static final Field BOOKED_01 = new Field("勘定日", "booking date", 7, 6);
    static final Field VALUE_01 = new Field("起算日", "value date", 13, 6);
    static final Field AMOUNT_01 = new Field("金額", "amount", 19, 10);
    static final Field CHEQUES_01 = new Field("うち他店券金額", "of which other-bank cheques", 29, 10);
    static final Field REMITTER_CODE_01 = new Field("振込依頼人コード", "remitter code", 39, 10);
    static final Field REMITTER_NAME_01 = new Field("振込依頼人名", "remitter name", 49, 48);
    static final Field REMITTING_BANK_01 = new Field("仕向銀行名", "remitting bank", 97, 15);
    static final Field REMITTING_BRANCH_01 = new Field("仕向店名", "remitting branch", 112, 15);
    static final Field CANCELLATION_01 = new Field("取消区分", "cancellation flag", 127, 1);
    static final Field EDI_01 = new Field("EDI情報", "EDI information", 128, 20);

    // Data record (データ区分 2) of 入出金取引明細 (03).
    static final Field INQUIRY_03 = new Field("照会番号", "inquiry number", 1, 8);
    static final Field BOOKED_03 = new Field("勘定日", "booking date", 9, 6);
    static final Field VALUE_03 = new Field("預入・払出日", "value date", 15, 6);
    static final Field DIRECTION_03 = new Field("入払区分", "credit/debit", 21, 1);
    static final Field TRANSACTION_TYPE_03 = new Field("取引区分", "transaction type", 22, 2);
    static final Field AMOUNT_03 = new Field("取引金額", "amount", 24, 12);
    static final Field CHEQUES_03 = new Field("うち他店券金額", "of which other-bank cheques", 36, 12);
    static final Field REMITTER_CODE_03 = new Field("振込依頼人コード", "remitter code", 71, 10);
    static final Field REMITTER_NAME_03 = new Field("振込依頼人名", "remitter name", 81, 48);
    static final Field REMITTING_BANK_03 = new Field("仕向銀行名", "remitting bank", 129, 15);
    static final Field REMITTING_BRANCH_03 = new Field("仕向店名", "remitting branch", 144, 15);
    static final Field DESCRIPTION_03 = new Field("摘要内容", "description", 159, 20);
    static final Field EDI_03 = new Field("EDI情報", "EDI information", 179, 20);

    // Trailer record (データ区分 8).
    static final Field COUNT_01 = new Field("合計件数", "record count", 1, 6);
    static final Field TOTAL_01 = new Field("合計金額", "total amount", 7, 12);
    static final Field CANCEL_COUNT_01 = new Field("取消件数", "cancellation count", 19, 6);
    static final Field CANCEL_TOTAL_01 = new Field("取消金額", "cancellation amount", 25, 12);
    static final Field CREDIT_COUNT_03 = new Field("入金件数", "credit count", 1, 6);
    static final Field CREDIT_TOTAL_03 = new Field("入金額合計", "credit total", 7, 13);
    static final Field DEBIT_COUNT_03 = new Field("出金件数", "debit count", 20, 6);
    static final Field DEBIT_TOTAL_03 = new Field("出金額合計", "debit total", 26, 13);

    private ZenginLayout() {
    }
}
