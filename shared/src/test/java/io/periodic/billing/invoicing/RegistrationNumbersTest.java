package io.periodic.billing.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registration numbers by country (docs/tax.md): published Japanese examples, and the EU formats of VIES. */
class RegistrationNumbersTest {

    @Test
    void publishedJapaneseNumbersPass() {
        // The National Tax Agency's own 法人番号, and the worked example of the NTA's check-digit leaflet (7 + base).
        assertEquals(7, RegistrationNumbers.checkDigit("000012050002"));
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration("T7000012050002"));
        assertEquals(7, RegistrationNumbers.checkDigit("123456789012"));
        // The samples of this repository, made from the rule (the old ones failed it: T4011001234567 needs a 2).
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration("T2011001234567"));
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration("T3010001098765"));
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration("T9234567890123"));
        assertTrue(RegistrationNumbers.isValidJapaneseRegistration("T2876543210987"));
        String problem = RegistrationNumbers.sellerProblem("JP", "T4011001234567");
        assertNotNull(problem);
        assertTrue(problem.contains("must be 2"), problem);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "AT, ATU12345678", "BE, BE0123456789", "BE, BE1234567890", "BG, BG123456789", "BG, BG1234567890",
        "CY, CY12345678L", "CZ, CZ12345678", "CZ, CZ1234567890", "DE, DE123456789", "DE, DE 123 456 789",
        "DK, DK12345678", "EE, EE123456789", "GR, EL123456789", "ES, ESX1234567A", "ES, ESA12345678",
        "ES, ES12345678Z", "FI, FI12345678", "FR, FR12345678901", "FR, FRAB123456789", "HR, HR12345678901",
        "HU, HU12345678", "IE, IE1234567T", "IE, IE1234567WA", "IE, IE1A23456T", "IT, IT12345678901",
        "LT, LT123456789", "LT, LT123456789012", "LU, LU12345678", "LV, LV12345678901", "MT, MT12345678",
        "NL, NL123456789B01", "PL, PL1234567890", "PT, PT123456789", "RO, RO12", "RO, RO1234567890",
        "SE, SE123456789012", "SI, SI12345678", "SK, SK1234567890", "XI, XI123456789", "XI, XIGD123",
        "DE, ATU12345678", "AT, de-123.456.789"})
    void euVatNumbersInTheirStatesFormatPass(String country, String vat) {
        assertNull(RegistrationNumbers.customerProblem(country, vat), vat);
        assertNull(RegistrationNumbers.sellerProblem(country, vat), vat);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "AT, AT12345678", "BE, BE2123456789", "BE, BE123456789", "CY, CY123456789", "DE, DE12345678",
        "DE, DE1234567890", "DE, 123456789", "GR, GR123456789", "ES, ES123456789", "FR, FRIO123456789",
        "FR, FR1234567890", "IE, IE12345678", "NL, NL123456789", "NL, NL123456789B1", "RO, RO0123",
        "RO, RO12345678901", "SE, SE12345678901", "XI, XIHA123", "DE, XX123456789", "DE, D", "AT, ATU1234567"})
    void euVatNumbersOutOfFormatFail(String country, String vat) {
        assertNotNull(RegistrationNumbers.customerProblem(country, vat), vat);
        assertNotNull(RegistrationNumbers.sellerProblem(country, vat), vat);
    }

    @Test
    void elsewhereATaxIdIsFreeText() {
        assertNull(RegistrationNumbers.customerProblem("US", "EIN 12-3456789"));
        assertNull(RegistrationNumbers.sellerProblem("KR", "214-87-01234"));
        assertNull(RegistrationNumbers.sellerProblem("RS", "109876543"));
        assertNull(RegistrationNumbers.customerProblem("JP", null), "no tax id is no problem");
    }
}
