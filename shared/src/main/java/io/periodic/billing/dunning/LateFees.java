package io.periodic.billing.dunning;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The late fee as its own invoice, linked to the overdue one by its id, which derives from it
 * ({@code fee_<invoice id>}, see {@link #overdueInvoiceId}), and by its line (which names the overdue invoice's number): however
 * often the step is retried, the create-once write makes at most one fee per invoice. A separate document keeps the original invoice unchanged (it was issued and may have been sent to
 * the customer's accounting already) and lets the fee be credited or waived on its own. Late fees are charged
 * without tax (compensation for late payment is outside the scope of VAT in the EU and of consumption tax in
 * Japan); the line says which invoice it is for.
 */
public final class LateFees {
    private LateFees() {}

    public static String feeInvoiceId(String overdueInvoiceId) {
        return "fee_" + overdueInvoiceId;
    }

    /** The overdue invoice a fee invoice is for, or null when the id is not a fee invoice's. */
    public static String overdueInvoiceId(String invoiceId) {
        return invoiceId.startsWith("fee_") ? invoiceId.substring("fee_".length()) : null;
    }

    /** The draft fee invoice, or null when the policy yields no fee for this amount and currency. */
    public static Invoice draft(Invoice overdue, LateFee policy, Customer customer, LocalDate today, Instant now) {
        Money fee = policy.on(overdue.amountDue());
        if (!fee.isPositive()) {
            return null;
        }
        Money zero = Money.zero(overdue.currency());
        // The description is the overdue invoice's number; documents print "Late fee on invoice …" in the
        // customer's language around it.
        InvoiceLine line = new InvoiceLine(overdue.number(), LineKind.LATE_FEE, null, null,
                null, 1, fee, fee, TaxRate.ZERO, zero);
        return Invoice.builder().id(feeInvoiceId(overdue.id())).customerId(overdue.customerId())
                .subscriptionId(overdue.subscriptionId()).currency(overdue.currency()).status(InvoiceStatus.DRAFT)
                .lines(List.of(line)).creditApplied(zero).amountPaid(zero).issueDate(today)
                .dueDate(today.plusDays(customer.paymentTermsDays())).createdAt(now).build();
    }
}
