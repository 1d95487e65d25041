package io.periodic.billing.bankstatements;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * How a Zengin file writes its YYMMDD dates. The layouts say 和暦 (Japanese era year); some banks write the Western
 * year instead. A bare YYMMDD cannot tell Heisei from Reiwa, so Heisei is never guessed: it must be asked for.
 */
public enum ZenginDateStyle {
    /**
     * Decide per file from the header's 作成日 (creation date) and today: the file was made at most 400 days ago
     * and at most 31 days ahead. Read as Reiwa and as Western year, the two candidates lie 18 years apart, so at
     * most one fits; if neither does, the file is refused and the caller must name the style.
     */
    AUTO,
    /** 令和: YY 01 = 2019; a date before 2019-05-01 (the era's first day) is impossible. */
    REIWA,
    /** 平成, for old files only: YY 01 = 1989; a date before 1989-01-08 or after 2019-04-30 is impossible. */
    HEISEI,
    /** 西暦: YY = 2000 + YY. */
    WESTERN;

    private static final LocalDate REIWA_START = LocalDate.of(2019, 5, 1);
    private static final LocalDate HEISEI_START = LocalDate.of(1989, 1, 8);
    private static final LocalDate HEISEI_END = LocalDate.of(2019, 4, 30);

    /**
     * @param yymmdd six digits
     * @return the date this style reads
     * @throws IllegalArgumentException if it is not a real date in this style (message fit to follow "field: ")
     */
    LocalDate read(String yymmdd) {
        if (this == AUTO) {
            throw new IllegalStateException("resolve AUTO first");
        }
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int mm = Integer.parseInt(yymmdd.substring(2, 4));
        int dd = Integer.parseInt(yymmdd.substring(4, 6));
        int year = switch (this) {
            case REIWA -> 2018 + yy;
            case HEISEI -> 1988 + yy;
            default -> 2000 + yy;
        };
        LocalDate date;
        try {
            date = LocalDate.of(year, mm, dd);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(yymmdd + " is not a real date (" + describe() + " YYMMDD)");
        }
        if (yy == 0 && this != WESTERN || this == REIWA && date.isBefore(REIWA_START)
                || this == HEISEI && (date.isBefore(HEISEI_START) || date.isAfter(HEISEI_END))) {
            throw new IllegalArgumentException(yymmdd + " is not a date of the " + describe() + " era");
        }
        return date;
    }

    /** @return the style as a person reads it, e.g. {@code Reiwa (和暦)} */
    String describe() {
        return switch (this) {
            case REIWA -> "Reiwa (令和)";
            case HEISEI -> "Heisei (平成)";
            case WESTERN -> "Western-year (西暦)";
            default -> "auto-detected";
        };
    }
}
