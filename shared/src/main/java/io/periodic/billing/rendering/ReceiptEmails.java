package io.periodic.billing.rendering;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.Email;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The payment confirmation (receipt) a customer gets when a payment is applied to one of their invoices, in their
 * language: what was paid (amount, date, method, reference), how it was applied (each invoice, paid in full or
 * what remains), cash not applied yet, and the credit left on the account. A partial payment is acknowledged with
 * the amount still due and its due date. In Japanese it is worded as 入金確認のお知らせ, not as a 領収書
 * (docs/delivery.md). One mail per (payment, invoice): {@link #key}.
 */
public final class ReceiptEmails {

    /** One invoice the payment was applied to: how much, and what that invoice still shows as due. */
    public record Application(String invoiceNumber, Money applied, Money stillDue) {
        public Application {
            Objects.requireNonNull(invoiceNumber, "invoiceNumber");
            Objects.requireNonNull(applied, "applied");
            Objects.requireNonNull(stillDue, "stillDue");
        }
    }

    private ReceiptEmails() {}

    /**
     * The confirmation of {@code payment} for {@code invoice} (the invoice this mail is about, among
     * {@code applications}, all of the payment's).
     *
     * @param credit the customer's credit balance after the payment (zero or null: no line)
     */
    public static Email receipt(Payment payment, Invoice invoice, List<Application> applications, Money credit,
            Customer customer, SellerProfile seller) {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(invoice, "invoice");
        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);
        boolean paidInFull = !invoice.amountDue().isPositive();

        StringBuilder body = new StringBuilder();
        body.append(t.format("email.greeting", customer.name())).append("\n\n");
        body.append(t.format("receipt.intro", invoice.number(), seller.name())).append("\n\n");
        LocalDate paidOn = payment.receivedAt().atZone(customer.timeZone()).toLocalDate();
        String method = bankTransfer(payment.provider()) ? "bankTransfer" : "online";
        body.append(t.format("receipt.amount", f.money(payment.amount()))).append('\n');
        body.append(t.format("receipt.date", f.date(paidOn))).append('\n');
        body.append(t.format("receipt.method", t.get("receipt.method." + method))).append('\n');
        String reference = reference(payment, method.equals("bankTransfer"));
        if (reference != null) {
            body.append(t.format("receipt.reference." + method, reference)).append('\n');
        }
        body.append('\n').append(t.get("receipt.applied")).append('\n');
        for (Application a : applications) {
            body.append("- ").append(a.stillDue().isPositive()
                    ? t.format("receipt.applied.partial", a.invoiceNumber(), f.money(a.applied()),
                            f.money(a.stillDue()))
                    : t.format("receipt.applied.paid", a.invoiceNumber(), f.money(a.applied()))).append('\n');
        }
        if (payment.feeWrittenOff().isPositive()) {
            // A bank fee the payer's bank deducted, written off by the seller (docs/bank-fees.md): say so.
            body.append(t.format("receipt.bankFee", f.money(payment.feeWrittenOff()))).append('\n');
        }
        body.append('\n');
        if (!paidInFull) {
            String remaining = invoice.dueDate().isBefore(paidOn) ? "receipt.remaining.overdue" : "receipt.remaining";
            body.append(t.format(remaining, f.money(invoice.amountDue()), invoice.number(),
                    f.date(invoice.dueDate()))).append("\n\n");
        }
        if (payment.unapplied().isPositive()) {
            body.append(t.format("receipt.unapplied", f.money(payment.unapplied()))).append("\n\n");
        }
        if (credit != null && credit.isPositive()) {
            body.append(t.format("receipt.credit", f.money(credit))).append("\n\n");
        }
        body.append(t.get("receipt.closing")).append('\n');
        body.append('\n').append(t.get("footer.thanks")).append("\n\n");
        body.append(seller.name()).append('\n').append(seller.email()).append('\n');

        String subject = t.format(paidInFull ? "receipt.subject.paid" : "receipt.subject.partial", invoice.number(),
                seller.name()).replaceAll("[\\r\\n]+", " ");
        return new Email(key(payment.id(), invoice.id()), customer.email(), subject, body.toString(), null);
    }

    /** The key of the confirmation of one payment's application to one invoice: sent once. */
    public static String key(String paymentId, String invoiceId) {
        return "receipt:" + paymentId + ":" + invoiceId;
    }

    /** Bank transfers (camt, Zengin, bank webhooks); everything else came through an online payment provider. */
    private static boolean bankTransfer(String provider) {
        return provider.equals("bank") || provider.startsWith("zengin") || provider.contains("bank");
    }

    /**
     * What identifies the payment to the payer: what they quoted (the transfer's remittance text), else for a bank
     * transfer the remitter's name as the bank printed it (振込名義), for an online payment the provider's id of it
     * (the one on the provider's own receipt). Never our internal id of a bank entry.
     */
    private static String reference(Payment payment, boolean bankTransfer) {
        String text = payment.remittanceText();
        if (text != null && !text.isBlank()) {
            return text.strip().replaceAll("\\s+", " ");
        }
        if (bankTransfer) {
            String name = payment.payer() == null ? null : payment.payer().name();
            return name == null || name.isBlank() ? null : name.strip();
        }
        String id = payment.providerPaymentId();
        return id == null || id.isBlank() ? null : id;
    }
}
