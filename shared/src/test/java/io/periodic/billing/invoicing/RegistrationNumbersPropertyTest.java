package io.periodic.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Japanese registration number (T + 法人番号-style 13 digits) against its rule, the check digit of 法人番号の指定等に
 * 関する省令 第2条: numbers made from the rule pass; every single-digit change fails, but for the one blind spot of
 * a modulus-9 check, a 0 written as 9 (or 9 as 0) among the 12 base digits, which the check cannot see (and which
 * the property shows it does not).
 */
class RegistrationNumbersPropertyTest {

    @Provide
    Arbitrary<String> bases() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    /** The registration number made from a 12-digit base by the rule. */
    static String registration(String base) {
        return "T" + RegistrationNumbers.checkDigit(base) + base;
    }

    @Property
    void numbersMadeFromTheRulePass(@ForAll("bases") String base) {
        String number = registration(base);
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration(number), number);
        assertNull(RegistrationNumbers.sellerProblem("JP", number), number);
        assertNull(RegistrationNumbers.customerProblem("JP", number), number);
        assertNull(RegistrationNumbers.customerProblem("JP", number.substring(1)), "the bare 法人番号 " + number);
        int check = number.charAt(1) - '0';
        assertTrue(check >= 1 && check <= 9, "a check digit is 1..9, never 0: " + number);
    }

    @Property
    void everySingleDigitChangeFailsButAZeroNineSwapInTheBase(@ForAll("bases") String base) {
        String number = registration(base);
        for (int position = 1; position <= 13; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                char was = number.charAt(position);
                if (digit == was) {
                    continue;
                }
                String changed = number.substring(0, position) + digit + number.substring(position + 1);
                boolean blindSpot = position >= 2 && Math.abs(digit - was) == 9; // 0 <-> 9 in the base
                assertEquals(blindSpot, RegistrationNumbers.isValidJapaneseRegistration(changed),
                        number + " -> " + changed);
                if (!blindSpot) {
                    String problem = RegistrationNumbers.sellerProblem("JP", changed);
                    assertNotNull(problem, changed);
                    assertTrue(problem.contains("check digit"), problem);
                }
            }
        }
    }

    @Property
    void theTAndThirteenDigitsAreRequired(@ForAll("bases") String base) {
        String number = registration(base);
        assertFalse(RegistrationNumbers.isValidJapaneseRegistration(number.substring(1)), "no T");
        assertFalse(RegistrationNumbers.isValidJapaneseRegistration("t" + number.substring(1)), "lower-case t");
        assertFalse(RegistrationNumbers.isValidJapaneseRegistration(number + "0"), "14 digits");
        assertFalse(RegistrationNumbers.isValidJapaneseRegistration(number.substring(0, 13)), "12 digits");
        assertNotNull(RegistrationNumbers.sellerProblem("JP", number.substring(1)), "a seller prints the T");
    }
}
