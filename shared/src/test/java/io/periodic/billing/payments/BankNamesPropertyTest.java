package io.periodic.billing.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every way a bank may print a name (half- or full-width kana per character, small kana written large, the
 * long-vowel mark as any hyphen or left out, spaces anywhere between characters, a legal-form abbreviation before or
 * after, with or without its other parenthesis, small or large, any width) has the key of the name itself.
 */
class BankNamesPropertyTest {
    private static final List<String> SYLLABLES = List.of(
            "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ",
            "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ", "ム", "メ", "モ", "ヤ", "ユ", "ヨ",
            "ラ", "リ", "ル", "レ", "ロ", "ワ", "ン", "ガ", "ギ", "グ", "ゲ", "ゴ", "ザ", "ジ", "ズ", "ゼ", "ゾ", "ダ", "デ",
            "ド", "バ", "ビ", "ブ", "ベ", "ボ", "パ", "ピ", "プ", "ペ", "ポ", "ヴ", "キャ", "キュ", "ショ", "シュ", "チャ",
            "ジョ", "ニャ", "リョ", "ギョ", "ビャ", "ピョ", "ッカ", "ット", "ップ", "ファ", "ティ", "ウィ", "ウェ", "ヴォ",
            "ァ", "ー", "ー");
    /** The abbreviations as a person may type them (large or small kana). */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("カ", "株式会社"), Map.entry("ユ", "有限会社"), Map.entry("ド", "合同会社"), Map.entry("メ", "合名会社"),
            Map.entry("シ", "合資会社"), Map.entry("シャ", "社団法人"), Map.entry("シヤ", "社団法人"),
            Map.entry("ザイ", "財団法人"), Map.entry("イ", "医療法人"), Map.entry("シュウ", "宗教法人"),
            Map.entry("ガク", "学校法人"), Map.entry("フク", "社会福祉法人"), Map.entry("トクヒ", "特定非営利活動法人"),
            Map.entry("ギョ", "行政書士法人"), Map.entry("チュウ", "中間法人"), Map.entry("ロウム", "社会保険労務士法人"));
    private static final List<String> LONG_VOWELS = List.of("ー", "ｰ", "-", "‐", "−", "－", "―", "");
    private static final Map<Character, String> HALF_WIDTH = halfWidth();

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.of(SYLLABLES).list().ofMinSize(2).ofMaxSize(12)
                .filter(n -> !n.get(0).equals("ー") && !n.get(0).equals("ァ"));
    }

    @Provide
    Arbitrary<String> forms() {
        return Arbitraries.of(List.copyOf(ABBREVIATIONS.keySet()));
    }

    @Property(tries = 2000)
    void everyPrintingOfANameHasTheKeyOfTheName(@ForAll("names") List<String> syllables, @ForAll long seed) {
        String name = String.join("", syllables);
        String expected = name.replace("ー", "").replace("ァ", "ア").replace("ャ", "ヤ").replace("ュ", "ユ")
                .replace("ョ", "ヨ").replace("ッ", "ツ").replace("ィ", "イ").replace("ェ", "エ").replace("ォ", "オ");
        assertEquals(expected, BankNames.key(name));
        String printed = print(name, new Random(seed));
        assertEquals(expected, BankNames.key(printed), printed);
    }

    @Property(tries = 2000)
    void anAbbreviationBeforeOrAfterIsRemovedAndNamesItsForm(@ForAll("names") List<String> syllables,
            @ForAll("forms") String form, @ForAll long seed) {
        Random random = new Random(seed);
        String name = String.join("", syllables);
        String abbreviation = print(form, random).replace(" ", "").replace("\u3000", "");
        String printed = print(name, random);
        String open = random.nextBoolean() ? "(" : "（";
        String close = random.nextBoolean() ? ")" : "）";
        String space = random.nextInt(4) == 0 ? " " : "";
        printed = switch (random.nextInt(4)) {
            case 0 -> abbreviation + close + space + printed;
            case 1 -> open + abbreviation + close + space + printed;
            case 2 -> printed + space + open + abbreviation;
            default -> printed + space + open + abbreviation + close;
        };
        BankNames.BankName parsed = BankNames.parse(printed);
        assertNotNull(parsed, printed);
        assertEquals(BankNames.key(name), parsed.key(), printed);
        assertEquals(ABBREVIATIONS.get(form), parsed.legalForm(), printed);
    }

    /** One way a bank may print {@code name}: every choice per character drawn from {@code random}. */
    static String print(String name, Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && random.nextInt(5) == 0) {
                b.append(random.nextBoolean() ? " " : "\u3000");
            }
            if (c == 'ー') {
                b.append(LONG_VOWELS.get(random.nextInt(LONG_VOWELS.size())));
                continue;
            }
            if (random.nextBoolean()) {
                c = BankNames.large(c);
            }
            b.append(random.nextBoolean() && HALF_WIDTH.containsKey(c) ? HALF_WIDTH.get(c) : String.valueOf(c));
        }
        return b.toString();
    }

    /** Full-width katakana → half-width, the voiced marks as characters of their own (ガ → ｶﾞ, パ → ﾊﾟ). */
    private static Map<Character, String> halfWidth() {
        Map<Character, String> map = new HashMap<>();
        for (char h = '\uff66'; h <= '\uff9d'; h++) {
            map.put(Normalizer.normalize(String.valueOf(h), Normalizer.Form.NFKC).charAt(0), String.valueOf(h));
        }
        for (char f = '\u30a1'; f <= '\u30fa'; f++) {
            String d = Normalizer.normalize(String.valueOf(f), Normalizer.Form.NFD);
            if (d.length() == 2 && map.containsKey(d.charAt(0))) {
                map.put(f, map.get(d.charAt(0)) + (d.charAt(1) == '\u3099' ? "ﾞ" : "ﾟ"));
            }
        }
        return map;
    }
}
