package io.periodic.billing.rendering;

import java.util.Locale;
import java.util.Objects;

/**
 * The languages documents are written in. A customer's locale is mapped to one of them ({@link #of}); labels
 * (resource bundles) and formats ({@link Formats}) always come from the same language, so a document never mixes
 * English labels with, say, German number formats.
 */
public enum DocumentLanguage {
    /** English: the default for every locale not listed below. */
    EN(Locale.ENGLISH, "en", " \u2013 "),
    /**
     * Japanese. Ranges use the full-width tilde, as Japanese business documents do:
     * 2026年11月1日～2026年11月30日.
     */
    JA(Locale.JAPANESE, "ja", "\uFF5E"),
    /** Korean. Ranges use a spaced tilde: 2026년 11월 1일 ~ 2026년 11월 30일. */
    KO(Locale.KOREAN, "ko", " ~ "),
    /**
     * Serbian in Latin script. Plain {@code sr} and {@code sr-Cyrl} customers get it too: the JDK formats plain
     * {@code sr} in Cyrillic ("22. новембар 2026."), but we print Latin, so the locale always carries the
     * script.
     */
    SR_LATN(Locale.forLanguageTag("sr-Latn"), "sr-Latn", " \u2013 ");

    private final Locale locale;
    private final String tag;
    private final String rangeSeparator;

    DocumentLanguage(Locale locale, String tag, String rangeSeparator) {
        this.locale = locale;
        this.tag = tag;
        this.rangeSeparator = rangeSeparator;
    }

    /** ja* → JA, ko* → KO, sr* (sr, sr-RS, sr-Latn, sr-Latn-RS, sr-Cyrl…) → SR_LATN, anything else → EN. */
    public static DocumentLanguage of(Locale customerLocale) {
        Objects.requireNonNull(customerLocale, "locale");
        return switch (customerLocale.getLanguage()) {
            case "ja" -> JA;
            case "ko" -> KO;
            case "sr" -> SR_LATN;
            default -> EN;
        };
    }

    /** The locale used for labels, numbers and dates, e.g. {@code sr-Latn}. */
    public Locale locale() {
        return locale;
    }

    /** The BCP 47 tag printed in {@code <html lang="…">}. */
    public String tag() {
        return tag;
    }

    /** What stands between the two dates of a range, spaces included. */
    String rangeSeparator() {
        return rangeSeparator;
    }
}
