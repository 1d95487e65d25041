package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.Email;
import io.periodic.billing.rendering.ReminderEmails.Step;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dunning reminders in every language and at every step: the facts each must carry, the tone (courteous
 * first, firmer later, never threatening), and one golden sample per language in
 * {@code src/test/resources/golden/reminder-<lang>.txt} (a FIRM reminder of a partially paid invoice). After an
 * intended change, regenerate the samples and review the diff:
 * {@code mvn test -Dgolden.update=true -Dtest=ReminderEmailsTest}.
 */
class ReminderEmailsTest {

    private static final String LINK = "https://docs.example.com/invoices/inv_1.html";

    /**
     * One language's sample customer, seller and invoices, and the text its reminders must (or must not) contain,
     * written out literally so that a wrong format or a lost sentence fails.
     *
     * @param unpaid the invoice with nothing paid yet; {@code partial} the same invoice partially paid
     * @param daysOverdue the days line with %s for the number; {@code daysUntilDue} the same before the due date
     * @param suspension a word every reminder that mentions the suspension of the service contains
     * @param alreadyPaid the "if you have already paid, please disregard this message" sentence
     * @param talk the offer to talk about a problem with the payment
     * @param forbidden what must never appear (threats, legal or collection vocabulary, urgency, blame)
     */
    record Lang(String tag, Customer customer, SellerProfile seller, Invoice unpaid, Invoice partial, Money fee,
            String unpaidAmount, String partialAmount, String paidAmount, String feeAmount, String dueDate,
            String daysOverdue, String daysUntilDue, String reference, String partialSentence, String suspension,
            String lateFeeWord, String alreadyPaid, String talk, String restore, List<Pattern> forbidden) {

        @Override
        public String toString() {
            return tag;
        }
    }

    /** Threats and pressure in any language: no exclamation marks at all. */
    private static final List<Pattern> EVERYWHERE = patterns("!", "！", "‼");

    static Lang en() {
        Invoice partial = Samples.usInvoice(); // $300.00 paid, $354.62 due
        return new Lang("en", Samples.usCustomer(), Samples.usSeller(),
                Samples.withStatus(partial, InvoiceStatus.OPEN, partial.number(), 0), partial,
                Money.of(2_500, "USD"), "$654.62", "$354.62", "$300.00", "$25.00", "December 1, 2026",
                "Days overdue: %s", "Days until due: %s",
                "Please quote invoice number INV-2026-000123 as the payment reference.",
                "We have received $300.00 towards this invoice, thank you; $354.62 remains to be paid.",
                "suspend", "late fee", "please disregard this message",
                "please contact us", "To restore it, please pay the amount due below.",
                patterns("(?i)legal", "(?i)lawyer", "(?i)attorney", "(?i)\\bcourts?\\b", "(?i)collection",
                        "(?i)debt", "(?i)credit (rating|score|report)", "(?i)warning", "(?i)penalt",
                        "(?i)immediately", "(?i)urgent", "(?i)fail(ed|ure)", "(?i)you must", "(?i)demand",
                        "(?i)threat", "(?i)blacklist", "(?i)last chance", "(?i)unacceptable", "(?i)ignor",
                        "(?i)\\bowe\\b"));
    }

    static Lang ja() {
        Invoice unpaid = Samples.jpInvoice(); // ¥25,458 due
        return new Lang("ja", Samples.jpCustomer(), Samples.jpSeller(), unpaid,
                Samples.withStatus(unpaid, InvoiceStatus.OPEN, unpaid.number(), 10_000),
                Money.of(1_000, "JPY"), "¥25,458", "¥15,458", "¥10,000", "¥1,000", "2026年12月1日",
                "お支払期限からの経過日数：%s日", "お支払期限までの日数：%s日",
                "お振込の際は、振込名義の前に請求書番号「INV-2026-000481」をご入力ください。",
                "本請求書につきましては、¥10,000のご入金を確認いたしました。誠にありがとうございます。残額は¥15,458となっております。",
                "停止", "延滞料", "本メールと行き違いでお支払いいただいている場合は",
                "お気軽に", "サービスの再開をご希望の際は、下記のご請求残高のお支払いをお願いいたします。",
                patterns("法的", "弁護士", "裁判", "訴訟", "債権回収", "回収業者", "督促", "警告", "直ちに", "至急",
                        "信用情報", "差し?押", "最後通"));
    }

    static Lang ko() {
        Invoice unpaid = Samples.krInvoice(); // ₩276,774 due
        return new Lang("ko", Samples.krCustomer(), Samples.krSeller(), unpaid,
                Samples.withStatus(unpaid, InvoiceStatus.OPEN, unpaid.number(), 100_000),
                Money.of(10_000, "KRW"), "₩276,774", "₩176,774", "₩100,000", "₩10,000", "2026년 11월 15일",
                "결제 기한 경과 일수: %s일", "결제 기한까지 남은 일수: %s일",
                "입금 시 입금자명 또는 메모란에 청구서 번호(INV-2026-000219)를 기재해 주세요.",
                "이 청구서에 대해 ₩100,000의 입금을 확인하였습니다. 감사합니다. 남은 결제 금액은 ₩176,774입니다.",
                "정지", "연체료", "이 안내는 무시하셔도 됩니다",
                "언제든지 연락 주십시오", "서비스를 다시 이용하시려면 아래 금액을 결제해 주시기 바랍니다.",
                patterns("법적", "변호사", "소송", "법원", "추심", "경고", "최후", "즉시", "신용", "압류", "독촉",
                        "불이익"));
    }

    static Lang sr() {
        Invoice unpaid = Samples.rsInvoice(); // 23.558,71 RSD due
        return new Lang("sr-Latn", Samples.rsCustomer(), Samples.rsSeller(), unpaid,
                Samples.withStatus(unpaid, InvoiceStatus.OPEN, unpaid.number(), 1_000_000),
                Money.of(100_000, "RSD"), "23.558,71\u00A0RSD", "13.558,71\u00A0RSD", "10.000,00\u00A0RSD",
                "1.000,00\u00A0RSD", "16. novembar 2026.",
                "Broj dana od isteka roka: %s", "Broj dana do isteka roka: %s",
                "Pri uplati kao poziv na broj navedite broj fakture INV-2026-000057.",
                "Po ovoj fakturi evidentirali smo uplatu od 10.000,00\u00A0RSD, na čemu Vam zahvaljujemo. "
                        + "Preostali iznos za uplatu je 13.558,71\u00A0RSD.",
                "obustav", "naknada za kašnjenje", "zanemarite ovu poruku",
                "nam se obratite",
                "Da biste ponovo koristili uslugu, molimo Vas da izmirite iznos naveden u nastavku.",
                patterns("(?i)pravn", "(?i)\\bsud", "(?i)tužb", "(?i)utuž", "(?i)advokat", "(?i)prinudn",
                        "(?i)agencij", "(?i)opomen", "(?i)upozor", "(?i)hitno", "(?i)odmah", "(?i)izvršitelj",
                        "(?i)blokad", "(?i)kazn", "(?i)dužni"));
    }

    static Stream<Lang> languages() {
        return Stream.of(en(), ja(), ko(), sr());
    }

    static Stream<Arguments> languagesAndSteps() {
        return languages().flatMap(lang -> Stream.of(Step.values()).map(step -> Arguments.of(lang, step)));
    }

    /** The day the workflow sends a step: its nominal day relative to the due date. */
    static LocalDate sendDate(Invoice invoice, Step step) {
        return invoice.dueDate().plusDays(step.daysFromDue());
    }

    static Email mail(Lang lang, Step step, Invoice invoice) {
        return mail(lang, step, invoice, sendDate(invoice, step));
    }

    static Email mail(Lang lang, Step step, Invoice invoice, LocalDate today) {
        return step == Step.LATE_FEE
                ? ReminderEmails.lateFee(invoice, lang.customer(), lang.seller(), today, LINK, lang.fee())
                : ReminderEmails.reminder(step, invoice, lang.customer(), lang.seller(), today, LINK);
    }

    static Formats formats(Lang lang) {
        return Formats.forLocale(lang.customer().locale());
    }

    // ---------------------------------------------------------------- the facts

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("languagesAndSteps")
    void everyReminderCarriesTheFacts(Lang lang, Step step) {
        for (Invoice invoice : List.of(lang.unpaid(), lang.partial())) {
            Email mail = mail(lang, step, invoice);
            String body = mail.textBody();
            String amount = invoice == lang.unpaid() ? lang.unpaidAmount() : lang.partialAmount();
            assertTrue(mail.subject().contains(invoice.number()), mail.subject());
            assertFalse(mail.subject().contains("\n"), mail.subject());
            assertTrue(mail.subject().contains(lang.seller().name()), mail.subject());
            for (String expected : List.of(invoice.number(), amount, lang.dueDate(), lang.reference(), LINK,
                    lang.seller().email())) {
                assertTrue(body.contains(expected), () -> "missing «" + expected + "» in\n" + body);
            }
            String days = step == Step.COURTESY
                    ? String.format(lang.daysUntilDue(), "3")
                    : String.format(lang.daysOverdue(), step.daysFromDue());
            assertTrue(body.contains(days + "\n"), () -> "missing «" + days + "» in\n" + body);
            String other = step == Step.COURTESY ? lang.daysOverdue() : lang.daysUntilDue();
            String otherDaysLine = other.substring(0, other.indexOf("%s"));
            assertFalse(body.contains(otherDaysLine), body);
            assertEquals(lang.customer().email(), mail.to());
            assertNull(mail.htmlBody());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("languagesAndSteps")
    void aPartialPaymentIsAcknowledgedWithWhatRemains(Lang lang, Step step) {
        String partial = mail(lang, step, lang.partial()).textBody();
        assertTrue(partial.contains(lang.partialSentence()), partial);
        String unpaid = mail(lang, step, lang.unpaid()).textBody();
        assertFalse(unpaid.contains(lang.paidAmount()), unpaid);
        String firstWords = lang.partialSentence().substring(0, 8);
        assertFalse(unpaid.contains(firstWords), "nothing was paid, so no thanks for a payment:\n" + unpaid);
    }

    @Test
    void paymentLinkAndPhoneOnlyWhenTheSellerHasThem() {
        Lang en = en();
        String withLink = mail(en, Step.FIRM, en.partial()).textBody();
        assertTrue(withLink.contains("Pay online: https://pay.tidewater-analytics.com/invoices/INV-2026-000123\n"),
                withLink);
        assertTrue(withLink.contains("Contact us at billing@tidewater-analytics.com or +1 415 555 0142."), withLink);
        SellerProfile s = en.seller();
        SellerProfile bare = new SellerProfile(s.name(), s.address(), s.email(), null, null, null, s.bankAccount(),
                null, "INV", "CN");
        String without = ReminderEmails.reminder(Step.FIRM, en.partial(), en.customer(), bare,
                sendDate(en.partial(), Step.FIRM), LINK).textBody();
        assertFalse(without.contains("Pay online"), without);
        assertFalse(without.contains("+1 415"), without);
        assertTrue(without.contains("Contact us at billing@tidewater-analytics.com.\n"), without);
        assertTrue(without.contains("Account number: 000123456789\n"), without);
    }

    @Test
    void theEnglishFriendlyReminderInFull() {
        Lang en = en();
        Email mail = mail(en, Step.FRIENDLY, en.unpaid());
        assertEquals("Payment reminder: invoice INV-2026-000123 from Tidewater Analytics, Inc.", mail.subject());
        assertEquals("""
                Hello Mānoa Coffee Roasters LLC,

                Invoice INV-2026-000123 from Tidewater Analytics, Inc. is now past its due date and still shows \
                an amount due.
                It may simply have slipped through the cracks, so here is a quick reminder with everything you \
                need to pay it.

                Invoice number: INV-2026-000123
                Amount due: $654.62
                Due date: December 1, 2026
                Days overdue: 1

                How to pay
                Bank transfer
                Bank: JPMorgan Chase Bank, N.A.
                Account holder: Tidewater Analytics, Inc.
                BIC / SWIFT: CHASUS33
                Account number: 000123456789
                Bank code: ABA 021000021
                Please quote invoice number INV-2026-000123 as the payment reference.
                Pay online: https://pay.tidewater-analytics.com/invoices/INV-2026-000123

                View or download the invoice: https://docs.example.com/invoices/inv_1.html

                If you have already paid, please disregard this message; payments can take a few days to reach \
                us. Thank you.
                Questions about this invoice? Contact us at billing@tidewater-analytics.com or +1 415 555 0142.

                Kind regards,
                Tidewater Analytics, Inc.
                billing@tidewater-analytics.com
                +1 415 555 0142
                """, mail.textBody());
    }

    // ---------------------------------------------------------------- the tone

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("languagesAndSteps")
    void neverThreatening(Lang lang, Step step) {
        for (Invoice invoice : List.of(lang.unpaid(), lang.partial())) {
            Email mail = mail(lang, step, invoice);
            for (String text : List.of(mail.subject(), mail.textBody())) {
                for (Pattern forbidden : Stream.concat(EVERYWHERE.stream(), lang.forbidden().stream()).toList()) {
                    Matcher m = forbidden.matcher(text);
                    if (m.find()) {
                        fail(lang + " " + step + " contains «" + m.group() + "» (" + forbidden + "):\n" + text);
                    }
                }
                assertNoShouting(lang, text);
            }
        }
    }

    /** No word in capitals, apart from the data printed (names, numbers, codes) and the bank labels IBAN, BIC, SWIFT. */
    private static void assertNoShouting(Lang lang, String text) {
        String words = text;
        SellerProfile.BankAccount bank = lang.seller().bankAccount();
        for (String data : new String[] {lang.seller().name(), lang.customer().name(), lang.seller().email(),
                lang.unpaid().number(), bank.bankName(), bank.accountHolder(), bank.iban(), bank.bic(),
                bank.accountNumber(), bank.bankCode(), lang.seller().paymentLink(lang.unpaid().number()), LINK,
                lang.unpaid().currency().getCurrencyCode()}) {
            if (data != null) {
                words = words.replace(data, " ");
            }
        }
        Matcher caps = Pattern.compile("\\p{Lu}{2,}").matcher(words);
        while (caps.find()) {
            assertTrue(Set.of("IBAN", "BIC", "SWIFT").contains(caps.group()),
                    () -> "shouting «" + caps.group() + "» in\n" + text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void firmerStepByStep(Lang lang) {
        Invoice invoice = lang.partial();
        Formats f = formats(lang);
        List<String> subjects = new ArrayList<>();
        for (Step step : Step.values()) {
            Email mail = mail(lang, step, invoice);
            String body = mail.textBody();
            subjects.add(mail.subject());
            boolean mentionsSuspension = body.contains(lang.suspension()) || mail.subject().contains(lang.suspension());
            assertEquals(step.compareTo(Step.FIRM) >= 0, mentionsSuspension,
                    () -> step + ": only FIRM and later mention the suspension:\n" + body);
            assertEquals(step == Step.LATE_FEE, body.contains(lang.lateFeeWord()) && body.contains(lang.feeAmount()),
                    () -> step + ": only LATE_FEE states the fee:\n" + body);
            assertEquals(step != Step.COURTESY && step != Step.SUSPENDED, body.contains(lang.alreadyPaid()),
                    () -> step + ": if already paid, disregard (not before the due date, not once suspended):\n" + body);
            assertEquals(step == Step.SUSPENDED, body.contains(lang.restore()), () -> step + ": how to restore:\n" + body);
            if (step.compareTo(Step.FINAL_NOTICE) >= 0) {
                assertTrue(body.contains(lang.talk()), () -> step + " offers to talk:\n" + body);
            }
        }
        assertEquals(Step.values().length, new HashSet<>(subjects).size(), "one subject per step: " + subjects);

        LocalDate firmDay = sendDate(invoice, Step.FIRM);
        String firm = mail(lang, Step.FIRM, invoice).textBody();
        assertTrue(firm.contains(f.date(firmDay.plusDays(ReminderEmails.NOTICE_DAYS))), "FIRM states a date:\n" + firm);

        LocalDate suspension = invoice.dueDate().plusDays(30);
        String last = mail(lang, Step.FINAL_NOTICE, invoice).textBody();
        assertTrue(last.contains(f.date(suspension)), "FINAL_NOTICE states the suspension date:\n" + last);
        assertTrue(last.contains(f.date(suspension.minusDays(1))), "and the last day to pay:\n" + last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void theFriendlyReminderAssumesGoodFaith(Lang lang) {
        String friendly = mail(lang, Step.FRIENDLY, lang.unpaid()).textBody();
        String disregard = switch (lang.tag()) {
            case "en" -> "If you have already paid, please disregard this message";
            case "ja" -> "本メールと行き違いでお支払いいただいている場合は、何卒ご容赦ください。";
            case "ko" -> "이미 결제하셨다면 이 안내는 무시하셔도 됩니다.";
            default -> "Ukoliko ste uplatu već izvršili, molimo Vas da zanemarite ovu poruku.";
        };
        String goodFaith = switch (lang.tag()) {
            case "en" -> "may simply have slipped through the cracks";
            case "ja" -> "何かの行き違いかと存じますが";
            case "ko" -> "미처 확인하지 못하셨을 수도 있어";
            default -> "Moguće je da Vam je faktura promakla";
        };
        assertTrue(friendly.contains(disregard), friendly);
        assertTrue(friendly.contains(goodFaith), friendly);
        String courtesy = mail(lang, Step.COURTESY, lang.unpaid()).textBody();
        assertFalse(courtesy.contains(disregard), "before the due date nothing is late:\n" + courtesy);
    }

    /** Japanese sentences end in polite forms (です・ます, ください); Korean ones in the formal 합니다 style. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void politeForms(Lang lang) throws IOException {
        Properties bundle = bundle(lang);
        for (String key : bundle.stringPropertyNames()) {
            if (!key.startsWith("reminder.") || !isSentence(key)) {
                continue;
            }
            String value = bundle.getProperty(key);
            switch (lang.tag()) {
                case "ja" -> {
                    for (String sentence : value.split("(?<=。)")) {
                        String s = sentence.strip();
                        assertTrue(s.isEmpty() || s.matches("(?s).*(ます|ました|です|ください|ません)。"),
                                () -> key + ": not a polite ending: " + s);
                    }
                }
                case "ko" -> {
                    for (String sentence : value.split("(?<=\\.)\\s*")) {
                        String s = sentence.strip();
                        assertTrue(s.isEmpty() || s.matches("(?s).*(니다|시오)\\."),
                                () -> key + ": not a formal ending: " + s);
                    }
                }
                case "sr-Latn" -> {
                    assertFalse(value.matches("(?s).*\\b(ti|te|tebi|tvoj\\w*|vas|vam|vaš\\w*)\\b.*"),
                            () -> key + ": address the reader with the capitalised Vi/Vas/Vam: " + value);
                }
                default -> assertFalse(value.contains("''") || value.contains("'"), key + ": no apostrophes");
            }
        }
        if (lang.tag().equals("sr-Latn")) {
            String firm = mail(lang, Step.FIRM, lang.unpaid()).textBody();
            assertTrue(firm.contains("Molimo Vas"), firm);
        }
    }

    /** Sentences, as opposed to subjects, labels and the sign-off. */
    private static boolean isSentence(String key) {
        return key.endsWith(".intro") || key.endsWith(".request") || key.endsWith(".closing")
                || key.equals("reminder.partiallyPaid") || key.equals("reminder.contact")
                || key.equals("reminder.contactWithPhone");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void theBundlesDoNotShout(Lang lang) throws IOException {
        Properties bundle = bundle(lang);
        int checked = 0;
        for (String key : bundle.stringPropertyNames()) {
            if (key.startsWith("reminder.")) {
                String value = bundle.getProperty(key);
                assertFalse(value.matches("(?s).*\\p{Lu}{2,}.*"), () -> key + " shouts: " + value);
                assertFalse(value.contains("!") || value.contains("！"), () -> key + ": " + value);
                checked++;
            }
        }
        assertTrue(checked >= 30, "reminder keys in " + lang + ": " + checked);
    }

    private static Properties bundle(Lang lang) throws IOException {
        String file = switch (lang.tag()) {
            case "en" -> "messages.properties";
            case "ja" -> "messages_ja.properties";
            case "ko" -> "messages_ko.properties";
            default -> "messages_sr_Latn.properties";
        };
        Properties properties = new Properties();
        try (InputStream in = ReminderEmailsTest.class.getResourceAsStream("/io/periodic/billing/rendering/" + file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    // ---------------------------------------------------------------- dates and the key

    @Test
    void theKeyIsDeterministicPerInvoiceAndStep() {
        Lang en = en();
        Set<String> keys = new HashSet<>();
        for (Step step : Step.values()) {
            Email first = mail(en, step, en.partial());
            assertEquals("dunning:inv_2a7d5c0e91b84f36:" + step.name().toLowerCase(Locale.ROOT), first.key());
            assertEquals(first, mail(en, step, en.partial()), "a retried step sends the same mail");
            keys.add(first.key());
        }
        assertEquals(6, keys.size());
        assertTrue(keys.contains("dunning:inv_2a7d5c0e91b84f36:final_notice"), keys.toString());
        assertTrue(keys.contains("dunning:inv_2a7d5c0e91b84f36:late_fee"), keys.toString());
    }

    @Test
    void aLateFinalNoticeStillGivesAWeeksNotice() {
        Invoice invoice = en().partial(); // due December 1, 2026
        assertEquals(LocalDate.of(2026, 12, 31), ReminderEmails.suspensionDate(invoice, LocalDate.of(2026, 12, 22)));
        assertEquals(LocalDate.of(2026, 12, 31), ReminderEmails.suspensionDate(invoice, LocalDate.of(2026, 12, 24)));
        assertEquals(LocalDate.of(2027, 1, 4), ReminderEmails.suspensionDate(invoice, LocalDate.of(2026, 12, 28)));
        String late = mail(en(), Step.FINAL_NOTICE, invoice, LocalDate.of(2026, 12, 28)).textBody();
        assertTrue(late.contains("If we have not received payment by January 3, 2027, the service will be suspended "
                + "on January 4, 2027."), late);
        assertTrue(late.contains("Days overdue: 27\n"), late);
    }

    @Test
    void theCourtesyReminderCountsTheDaysLeft() {
        Lang ko = ko();
        LocalDate due = ko.unpaid().dueDate();
        assertTrue(mail(ko, Step.COURTESY, ko.unpaid(), due.minusDays(5)).textBody()
                .contains("결제 기한까지 남은 일수: 5일\n"));
        assertTrue(mail(ko, Step.COURTESY, ko.unpaid(), due).textBody().contains("결제 기한까지 남은 일수: 0일\n"));
    }

    // ---------------------------------------------------------------- what is refused

    @Test
    void theLateFeeStepNeedsTheFee() {
        Lang en = en();
        Invoice invoice = en.partial();
        LocalDate day = sendDate(invoice, Step.LATE_FEE);
        assertThrows(IllegalArgumentException.class, () -> ReminderEmails.reminder(Step.LATE_FEE, invoice,
                en.customer(), en.seller(), day, LINK));
        assertThrows(IllegalArgumentException.class, () -> ReminderEmails.lateFee(invoice, en.customer(),
                en.seller(), day, LINK, Money.of(0, "USD")));
        assertThrows(IllegalArgumentException.class, () -> ReminderEmails.lateFee(invoice, en.customer(),
                en.seller(), day, LINK, Money.of(2_500, "EUR")));
        Email mail = ReminderEmails.lateFee(invoice, en.customer(), en.seller(), day, LINK, Money.of(2_500, "USD"));
        assertEquals("dunning:inv_2a7d5c0e91b84f36:late_fee", mail.key());
        assertTrue(mail.textBody().contains("In line with our terms, a late fee of $25.00 has been added. It is billed "
                + "on a separate invoice; the amount below is for invoice INV-2026-000123 only."), mail.textBody());
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void onlyWhenTheStepFitsTheDate(Step step) {
        Lang en = en();
        Invoice invoice = en.partial();
        LocalDate due = invoice.dueDate();
        Set<LocalDate> refused = step == Step.COURTESY ? Set.of(due.plusDays(1), due.plusDays(30))
                : Set.of(due, due.minusDays(3));
        for (LocalDate day : refused) {
            assertThrows(IllegalArgumentException.class, () -> mail(en, step, invoice, day), step + " on " + day);
        }
        LocalDate accepted = step == Step.COURTESY ? due : due.plusDays(1);
        assertTrue(mail(en, step, invoice, accepted).textBody().contains(invoice.number()));
    }

    @Test
    void onlyAnOpenInvoiceWithSomethingDueOfThisCustomer() {
        Lang en = en();
        Invoice open = en.partial();
        LocalDate day = sendDate(open, Step.FIRM);
        Set<Step> steps = EnumSet.of(Step.COURTESY, Step.FIRM, Step.SUSPENDED);
        for (Step step : steps) {
            LocalDate when = sendDate(open, step);
            assertThrows(IllegalArgumentException.class, () -> mail(en, step,
                    Samples.withStatus(open, InvoiceStatus.DRAFT, null, 30_000), when), "draft");
            assertThrows(IllegalArgumentException.class, () -> mail(en, step,
                    Samples.withStatus(open, InvoiceStatus.VOID, open.number(), 30_000), when), "void");
            assertThrows(IllegalArgumentException.class, () -> mail(en, step,
                    Samples.withStatus(open, InvoiceStatus.PAID, open.number(), 65_462), when), "paid");
        }
        assertThrows(IllegalArgumentException.class, () -> ReminderEmails.reminder(Step.FIRM, open,
                Samples.jpCustomer(), en.seller(), day, LINK), "another customer's invoice");
        assertThrows(IllegalArgumentException.class, () -> ReminderEmails.reminder(Step.FIRM,
                Samples.withStatus(open, InvoiceStatus.OPEN, open.number(), 65_462), en.customer(), en.seller(), day,
                LINK), "nothing due");
        assertEquals("dunning:inv_2a7d5c0e91b84f36:firm", ReminderEmails.reminder(Step.FIRM,
                Samples.withStatus(open, InvoiceStatus.UNCOLLECTIBLE, open.number(), 30_000), en.customer(),
                en.seller(), day, LINK).key(), "written off, still payable");
    }

    // ---------------------------------------------------------------- golden samples

    /** A FIRM reminder of a partially paid invoice, per language: the samples we show people. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void matchesGoldenSample(Lang lang) {
        Email mail = mail(lang, Step.FIRM, lang.partial());
        String actual = "Subject: " + mail.subject() + "\n\n" + mail.textBody();
        GoldenFiles.assertMatches("reminder-" + lang.tag() + ".txt", actual);
    }

    private static List<Pattern> patterns(String... regexes) {
        return Stream.of(regexes).map(Pattern::compile).toList();
    }
}
