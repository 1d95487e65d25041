package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.Fraction;
import io.periodic.billing.model.CreditNote;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.RecipientKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each language's conventions on the documents (docs/documents.md): how the customer is addressed, which reference
 * is printed, what a credit note calls its recipient, the supply rows the law asks for, and the factor of a
 * prorated line.
 */
class DocumentConventionsTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Test
    void japaneseAddressesACompanyWithOnchuAndAPersonWithSama() {
        String company = RENDERER.invoiceHtml(Samples.jpDocument());
        assertContains(company, "株式会社みなと設計事務所 <span class=\"honorific\">御中</span>");
        String person = RENDERER.invoiceHtml(Samples.jpPersonDocument());
        assertContains(person, "山田 花子 <span class=\"honorific\">様</span>");
        assertFalse(person.contains("御中"), "a person is never 御中");
    }

    @Test
    void aCustomerThatDoesNotSayIsAddressedAsACompany() {
        Customer unsaid = Samples.jpCustomer().toBuilder().recipientKind(null).build();
        String html = RENDERER.invoiceHtml(new InvoiceDocument(Samples.jpInvoice(), unsaid, Samples.jpSeller()));
        assertContains(html, "<span class=\"honorific\">御中</span>");
    }

    @Test
    void koreanUsesGwijungAndGwihaEnglishAndSerbianNone() {
        assertContains(RENDERER.invoiceHtml(Samples.krDocument()), "(주)바다물류 <span class=\"honorific\">귀중</span>");
        Customer person = Samples.krCustomer().toBuilder().name("김민준").recipientKind(RecipientKind.PERSON).build();
        assertContains(RENDERER.invoiceHtml(new InvoiceDocument(Samples.krInvoice(), person, Samples.krSeller())),
                "김민준 <span class=\"honorific\">귀하</span>");
        for (InvoiceDocument doc : List.of(Samples.usDocument(), Samples.rsDocument())) {
            assertFalse(RENDERER.invoiceHtml(doc).contains("class=\"honorific\""));
        }
    }

    @Test
    void theCustomersOwnReferenceIsPrintedAndOurIdNever() {
        List<InvoiceDocument> docs = List.of(Samples.usDocument(), Samples.jpDocument(), Samples.krDocument(),
                Samples.rsDocument(), Samples.jpPersonDocument());
        for (InvoiceDocument doc : docs) {
            String html = RENDERER.invoiceHtml(doc);
            assertFalse(html.contains(doc.customer().id()), "the internal id is printed: " + doc.customer().id());
            if (doc.customer().customerReference() != null) {
                assertContains(html, "<dd>" + doc.customer().customerReference() + "</dd>");
            }
        }
        assertContains(RENDERER.invoiceHtml(Samples.usDocument()), "<dt>Your reference</dt><dd>PO-88123</dd>");
        // Without a reference there is no reference row at all (not an empty one).
        String kr = RENDERER.invoiceHtml(Samples.krDocument());
        assertFalse(kr.contains("고객 참조번호"), "a customer without a reference gets no row");
        // externalRef is the seller's own CRM id: never printed.
        Customer withCrm = Samples.usCustomer().toBuilder().externalRef("crm-00412").build();
        assertFalse(RENDERER.invoiceHtml(new InvoiceDocument(Samples.usInvoice(), withCrm, Samples.usSeller()))
                .contains("crm-00412"));
    }

    @Test
    void aCreditNoteSaysCreditToInEveryLanguage() {
        List<String[]> cases = List.of(
                new String[] {RENDERER.creditNoteHtml(Samples.usCreditNoteDocument(
                        CreditNote.Disposition.REDUCE_AMOUNT_DUE)), "Credit to", "Bill to"},
                new String[] {RENDERER.creditNoteHtml(Samples.jpCreditNoteDocument()), "返還先", "ご請求先"},
                new String[] {RENDERER.creditNoteHtml(Samples.krCreditNoteDocument()), "크레딧 대상", "청구처"},
                new String[] {RENDERER.creditNoteHtml(Samples.rsCreditNoteDocument()), "U korist", "Kupac"});
        for (String[] c : cases) {
            assertContains(c[0], "<div class=\"label\">" + c[1] + "</div>");
            assertFalse(c[0].contains("<div class=\"label\">" + c[2] + "</div>"), c[2] + " on a credit note");
        }
        // The invoice keeps "Bill to".
        assertContains(RENDERER.invoiceHtml(Samples.usDocument()), "<div class=\"label\">Bill to</div>");
    }

    @Test
    void serbianShowsThePlaceOfIssueThePeriodOfSupplyAndTheCompanyNumbers() {
        String html = RENDERER.invoiceHtml(Samples.rsDocument());
        assertContains(html, "<tr><th>Mesto izdavanja</th><td>Novi Beograd</td></tr>");
        assertContains(html, "<tr><th>Period prometa</th><td>");
        assertContains(html, "<dt>PIB</dt><dd>109876543</dd>");
        assertContains(html, "<dt>MB</dt><dd>21734598</dd>");
        assertContains(html, "<dt>MB</dt><dd>08123456</dd>");
        assertContains(RENDERER.creditNoteHtml(Samples.rsCreditNoteDocument()),
                "<tr><th>Mesto izdavanja</th><td>Novi Beograd</td></tr>");
    }

    @Test
    void anInvoiceWithoutAPeriodShowsItsDateOfSupplyInJapaneseAndSerbian() {
        Invoice jp = withoutPeriod(Samples.jpInvoice());
        assertContains(RENDERER.invoiceHtml(new InvoiceDocument(jp, Samples.jpCustomer(), Samples.jpSeller())),
                "<tr><th>取引年月日</th><td>2026年11月1日</td></tr>");
        Invoice rs = withoutPeriod(Samples.rsInvoice());
        assertContains(RENDERER.invoiceHtml(new InvoiceDocument(rs, Samples.rsCustomer(), Samples.rsSeller())),
                "<tr><th>Datum prometa</th><td>");
        String jpWithPeriod = RENDERER.invoiceHtml(Samples.jpDocument());
        assertContains(jpWithPeriod, "<tr><th>取引期間</th><td>2026年11月1日～2026年11月30日</td></tr>");
        assertFalse(jpWithPeriod.contains("取引年月日"), "a period's invoice shows the period instead");
        Invoice us = withoutPeriod(Samples.usInvoice());
        assertFalse(RENDERER.invoiceHtml(new InvoiceDocument(us, Samples.usCustomer(), Samples.usSeller()))
                .contains("Date of supply"), "English keeps its own conventions");
    }

    @Test
    void aProratedLineShowsTheFactorItCarries() {
        assertContains(RENDERER.invoiceHtml(Samples.usDocument()),
                "<div class=\"factor\">12 × $45.00 × 11/31 days</div>");
        assertContains(RENDERER.invoiceHtml(Samples.jpDocument()), "<div class=\"factor\">1 × ¥5,000 × 7日/31日</div>");
        assertContains(RENDERER.invoiceHtml(Samples.krDocument()),
                "<div class=\"factor\">10 × ₩15,000 × 10일/31일</div>");
        assertContains(RENDERER.invoiceHtml(Samples.rsDocument()),
                "<div class=\"factor\">8 × 1.200,00\u00a0RSD × 7/31 dana</div>");

        // The factor is the line's data, not recomputed from its dates: another factor prints as it is.
        Invoice us = Samples.usInvoice();
        List<InvoiceLine> lines = new ArrayList<>(us.lines());
        InvoiceLine growth = lines.get(1);
        lines.set(1, new InvoiceLine(growth.description(), growth.kind(), growth.planId(), growth.periodStart(),
                growth.periodEnd(), growth.quantity(), growth.unitAmount(), growth.amount(), growth.taxRate(),
                growth.tax(), null, new Fraction(10, 30)));
        // A line stored before factors were recorded: the "Prorated" tag, no factor.
        InvoiceLine starter = lines.get(2);
        lines.set(2, new InvoiceLine(starter.description(), starter.kind(), starter.planId(), starter.periodStart(),
                starter.periodEnd(), starter.quantity(), starter.unitAmount(), starter.amount(), starter.taxRate(),
                starter.tax(), null, null));
        String html = RENDERER.invoiceHtml(new InvoiceDocument(us.toBuilder().lines(lines).build(),
                Samples.usCustomer(), Samples.usSeller()));
        assertContains(html, "12 × $45.00 × 10/30 days");
        assertFalse(html.contains("12 × $25.00"), "no factor on a line that carries none");
        assertFalse(html.contains("<div class=\"factor\">12 × $45.00 × 11/31"));
        // A line billed in full has no factor.
        assertFalse(html.contains("× 1/1"));
    }

    @Test
    void theProratedBadgeNeverWraps() {
        String html = RENDERER.invoiceHtml(Samples.rsDocument());
        assertContains(html, "<span class=\"tag\">Srazmerni obračun</span>");
        assertTrue(html.matches("(?s).*\\.tag \\{[^}]*white-space: nowrap;[^}]*}.*"), ".tag must not wrap");
    }

    private static Invoice withoutPeriod(Invoice invoice) {
        return invoice.toBuilder().periodStart(null).periodEnd(null).build();
    }

    private static void assertContains(String html, String expected) {
        assertTrue(html.contains(expected), "missing: " + expected);
    }
}
