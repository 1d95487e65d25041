package io.periodic.billing.bankstatements;

/** Limits that the statement parsers enforce, so one upload cannot exhaust a function's memory or time. */
public final class StatementLimits {
    /**
     * At most this many entries per statement (camt {@code Ntry} elements, CSV data rows, Zengin data records); camt also allows at most
     * this many transaction details ({@code TxDtls}) in total. One more is refused as 413 {@code statement-too-large}.
     */
    public static final int MAX_ENTRIES = 10_000;

    /** At most this many characters in any field the parsers read; longer is 422 {@code invalid-statement}. */
    public static final int MAX_FIELD_LENGTH = 1_000;

    /** At most this many characters in a reference (it becomes the payment's event id and dedup key). */
    public static final int MAX_REFERENCE_LENGTH = 255;

    /**
     * A Zengin file must be smaller than this (10 MiB); as large or larger is refused as 413 {@code
     * statement-too-large} before any record is read. {@link #MAX_ENTRIES} data records of 200 bytes take about 2 MB.
     */
    public static final int MAX_ZENGIN_BYTES = 10 * 1024 * 1024;

    private StatementLimits() {
    }
}
