package io.periodic.billing.payments;

/**
 * Jaro-Winkler similarity of two name keys (plain domain code): 1 for equal keys, 0 for keys with no character in
 * common within the match window, the Jaro similarity raised for a common prefix of up to 4 characters (scaling
 * factor 0.1), as defined by W. E. Winkler, "String Comparator Metrics and Enhanced Decision Rules in the
 * Fellegi-Sunter Model of Record Linkage" (1990); see https://en.wikipedia.org/wiki/Jaro%E2%80%93Winkler_distance.
 * Compared per UTF-16 unit, which is per character for the kana, kanji and Latin of the bank and name keys.
 */
public final class Similarity {
    private static final double PREFIX_SCALE = 0.1;
    private static final int MAX_PREFIX = 4;

    private Similarity() {}

    /** The Jaro-Winkler similarity in [0, 1]; 0 when either key is null or empty. */
    public static double jaroWinkler(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        if (a.equals(b)) {
            return 1;
        }
        double jaro = jaro(a, b);
        int prefix = 0;
        while (prefix < Math.min(MAX_PREFIX, Math.min(a.length(), b.length()))
                && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return Math.min(1, jaro + prefix * PREFIX_SCALE * (1 - jaro));
    }

    static double jaro(String a, String b) {
        int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
        boolean[] aMatched = new boolean[a.length()];
        boolean[] bMatched = new boolean[b.length()];
        int matches = 0;
        for (int i = 0; i < a.length(); i++) {
            int from = Math.max(0, i - window);
            int to = Math.min(b.length() - 1, i + window);
            for (int j = from; j <= to; j++) {
                if (!bMatched[j] && a.charAt(i) == b.charAt(j)) {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int transpositions = 0;
        int k = 0;
        for (int i = 0; i < a.length(); i++) {
            if (aMatched[i]) {
                while (!bMatched[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    transpositions++;
                }
                k++;
            }
        }
        double m = matches;
        return (m / a.length() + m / b.length() + (m - transpositions / 2.0) / m) / 3;
    }
}
