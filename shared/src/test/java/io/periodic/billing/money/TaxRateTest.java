package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaxRateTest {

    @ParameterizedTest
    @CsvSource({"19, 19", "19.00, 19", "8.875, 8.875", "8.87500, 8.875", "10, 10", "0, 0", "0.000, 0",
            "99.9999, 99.9999", "007.50, 7.5"})
    void normalisesToAPlainString(String input, String expected) {
        assertEquals(expected, TaxRate.of(input).toString());
        assertEquals(TaxRate.of(expected), TaxRate.of(input));
        assertEquals(TaxRate.of(expected).hashCode(), TaxRate.of(input).hashCode());
    }

    @Test
    void neverUsesScientificNotation() {
        TaxRate ten = new TaxRate(new BigDecimal("1E+1"));
        assertEquals("10", ten.toString());
        assertEquals(0, ten.percent().scale());
        assertEquals(TaxRate.of("10"), ten);
        assertEquals("20", new TaxRate(new BigDecimal("20.000")).toString());
    }

    @Test
    void zero() {
        assertTrue(TaxRate.ZERO.isZero());
        assertTrue(TaxRate.of("0.00").isZero());
        assertEquals(TaxRate.ZERO, TaxRate.of("0.00"));
        assertFalse(TaxRate.of("0.0001").isZero());
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "100.0", "150", "8.87501", "0.00001", "-1", "-0.5", "+19", "1e1", "19%", " 19",
            "19 ", "", ".5", "5.", "abc", "1,5"})
    void rejectsInvalidRates(String input) {
        assertThrows(IllegalArgumentException.class, () -> TaxRate.of(input));
    }

    @Test
    void constructorValidatesToo() {
        assertThrows(IllegalArgumentException.class, () -> new TaxRate(new BigDecimal("-0.0001")));
        assertThrows(IllegalArgumentException.class, () -> new TaxRate(new BigDecimal("100")));
        assertThrows(IllegalArgumentException.class, () -> new TaxRate(new BigDecimal("1E+2")));
        assertThrows(IllegalArgumentException.class, () -> new TaxRate(new BigDecimal("1E-5")));
        assertThrows(NullPointerException.class, () -> new TaxRate(null));
        assertThrows(NullPointerException.class, () -> TaxRate.of(null));
    }

    @Test
    void ordersByValue() {
        assertTrue(TaxRate.of("7").compareTo(TaxRate.of("19")) < 0);
        assertTrue(TaxRate.of("8.875").compareTo(TaxRate.of("8.8")) > 0);
        assertEquals(0, TaxRate.of("19").compareTo(TaxRate.of("19.0")));
        assertNotEquals(TaxRate.of("19"), TaxRate.of("19.0001"));
    }
}
