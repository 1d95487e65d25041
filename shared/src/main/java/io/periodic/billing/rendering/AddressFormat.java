package io.periodic.billing.rendering;

import io.periodic.billing.model.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Postal address lines in the order of the address's country (a Japanese address starts with 〒 and the
 * prefecture, a US one ends with "City, ST 12345"), followed by the country's name in the document language.
 */
final class AddressFormat {

    private AddressFormat() {
    }

    static List<String> lines(Address a, Locale documentLocale) {
        List<String> lines = new ArrayList<>();
        switch (a.country()) {
            case "JP" -> {
                if (isCjk(a.city()) || isCjk(a.line1())) {
                    // 〒150-0041 / 東京都渋谷区神南1-2-3 / 神南スクエア 8階
                    add(lines, a.postalCode() == null ? null : "\u3012" + a.postalCode());
                    add(lines, join("", a.region(), a.city(), a.line1()));
                    add(lines, a.line2());
                } else {
                    western(lines, a, join(" ", a.city(), a.region(), a.postalCode()));
                }
            }
            case "KR" -> {
                if (isCjk(a.city()) || isCjk(a.line1())) {
                    // (06151) 서울특별시 강남구 테헤란로 311 / 8층
                    add(lines, join(" ", a.postalCode() == null ? null : "(" + a.postalCode() + ")", a.region(),
                            a.city(), a.line1()));
                    add(lines, a.line2());
                } else {
                    western(lines, a, join(" ", a.city(), a.region(), a.postalCode()));
                }
            }
            case "US", "CA", "AU" -> western(lines, a,
                    join(" ", a.region() == null ? a.city() : a.city() + ",", a.region(), a.postalCode()));
            case "GB", "IE" -> {
                add(lines, a.line1());
                add(lines, a.line2());
                add(lines, a.city());
                add(lines, a.region());
                add(lines, a.postalCode());
            }
            default -> {
                western(lines, a, join(" ", a.postalCode(), a.city()));
                add(lines, a.region());
            }
        }
        String country = new Locale.Builder().setRegion(a.country()).build().getDisplayCountry(documentLocale);
        add(lines, country.isBlank() ? a.country() : country);
        return List.copyOf(lines);
    }

    private static void western(List<String> lines, Address a, String cityLine) {
        add(lines, a.line1());
        add(lines, a.line2());
        add(lines, cityLine);
    }

    private static void add(List<String> lines, String line) {
        if (line != null && !line.isBlank()) {
            lines.add(line);
        }
    }

    private static String join(String separator, String... parts) {
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append(separator);
                }
                text.append(part);
            }
        }
        return text.toString();
    }

    /** Whether the text contains Han, kana or Hangul (then it is written in the country's own order). */
    private static boolean isCjk(String text) {
        return text != null && text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
        });
    }
}
