package io.periodic.billing.rendering;

import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How amounts, dates, rates and periods are written in a document language, from the JDK's CLDR data
 * ({@code java.text} and {@code java.time}). Instances are immutable and thread-safe (number formats, which are
 * not, are cloned per call) and cached: one per {@link DocumentLanguage}, built on first use.
 *
 * <p>Amounts are never rounded here: a {@link Money} is printed with exactly its currency's number of decimals
 * ({@link Currencies#exponent}: JPY and KRW 0, USD and EUR 2, KWD 3) and the formats use
 * {@code RoundingMode.UNNECESSARY}, so a value that would need rounding fails instead of being altered.
 */
public final class Formats {

    /** U+FFE5 FULLWIDTH YEN SIGN, which the JDK's {@code ja} data uses for JPY. */
    private static final char FULLWIDTH_YEN = '\uFFE5';
    /** U+00A5 YEN SIGN, the ordinary one used on Japanese invoices and in every other locale. */
    private static final char YEN = '\u00A5';
    private static final char NO_BREAK_SPACE = '\u00A0';

    /** Built on first use: a cold start only loads the locale data of the languages it actually prints. */
    private static final Map<DocumentLanguage, Formats> CACHE = new ConcurrentHashMap<>();

    private final DocumentLanguage language;
    private final Locale locale;
    private final DateTimeFormatter dateFormat;
    private final NumberFormat currencyFormat;
    private final NumberFormat percentFormat;
    private final NumberFormat integerFormat;

    private Formats(DocumentLanguage language) {
        this.language = language;
        this.locale = language.locale();
        this.dateFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .withChronology(IsoChronology.INSTANCE);
        this.currencyFormat = NumberFormat.getCurrencyInstance(locale);
        this.currencyFormat.setRoundingMode(RoundingMode.UNNECESSARY);
        this.percentFormat = NumberFormat.getPercentInstance(locale);
        this.percentFormat.setMinimumFractionDigits(0);
        this.percentFormat.setMaximumFractionDigits(TaxRate.MAX_DECIMALS);
        this.percentFormat.setRoundingMode(RoundingMode.UNNECESSARY);
        this.integerFormat = NumberFormat.getIntegerInstance(locale);
        this.integerFormat.setRoundingMode(RoundingMode.UNNECESSARY);
    }

    /**
     * The formats of the document language for a customer's locale (see {@link DocumentLanguage#of}): ja* →
     * Japanese, ko* → Korean, sr* → Serbian in Latin script, anything else → English.
     */
    public static Formats forLocale(Locale locale) {
        return forLanguage(DocumentLanguage.of(locale));
    }

    /** The formats of a document language. */
    public static Formats forLanguage(DocumentLanguage language) {
        return CACHE.computeIfAbsent(Objects.requireNonNull(language, "language"), Formats::new);
    }

    /** The language these formats write. */
    public DocumentLanguage language() {
        return language;
    }

    /** The locale used, e.g. {@code sr-Latn}. */
    public Locale locale() {
        return locale;
    }

    /**
     * An amount with its currency as the locale writes it, with exactly the currency's decimals:
     * en {@code $1,234.50}, {@code -$40.00}; ja {@code ¥12,000}; ko {@code ₩313,500}; sr-Latn {@code 1.234,50 €}
     * (with a no-break space).
     */
    public String money(Money amount) {
        Objects.requireNonNull(amount, "amount");
        Currency currency = amount.currency();
        int decimals = Currencies.exponent(currency);
        NumberFormat format = (NumberFormat) currencyFormat.clone();
        format.setCurrency(currency); // before the digits: setCurrency resets them
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        String text = format.format(BigDecimal.valueOf(amount.minor(), decimals));
        // The JDK's ja data writes JPY with the full-width yen sign (U+FFE5, "￥12,000"); Japanese invoices, and
        // our documents, use the ordinary yen sign U+00A5: "¥12,000".
        text = text.replace(FULLWIDTH_YEN, YEN);
        String symbol = format instanceof DecimalFormat decimal
                ? decimal.getDecimalFormatSymbols().getCurrencySymbol().replace(FULLWIDTH_YEN, YEN)
                : currency.getCurrencyCode();
        return spaceLetterSymbol(text, symbol);
    }

    /**
     * A tax rate as a percentage, with as many decimals as it has: {@code 10%}, {@code 4.712%}, sr-Latn
     * {@code 8,875%}.
     */
    public String percent(TaxRate rate) {
        Objects.requireNonNull(rate, "rate");
        NumberFormat format = (NumberFormat) percentFormat.clone();
        return format.format(rate.percent().movePointLeft(2));
    }

    /** A whole number with the locale's grouping: {@code 1,200}; sr-Latn {@code 1.200}. */
    public String integer(long value) {
        NumberFormat format = (NumberFormat) integerFormat.clone();
        return format.format(value);
    }

    /**
     * A date in the locale's long form: en {@code November 22, 2026}, ja {@code 2026年11月22日}, ko
     * {@code 2026년 11월 22일}, sr-Latn {@code 22. novembar 2026.}
     */
    public String date(LocalDate date) {
        return dateFormat.format(Objects.requireNonNull(date, "date"));
    }

    /**
     * A billing period {@code [start, endExclusive)} as a person reads it: from the first day to the last day
     * inclusive (end − 1 day), e.g. en {@code November 1, 2026 – November 30, 2026}, ja
     * {@code 2026年11月1日～2026年11月30日}. A one-day period prints its single date.
     *
     * @throws IllegalArgumentException unless start is before endExclusive
     */
    public String period(LocalDate start, LocalDate endExclusive) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (!start.isBefore(endExclusive)) {
            throw new IllegalArgumentException("period start " + start + " must be before its end " + endExclusive);
        }
        LocalDate last = endExclusive.minusDays(1);
        if (last.equals(start)) {
            return date(start);
        }
        return date(start) + language.rangeSeparator() + date(last);
    }

    /**
     * CLDR's currency spacing, which {@link DecimalFormat} does not apply: a symbol made of letters that
     * touches a digit gets a no-break space, so en writes {@code RSD 1,234.50}, not {@code RSD1,234.50}.
     */
    private static String spaceLetterSymbol(String text, String symbol) {
        if (symbol.isEmpty()) {
            return text;
        }
        int at = text.indexOf(symbol);
        if (at < 0) {
            return text;
        }
        int after = at + symbol.length();
        if (after < text.length() && Character.isDigit(text.charAt(after))
                && Character.isLetter(symbol.charAt(symbol.length() - 1))) {
            return text.substring(0, after) + NO_BREAK_SPACE + text.substring(after);
        }
        if (at > 0 && Character.isDigit(text.charAt(at - 1)) && Character.isLetter(symbol.charAt(0))) {
            return text.substring(0, at) + NO_BREAK_SPACE + text.substring(at);
        }
        return text;
    }
}
