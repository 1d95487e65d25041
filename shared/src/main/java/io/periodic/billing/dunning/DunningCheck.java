package io.periodic.billing.dunning;

import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.money.Money;

/**
 * What the workflow does before every action, after re-reading the invoice: stop (paid: recovered; voided:
 * cancelled) or go on, with the amount still due (which is what the next message names after a partial payment).
 */
public sealed interface DunningCheck {
    record Stop(Outcome outcome, String reason) implements DunningCheck {}

    record Continue(Money amountDue, boolean partiallyPaid) implements DunningCheck {}

    enum Outcome { RECOVERED, CANCELLED }

    static DunningCheck of(Invoice invoice) {
        if (invoice.status() == InvoiceStatus.PAID || !invoice.amountDue().isPositive()) {
            return new Stop(Outcome.RECOVERED, "invoice " + invoice.number() + " is paid"
                    + (invoice.creditApplied().isPositive() ? " (" + invoice.creditApplied()
                    + " from the customer's credit balance)" : ""));
        }
        if (invoice.status() == InvoiceStatus.VOID || invoice.status() == InvoiceStatus.DRAFT) {
            return new Stop(Outcome.CANCELLED, "invoice " + invoice.number() + " is " + invoice.status()
                    .name().toLowerCase());
        }
        return new Continue(invoice.amountDue(), invoice.amountPaid().isPositive());
    }
}
