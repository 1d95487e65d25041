package io.periodic.billing.invoicing;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.TaxRate;

/**
 * Japan's qualified invoice (適格請求書, 消費税法第57条の4第1項): what a seller in Japan must have before it issues a
 * taxed invoice, and which lines are at the reduced rate (軽減税率) and carry the ※ marker (docs/tax.md).
 */
public final class QualifiedInvoices {

    /** Japan's reduced consumption-tax rate (food and beverages, newspapers): 8 %. */
    public static final TaxRate JP_REDUCED = TaxRate.of("8");

    private QualifiedInvoices() {
    }

    /** Whether the seller issues Japanese qualified invoices: its address is in Japan. */
    public static boolean isJapanese(SellerProfile seller) {
        return "JP".equals(seller.address().country());
    }

    /** Whether a line at {@code rate} is a reduced-rate item on this seller's documents (marked ※). */
    public static boolean isReducedRate(SellerProfile seller, TaxRate rate) {
        return isJapanese(seller) && rate.compareTo(JP_REDUCED) == 0;
    }

    /**
     * Why this draft must not be issued by this seller, or null when it may: a seller in Japan billing yen with
     * consumption tax must print a valid registration number (登録番号: T, 13 digits, NTA check digit); without one
     * the document is not a qualified invoice and the customer could not deduct the tax.
     */
    public static String issueProblem(Invoice draft, SellerProfile seller) {
        if (!isJapanese(seller) || !"JPY".equals(draft.currency().getCurrencyCode())) {
            return null;
        }
        boolean taxed = draft.lines().stream().map(InvoiceLine::taxRate).anyMatch(rate -> !rate.isZero());
        if (!taxed || RegistrationNumbers.isValidJapaneseRegistration(seller.taxId())) {
            return null;
        }
        return seller.taxId() == null
                ? "the seller is in Japan and bills consumption tax in JPY but has no registration number (登録番号, "
                        + "T + 13 digits): set seller.taxId with PUT /settings (no invoice was issued)"
                : "the seller's registration number " + seller.taxId() + " is not a valid 登録番号 (T + 13 digits with "
                        + "the NTA check digit): correct seller.taxId with PUT /settings (no invoice was issued)";
    }
}
