package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimilarityTest {
    @Test
    void theTextbookExamplesOfJaroWinkler() {
        // Winkler's examples, as tabulated on https://en.wikipedia.org/wiki/Jaro%E2%80%93Winkler_distance
        assertEquals(0.961, Similarity.jaroWinkler("MARTHA", "MARHTA"), 0.001);
        assertEquals(0.840, Similarity.jaroWinkler("DWAYNE", "DUANE"), 0.001);
        assertEquals(0.813, Similarity.jaroWinkler("DIXON", "DICKSONX"), 0.001);
        assertEquals(0.944, Similarity.jaro("MARTHA", "MARHTA"), 0.001);
    }

    @Test
    void equalKeysAreOneDisjointOrMissingKeysZero() {
        assertEquals(1, Similarity.jaroWinkler("ヤマダシヨウジ", "ヤマダシヨウジ"));
        assertEquals(0, Similarity.jaroWinkler("アイウ", "カキク"));
        assertEquals(0, Similarity.jaroWinkler(null, "a"));
        assertEquals(0, Similarity.jaroWinkler("", "a"));
    }

    @Test
    void aTypoInAKanaKeyStaysCloseAndADifferentNameDoesNot() {
        double typo = Similarity.jaroWinkler("ヤマダシヨウジ", "ヤマタシヨウジ");
        double other = Similarity.jaroWinkler("ヤマダシヨウジ", "スズキコウギヨウ");
        assertTrue(typo > 0.9, "typo " + typo);
        assertTrue(other < 0.6, "other " + other);
        assertEquals(Similarity.jaroWinkler("abcdef", "abcdxf"), Similarity.jaroWinkler("abcdxf", "abcdef"), 1e-12);
    }
}
