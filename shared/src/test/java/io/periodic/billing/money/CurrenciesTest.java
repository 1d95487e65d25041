package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrenciesTest {

    @Test
    void looksUpIsoCodes() {
        assertSame(Currency.getInstance("USD"), Currencies.of("USD"));
        assertSame(Currency.getInstance("KWD"), Currencies.of("KWD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "Usd", "US", "USDX", " USD", "", "U$D", "\u00dcSD"})
    void rejectsMalformedCodes(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Currencies.of(code));
        assertTrue(e.getMessage().contains("3 upper-case letters"), e.getMessage());
    }

    @Test
    void rejectsUnknownCodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Currencies.of("QQQ"));
        assertTrue(e.getMessage().contains("Unknown"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Currencies.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "XAU", "XAG", "XTS", "XDR"})
    void rejectsNonMonetaryCodes(String code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Currencies.of(code));
        assertTrue(e.getMessage().contains("Not a monetary currency"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Currencies.exponent(Currency.getInstance(code)));
    }

    @Test
    void supportedIsTheJdkTableMinusNonMonetaryCodes() {
        var supported = Currencies.supported();
        assertTrue(supported.size() > 150, "size " + supported.size());
        for (String code : List.of("USD", "EUR", "JPY", "KWD", "CHF", "GBP", "BHD", "CLF")) {
            assertTrue(supported.contains(Currency.getInstance(code)), code);
        }
        for (String code : List.of("XXX", "XAU", "XTS")) {
            assertFalse(supported.contains(Currency.getInstance(code)), code);
        }
        for (Currency c : Currency.getAvailableCurrencies()) {
            assertEquals(c.getDefaultFractionDigits() >= 0, supported.contains(c), c.getCurrencyCode());
        }
        List<String> codes = new ArrayList<>(supported.stream().map(Currency::getCurrencyCode).toList());
        assertEquals(codes.stream().sorted().toList(), codes);
        assertThrows(UnsupportedOperationException.class, () -> supported.add(Currency.getInstance("XXX")));
    }
}
