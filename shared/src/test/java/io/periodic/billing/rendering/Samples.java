package io.periodic.billing.rendering;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.invoicing.Corrections;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.CreditBalance;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.RecipientKind;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.SellerProfile.BankAccount;
import io.periodic.billing.model.Sequence;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxBehavior;
import io.periodic.billing.money.TaxCalculator;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Realistic sample documents (also the golden files shown to people): one seller and customer per language, with
 * line taxes computed by the real {@link TaxCalculator} (rounded per invoice per rate).
 */
final class Samples {

    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    static final LocalDate ISSUED = LocalDate.of(2026, 11, 1);
    static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    static final LocalDate DEC_1 = LocalDate.of(2026, 12, 1);

    private Samples() {
    }

    // ---------------------------------------------------------------- English: USD, Honolulu, Hawaii GET 4.712 %

    static SellerProfile usSeller() {
        return new SellerProfile("Tidewater Analytics, Inc.",
                new Address("548 Market Street", "Suite 3100", "94104", "San Francisco", "CA", "US"),
                "billing@tidewater-analytics.com", "+1 415 555 0142", "tidewater-analytics.com", "84-2719305",
                new BankAccount("JPMorgan Chase Bank, N.A.", "Tidewater Analytics, Inc.", null, "CHASUS33",
                        "000123456789", "ABA 021000021"),
                "https://pay.tidewater-analytics.com/invoices/{number}", "INV", "CN");
    }

    static Customer usCustomer() {
        return new Customer("cus_5f2c9a71e0b34d86", "Mānoa Coffee Roasters LLC", "accounts@manoacoffee.com",
                Currencies.of("USD"), ZoneId.of("Pacific/Honolulu"), Locale.forLanguageTag("en-US"), 30,
                TaxRate.of("4.712"), null,
                new Address("2752 Woodlawn Drive", "Suite 5-201", "96822", "Honolulu", "HI", "US"), CREATED, 1L)
                .toBuilder().customerReference("PO-88123").build();
    }

    /** Upgrade from Starter to Growth on October 21: a proration charge and credit, partially paid. */
    static Invoice usInvoice() {
        TaxRate get = TaxRate.of("4.712");
        LocalDate changed = LocalDate.of(2026, 10, 21);
        return invoice("inv_2a7d5c0e91b84f36", "INV-2026-000123", usCustomer(), InvoiceStatus.OPEN,
                List.of(
                        line("Growth plan (per seat)", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 12, 4500, 54000, get),
                        prorated("Growth plan", LineKind.PRORATION, changed, NOV_1, 12, 4500, 19161, get, 11, 31),
                        prorated("Starter plan", LineKind.PRORATION, changed, NOV_1, 12, 2500, -10645, get, 11, 31)),
                0, 30000, ISSUED, DEC_1);
    }

    static InvoiceDocument usDocument() {
        return new InvoiceDocument(usInvoice(), usCustomer(), usSeller(), null);
    }

    static CreditNote usCreditNote(CreditNote.Disposition disposition) {
        Currency usd = Currencies.of("USD");
        return new CreditNote("cn_7e3f0a2b5c9d4e18", "CN-2026-000007", "inv_2a7d5c0e91b84f36",
                "cus_5f2c9a71e0b34d86", Money.of(10000, usd), Money.of(471, usd), disposition,
                "Service credit for the outage of November 12, 2026 (4 hours of downtime), under section 4.2 of "
                        + "the service level agreement.",
                LocalDate.of(2026, 11, 15), CREATED, 1L);
    }

    static CreditNoteDocument usCreditNoteDocument(CreditNote.Disposition disposition) {
        return new CreditNoteDocument(usCreditNote(disposition), usInvoice(), usCustomer(), usSeller());
    }

    /** A credit note of {@code invoice} for {@code subtotalMinor} plus tax at the invoice's single rate. */
    static CreditNote creditNote(Invoice invoice, String id, String number, long subtotalMinor, String reason,
            CreditNote.Disposition disposition) {
        Currency currency = invoice.currency();
        TaxRate rate = invoice.lines().getFirst().taxRate();
        Money subtotal = Money.of(subtotalMinor, currency);
        Money tax = TaxCalculator.calculate(currency, List.of(new TaxCalculator.Line(subtotal, rate,
                TaxBehavior.EXCLUSIVE))).lines().getFirst().tax();
        return new CreditNote(id, number, invoice.id(), invoice.customerId(), subtotal, tax, disposition, reason,
                LocalDate.of(2026, 11, 15), CREATED, 1L);
    }

    static CreditNoteDocument jpCreditNoteDocument() {
        return new CreditNoteDocument(creditNote(jpInvoice(), "cn_3b9e2d7f1a6c4085", "CN-2026-000031", 3000,
                "11月12日の障害（4時間）に伴う、サービスレベル契約第4.2条に基づくサービスクレジット", CreditNote.Disposition.REDUCE_AMOUNT_DUE),
                jpInvoice(), jpCustomer(), jpSeller());
    }

    static CreditNoteDocument krCreditNoteDocument() {
        return new CreditNoteDocument(creditNote(krInvoice(), "cn_8c1d4f9e2b7a3056", "CN-2026-000012", 25000,
                "11월 12일 서비스 장애(4시간)에 따른 서비스 수준 계약 제4.2조의 크레딧", CreditNote.Disposition.CUSTOMER_BALANCE),
                krInvoice(), krCustomer(), krSeller());
    }

    static CreditNoteDocument rsCreditNoteDocument() {
        return new CreditNoteDocument(creditNote(rsInvoice(), "cn_6f0a3c8e5d1b2947", "CN-2026-000004", 250000,
                "Umanjenje zbog prekida usluge 12. novembra 2026. (4 sata), po tački 4.2 ugovora o nivou usluge.",
                CreditNote.Disposition.REDUCE_AMOUNT_DUE), rsInvoice(), rsCustomer(), rsSeller());
    }

    // ---------------------------------------------------------------- Japanese: JPY, Tokyo, JCT 10 %

    static SellerProfile jpSeller() {
        return new SellerProfile("株式会社クラウドノート",
                new Address("神南1-2-3", "神南スクエア 8階", "150-0041", "渋谷区", "東京都", "JP"),
                "billing@cloudnote.co.jp", "03-6555-0142", "cloudnote.co.jp", "T2011001234567",
                new BankAccount("三井住友銀行 渋谷駅前支店", "カ）クラウドノート", null, null, "普通 1234567",
                        "0009-234"),
                null, "INV", "CN");
    }

    static Customer jpCustomer() {
        return new Customer("cus_8b41d7e2a9c05f13", "株式会社みなと設計事務所", "keiri@minato-sekkei.co.jp",
                Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"), Locale.forLanguageTag("ja-JP"), 30, TaxRate.of("10"),
                "T3010001098765",
                new Address("神田小川町2-5-11", "小川町ビル 4階", "101-0052", "千代田区", "東京都", "JP"), CREATED, 1L)
                .toBuilder().recipientKind(RecipientKind.COMPANY).customerReference("K-20417").build();
    }

    /** A sole proprietor (個人事業主) addressed as a person: 様 instead of 御中; no reference of its own. */
    static Customer jpPersonCustomer() {
        return jpCustomer().toBuilder().name("山田 花子").recipientKind(RecipientKind.PERSON).customerReference(null)
                .build();
    }

    static InvoiceDocument jpPersonDocument() {
        return new InvoiceDocument(jpInvoice(), jpPersonCustomer(), jpSeller(), null);
    }

    /** Eight seats, extra storage, and a credit for cancelling priority support on October 25; credit applied. */
    static Invoice jpInvoice() {
        TaxRate jct = TaxRate.of("10");
        return invoice("inv_4c8e1f6a2d9b7035", "INV-2026-000481", jpCustomer(), InvoiceStatus.OPEN,
                List.of(
                        line("ビジネスプラン（ユーザー単位）", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 8, 3000, 24000, jct),
                        line("追加ストレージ 100GB", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 2, 1500, 3000, jct),
                        prorated("優先サポート（解約）", LineKind.PRORATION, LocalDate.of(2026, 10, 25), NOV_1, 1,
                                5000, -1129, jct, 7, 31)),
                3000, 0, ISSUED, DEC_1);
    }

    static InvoiceDocument jpDocument() {
        return new InvoiceDocument(jpInvoice(), jpCustomer(), jpSeller(), null);
    }

    // ---------------------------------------------------------------- Japanese, two rates: 10 % and reduced 8 %

    /**
     * The Japanese customer's November invoice with two reduced-rate items next to the plan: office coffee (food,
     * 8 %) and a trade paper published twice a week on subscription (8 %). Tax is rounded once per rate: the 8 %
     * lines' exact taxes 366.48 and 168.48 round to 535 together (per line they would give 534).
     */
    static Invoice jpMultiRateInvoice(Customer customer) {
        TaxRate standard = TaxRate.of("10");
        TaxRate reduced = TaxRate.of("8");
        return invoice("inv_6e1a3c9d0b7f4528", "INV-2026-000502", customer, InvoiceStatus.OPEN,
                List.of(
                        line("ビジネスプラン（ユーザー単位）", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 8, 3000, 24000, standard),
                        line("オフィス用コーヒー豆 定期便（1kg）", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 3, 1527, 4581,
                                reduced),
                        line("業界ニュース紙 定期購読（週2回発行）", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 1, 2106, 2106,
                                reduced)),
                0, 0, ISSUED, DEC_1);
    }

    /** The two-rate invoice for the Japanese customer reading in {@code languageTag}. */
    static InvoiceDocument jpMultiRateDocument(String languageTag) {
        Customer c = customer(jpCustomer(), jpCustomer().name(), Locale.forLanguageTag(languageTag),
                jpCustomer().taxId());
        return new InvoiceDocument(jpMultiRateInvoice(c), c, jpSeller(), null);
    }

    /**
     * A partial credit of ¥10,000 (net) of the two-rate invoice, split over its rates by the domain's rule
     * ({@code Corrections.creditNote}): ¥2,180 at 8 % (¥174) and ¥7,820 at 10 % (¥782).
     */
    static CreditNoteDocument jpMultiRateCreditNoteDocument(String languageTag) {
        Customer c = customer(jpCustomer(), jpCustomer().name(), Locale.forLanguageTag(languageTag),
                jpCustomer().taxId());
        Invoice invoice = jpMultiRateInvoice(c);
        CreditNote note = Corrections.creditNote("cn_5d2a8f1c7e3b9046", invoice, Money.of(10000, "JPY"),
                "11月分の一部解約（2026年11月20日合意）に伴う返還", CreditNote.Disposition.REDUCE_AMOUNT_DUE, List.of(),
                new Sequence("CN-2026", 40, 1L), CreditBalance.empty(c.id(), Currencies.of("JPY")),
                LocalDate.of(2026, 11, 20), CREATED).note();
        return new CreditNoteDocument(note, invoice, c, jpSeller());
    }

    // ---------------------------------------------------------------- Korean: KRW, Busan, VAT 10 %

    static SellerProfile krSeller() {
        return new SellerProfile("주식회사 하늘소프트",
                new Address("테헤란로 311", "8층", "06151", "강남구", "서울특별시", "KR"),
                "billing@haneulsoft.co.kr", "02-555-0142", "haneulsoft.co.kr", "214-87-01234",
                new BankAccount("신한은행", "주식회사 하늘소프트", null, null, "140-013-456789", null),
                "https://pay.haneulsoft.co.kr/invoices/{number}", "INV", "CN");
    }

    static Customer krCustomer() {
        return new Customer("cus_c37e19a4f8d2b650", "(주)바다물류", "finance@badalogis.co.kr", Currencies.of("KRW"),
                ZoneId.of("Asia/Seoul"), Locale.forLanguageTag("ko-KR"), 14, TaxRate.of("10"), "605-81-12345",
                new Address("센텀중앙로 97", "15층", "48058", "해운대구", "부산광역시", "KR"), CREATED, 1L);
    }

    /** Upgrade from Basic to Team on October 22: the unused Basic days are credited. */
    static Invoice krInvoice() {
        TaxRate vat = TaxRate.of("10");
        return invoice("inv_9d2b6e4f1a8c3057", "INV-2026-000219", krCustomer(), InvoiceStatus.OPEN,
                List.of(
                        line("팀 플랜 (사용자당)", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 10, 25000, 250000, vat),
                        line("API 추가 호출 패키지 (10만 건)", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 1, 50000, 50000, vat),
                        prorated("베이직 플랜", LineKind.PRORATION, LocalDate.of(2026, 10, 22), NOV_1, 10, 15000,
                                -48387, vat, 10, 31)),
                0, 0, ISSUED, LocalDate.of(2026, 11, 15));
    }

    static InvoiceDocument krDocument() {
        return new InvoiceDocument(krInvoice(), krCustomer(), krSeller(), null);
    }

    // ---------------------------------------------------------------- Serbian (Latin): RSD, Novi Sad, PDV 20 %

    static SellerProfile rsSeller() {
        return new SellerProfile("Oblak Sistemi d.o.o.",
                new Address("Bulevar Mihajla Pupina 10b", null, "11070", "Novi Beograd", null, "RS"),
                "racunovodstvo@oblaksistemi.rs", "+381 11 555 0142", "oblaksistemi.rs", "109876543",
                new BankAccount("Banca Intesa a.d. Beograd", "Oblak Sistemi d.o.o.", null, null,
                        "160-0000000123456-78", null),
                null, "INV", "CN", 1, Map.of(), null, "21734598");
    }

    static Customer rsCustomer() {
        return new Customer("cus_19e4a6c2d7b83f05", "Zlatibor Trade d.o.o.", "finansije@zlatibortrade.rs",
                Currencies.of("RSD"), ZoneId.of("Europe/Belgrade"), Locale.forLanguageTag("sr-Latn-RS"), 15,
                TaxRate.of("20"), "101234567", new Address("Dunavska 12", null, "21000", "Novi Sad", null, "RS"),
                CREATED, 1L).toBuilder().companyNumber("08123456").customerReference("Narudžbenica 117/2026").build();
    }

    /** Upgrade from Osnovni to Poslovni on October 25: the unused Osnovni days are credited. */
    static Invoice rsInvoice() {
        TaxRate pdv = TaxRate.of("20");
        return invoice("inv_5a0c7e3d9b2f4168", "INV-2026-000057", rsCustomer(), InvoiceStatus.OPEN,
                List.of(
                        line("Poslovni paket (po korisniku)", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 8, 250000, 2000000, pdv),
                        line("Dodatni prostor za skladištenje 200 GB", LineKind.SUBSCRIPTION, NOV_1, DEC_1, 1, 180000,
                                180000, pdv),
                        prorated("Paket Osnovni", LineKind.PRORATION, LocalDate.of(2026, 10, 25),
                                NOV_1, 8, 120000, -216774, pdv, 7, 31)),
                0, 0, ISSUED, LocalDate.of(2026, 11, 16));
    }

    static InvoiceDocument rsDocument() {
        return new InvoiceDocument(rsInvoice(), rsCustomer(), rsSeller(), null);
    }

    // ---------------------------------------------------------------- helpers

    /** A line before tax, in minor units of the invoice's currency; {@link #invoice} computes its tax. */
    record Draft(String description, LineKind kind, LocalDate start, LocalDate endExclusive, long quantity,
            long unitMinor, long amountMinor, TaxRate rate, Fraction proration) {
    }

    static Draft line(String description, LineKind kind, LocalDate start, LocalDate endExclusive, long quantity,
            long unitMinor, long amountMinor, TaxRate rate) {
        return new Draft(description, kind, start, endExclusive, quantity, unitMinor, amountMinor, rate, null);
    }

    /** A prorated line: its amount is quantity × unit × days/daysInPeriod, rounded once (checked here). */
    static Draft prorated(String description, LineKind kind, LocalDate start, LocalDate endExclusive, long quantity,
            long unitMinor, long amountMinor, TaxRate rate, long days, long daysInPeriod) {
        Fraction factor = new Fraction(days, daysInPeriod);
        long expected = factor.applyTo(Money.of(unitMinor * quantity, "JPY")).minor();
        if (Math.abs(expected) != Math.abs(amountMinor)) {
            throw new IllegalArgumentException(description + ": " + quantity + " × " + unitMinor + " × " + factor
                    + " is " + expected + ", not " + amountMinor);
        }
        return new Draft(description, kind, start, endExclusive, quantity, unitMinor, amountMinor, rate, factor);
    }

    /** An invoice in the customer's currency with each line's tax computed per invoice per rate (tax-exclusive). */
    static Invoice invoice(String id, String number, Customer customer, InvoiceStatus status, List<Draft> drafts,
            long creditAppliedMinor, long amountPaidMinor, LocalDate issued, LocalDate due) {
        Currency currency = customer.currency();
        TaxCalculator.Result taxes = TaxCalculator.calculate(currency, drafts.stream()
                .map(d -> new TaxCalculator.Line(Money.of(d.amountMinor(), currency), d.rate(), TaxBehavior.EXCLUSIVE))
                .toList());
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            lines.add(new InvoiceLine(d.description(), d.kind(), null, d.start(), d.endExclusive(), d.quantity(),
                    Money.of(d.unitMinor(), currency), taxes.lines().get(i).net(), d.rate(), taxes.lines().get(i).tax(),
                    null, d.proration()));
        }
        return new Invoice(id, number, customer.id(), "sub_" + id.substring(4), currency, status, lines,
                Money.of(creditAppliedMinor, currency), Money.of(amountPaidMinor, currency), issued, due, NOV_1, DEC_1,
                null, CREATED, status == InvoiceStatus.DRAFT ? null : CREATED, 1L);
    }

    /** The same invoice with another status and number (e.g. a draft without number, or paid). */
    static Invoice withStatus(Invoice i, InvoiceStatus status, String number, long amountPaidMinor) {
        return new Invoice(i.id(), number, i.customerId(), i.subscriptionId(), i.currency(), status, i.lines(),
                i.creditApplied(), Money.of(amountPaidMinor, i.currency()), i.issueDate(), i.dueDate(), i.periodStart(),
                i.periodEnd(), i.correctionOf(), i.createdAt(), i.finalizedAt(), i.version());
    }

    /** The same invoice issued and due on other dates. */
    static Invoice withDates(Invoice i, LocalDate issued, LocalDate due) {
        return new Invoice(i.id(), i.number(), i.customerId(), i.subscriptionId(), i.currency(), i.status(), i.lines(),
                i.creditApplied(), i.amountPaid(), issued, due, i.periodStart(), i.periodEnd(), i.correctionOf(),
                i.createdAt(), i.finalizedAt(), i.version());
    }

    /** The same customer with another name, locale or tax id. */
    static Customer customer(Customer c, String name, Locale locale, String taxId) {
        return c.toBuilder().name(name).locale(locale).taxId(taxId).build();
    }
}
