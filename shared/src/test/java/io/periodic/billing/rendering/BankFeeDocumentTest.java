package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import org.junit.jupiter.api.Test;

/**
 * A paid invoice with a bank fee written off (docs/bank-fees.md) shows the fee as its own line between what was paid
 * and the amount due (zero), in each document language; an invoice without one has no such line.
 */
class BankFeeDocumentTest {
    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    private static String paidWithFee(Invoice open, Customer customer, SellerProfile seller, long fee) {
        Invoice paid = Samples.withStatus(open, InvoiceStatus.PAID, "INV-2026-000777", open.total().minor() - fee)
                .toBuilder().writtenOff(Money.of(fee, open.currency())).build();
        return RENDERER.invoiceHtml(new InvoiceDocument(paid, customer, seller));
    }

    private static void assertContains(String html, String... expected) {
        for (String e : expected) {
            assertTrue(html.contains(e), "missing " + e + " in\n" + html);
        }
    }

    @Test
    void theFeeWrittenOffIsPrintedInEachLanguage() {
        assertContains(paidWithFee(Samples.jpInvoice(), Samples.jpCustomer(), Samples.jpSeller(), 440),
                "<th>振込手数料（当社負担）</th><td>-¥440</td>", "支払済");
        assertContains(paidWithFee(Samples.usInvoice(), Samples.usCustomer(), Samples.usSeller(), 125),
                "<th>Bank transfer fee (borne by us)</th><td>-$1.25</td>", "<th>Amount due</th><td>$0.00</td>");
        assertContains(paidWithFee(Samples.krInvoice(), Samples.krCustomer(), Samples.krSeller(), 500),
                "<th>송금 수수료 (당사 부담)</th><td>");
        assertContains(paidWithFee(Samples.rsInvoice(), Samples.rsCustomer(), Samples.rsSeller(), 15_000),
                "<th>Bankarska provizija za prenos (na naš teret)</th><td>");
    }

    @Test
    void anInvoiceWithoutAWriteOffHasNoFeeLine() {
        Invoice paid = Samples.withStatus(Samples.usInvoice(), InvoiceStatus.PAID, "INV-2026-000123",
                Samples.usInvoice().total().minor());
        String html = RENDERER.invoiceHtml(new InvoiceDocument(paid, Samples.usCustomer(), Samples.usSeller()));
        assertFalse(html.contains("Bank transfer fee"), html);
    }
}
