package io.periodic.billing.service;

import io.periodic.billing.model.Allocation;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.Payment;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.rendering.ReceiptEmails;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confirms payments to the customers who made them: for every invoice a posted payment was applied to, one
 * {@link ReceiptEmails receipt} (paid in full, or a partial payment with what remains), sent once per (payment,
 * invoice) through {@link MailOnce} under {@code receipt:<payment id>:<invoice id>}, unless the seller turned
 * receipts off ({@link SellerProfile#receiptsEnabled()}). The document function (invoice-pdf) calls it on
 * {@code payment.applied}, which {@link PaymentPosting#announce} publishes once the application is committed: the
 * payment path itself mails nothing (no SES client, seller read or send in the matcher). It reads the payment as it
 * is now, so a repeated or late event mails only what was not confirmed yet; a refused send throws, and
 * EventBridge's retry sends it (then the alarmed dead-letter queue).
 */
public final class ReceiptMailing {
    private final BillingStore store;
    private final MailOnce mail;

    public ReceiptMailing(BillingStore store, MailOnce mail) {
        this.store = store;
        this.mail = mail;
    }

    /** Mails the receipts of the payment {@code paymentId} not confirmed yet (an unknown payment: none); how many. */
    public int confirm(String paymentId) {
        return store.payments().get(paymentId).map(this::confirm).orElse(0);
    }

    /** Mails the receipts of the payment's applications not confirmed yet; how many went now. */
    int confirm(Payment payment) {
        Optional<SellerProfile> seller = store.settings().seller();
        if (seller.isEmpty() || !seller.get().receiptsEnabled()) {
            return 0;
        }
        Map<Allocation, Invoice> applied = new LinkedHashMap<>();
        for (Allocation a : store.payments().allocationsOfPayment(payment.id())) {
            if (a.amount().isPositive()) {
                store.invoices().get(a.invoiceId())
                        .filter(i -> i.status() != InvoiceStatus.VOID && i.status() != InvoiceStatus.DRAFT)
                        .ifPresent(i -> applied.put(a, i));
            }
        }
        if (applied.isEmpty()) {
            return 0;
        }
        List<ReceiptEmails.Application> applications = new ArrayList<>();
        applied.forEach((a, i) -> applications.add(new ReceiptEmails.Application(i.number(), a.amount(),
                i.amountDue())));
        int sent = 0;
        for (Invoice invoice : applied.values()) {
            if (mail.sent(ReceiptEmails.key(payment.id(), invoice.id()))) {
                continue;
            }
            Optional<Customer> customer = store.customers().get(invoice.customerId());
            if (customer.isEmpty()) {
                continue;
            }
            Money credit = store.credit().balance(customer.get().id(), invoice.currency()).balance();
            if (mail.send(ReceiptEmails.receipt(payment, invoice, applications, credit, customer.get(),
                    seller.get()))) {
                sent++;
            }
        }
        return sent;
    }
}
