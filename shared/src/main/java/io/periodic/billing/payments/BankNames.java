package io.periodic.billing.payments;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payer names as Japanese banks print them (振込依頼人名), reduced to a comparable <em>bank key</em>. Banks print
 * half-width katakana, write small kana large ({@code ｼﾖｳｼﾞ} for ショウジ), put the voiced marks in characters of
 * their own ({@code ﾀﾞ}), replace the long-vowel mark by a hyphen or leave it out, put spaces anywhere, and write the
 * legal form as the 全銀 abbreviation before ({@code ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ}), after ({@code ﾔﾏﾀﾞｼｮｳｼﾞ(ｶ}) or inside
 * ({@code ﾔﾏﾀﾞ(ｶ)ﾄｳｷﾖｳｼﾃﾝ}) the name. All of them reduce to one key ({@code ヤマダシヨウジ}): full-width katakana,
 * small kana large, no long-vowel marks, hyphens or spaces, the legal form removed (and returned as a tag by
 * {@link #parse}). Latin names go through the folding of {@link Names#key} (accents, case, legal-form words) and
 * lose their spaces too ({@code ACME TRADING INC} → {@code acmetrading}).
 *
 * <p>The key is its own namespace, separate from {@link Names#key} (which stays as it is: the stored name-lookup
 * items are keyed on it). The abbreviation list is the one banks publish from the 全銀協 rules, e.g.
 * https://www.keiyobank.co.jp/alpha_dbank/internet/typing.html (法人略語).
 */
public final class BankNames {
    /** A bank name's key and the legal form its abbreviation or spelled-out form named (null when none). */
    public record BankName(String key, String legalForm) {}

    /** 全銀 legal-form abbreviations (as folded: large kana) → the legal form they stand for. */
    private static final Map<String, String> ABBREVIATIONS = new LinkedHashMap<>();
    /** Legal forms written out (kanji, or kana as the bank spells them), removed wherever they stand, longest first. */
    private static final List<String> WRITTEN_FORMS;
    private static final Map<String, String> FORM_OF_WRITTEN = new LinkedHashMap<>();
    private static final Pattern MIDDLE = Pattern.compile("\\(([^()]{1,5})\\)");

    static {
        abbreviation("カ", "株式会社", "株");
        abbreviation("ユ", "有限会社", "有");
        abbreviation("メ", "合名会社", "名");
        abbreviation("シ", "合資会社", "資");
        abbreviation("ド", "合同会社", "同");
        abbreviation("ソ", "相互会社");
        abbreviation("イ", "医療法人", "医療法人社団", "医療法人財団", "社会医療法人");
        abbreviation("ザイ", "財団法人", "一般財団法人", "公益財団法人");
        abbreviation("シヤ", "社団法人", "一般社団法人", "公益社団法人");
        abbreviation("シユウ", "宗教法人");
        abbreviation("ガク", "学校法人");
        abbreviation("フク", "社会福祉法人");
        abbreviation("ホゴ", "更生保護法人");
        abbreviation("トクヒ", "特定非営利活動法人");
        abbreviation("ドク", "独立行政法人");
        abbreviation("チドク", "地方独立行政法人");
        abbreviation("ベン", "弁護士法人");
        abbreviation("チユウ", "中間法人", "有限責任中間法人", "無限責任中間法人");
        abbreviation("ギヨ", "行政書士法人");
        abbreviation("シホウ", "司法書士法人");
        abbreviation("ゼイ", "税理士法人");
        abbreviation("ダイ", "大学法人", "国立大学法人", "公立大学法人");
        abbreviation("ノウ", "農事組合法人");
        abbreviation("ロウム", "社会保険労務士法人");
        abbreviation("カンリ", "管理組合法人");
        for (String spelled : List.of("カブシキガイシヤ", "カブシキカイシヤ")) {
            FORM_OF_WRITTEN.put(spelled, "株式会社");
        }
        for (String spelled : List.of("ユウゲンガイシヤ", "ユウゲンカイシヤ")) {
            FORM_OF_WRITTEN.put(spelled, "有限会社");
        }
        for (String spelled : List.of("ゴウドウガイシヤ", "ゴウドウカイシヤ")) {
            FORM_OF_WRITTEN.put(spelled, "合同会社");
        }
        WRITTEN_FORMS = FORM_OF_WRITTEN.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static void abbreviation(String kana, String form, String... alsoWritten) {
        ABBREVIATIONS.put(kana, form);
        FORM_OF_WRITTEN.put(form, form);
        for (String other : alsoWritten) {
            if (other.length() == 1) {
                ABBREVIATIONS.put(other, form); // (株), ㈱: a kanji abbreviation in parentheses
            } else {
                FORM_OF_WRITTEN.put(other, form);
            }
        }
    }

    private BankNames() {}

    /** The bank key of a name, or null when nothing remains (blank, punctuation, or only a legal form). */
    public static String key(String name) {
        BankName parsed = parse(name);
        return parsed == null ? null : parsed.key();
    }

    /** The bank key of a name and the legal form it named, or null when nothing remains. */
    public static BankName parse(String name) {
        if (name == null) {
            return null;
        }
        String s = fold(name).replaceAll(" *([()]) *", "$1").strip();
        String form = null;
        int close = s.indexOf(')');
        if (close > 0) {
            String head = s.charAt(0) == '(' ? s.substring(1, close) : s.substring(0, close);
            if (head.indexOf('(') < 0 && ABBREVIATIONS.containsKey(head)) {
                form = ABBREVIATIONS.get(head);
                s = s.substring(close + 1);
            }
        }
        int open = s.lastIndexOf('(');
        if (open >= 0) {
            String tail = s.substring(open + 1);
            tail = tail.endsWith(")") ? tail.substring(0, tail.length() - 1) : tail;
            if (tail.indexOf(')') < 0 && ABBREVIATIONS.containsKey(tail)) {
                form = form == null ? ABBREVIATIONS.get(tail) : form;
                s = s.substring(0, open);
            }
        }
        Matcher middle = MIDDLE.matcher(s);
        StringBuilder rest = new StringBuilder();
        while (middle.find()) {
            String inner = ABBREVIATIONS.get(middle.group(1));
            if (inner != null) {
                form = form == null ? inner : form;
            }
            middle.appendReplacement(rest, inner != null ? " " : Matcher.quoteReplacement(middle.group()));
        }
        middle.appendTail(rest);
        s = rest.toString().strip();
        for (String written : WRITTEN_FORMS) {
            boolean kana = written.charAt(0) >= '\u30a0' && written.charAt(0) <= '\u30ff';
            if (kana ? s.startsWith(written) || s.endsWith(written) : s.contains(written)) {
                form = form == null ? FORM_OF_WRITTEN.get(written) : form;
                s = kana ? (s.startsWith(written) ? s.substring(written.length())
                        : s.substring(0, s.length() - written.length())) : s.replace(written, " ");
            }
        }
        String key = compact(s);
        return key == null ? null : new BankName(key, form);
    }

    /**
     * Width, script and spelling folded: NFKC (half-width kana and their separate voiced marks become full-width
     * composed kana; full-width Latin, digits and parentheses become ASCII), hiragana to katakana, small kana to
     * large, long-vowel marks, hyphens and every space to one space.
     */
    static String fold(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u3041' && c <= '\u3096') {
                c = (char) (c + 0x60); // hiragana → katakana
            }
            b.append(isLongVowelOrHyphen(c) || Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' '
                    : large(c));
        }
        return b.toString();
    }

    private static boolean isLongVowelOrHyphen(char c) {
        return c == 'ー' || c == '-' || c >= '\u2010' && c <= '\u2015' || c == '\u2212' || c == '\u2043'
                || c == '\ufe63' || c == '\uff0d' || c == '\uff70';
    }

    /** A small katakana written large, as banks print it (ァ→ア, ッ→ツ, ャ→ヤ, ヮ→ワ, ヵ→カ, ヶ→ケ). */
    static char large(char c) {
        return switch (c) {
            case 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ' -> (char) (c + 1);
            case 'ヵ' -> 'カ';
            case 'ヶ' -> 'ケ';
            default -> c;
        };
    }

    /** {@link Names}' folding of what is left (accents, case, punctuation, Latin legal-form words), without spaces. */
    private static String compact(String s) {
        s = Normalizer.normalize(Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{InCombiningDiacriticalMarks}+", ""), Normalizer.Form.NFC);
        s = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        StringBuilder key = new StringBuilder();
        for (String word : s.split(" ")) {
            if (!word.isEmpty() && !Names.isLegalFormWord(word)) {
                key.append(word);
            }
        }
        return key.isEmpty() ? null : key.toString();
    }
}
