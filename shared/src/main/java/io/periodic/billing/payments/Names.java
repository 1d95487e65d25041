package io.periodic.billing.payments;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Payer and customer names reduced to a comparable key: compatibility forms folded (full-width to half-width),
 * accents removed, lower case, punctuation dropped, and legal-form suffixes and prefixes removed ("Acme, Inc.",
 * "ACME INC", "Ａｃｍｅ株式会社" and "株式会社ACME" all become {@code acme}).
 */
public final class Names {
    private static final Set<String> LEGAL_FORMS = Set.of(
            "inc", "incorporated", "llc", "llp", "ltd", "limited", "plc", "corp", "corporation", "co", "company",
            "gmbh", "ag", "kg", "ug", "sa", "sarl", "sas", "srl", "spa", "bv", "nv", "ab", "as", "oy", "kk", "pty",
            "doo", "ad", "pte", "the");
    private static final String[] CJK_FORMS = {"株式会社", "有限会社", "合同会社", "(株)", "(有)", "주식회사", "(주)", "유한회사"};

    private Names() {}

    /** The comparable key of a name, or null when nothing remains (e.g. blank, or only a legal form). */
    public static String key(String name) {
        if (name == null) {
            return null;
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        for (String form : CJK_FORMS) {
            s = s.replace(form, " ");
        }
        s = Normalizer.normalize(Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{InCombiningDiacriticalMarks}+", ""),
                Normalizer.Form.NFC);
        s = s.toLowerCase(Locale.ROOT).replace("d.o.o.", " ").replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        StringBuilder key = new StringBuilder();
        for (String word : s.split(" ")) {
            if (!word.isEmpty() && !LEGAL_FORMS.contains(word)) {
                key.append(key.isEmpty() ? "" : " ").append(word);
            }
        }
        return key.isEmpty() ? null : key.toString();
    }

    /** Whether a lower-case Latin word is a legal form {@link #key} drops ("inc", "gmbh", ...). */
    static boolean isLegalFormWord(String word) {
        return LEGAL_FORMS.contains(word);
    }
}
