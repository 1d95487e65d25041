package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReferencesAndNamesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INV-2026-000123|INV2026.123",
        "inv2026000123|INV2026.123",
        "INV 2026 123|INV2026.123",
        "inv/2026/000123|INV2026.123",
        "ＩＮＶ－２０２６－０００１２３|INV2026.123",
        "INV-2026-B-000042|INV2026B.42",
        "CN-2026-000007|CN2026.7"})
    void everyFormattingOfANumberHasOneCanonicalKey(String typed, String key) {
        assertEquals(key, References.canonical(typed));
    }

    @Test
    void notANumber() {
        assertNull(References.canonical("hello"));
        assertNull(References.canonical("2026-000123"));
        assertNull(References.canonical(null));
    }

    @Test
    void numbersAreFoundInRemittanceText() {
        assertEquals(List.of("INV2026.123", "INV2026.124"),
                References.findAll("Rechnung INV-2026-000123 und inv2026000124, danke"));
        assertEquals(List.of("INV2026.481"), References.findAll("請求書番号ＩＮＶ－２０２６－０００４８１分お振込"));
        assertEquals(List.of(), References.findAll("payment for march"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Acme, Inc.|acme",
        "ACME INC|acme",
        "ＡＣＭＥ　Ｃｏｒｐ.|acme",
        "Ａｃｍｅ株式会社|acme",
        "株式会社みなと設計事務所|みなと設計事務所",
        "ビジネス・ソリューションズ株式会社|ビジネス ソリューションズ",
        "(주)바다물류|바다물류",
        "Zlatibor Trade d.o.o.|zlatibor trade",
        "Mānoa Coffee Roasters LLC|manoa coffee roasters",
        "Müller GmbH & Co. KG|muller"})
    void namesReduceToAComparableKey(String name, String key) {
        assertEquals(key, Names.key(name));
    }

    @Test
    void onlyALegalFormIsNoName() {
        assertNull(Names.key("Inc."));
        assertNull(Names.key("  "));
    }
}
