package io.periodic.billing.invoicing;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which tax registration numbers are well formed, by the country of the party that holds them (docs/tax.md):
 * <ul>
 *   <li><b>Japan</b>: the qualified-invoice registration number (適格請求書発行事業者登録番号) is {@code T} and 13
 *       digits: the 法人番号 for a corporation, a number that never collides with one for anybody else. The first of
 *       the 13 digits is the check digit of the 法人番号の指定等に関する省令 (平成26年財務省令第70号) 第2条:
 *       {@code 9 − (Σ Pn × Qn mod 9)} over the other 12 digits, Pn the n-th digit from the right, Qn 1 for odd n
 *       and 2 for even n. A seller's number must be that; a Japanese customer may also give the bare 13-digit
 *       法人番号 (a customer need not be a registered issuer), checked the same way.
 *   <li><b>EU member states</b> (and {@code XI}, Northern Ireland): a VAT number with its two-letter prefix
 *       ({@code EL} for Greece) and the digits and letters that state uses, as the European Commission's VIES
 *       lists them. Spaces, dots and hyphens between the characters are ignored.
 *   <li>anywhere else: free text (the record's length limit only).
 * </ul>
 */
public final class RegistrationNumbers {

    private RegistrationNumbers() {
    }

    /** A Japanese registration number once spaces and hyphens are taken out: T and 13 digits. */
    private static final Pattern T_NUMBER = Pattern.compile("T[0-9]{13}");
    private static final Pattern CORPORATE_NUMBER = Pattern.compile("[0-9]{13}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");

    /**
     * The VAT number formats of the EU member states after the prefix, from the European Commission's VIES FAQ
     * ("What is the structure of a VAT number?", https://ec.europa.eu/taxation_customs/vies/#/faq).
     */
    static final Map<String, Pattern> EU_VAT = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U[0-9]{8}")),
            Map.entry("BE", Pattern.compile("[01][0-9]{9}")),
            Map.entry("BG", Pattern.compile("[0-9]{9,10}")),
            Map.entry("CY", Pattern.compile("[0-9]{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("[0-9]{8,10}")),
            Map.entry("DE", Pattern.compile("[0-9]{9}")),
            Map.entry("DK", Pattern.compile("[0-9]{8}")),
            Map.entry("EE", Pattern.compile("[0-9]{9}")),
            Map.entry("EL", Pattern.compile("[0-9]{9}")),
            Map.entry("ES", Pattern.compile("(?=.*[A-Z])[0-9A-Z][0-9]{7}[0-9A-Z]")),
            Map.entry("FI", Pattern.compile("[0-9]{8}")),
            Map.entry("FR", Pattern.compile("[0-9A-HJ-NP-Z]{2}[0-9]{9}")),
            Map.entry("HR", Pattern.compile("[0-9]{11}")),
            Map.entry("HU", Pattern.compile("[0-9]{8}")),
            Map.entry("IE", Pattern.compile("[0-9]{7}[A-W][A-IW]?|[0-9][A-Z+*][0-9]{5}[A-W]")),
            Map.entry("IT", Pattern.compile("[0-9]{11}")),
            Map.entry("LT", Pattern.compile("[0-9]{9}|[0-9]{12}")),
            Map.entry("LU", Pattern.compile("[0-9]{8}")),
            Map.entry("LV", Pattern.compile("[0-9]{11}")),
            Map.entry("MT", Pattern.compile("[0-9]{8}")),
            Map.entry("NL", Pattern.compile("[0-9]{9}B[0-9]{2}")),
            Map.entry("PL", Pattern.compile("[0-9]{10}")),
            Map.entry("PT", Pattern.compile("[0-9]{9}")),
            Map.entry("RO", Pattern.compile("[1-9][0-9]{1,9}")),
            Map.entry("SE", Pattern.compile("[0-9]{12}")),
            Map.entry("SI", Pattern.compile("[0-9]{8}")),
            Map.entry("SK", Pattern.compile("[0-9]{10}")),
            Map.entry("XI", Pattern.compile("[0-9]{9}|[0-9]{12}|GD[0-4][0-9]{2}|HA[5-9][0-9]{2}")));

    /** The VAT prefix of an EU country: its ISO code, but {@code EL} for Greece (GR). */
    private static String vatPrefix(String country) {
        return "GR".equals(country) ? "EL" : country;
    }

    /** Whether {@code country} (ISO 3166-1 alpha-2) is an EU member state (or Northern Ireland, XI). */
    public static boolean isEu(String country) {
        return country != null && EU_VAT.containsKey(vatPrefix(country));
    }

    /**
     * The check digit of a 法人番号 from its 12-digit base number (基礎番号): {@code 9 − (Σ Pn × Qn mod 9)}, Pn the
     * n-th digit counted from the right, Qn 1 for odd n and 2 for even n. Always 1..9.
     *
     * @throws IllegalArgumentException if {@code base} is not 12 digits
     */
    public static int checkDigit(String base) {
        if (base == null || !base.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("a 法人番号 base number is 12 digits, got " + base);
        }
        int sum = 0;
        for (int n = 1; n <= 12; n++) {
            int digit = base.charAt(12 - n) - '0';
            sum += digit * (n % 2 == 1 ? 1 : 2);
        }
        return 9 - sum % 9;
    }

    /** Whether 13 digits are a check digit followed by the base number it belongs to. */
    public static boolean hasValidCheckDigit(String thirteenDigits) {
        return thirteenDigits != null && CORPORATE_NUMBER.matcher(thirteenDigits).matches()
                && thirteenDigits.charAt(0) - '0' == checkDigit(thirteenDigits.substring(1));
    }

    /** Whether {@code number} is a Japanese qualified-invoice registration number: T, 13 digits, check digit. */
    public static boolean isValidJapaneseRegistration(String number) {
        return number != null && T_NUMBER.matcher(number).matches() && hasValidCheckDigit(number.substring(1));
    }

    /**
     * What is wrong with the seller's registration number for its country, or null when nothing is: a seller in
     * Japan prints its 登録番号, so it must be T + 13 digits with a valid check digit, written without spaces.
     */
    public static String sellerProblem(String country, String taxId) {
        if (taxId == null) {
            return null;
        }
        if ("JP".equals(country)) {
            return isValidJapaneseRegistration(taxId) ? null : japaneseProblem(taxId, true);
        }
        return euProblem(country, taxId);
    }

    /**
     * What is wrong with a customer's tax id for its billing country, or null when nothing is: in Japan a
     * registration number (T + 13 digits) or a bare 法人番号 (13 digits), each with a valid check digit; in the EU
     * a VAT number of a member state's format; elsewhere anything.
     */
    public static String customerProblem(String country, String taxId) {
        if (taxId == null) {
            return null;
        }
        if ("JP".equals(country)) {
            return isValidJapaneseRegistration(taxId) || hasValidCheckDigit(taxId) ? null
                    : japaneseProblem(taxId, false);
        }
        return euProblem(country, taxId);
    }

    private static String japaneseProblem(String taxId, boolean seller) {
        String expected = seller
                ? "a Japanese registration number (登録番号) is T followed by 13 digits, such as T7000012050002"
                : "a Japanese tax id is a registration number (T followed by 13 digits, such as T7000012050002) "
                        + "or a 13-digit corporate number (法人番号)";
        String digits = taxId.startsWith("T") ? taxId.substring(1) : taxId;
        if (CORPORATE_NUMBER.matcher(digits).matches() && (!seller || taxId.startsWith("T"))) {
            return "tax id " + taxId + " fails the NTA check digit: the first of the 13 digits must be "
                    + checkDigit(digits.substring(1)) + " for the other 12 (法人番号の指定等に関する省令 第2条)";
        }
        return "tax id " + taxId + " is not well formed: " + expected;
    }

    private static String euProblem(String country, String taxId) {
        if (!isEu(country)) {
            return null;
        }
        String compact = SEPARATORS.matcher(taxId.toUpperCase(Locale.ROOT)).replaceAll("");
        if (compact.length() < 2 || !EU_VAT.containsKey(compact.substring(0, 2))) {
            return "tax id " + taxId + " is not an EU VAT number: it starts with the member state's prefix, such as "
                    + vatPrefix(country) + " (VIES formats)";
        }
        String prefix = compact.substring(0, 2);
        if (!EU_VAT.get(prefix).matcher(compact.substring(2)).matches()) {
            return "tax id " + taxId + " does not have the format of a " + prefix + " VAT number (VIES formats)";
        }
        return null;
    }
}
