package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.StatementLimits.MAX_ENTRIES;
import static io.periodic.billing.bankstatements.StatementLimits.MAX_FIELD_LENGTH;
import static io.periodic.billing.bankstatements.StatementLimits.MAX_REFERENCE_LENGTH;
import static io.periodic.billing.bankstatements.Values.shown;

import io.periodic.billing.bankstatements.StatementParseResult.Skipped;
import io.periodic.billing.model.Payer;
import io.periodic.billing.money.Money;
import io.periodic.billing.payments.IntakeException;
import io.periodic.billing.payments.PaymentNotification;
import io.periodic.billing.payments.PaymentNotification.Kind;
import io.periodic.billing.webhooks.IntakeRules;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads the simple bank-statement CSV specified in {@code docs/bank-statement-csv.md}: UTF-8 (a byte-order mark is
 * tolerated), RFC 4180 quoting, a header row naming the columns {@code reference, booking_date, amount, currency,
 * payer_name, payer_account, remittance} in any order (case-insensitive; other columns are ignored; the first four are
 * required).
 *
 * <p>A row with a positive amount becomes a {@link PaymentNotification} of kind RECEIVED, provider
 * {@value CamtParser#PROVIDER}, event id = provider payment id = {@code reference}, dated {@code booking_date} at
 * 00:00 UTC. A negative amount is skipped as {@code "debit"}, a zero amount as {@code "zero amount"}. Every row is
 * validated in full, whatever its sign.
 *
 * <p>Refusals ({@link IntakeException}, the whole file): 400 {@code malformed-csv} for a file that is not valid
 * CSV (not UTF-8, no header, a required column missing, an unterminated quote, a stray quote, a row with the wrong
 * number of fields); 413 {@code statement-too-large} for more than {@link StatementLimits#MAX_ENTRIES} data rows;
 * 422 {@code invalid-statement} for a bad value, naming the row's first line and the column, e.g.
 * {@code line 7, amount: 1.5 has more decimals than JPY allows (at most 0)}; also a booking date outside 1970-01-01 to
 * 9999-12-31 and a value that is not text a person can read ({@link IntakeRules#textProblem}; tabs and line breaks
 * only in {@code remittance}).
 */
public final class CsvStatementParser {
    /** The columns this parser reads, in the order the specification lists them. */
    public static final List<String> COLUMNS =
            List.of("reference", "booking_date", "amount", "currency", "payer_name", "payer_account", "remittance");
    /** The columns a header must name. */
    public static final List<String> REQUIRED_COLUMNS = List.of("reference", "booking_date", "amount", "currency");

    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final int PAYER_NAME_LENGTH = 300;
    private static final int PAYER_ACCOUNT_LENGTH = 64;

    private CsvStatementParser() {
    }

    /**
     * Parses one CSV statement.
     *
     * @param csv the file as received
     * @return the payments taken and the rows skipped, in file order
     * @throws IntakeException if the file is refused (see the class documentation)
     */
    public static StatementParseResult parse(byte[] csv) {
        Objects.requireNonNull(csv, "csv");
        Tokenizer rows = new Tokenizer(decode(csv));
        Row header = rows.next();
        while (header != null && header.isBlank()) {
            header = rows.next();
        }
        if (header == null) {
            throw malformed("the header row is missing (the file is empty)");
        }
        Map<String, Integer> columns = columns(header);

        List<PaymentNotification> payments = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int count = 0;
        for (Row row = rows.next(); row != null; row = rows.next()) {
            if (row.isBlank()) {
                continue;
            }
            if (++count > MAX_ENTRIES) {
                throw new IntakeException(413, "statement-too-large",
                        "the statement has more than " + MAX_ENTRIES + " rows; split it into several files");
            }
            if (row.fields.size() != header.fields.size()) {
                throw malformed("line " + row.line + ": expected " + header.fields.size() + " fields as in the header, got "
                        + row.fields.size());
            }
            Record record = new Record(row, columns);
            String reference = record.required("reference");
            if (reference.length() > MAX_REFERENCE_LENGTH) {
                throw record.invalid("reference", "longer than " + MAX_REFERENCE_LENGTH + " characters");
            }
            Instant bookedAt = record.date("booking_date");
            Money amount = record.amount();
            if (amount.isNegative()) {
                skipped.add(new Skipped(reference, "debit"));
                continue;
            }
            if (amount.isZero()) {
                skipped.add(new Skipped(reference, "zero amount"));
                continue;
            }
            String payerName = record.optional("payer_name", PAYER_NAME_LENGTH);
            String payerAccount = record.optional("payer_account", PAYER_ACCOUNT_LENGTH);
            String remittance = record.optional("remittance", MAX_FIELD_LENGTH);
            Integer firstLine = seen.putIfAbsent(reference, row.line);
            if (firstLine != null) {
                throw record.invalid("reference", "duplicate reference " + shown(reference) + " (also on line "
                        + firstLine + ")");
            }
            try {
                payments.add(new PaymentNotification(Kind.RECEIVED, CamtParser.PROVIDER, reference, reference, null,
                        amount, new Payer(payerName, null, null, payerAccount), null, remittance, bookedAt));
            } catch (IllegalArgumentException e) {
                throw new IntakeException(422, "invalid-statement", "line " + row.line + ": " + e.getMessage());
            }
        }
        return new StatementParseResult(payments, skipped);
    }

    private static String decode(byte[] bytes) {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed("the file is not valid UTF-8");
        }
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.fields.size(); i++) {
            String name = header.fields.get(i).strip().toLowerCase(Locale.ROOT);
            if (COLUMNS.contains(name) && columns.putIfAbsent(name, i) != null) {
                throw malformed("line " + header.line + ": the column " + name + " appears twice in the header");
            }
        }
        List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            String hint = header.fields.size() == 1 && header.fields.get(0).contains(";")
                    ? " (the separator must be a comma, not a semicolon)" : "";
            throw malformed("line " + header.line + ": the header lacks the required column(s) "
                    + String.join(", ", missing) + hint + "; expected a header naming " + String.join(",", COLUMNS));
        }
        return columns;
    }

    private static IntakeException malformed(String detail) {
        return new IntakeException(400, "malformed-csv", detail);
    }

    /** One data row's values by column name, with errors that name the line and the column. */
    private record Record(Row row, Map<String, Integer> columns) {
        String value(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            String value = row.fields.get(index).strip();
            if (value.length() > MAX_FIELD_LENGTH) {
                throw invalid(column, "longer than " + MAX_FIELD_LENGTH + " characters");
            }
            String problem = IntakeRules.textProblem(value, column.equals("remittance"));
            if (problem != null) {
                throw invalid(column, problem);
            }
            return value.isEmpty() ? null : value;
        }

        String required(String column) {
            String value = value(column);
            if (value == null) {
                throw invalid(column, "a value is required");
            }
            return value;
        }

        String optional(String column, int maxLength) {
            String value = value(column);
            if (value != null && value.length() > maxLength) {
                throw invalid(column, "longer than " + maxLength + " characters");
            }
            return value;
        }

        Instant date(String column) {
            String value = required(column);
            try {
                if (DATE.matcher(value).matches()) {
                    LocalDate date = LocalDate.parse(value);
                    if (!IntakeRules.isPlausible(date)) {
                        throw invalid(column, shown(value) + " is not " + IntakeRules.range());
                    }
                    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw invalid(column, shown(value) + " is not a valid date (yyyy-MM-dd)");
        }

        Money amount() {
            String currency = required("currency");
            try {
                Values.currency(currency);
            } catch (IllegalArgumentException e) {
                throw invalid("currency", e.getMessage());
            }
            String amount = required("amount");
            try {
                return Values.amount(amount, currency);
            } catch (IllegalArgumentException e) {
                throw invalid("amount", e.getMessage());
            }
        }

        IntakeException invalid(String column, String detail) {
            return new IntakeException(422, "invalid-statement", "line " + row.line + ", " + column + ": " + detail);
        }
    }

    /** A record's fields and the (1-based) line it starts on. */
    private record Row(int line, List<String> fields) {
        /** An empty line, a line of whitespace, or a row whose fields are all empty (",,,,", as spreadsheets export). */
        boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /**
     * RFC 4180 records: fields separated by commas, records by CRLF, LF or CR; a field that starts with a double quote
     * is quoted and may contain commas, line breaks and doubled quotes; a quote anywhere else is an error.
     */
    private static final class Tokenizer {
        private final String text;
        private int pos;
        private int line = 1;

        Tokenizer(String text) {
            this.text = text;
        }

        /** @return the next record, or null at the end of the text */
        Row next() {
            if (pos >= text.length()) {
                return null;
            }
            int start = line;
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(text.startsWith("\"", pos) ? quoted(start) : unquoted());
                if (pos >= text.length()) {
                    return new Row(start, fields);
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                    continue;
                }
                lineBreak();
                return new Row(start, fields);
            }
        }

        private String unquoted() {
            int from = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw malformed("line " + line + ": a double quote inside an unquoted field; quote the whole field "
                            + "and double the quote (\"\")");
                }
                pos++;
            }
            return text.substring(from, pos);
        }

        private String quoted(int recordLine) {
            int openedOn = line;
            pos++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw malformed("line " + openedOn + ": a quoted field is not terminated (record starting on line "
                            + recordLine + ")");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    if (text.startsWith("\"", pos + 1)) {
                        value.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    int from = pos;
                    lineBreak();
                    value.append(text, from, pos);
                    continue;
                }
                value.append(c);
                pos++;
            }
            if (pos < text.length() && ",\r\n".indexOf(text.charAt(pos)) < 0) {
                throw malformed("line " + line + ": unexpected " + shown(String.valueOf(text.charAt(pos)))
                        + " after a closing quote; a quoted field must end at a comma or the end of the line");
            }
            return value.toString();
        }

        /** Consumes one line break (CRLF, LF or CR) at the current position. */
        private void lineBreak() {
            if (text.startsWith("\r\n", pos)) {
                pos += 2;
            } else {
                pos++;
            }
            line++;
        }
    }
}
