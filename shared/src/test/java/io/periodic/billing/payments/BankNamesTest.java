package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankNamesTest {
    /** Every legal-form abbreviation of the 全銀 list, before, after and (in parentheses) inside the name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ｶ|株式会社", "ﾕ|有限会社", "ﾒ|合名会社", "ｼ|合資会社", "ﾄﾞ|合同会社", "ｿ|相互会社", "ｲ|医療法人",
        "ｻﾞｲ|財団法人", "ｼﾔ|社団法人", "ｼｬ|社団法人", "ｼﾕｳ|宗教法人", "ｼｭｳ|宗教法人", "ｶﾞｸ|学校法人", "ﾌｸ|社会福祉法人",
        "ﾎｺﾞ|更生保護法人", "ﾄｸﾋ|特定非営利活動法人", "ﾄﾞｸ|独立行政法人", "ﾁﾄﾞｸ|地方独立行政法人", "ﾍﾞﾝ|弁護士法人",
        "ﾁﾕｳ|中間法人", "ｷﾞﾖ|行政書士法人", "ｼﾎｳ|司法書士法人", "ｾﾞｲ|税理士法人", "ﾀﾞｲ|大学法人", "ﾉｳ|農事組合法人",
        "ﾛｳﾑ|社会保険労務士法人", "ｶﾝﾘ|管理組合法人", "株|株式会社", "有|有限会社"})
    void everyAbbreviationIsRemovedWhereverItStandsAndNamesItsForm(String abbreviation, String form) {
        for (String printed : new String[] {abbreviation + ")ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞｼｮｳｼﾞ(" + abbreviation,
                "(" + abbreviation + ")ﾔﾏﾀﾞｼｮｳｼﾞ", "ﾔﾏﾀﾞｼｮｳｼﾞ(" + abbreviation + ")",
                "ﾔﾏﾀﾞ(" + abbreviation + ")ｼｮｳｼﾞ"}) {
            assertEquals(new BankNames.BankName("ヤマダシヨウジ", form), BankNames.parse(printed), printed);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ|ヤマダシヨウジ",
        "ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ|ヤマダシヨウジ",
        "ﾔﾏﾀﾞ ｼｮｳｼﾞ (ｶ|ヤマダシヨウジ",
        "ヤマダショウジ|ヤマダシヨウジ",
        "（カ）ヤマダ　ショウジ|ヤマダシヨウジ",
        "やまだしょうじ|ヤマダシヨウジ",
        "カブシキガイシャ ヤマダショウジ|ヤマダシヨウジ",
        "ﾔﾏﾀﾞｼｮｳｼﾞ ｶﾌﾞｼｷｶﾞｲｼﾔ|ヤマダシヨウジ",
        "ｺｰﾋｰﾄﾞｳ(ﾕ|コヒドウ",
        "ｺ-ﾋ-ﾄﾞｳ(ﾕ|コヒドウ",
        "コ－ヒ－ドウ|コヒドウ",
        "ｺﾋﾄﾞｳ|コヒドウ",
        "ﾄﾞ)ｷｯﾌﾟ ﾃﾞｻﾞｲﾝ|キツプデザイン",
        "ｳﾞｨﾝﾃｰｼﾞ|ヴインテジ",
        "ﾔﾏﾀﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝ|ヤマダトウキヨウシテン",
        "株式会社山田商事|山田商事",
        "山田商事(株)|山田商事",
        "㈱山田商事|山田商事",
        "ACME TRADING INC.|acmetrading",
        "Acme Trading|acmetrading",
        "ＡＣＭＥ　ＴＲＡＤＩＮＧ|acmetrading",
        "ﾐﾅﾄ ｾｯｹｲ ｼﾞﾑｼﾖ|ミナトセツケイジムシヨ"})
    void theWaysBanksPrintANameReduceToOneKey(String printed, String key) {
        assertEquals(key, BankNames.key(printed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ﾔﾏﾀﾞ|ﾔﾏﾀ",
        "ﾊﾟﾝ|ﾊﾞﾝ",
        "ﾊﾟﾝ|ﾊﾝ",
        "ｽｽﾞｷ|ｽｽｷ",
        "ﾔﾏﾀﾞｼｮｳｼﾞ|ﾔﾏﾀﾞｼｮｳｼﾞﾃﾝ",
        "ﾔﾏﾀﾞｶ|ﾔﾏﾀﾞ(ｶ",
        "ｶﾄｳ|ｶ)ﾄｳ",
        "ｲﾄｳ|ｲ)ﾄｳ",
        "ﾔﾏﾀﾞ(ﾎｹﾞ|ﾔﾏﾀﾞ",
        "ﾔﾏﾀﾞ ﾀﾛｳ|ﾔﾏﾀﾞ ｼﾞﾛｳ",
        "ACME|ACNE",
        "ｻﾄｳ|ｻﾄｰ"})
    void differentNamesStayDifferent(String one, String other) {
        assertNotEquals(BankNames.key(one), BankNames.key(other), one + " vs " + other);
    }

    @Test
    void nothingToMatchOnIsNoKey() {
        assertNull(BankNames.key(null));
        assertNull(BankNames.key("   "));
        assertNull(BankNames.key("ｶ)"));
        assertNull(BankNames.key("(ｶ)"));
        assertNull(BankNames.key("---"));
        assertNull(BankNames.key("ｰｰ ()"));
    }

    @Test
    void theStoredNameKeysAreNotChangedByIt() {
        assertEquals("カ ヤマダショウジ", Names.key("ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ"));
        assertEquals("acme", Names.key("ACME INC"));
    }
}
