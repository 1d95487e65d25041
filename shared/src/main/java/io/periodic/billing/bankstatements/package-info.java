/**
 * Bank-statement intake: turns a bank's statement file into {@link io.periodic.billing.payments.PaymentNotification}s
 * (provider {@code bank}, kind RECEIVED), one per booked credit, and reports every entry it did not take.
 *
 * <ul>
 *   <li>{@link io.periodic.billing.bankstatements.CamtParser}: ISO 20022 camt.053 (statement) and camt.054
 *       (debit/credit notification), versions 02 to 13, with a hardened StAX reader (no DTD, no entities).</li>
 *   <li>{@link io.periodic.billing.bankstatements.CsvStatementParser}: the simple CSV format specified in
 *       {@code docs/bank-statement-csv.md}.</li>
 *   <li>{@link io.periodic.billing.bankstatements.ZenginParser}: the Zengin (全銀協) fixed-width files 振込入金通知
 *       (01) and 入出金取引明細 (03) specified in {@code docs/bank-statement-zengin.md}; it returns a
 *       {@link io.periodic.billing.bankstatements.ZenginStatement} (entries with their dedup identity,
 *       cancellations, debits ignored), which also gives a {@code StatementParseResult}.</li>
 * </ul>
 *
 * <p>All three refuse a file as a whole with an {@link io.periodic.billing.payments.IntakeException} (never a
 * partial result): 400 {@code malformed-xml} / {@code malformed-csv} / {@code malformed-zengin}, 413
 * {@code statement-too-large}, 415 {@code unsupported-encoding} (an EBCDIC Zengin file), 422
 * {@code unsupported-statement} / {@code invalid-statement}. Amounts are parsed strictly
 * ({@link io.periodic.billing.money.Money#parse}): a value with more decimals than its currency is refused, never
 * rounded. Plain Java: no AWS imports.
 */
package io.periodic.billing.bankstatements;
