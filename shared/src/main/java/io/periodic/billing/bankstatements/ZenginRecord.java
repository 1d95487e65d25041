package io.periodic.billing.bankstatements;

import static io.periodic.billing.bankstatements.Values.shown;

import io.periodic.billing.bankstatements.ZenginLayout.Field;
import io.periodic.billing.payments.IntakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One 200-byte record of a Zengin file, numbered from 1 in file order, with field readers whose errors name the
 * record and the field. {@link #split} cuts a file into records.
 */
final class ZenginRecord {
    private static final int CR = 0x0D;
    private static final int LF = 0x0A;
    private static final int EOF_MARK = 0x1A;

    private final byte[] file;
    private final int offset;
    private final int number;

    private ZenginRecord(byte[] file, int offset, int number) {
        this.file = file;
        this.offset = offset;
        this.number = number;
    }

    /**
     * Cuts {@code file} into records of exactly 200 bytes, each optionally followed by CR LF or LF. Line breaks,
     * and one DOS end-of-file mark (0x1A), after the last record are ignored.
     *
     * @throws IntakeException 400 {@code malformed-zengin} for a record of another length or a truncated file, 422
     *     {@code invalid-statement} for a byte that is not a half-width JIS X 0201 character
     */
    static List<ZenginRecord> split(byte[] file) {
        List<ZenginRecord> records = new ArrayList<>(file.length / ZenginLayout.RECORD_LENGTH + 1);
        int pos = 0;
        int number = 1;
        while (pos < file.length && !onlyPadding(file, pos)) {
            int end = pos + ZenginLayout.RECORD_LENGTH;
            for (int i = pos; i < Math.min(end, file.length); i++) {
                if (file[i] == CR || file[i] == LF) {
                    throw malformed("record " + number + " has a line break after " + (i - pos)
                            + " bytes; every record must be exactly 200 bytes");
                }
            }
            if (end > file.length) {
                throw malformed("record " + number + " is truncated: the file ends after " + (file.length - pos)
                        + " of its 200 bytes");
            }
            ZenginRecord record = new ZenginRecord(file, pos, number++);
            record.requireHalfWidth();
            records.add(record);
            pos = end;
            if (pos + 1 < file.length && file[pos] == CR && file[pos + 1] == LF) {
                pos += 2;
            } else if (pos < file.length && file[pos] == LF) {
                pos++;
            }
        }
        return records;
    }

    private static boolean onlyPadding(byte[] file, int from) {
        boolean mark = false;
        for (int i = from; i < file.length; i++) {
            if (file[i] == EOF_MARK && !mark) {
                mark = true;
            } else if (file[i] != CR && file[i] != LF) {
                return false;
            }
        }
        return true;
    }

    private void requireHalfWidth() {
        for (int i = 0; i < ZenginLayout.RECORD_LENGTH; i++) {
            int b = file[offset + i] & 0xFF;
            if (!isHalfWidth(b)) {
                throw new IntakeException(422, "invalid-statement", "record " + number + ", byte " + (i + 1)
                        + ": 0x" + Integer.toHexString(0x100 | b).substring(1).toUpperCase(Locale.ROOT)
                        + " is not a half-width Shift_JIS character (JIS X 0201: space, digits, letters, "
                        + "symbols, half-width katakana); Zengin files carry no full-width text");
            }
        }
    }

    private static boolean isHalfWidth(int b) {
        return b >= 0x20 && b <= 0x7E || b >= 0xA1 && b <= 0xDF;
    }

    int number() {
        return number;
    }

    /** @return the データ区分 (record type) digit: '1' header, '2' data, '8' trailer, '9' end */
    char kind() {
        return (char) file[offset];
    }

    /**
     * The field as text: JIS X 0201 decoded as windows-31j (Shift_JIS) decodes it (0x20-0x7E as ASCII, 0xA1-0xDF as
     * half-width katakana U+FF61-U+FF9F), leading and trailing spaces removed.
     */
    String text(Field field) {
        return raw(field).strip();
    }

    /** The field as printed, which must be all digits. */
    String digits(Field field) {
        String value = raw(field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(field, shown(value) + " is not " + field.length() + " digits");
            }
        }
        return value;
    }

    /** The field as a non-negative number (an N field: digits, right-aligned, zero-filled). */
    long number(Field field) {
        return Long.parseLong(digits(field));
    }

    /** The field as printed, decoded like {@link #text} but with its spaces. */
    String raw(Field field) {
        char[] chars = new char[field.length()];
        for (int i = 0; i < chars.length; i++) {
            int b = file[offset + field.from() + i] & 0xFF;
            chars[i] = b >= 0xA1 ? (char) (0xFF61 + b - 0xA1) : (char) b;
        }
        return new String(chars);
    }

    IntakeException invalid(Field field, String detail) {
        return new IntakeException(422, "invalid-statement", "record " + number + " (" + kindName() + "), "
                + field.label() + ": " + detail);
    }

    private String kindName() {
        return switch (kind()) {
            case '1' -> "header";
            case '2' -> "data";
            case '8' -> "trailer";
            case '9' -> "end";
            default -> "データ区分 " + shown(String.valueOf(kind()));
        };
    }

    static IntakeException malformed(String detail) {
        return new IntakeException(400, "malformed-zengin", detail);
    }
}
