package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.ports.Email;
import org.junit.jupiter.api.Test;

class InvoiceEmailsTest {

    private static final String LINK = "https://docs.example.com/invoices/inv_1.html";

    @Test
    void english() {
        Email mail = InvoiceEmails.invoiceIssued(Samples.usInvoice(), Samples.usCustomer(), Samples.usSeller(), LINK);
        assertEquals("invoice.finalized:inv_2a7d5c0e91b84f36", mail.key());
        assertEquals("accounts@manoacoffee.com", mail.to());
        assertEquals("Invoice INV-2026-000123 from Tidewater Analytics, Inc.", mail.subject());
        assertEquals("""
                Hello Mānoa Coffee Roasters LLC,

                Your invoice INV-2026-000123 from Tidewater Analytics, Inc. is ready.

                Amount due: $354.62
                Due date: December 1, 2026

                View or download the invoice: https://docs.example.com/invoices/inv_1.html
                Pay online: https://pay.tidewater-analytics.com/invoices/INV-2026-000123

                Please quote invoice number INV-2026-000123 as the payment reference.

                Thank you for your business.

                Tidewater Analytics, Inc.
                billing@tidewater-analytics.com
                """, mail.textBody());
        assertNull(mail.htmlBody());
    }

    @Test
    void japanese() {
        Email mail = InvoiceEmails.invoiceIssued(Samples.jpInvoice(), Samples.jpCustomer(), Samples.jpSeller(), LINK);
        assertEquals("【株式会社クラウドノート】請求書（INV-2026-000481）発行のお知らせ", mail.subject());
        assertTrue(mail.textBody().startsWith("株式会社みなと設計事務所\nご担当者様\n\nいつもお世話になっております。"),
                mail.textBody());
        for (String expected : new String[] {"ご請求金額：¥25,458", "お支払期限：2026年12月1日",
                "請求書の確認・ダウンロード：" + LINK, "請求書番号「INV-2026-000481」"}) {
            assertTrue(mail.textBody().contains(expected), expected);
        }
        assertTrue(!mail.textBody().contains("オンライン"), "this seller has no payment link");
    }

    @Test
    void koreanAndSerbian() {
        Email ko = InvoiceEmails.invoiceIssued(Samples.krInvoice(), Samples.krCustomer(), Samples.krSeller(), LINK);
        assertEquals("[주식회사 하늘소프트] 청구서(INV-2026-000219) 발행 안내", ko.subject());
        assertTrue(ko.textBody().contains("청구 금액: ₩276,774\n결제 기한: 2026년 11월 15일"), ko.textBody());
        Email sr = InvoiceEmails.invoiceIssued(Samples.rsInvoice(), Samples.rsCustomer(), Samples.rsSeller(), LINK);
        assertEquals("Faktura INV-2026-000057 – Oblak Sistemi d.o.o.", sr.subject());
        assertTrue(sr.textBody().startsWith("Poštovani,\n\nIzdali smo vam fakturu INV-2026-000057."), sr.textBody());
        assertTrue(sr.textBody().contains("Za uplatu: 23.558,71\u00A0RSD\nRok plaćanja: 16. novembar 2026."));
    }

    @Test
    void aDraftIsNotMailed() {
        assertThrows(IllegalArgumentException.class, () -> InvoiceEmails.invoiceIssued(
                Samples.withStatus(Samples.usInvoice(), InvoiceStatus.DRAFT, null, 0), Samples.usCustomer(),
                Samples.usSeller(), LINK));
    }
}
