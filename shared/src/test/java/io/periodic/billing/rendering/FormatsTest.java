package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Amounts, dates, rates and periods as the JDK's CLDR data writes them. The expected strings were checked against
 * what the JDK prints (JDK 17 and 25 agree on all of them); a no-break space is written {@code \u00A0}.
 */
class FormatsTest {

    private static final Formats EN = Formats.forLocale(Locale.forLanguageTag("en-US"));
    private static final Formats JA = Formats.forLocale(Locale.forLanguageTag("ja-JP"));
    private static final Formats KO = Formats.forLocale(Locale.forLanguageTag("ko-KR"));
    private static final Formats SR = Formats.forLocale(Locale.forLanguageTag("sr-Latn-RS"));
    private static final LocalDate NOV_22 = LocalDate.of(2026, 11, 22);

    @Test
    void yenInJapaneseUsesTheOrdinaryYenSignAndNoDecimals() {
        String text = JA.money(Money.of(12_000, "JPY"));
        assertEquals("\u00A512,000", text);
        assertEquals("¥12,000", text);
        assertFalse(text.contains("\uFFE5"), "full-width yen sign U+FFE5 must be normalised");
    }

    @Test
    void yenInOtherLanguages() {
        assertEquals("¥12,000", EN.money(Money.of(12_000, "JPY")));
        assertEquals("-¥1,129", JA.money(Money.of(-1_129, "JPY")));
    }

    @Test
    void dollarsInEnglish() {
        assertEquals("$1,234.50", EN.money(Money.of(123_450, "USD")));
        assertEquals("-$106.45", EN.money(Money.of(-10_645, "USD")));
        assertEquals("$0.00", EN.money(Money.of(0, "USD")));
        assertEquals("$0.05", EN.money(Money.of(5, "USD")));
    }

    @Test
    void wonHasNoDecimals() {
        assertEquals("₩313,500", KO.money(Money.of(313_500, "KRW")));
        assertEquals("₩313,500", EN.money(Money.of(313_500, "KRW")));
        assertEquals("-₩48,387", KO.money(Money.of(-48_387, "KRW")));
    }

    @Test
    void euroInSerbianUsesCommaDecimalsAndDotGrouping() {
        assertEquals("1.234,50\u00A0€", SR.money(Money.of(123_450, "EUR")));
        assertEquals("19.632,26\u00A0RSD", SR.money(Money.of(1_963_226, "RSD")));
        assertEquals("-2.167,74\u00A0RSD", SR.money(Money.of(-216_774, "RSD")));
    }

    @Test
    void threeDecimalCurrenciesKeepTheirThreeDecimals() {
        assertTrue(EN.money(Money.of(1_234_567, "KWD")).endsWith("1,234.567"), EN.money(Money.of(1_234_567, "KWD")));
        assertTrue(SR.money(Money.of(1_234_567, "KWD")).startsWith("1.234,567"));
    }

    @Test
    void aSymbolMadeOfLettersIsSeparatedFromTheDigits() {
        // The JDK would print "RSD1,234.50" and "CHF1,234.50" (it does not apply CLDR's currency spacing).
        assertEquals("RSD\u00A01,234.50", EN.money(Money.of(123_450, "RSD")));
        assertEquals("CHF\u00A01,234.50", EN.money(Money.of(123_450, "CHF")));
        assertEquals("-CHF\u00A01,234.50", EN.money(Money.of(-123_450, "CHF")));
        assertEquals("US$1,234.50", KO.money(Money.of(123_450, "USD")), "symbols ending in $ stay attached");
    }

    @Test
    void datesInTheLongFormOfEachLanguage() {
        assertEquals("November 22, 2026", EN.date(NOV_22));
        assertEquals("2026年11月22日", JA.date(NOV_22));
        assertEquals("2026년 11월 22일", KO.date(NOV_22));
        assertEquals("22. novembar 2026.", SR.date(NOV_22));
    }

    @ParameterizedTest
    @CsvSource({"sr", "sr-RS", "sr-Latn", "sr-Latn-RS", "sr-Cyrl", "sr-Cyrl-RS"})
    void serbianIsAlwaysLatin(String tag) {
        Formats sr = Formats.forLocale(Locale.forLanguageTag(tag));
        assertEquals(DocumentLanguage.SR_LATN, sr.language());
        assertEquals("22. novembar 2026.", sr.date(NOV_22));
        for (Month month : Month.values()) {
            String date = sr.date(LocalDate.of(2026, month, 1));
            assertFalse(date.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC),
                    "Cyrillic in " + date);
        }
        String period = sr.period(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1));
        assertEquals("1. januar 2026. – 31. decembar 2026.", period);
    }

    @Test
    void taxRatesWithTheirOwnDecimals() {
        assertEquals("10%", JA.percent(TaxRate.of("10")));
        assertEquals("10%", KO.percent(TaxRate.of("10")));
        assertEquals("20%", SR.percent(TaxRate.of("20")));
        assertEquals("4.712%", EN.percent(TaxRate.of("4.712")));
        assertEquals("8,875%", SR.percent(TaxRate.of("8.875")));
        assertEquals("0%", EN.percent(TaxRate.ZERO));
        assertEquals("99.9999%", EN.percent(TaxRate.of("99.9999")));
    }

    @Test
    void periodsPrintTheLastDayNotTheExclusiveEnd() {
        LocalDate nov1 = LocalDate.of(2026, 11, 1);
        LocalDate dec1 = LocalDate.of(2026, 12, 1);
        assertEquals("November 1, 2026 – November 30, 2026", EN.period(nov1, dec1));
        assertEquals("2026年11月1日～2026年11月30日", JA.period(nov1, dec1));
        assertEquals("2026년 11월 1일 ~ 2026년 11월 30일", KO.period(nov1, dec1));
        assertEquals("1. novembar 2026. – 30. novembar 2026.", SR.period(nov1, dec1));
        assertEquals("December 15, 2026 – January 14, 2027",
                EN.period(LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 15)));
        assertEquals("February 1, 2028 – February 29, 2028",
                EN.period(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 3, 1)), "leap year");
    }

    @Test
    void aOneDayPeriodIsASingleDate() {
        assertEquals("November 22, 2026", EN.period(NOV_22, NOV_22.plusDays(1)));
    }

    @Test
    void anEmptyOrBackwardPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EN.period(NOV_22, NOV_22));
        assertThrows(IllegalArgumentException.class, () -> EN.period(NOV_22, NOV_22.minusDays(1)));
    }

    @Test
    void integersUseTheLanguagesGrouping() {
        assertEquals("1,200", EN.integer(1200));
        assertEquals("1.200", SR.integer(1200));
        assertEquals("12", JA.integer(12));
    }

    @ParameterizedTest
    @CsvSource({
            "en, EN", "en-US, EN", "de-DE, EN", "fr, EN", "zh-CN, EN", "und, EN",
            "ja, JA", "ja-JP, JA", "ko, KO", "ko-KR, KO",
            "sr, SR_LATN", "sr-RS, SR_LATN", "sr-Latn, SR_LATN", "sr-Latn-RS, SR_LATN", "sr-Cyrl-RS, SR_LATN"})
    void customerLocalesMapToADocumentLanguage(String tag, DocumentLanguage expected) {
        assertEquals(expected, DocumentLanguage.of(Locale.forLanguageTag(tag)));
        assertSame(Formats.forLanguage(expected), Formats.forLocale(Locale.forLanguageTag(tag)), "cached");
    }

    @Test
    void theHtmlLanguageTags() {
        assertEquals("en", DocumentLanguage.EN.tag());
        assertEquals("ja", DocumentLanguage.JA.tag());
        assertEquals("ko", DocumentLanguage.KO.tag());
        assertEquals("sr-Latn", DocumentLanguage.SR_LATN.tag());
        assertEquals("Latn", DocumentLanguage.SR_LATN.locale().getScript());
    }

    @Test
    void formatsAreSafeToShareBetweenThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 16; task++) {
                int seed = task;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        long minor = seed * 100_003L + i;
                        String yen = JA.money(Money.of(minor, "JPY"));
                        String euro = SR.money(Money.of(minor, "EUR"));
                        if (!yen.equals("¥" + String.format(Locale.ROOT, "%,d", minor))
                                || !euro.endsWith(String.format(Locale.ROOT, ",%02d\u00A0€", minor % 100))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
