package io.periodic.local.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ReportFormat}: amounts formatted exactly from minor units, and text escaped for HTML and XML. */
class ReportFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0             | 2 | 0.00",
            "5             | 2 | 0.05",
            "99            | 2 | 0.99",
            "100           | 2 | 1.00",
            "123456        | 2 | 1,234.56",
            "0             | 0 | 0",
            "999           | 0 | 999",
            "1000          | 0 | 1,000",
            "123456        | 0 | 123,456",
            "1200000       | 0 | 1,200,000",
            "5             | 3 | 0.005",
            "1234567       | 3 | 1,234.567",
            "12345         | 4 | 1.2345",
            "100000000000  | 2 | 1,000,000,000.00",
            "9223372036854775807 | 2 | 92,233,720,368,547,758.07",
            "9223372036854775807 | 0 | 9,223,372,036,854,775,807",
    })
    void formatsAmountsExactlyFromMinorUnits(long minor, int digits, String expected) {
        assertEquals(expected, ReportFormat.formatAmount(minor, digits));
    }

    @Test
    void formatsMoneyWithIsoCodePrefix() {
        assertEquals("USD 1,234.56", ReportFormat.formatMoney("USD", 123_456, 2));
        assertEquals("JPY 123,456", ReportFormat.formatMoney("JPY", 123_456, 0));
        assertEquals("KWD 1,234.567", ReportFormat.formatMoney("KWD", 1_234_567, 3));
        assertThrows(IllegalArgumentException.class, () -> ReportFormat.formatMoney("usd", 1, 2));
    }

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;script&gt;&amp;&quot;&#39;", ReportFormat.escape("<script>&\"'"));
        assertEquals("a\uFFFDb\tc", ReportFormat.escape("a\u0001b\tc"));
        assertEquals("\uFFFD", ReportFormat.escape("\uD800"));
        assertEquals("日本 😀", ReportFormat.escape("日本 😀"));
    }
}
