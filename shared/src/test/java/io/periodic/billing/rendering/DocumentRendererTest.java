package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.CreditNote.Disposition;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a reader finds on the documents, per language and per situation. */
class DocumentRendererTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    private static void assertContains(String html, String... expected) {
        for (String text : expected) {
            assertTrue(html.contains(text), () -> "missing: " + text);
        }
    }

    private static void assertLacks(String html, String... unexpected) {
        for (String text : unexpected) {
            assertFalse(html.contains(text), () -> "unexpected: " + text);
        }
    }

    @Nested
    class English {
        private final String html = RENDERER.invoiceHtml(Samples.usDocument());

        @Test
        void documentAndNumbers() {
            assertContains(html, "<html lang=\"en\">", "<meta charset=\"utf-8\">",
                    "<title>Invoice INV-2026-000123 – Tidewater Analytics, Inc.</title>",
                    "<h1>Invoice</h1>", "<th>Invoice number</th><td>INV-2026-000123</td>",
                    "<th>Issue date</th><td>November 1, 2026</td>", "<th>Due date</th><td>December 1, 2026</td>",
                    "<th>Payment terms</th><td>Payment due within 30 days</td>",
                    "<th>Billing period</th><td>November 1, 2026 – November 30, 2026</td>");
        }

        @Test
        void sellerBlock() {
            assertContains(html, "Tidewater Analytics, Inc.", "548 Market Street", "Suite 3100",
                    "San Francisco, CA 94104", "United States", "billing@tidewater-analytics.com", "+1 415 555 0142",
                    "tidewater-analytics.com", "<dt>Tax ID</dt><dd>84-2719305</dd>");
        }

        @Test
        void customerBlock() {
            assertContains(html, "Bill to", "Mānoa Coffee Roasters LLC", "2752 Woodlawn Drive", "Suite 5-201",
                    "Honolulu, HI 96822", "<dt>Your reference</dt><dd>PO-88123</dd>");
            // This customer has no tax id: only the seller's is printed.
            assertEquals(1, html.split("<dt>Tax ID</dt>", -1).length - 1);
        }

        @Test
        void linesWithPeriodsQuantitiesPricesAndTheProrationCredit() {
            assertContains(html, "Description", "Qty", "Unit price", "Amount (excl. tax)",
                    "Growth plan (per seat)", "Service period: November 1, 2026 – November 30, 2026",
                    "<td class=\"num\">12</td>", "<td class=\"num\">$45.00</td>", "$540.00", "$191.61",
                    "<td class=\"num\">4.712%</td>",
                    "Service period: October 21, 2026 – October 31, 2026");
            // The credit line is marked as such and its amount is negative.
            String credit = html.substring(html.indexOf("<tr class=\"credit\">"));
            credit = credit.substring(0, credit.indexOf("</tr>"));
            assertContains(credit, "Unused time on Starter plan", "Credit", "Prorated", "$25.00",
                    "<td class=\"num amount\">-$106.45</td>");
            assertEquals(1, html.split("<tr class=\"credit\">", -1).length - 1);
        }

        @Test
        void totalsWithTaxPerRatePaidAndAmountDue() {
            assertContains(html, "<th>Subtotal</th><td>$625.16</td>",
                    "<th>Tax 4.712% on $625.16</th><td>$29.46</td>",
                    "<tr class=\"grand\"><th>Total</th><td>$654.62</td>",
                    "<th>Already paid</th><td>-$300.00</td>",
                    "<tr class=\"due\"><th>Amount due</th><td>$354.62</td>",
                    "<div class=\"summary-amount\">$354.62</div>", "Due by December 1, 2026");
            assertLacks(html, "Credit applied", "Total tax");
        }

        @Test
        void howToPay() {
            assertContains(html, "How to pay", "Bank transfer", "<th>Bank</th><td>JPMorgan Chase Bank, N.A.</td>",
                    "<th>Account holder</th><td>Tidewater Analytics, Inc.</td>",
                    "<th>BIC / SWIFT</th><td>CHASUS33</td>", "<th>Account number</th><td>000123456789</td>",
                    "<th>Bank code</th><td>ABA 021000021</td>",
                    "Please quote invoice number <strong>INV-2026-000123</strong> as the payment reference.",
                    "Pay online: <a href=\"https://pay.tidewater-analytics.com/invoices/INV-2026-000123\">");
            assertLacks(html, "<th>IBAN</th>");
        }

        @Test
        void anOrdinaryOpenInvoiceHasNoStampOrNotice() {
            assertLacks(html, "class=\"watermark", "class=\"stamp", "class=\"notice", "DRAFT", "PAID", "VOID",
                    "replaces");
        }
    }

    @Nested
    class Japanese {
        private final String html = RENDERER.invoiceHtml(Samples.jpDocument());

        @Test
        void labelsDatesAndNumbers() {
            assertContains(html, "<html lang=\"ja\">", "<h1>請求書</h1>",
                    "<th>請求書番号</th><td>INV-2026-000481</td>", "<th>発行日</th><td>2026年11月1日</td>",
                    "<th>お支払期限</th><td>2026年12月1日</td>", "<th>お支払条件</th><td>請求書発行日から30日以内</td>",
                    "<th>取引期間</th><td>2026年11月1日～2026年11月30日</td>", "下記のとおりご請求申し上げます。");
        }

        @Test
        void partiesInJapaneseAddressOrderWithRegistrationNumbers() {
            assertContains(html, "株式会社クラウドノート", "<div>〒150-0041</div>", "<div>東京都渋谷区神南1-2-3</div>",
                    "<div>神南スクエア 8階</div>", "<div>日本</div>", "<dt>登録番号</dt><dd>T2011001234567</dd>",
                    "ご請求先", "株式会社みなと設計事務所", "<div>〒101-0052</div>", "<div>東京都千代田区神田小川町2-5-11</div>",
                    "<dt>登録番号</dt><dd>T3010001098765</dd>", "<dt>お客様管理番号</dt><dd>K-20417</dd>");
        }

        @Test
        void linesAndTotalsInYen() {
            assertContains(html, "品目", "数量", "単価", "税率", "金額（税抜）", "ビジネスプラン（ユーザー単位）",
                    "対象期間：2026年11月1日～2026年11月30日", "<td class=\"num\">¥3,000</td>",
                    "<td class=\"num amount\">-¥1,129</td>", "減額", "日割り",
                    "<th>小計</th><td>¥25,871</td>", "<th>消費税 10%（対象額 ¥25,871）</th><td>¥2,587</td>",
                    "<th>合計</th><td>¥28,458</td>", "<th>クレジット充当額</th><td>-¥3,000</td>",
                    "<th>お支払済金額</th><td>¥0</td>", "<th>ご請求金額</th><td>¥25,458</td>");
            assertLacks(html, "\uFFE5", ".00");
        }

        @Test
        void bankTransferWithTheInvoiceNumberAsReferenceAndNoPaymentLink() {
            assertContains(html, "お支払方法", "お振込先", "<th>金融機関</th><td>三井住友銀行 渋谷駅前支店</td>",
                    "<th>口座名義</th><td>カ）クラウドノート</td>", "<th>口座番号</th><td>普通 1234567</td>",
                    "お振込の際は、振込名義の前に請求書番号「<strong>INV-2026-000481</strong>」をご入力ください。");
            assertLacks(html, "<a href", "オンラインでのお支払い");
        }

        @Test
        void fontStackForJapanese() {
            assertContains(html, "\"Noto Sans JP\"", "\"Hiragino Sans\"", "\"Yu Gothic\"", "html:lang(ja) body");
        }
    }

    @Nested
    class Korean {
        private final String html = RENDERER.invoiceHtml(Samples.krDocument());

        @Test
        void labelsDatesAndNumbers() {
            assertContains(html, "<html lang=\"ko\">", "<h1>청구서</h1>", "<th>청구서 번호</th><td>INV-2026-000219</td>",
                    "<th>발행일</th><td>2026년 11월 1일</td>", "<th>결제 기한</th><td>2026년 11월 15일</td>",
                    "<th>결제 조건</th><td>발행일로부터 14일 이내</td>", "청구처", "(주)바다물류",
                    "<div>(48058) 부산광역시 해운대구 센텀중앙로 97</div>", "<div>대한민국</div>",
                    "<dt>사업자등록번호</dt><dd>605-81-12345</dd>", "<dt>사업자등록번호</dt><dd>214-87-01234</dd>",
                    "<span class=\"honorific\">귀중</span>");
        }

        @Test
        void totalsInWon() {
            assertContains(html, "이용 기간: 2026년 10월 22일 ~ 2026년 10월 31일", "<td class=\"num amount\">-₩48,387</td>",
                    "<th>공급가액</th><td>₩251,613</td>", "<th>부가세 10% (과세표준 ₩251,613)</th><td>₩25,161</td>",
                    "<th>합계</th><td>₩276,774</td>", "<th>청구 금액</th><td>₩276,774</td>");
        }

        @Test
        void howToPay() {
            assertContains(html, "결제 방법", "입금 계좌", "<th>은행</th><td>신한은행</td>",
                    "<th>계좌번호</th><td>140-013-456789</td>",
                    "입금 시 입금자명 또는 메모란에 청구서 번호(<strong>INV-2026-000219</strong>)를 기재해 주세요.",
                    "온라인 결제: <a href=\"https://pay.haneulsoft.co.kr/invoices/INV-2026-000219\">");
        }

        @Test
        void fontStackForKorean() {
            assertContains(html, "\"Malgun Gothic\"", "\"Apple SD Gothic Neo\"", "html:lang(ko) body");
        }
    }

    @Nested
    class SerbianLatin {
        private final String html = RENDERER.invoiceHtml(Samples.rsDocument());

        @Test
        void labelsDatesAndNumbers() {
            assertContains(html, "<html lang=\"sr-Latn\">", "<h1>Faktura</h1>",
                    "<th>Broj fakture</th><td>INV-2026-000057</td>",
                    "<th>Datum izdavanja</th><td>1. novembar 2026.</td>",
                    "<th>Rok plaćanja</th><td>16. novembar 2026.</td>",
                    "<th>Uslovi plaćanja</th><td>Plaćanje u roku od 15 dana</td>", "Kupac", "Zlatibor Trade d.o.o.",
                    "<div>21000 Novi Sad</div>", "<div>Srbija</div>", "<dt>PIB</dt><dd>101234567</dd>",
                    "<dt>PIB</dt><dd>109876543</dd>", "<dt>Vaša referenca</dt><dd>Narudžbenica 117/2026</dd>");
        }

        @Test
        void totalsWithCommaDecimals() {
            assertContains(html, "<td class=\"num\">2.500,00\u00A0RSD</td>",
                    "<td class=\"num amount\">-2.167,74\u00A0RSD</td>", "Umanjenje",
                    "<th>Osnovica</th><td>19.632,26\u00A0RSD</td>",
                    "<th>PDV 20% (osnovica 19.632,26\u00A0RSD)</th><td>3.926,45\u00A0RSD</td>",
                    "<th>Ukupno</th><td>23.558,71\u00A0RSD</td>", "<th>Za uplatu</th><td>23.558,71\u00A0RSD</td>");
        }

        @Test
        void howToPay() {
            assertContains(html, "Način plaćanja", "<th>Broj računa</th><td>160-0000000123456-78</td>",
                    "Pri uplati kao poziv na broj navedite broj fakture <strong>INV-2026-000057</strong>.");
        }

        @Test
        void noCyrillicEvenForAPlainSerbianLocale() {
            Customer plainSr = Samples.customer(Samples.rsCustomer(), "Zlatibor Trade d.o.o.",
                    Locale.forLanguageTag("sr"), "101234567");
            String plain = RENDERER.invoiceHtml(new InvoiceDocument(Samples.rsInvoice(), plainSr, Samples.rsSeller()));
            assertEquals(html, plain);
            assertFalse(html.codePoints().anyMatch(
                    cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.CYRILLIC));
        }
    }

    @Nested
    class Situations {

        @Test
        void otherLocalesGetEnglish() {
            Customer german = Samples.customer(Samples.usCustomer(), "Mānoa Coffee Roasters LLC",
                    Locale.GERMANY, null);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(Samples.usInvoice(), german, Samples.usSeller()));
            assertEquals(RENDERER.invoiceHtml(Samples.usDocument()), html);
        }

        @Test
        void userSuppliedTextIsEscaped() {
            String evil = "<script>alert(1)</script> & Co";
            Customer customer = new Customer("cus_5f2c9a71e0b34d86", evil, "x@example.com",
                    Samples.usCustomer().currency(), Samples.usCustomer().timeZone(), Locale.US, 30,
                    TaxRate.of("4.712"), "\"><img src=x onerror=alert(3)>",
                    new Address("1 <b>Main</b> St", null, "96822", "Honolulu & Co", "HI", "US"), Samples.CREATED, 1L);
            Invoice invoice = Samples.invoice("inv_2a7d5c0e91b84f36", "INV-2026-000123", customer, InvoiceStatus.OPEN,
                    List.of(Samples.line("<img src=x onerror=alert(2)>", LineKind.ADJUSTMENT, null, null, 1, 100, 100,
                            TaxRate.of("4.712"))),
                    0, 0, Samples.ISSUED, Samples.DEC_1);
            SellerProfile seller = Samples.usSeller();
            String html = RENDERER.invoiceHtml(new InvoiceDocument(invoice, customer, seller,
                    "INV-<i>7</i>"));

            assertContains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co",
                    "&lt;img src=x onerror=alert(2)&gt;", "1 &lt;b&gt;Main&lt;/b&gt; St", "Honolulu &amp; Co",
                    "<dd>\"&gt;&lt;img src=x onerror=alert(3)&gt;</dd>", "<strong>INV-&lt;i&gt;7&lt;/i&gt;</strong>");
            assertLacks(html, "<script", "<img", "<b>Main", "<i>7");

            CreditNote note = new CreditNote("cn_1", "CN-2026-000001", invoice.id(), customer.id(),
                    Money.of(100, "USD"), Money.of(5, "USD"), Disposition.CUSTOMER_BALANCE,
                    "Refund for \"<script>steal()</script>\" & more", LocalDate.of(2026, 11, 2), Samples.CREATED, 1L);
            String cn = RENDERER.creditNoteHtml(new CreditNoteDocument(note, invoice, customer, seller));
            assertContains(cn, "Refund for \"&lt;script&gt;steal()&lt;/script&gt;\" &amp; more",
                    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
            assertLacks(cn, "<script", "<img");
        }

        @Test
        void documentsAreSelfContainedAndPrintable() {
            List<String> documents = List.of(
                    RENDERER.invoiceHtml(Samples.usDocument()), RENDERER.invoiceHtml(Samples.jpDocument()),
                    RENDERER.invoiceHtml(Samples.krDocument()), RENDERER.invoiceHtml(Samples.rsDocument()),
                    RENDERER.creditNoteHtml(Samples.usCreditNoteDocument(Disposition.REDUCE_AMOUNT_DUE)));
            for (String html : documents) {
                assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\""));
                assertContains(html, "<meta charset=\"utf-8\">", "<style>", "@page { size: A4;", "@media print",
                        "text-align: right", "\"Noto Sans JP\"", "\"Hiragino Sans\"", "\"Yu Gothic\"",
                        "\"Malgun Gothic\"", "sans-serif");
                assertLacks(html, "<script", "<link", "<img", "src=", "url(", "@import", "http://", "null",
                        "{0}", "???");
                assertTrue(html.endsWith("</html>\n"));
            }
        }

        @Test
        void aCorrectedInvoiceSaysWhichInvoiceItReplaces() {
            String en = RENDERER.invoiceHtml(new InvoiceDocument(Samples.usInvoice(), Samples.usCustomer(),
                    Samples.usSeller(), "INV-2026-000118"));
            assertContains(en, "<p class=\"notice notice-info\">This invoice replaces invoice "
                    + "<strong>INV-2026-000118</strong>, which has been voided.</p>");
            String ja = RENDERER.invoiceHtml(new InvoiceDocument(Samples.jpInvoice(), Samples.jpCustomer(),
                    Samples.jpSeller(), "INV-2026-000470"));
            assertContains(ja, "本請求書は、無効となった請求書 <strong>INV-2026-000470</strong> に代わるものです。");
            String sr = RENDERER.invoiceHtml(new InvoiceDocument(Samples.rsInvoice(), Samples.rsCustomer(),
                    Samples.rsSeller(), "INV-2026-000050"));
            assertContains(sr, "Ova faktura zamenjuje fakturu <strong>INV-2026-000050</strong>, koja je stornirana.");
            assertLacks(RENDERER.invoiceHtml(Samples.usDocument()), "replaces");
        }

        @Test
        void aDraftShowsDraftInsteadOfANumberAndNoPaymentInstructions() {
            Invoice draft = Samples.withStatus(Samples.usInvoice(), InvoiceStatus.DRAFT, null, 0);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(draft, Samples.usCustomer(), Samples.usSeller()));
            assertContains(html, "<th>Invoice number</th><td>DRAFT</td>", "<title>Invoice DRAFT – ",
                    "<div class=\"stamp stamp-draft\">DRAFT</div>",
                    "<div class=\"watermark watermark-draft\" aria-hidden=\"true\">DRAFT</div>",
                    "Draft: this invoice has not been issued yet and is not payable.", "$654.62");
            assertLacks(html, "How to pay", "payment reference", "<a href", "null");

            Invoice jaDraft = Samples.withStatus(Samples.jpInvoice(), InvoiceStatus.DRAFT, null, 0);
            String ja = RENDERER.invoiceHtml(new InvoiceDocument(jaDraft, Samples.jpCustomer(), Samples.jpSeller()));
            assertContains(ja, "<th>請求書番号</th><td>下書き</td>");
        }

        @Test
        void aPaidInvoiceIsStampedPaid() {
            Invoice paid = Samples.withStatus(Samples.usInvoice(), InvoiceStatus.PAID, "INV-2026-000123", 65462);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(paid, Samples.usCustomer(), Samples.usSeller()));
            assertContains(html, "<div class=\"stamp stamp-paid\">PAID</div>",
                    "<div class=\"watermark watermark-paid\" aria-hidden=\"true\">PAID</div>",
                    "Paid in full. Thank you.", "<th>Already paid</th><td>-$654.62</td>",
                    "<th>Amount due</th><td>$0.00</td>");
            assertLacks(html, "How to pay", "<a href");
        }

        @Test
        void aVoidInvoiceIsStampedVoidAndAsksForNothing() {
            Invoice voided = Samples.withStatus(Samples.krInvoice(), InvoiceStatus.VOID, "INV-2026-000219", 0);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(voided, Samples.krCustomer(), Samples.krSeller()));
            assertContains(html, "<div class=\"stamp stamp-void\">무효</div>",
                    "<div class=\"watermark watermark-void\" aria-hidden=\"true\">무효</div>",
                    "이 청구서는 무효 처리되었습니다. 결제하실 필요가 없습니다.");
            assertLacks(html, "결제 방법", "<a href", "class=\"summary\"");
            String en = RENDERER.invoiceHtml(new InvoiceDocument(
                    Samples.withStatus(Samples.usInvoice(), InvoiceStatus.VOID, "INV-2026-000123", 0),
                    Samples.usCustomer(), Samples.usSeller()));
            assertContains(en, ">VOID</div>", "This invoice has been voided. Nothing is payable on it.");
        }

        @Test
        void anUncollectibleInvoiceIsStillPayableAndNotStamped() {
            Invoice written = Samples.withStatus(Samples.usInvoice(), InvoiceStatus.UNCOLLECTIBLE, "INV-2026-000123",
                    30000);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(written, Samples.usCustomer(), Samples.usSeller()));
            assertContains(html, "How to pay", "<strong>INV-2026-000123</strong>");
            assertLacks(html, "class=\"watermark", "ncollectible");
        }

        @Test
        void dueOnReceipt() {
            Invoice now = Samples.withDates(Samples.usInvoice(), Samples.ISSUED, Samples.ISSUED);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(now, Samples.usCustomer(), Samples.usSeller()));
            assertContains(html, "<th>Payment terms</th><td>Due on receipt</td>", "Due by November 1, 2026");
            Invoice ja = Samples.withDates(Samples.jpInvoice(), Samples.ISSUED, Samples.ISSUED);
            assertContains(RENDERER.invoiceHtml(new InvoiceDocument(ja, Samples.jpCustomer(), Samples.jpSeller())),
                    "<th>お支払条件</th><td>請求書受領後すみやかに</td>");
        }

        @Test
        void severalTaxRatesGetOneLineEachAndATotal() {
            Invoice mixed = Samples.invoice("inv_4c8e1f6a2d9b7035", "INV-2026-000482", Samples.jpCustomer(),
                    InvoiceStatus.OPEN, List.of(
                            Samples.line("ビジネスプラン", LineKind.SUBSCRIPTION, Samples.NOV_1, Samples.DEC_1, 1, 30000,
                                    30000, TaxRate.of("10")),
                            Samples.line("お茶（軽減税率対象）", LineKind.ADJUSTMENT, null, null, 2, 1500, 3000,
                                    TaxRate.of("8"))),
                    0, 0, Samples.ISSUED, Samples.DEC_1);
            String html = RENDERER.invoiceHtml(new InvoiceDocument(mixed, Samples.jpCustomer(), Samples.jpSeller()));
            assertContains(html, "<th>消費税 8%※（対象額 ¥3,000）</th><td>¥240</td>",
                    "<th>消費税 10%（対象額 ¥30,000）</th><td>¥3,000</td>", "<th>消費税合計</th><td>¥3,240</td>",
                    "<th>合計</th><td>¥36,240</td>");
            assertTrue(html.indexOf("消費税 8%") < html.indexOf("消費税 10%"), "rates in ascending order");
            // A one-off line has no service period.
            String oneOff = html.substring(html.indexOf("お茶（軽減税率対象）"));
            oneOff = oneOff.substring(0, oneOff.indexOf("</tr>"));
            assertLacks(oneOff, "対象期間");
        }

        @Test
        void aSellerWithAnIbanAndWithoutPaymentLink() {
            SellerProfile.BankAccount iban = new SellerProfile.BankAccount("Banca Intesa a.d. Beograd",
                    "Oblak Sistemi d.o.o.", "RS35160005080001234567", "DBDBRSBG", null, null);
            SellerProfile s = Samples.rsSeller();
            SellerProfile seller = new SellerProfile(s.name(), s.address(), s.email(), null, null, null, iban, null,
                    "INV", "CN");
            String html = RENDERER.invoiceHtml(new InvoiceDocument(Samples.rsInvoice(), Samples.rsCustomer(), seller));
            assertContains(html, "<th>IBAN</th><td>RS35160005080001234567</td>",
                    "<th>BIC (SWIFT)</th><td>DBDBRSBG</td>");
            assertLacks(html, "Broj računa", "Plaćanje putem interneta", "<dt>PIB</dt><dd>109876543</dd>");
        }

        @Test
        void documentsThatDoNotBelongTogetherAreRefused() {
            assertThrows(IllegalArgumentException.class,
                    () -> new InvoiceDocument(Samples.usInvoice(), Samples.jpCustomer(), Samples.usSeller(), null));
            assertThrows(IllegalArgumentException.class, () -> new CreditNoteDocument(
                    Samples.usCreditNote(Disposition.REDUCE_AMOUNT_DUE), Samples.jpInvoice(), Samples.usCustomer(),
                    Samples.usSeller()));
        }

        @Test
        void theRendererIsThreadSafe() throws Exception {
            String en = RENDERER.invoiceHtml(Samples.usDocument());
            String ja = RENDERER.invoiceHtml(Samples.jpDocument());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    boolean english = i % 2 == 0;
                    results.add(pool.submit(() -> english
                            ? en.equals(RENDERER.invoiceHtml(Samples.usDocument()))
                            : ja.equals(RENDERER.invoiceHtml(Samples.jpDocument()))));
                }
                for (Future<Boolean> result : results) {
                    assertTrue(result.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class CreditNotes {

        @Test
        void reducingTheAmountDueOfTheInvoice() {
            String html = RENDERER.creditNoteHtml(Samples.usCreditNoteDocument(Disposition.REDUCE_AMOUNT_DUE));
            assertContains(html, "<html lang=\"en\">", "<h1>Credit note</h1>",
                    "<th>Credit note number</th><td>CN-2026-000007</td>",
                    "<th>Issue date</th><td>November 15, 2026</td>",
                    "<th>Credited invoice</th><td>INV-2026-000123</td>",
                    "<th>Invoice date</th><td>November 1, 2026</td>", "<h2>Reason</h2>",
                    "Service credit for the outage of November 12, 2026 (4 hours of downtime)",
                    "<th>Credited amount (excl. tax)</th><td>$100.00</td>", "<th>Tax 4.712%</th><td>$4.71</td>",
                    "<th>Total credited</th><td>$104.71</td>",
                    "This credit note reduces the amount due on invoice <strong>INV-2026-000123</strong>.",
                    // seller and customer blocks as on the invoice
                    "Tidewater Analytics, Inc.", "548 Market Street", "<dt>Tax ID</dt><dd>84-2719305</dd>",
                    "billing@tidewater-analytics.com", "Mānoa Coffee Roasters LLC", "Honolulu, HI 96822",
                    "<dt>Your reference</dt><dd>PO-88123</dd>");
            assertLacks(html, "credit balance", "How to pay", "class=\"watermark");
        }

        @Test
        void addedToTheCustomersCreditBalance() {
            String html = RENDERER.creditNoteHtml(Samples.usCreditNoteDocument(Disposition.CUSTOMER_BALANCE));
            assertContains(html, "This amount has been added to your credit balance and will be applied to your "
                    + "next invoices.");
            assertLacks(html, "reduces the amount due");
        }

        @Test
        void inJapanese() {
            Invoice invoice = Samples.jpInvoice();
            CreditNote note = new CreditNote("cn_3b9d2f7a1c4e6a80", "CN-2026-000031", invoice.id(),
                    Samples.jpCustomer().id(), Money.of(3000, "JPY"), Money.of(300, "JPY"),
                    Disposition.CUSTOMER_BALANCE, "追加ストレージの二重請求分の返還", LocalDate.of(2026, 11, 10),
                    Samples.CREATED, 1L);
            String html = RENDERER.creditNoteHtml(new CreditNoteDocument(note, invoice, Samples.jpCustomer(),
                    Samples.jpSeller()));
            assertContains(html, "<html lang=\"ja\">", "<h1>クレジットノート</h1>",
                    "<th>クレジットノート番号</th><td>CN-2026-000031</td>", "<th>発行日</th><td>2026年11月10日</td>",
                    "<th>対象請求書</th><td>INV-2026-000481</td>", "追加ストレージの二重請求分の返還",
                    "<th>返還額（税抜）</th><td>¥3,000</td>", "<th>消費税 10%</th><td>¥300</td>",
                    "<th>返還額合計</th><td>¥3,300</td>",
                    "本クレジットノートの金額はお客様のクレジット残高に加算され、次回以降のご請求に充当されます。");
        }

        @Test
        void inSerbian() {
            Invoice invoice = Samples.rsInvoice();
            CreditNote note = new CreditNote("cn_8a2c4e6f0b1d3f57", "CN-2026-000004", invoice.id(),
                    Samples.rsCustomer().id(), Money.of(180000, "RSD"), Money.of(36000, "RSD"),
                    Disposition.REDUCE_AMOUNT_DUE, "Dodatni prostor nije aktiviran.", LocalDate.of(2026, 11, 5),
                    Samples.CREATED, 1L);
            String html = RENDERER.creditNoteHtml(new CreditNoteDocument(note, invoice, Samples.rsCustomer(),
                    Samples.rsSeller()));
            assertContains(html, "<h1>Knjižno odobrenje</h1>", "<th>Po fakturi</th><td>INV-2026-000057</td>",
                    "<th>PDV 20%</th><td>360,00\u00A0RSD</td>", "<th>Ukupno odobreno</th><td>2.160,00\u00A0RSD</td>",
                    "Ovo knjižno odobrenje umanjuje iznos za uplatu po fakturi <strong>INV-2026-000057</strong>.");
        }
    }
}
