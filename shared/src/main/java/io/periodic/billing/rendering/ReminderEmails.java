package io.periodic.billing.rendering;

import io.periodic.billing.model.Customer;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.money.Money;
import io.periodic.billing.ports.Email;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The dunning e-mails: reminders about an invoice that is about to fall due or is overdue, in the customer's
 * language (same bundles and formats as the documents and {@link InvoiceEmails}), plain text.
 *
 * <p>The tone rises with the {@link Step} but stays courteous: a heads-up before the due date, a "may have slipped
 * through" reminder, a clear request with a date, the late fee, a last notice with the suspension date, and the
 * notice that the service was suspended with how to restore it. None threatens; every overdue step says what to do
 * if the customer has already paid, and the later ones invite the customer to get in touch if there is a problem.
 *
 * <p>Every reminder carries the invoice number, the amount still due, the due date, the days until or since it,
 * how to pay (bank transfer with the invoice number as the reference, the payment link if the seller has one),
 * the link to the document and how to reach the seller. When part of the invoice was already paid, it says so and
 * states what remains.
 *
 * <p>The e-mail key is {@code dunning:<invoice id>:<step>} (e.g. {@code dunning:inv_1:final_notice}): a retried step
 * produces the same key, so the outbox sends it once.
 */
public final class ReminderEmails {

    /**
     * How many days a request to pay ({@link Step#FIRM}) gives, and the least notice a {@link Step#FINAL_NOTICE}
     * gives before the suspension it announces.
     */
    public static final int NOTICE_DAYS = 7;

    /** The dunning steps, from a heads-up before the due date to the notice that the service was suspended. */
    public enum Step {
        /** Before the due date: a friendly heads-up, no pressure. */
        COURTESY(-3, "courtesy"),
        /** Just overdue: it may have slipped through; if already paid, disregard. */
        FRIENDLY(1, "friendly"),
        /** A clear request to pay within {@link #NOTICE_DAYS} days; the service may be suspended if unpaid. */
        FIRM(7, "firm"),
        /** A late fee was charged under the terms, on a separate invoice: see {@link ReminderEmails#lateFee}. */
        LATE_FEE(14, "lateFee"),
        /** The last notice before the suspension, on the date given by {@link ReminderEmails#suspensionDate}. */
        FINAL_NOTICE(21, "finalNotice"),
        /** The service has been suspended; how to restore it. */
        SUSPENDED(30, "suspended");

        private final int daysFromDue;
        private final String bundleKey;

        Step(int daysFromDue, String bundleKey) {
            this.daysFromDue = daysFromDue;
            this.bundleKey = bundleKey;
        }

        /**
         * The nominal schedule: days from the due date on which the dunning workflow sends this step (negative:
         * before it). The e-mails do not depend on it, except {@link #SUSPENDED}'s, which dates the suspension
         * announced by the final notice.
         */
        public int daysFromDue() {
            return daysFromDue;
        }

        /** The step as it appears in the e-mail key: {@code courtesy}, {@code late_fee}, {@code final_notice}… */
        public String keyName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ReminderEmails() {
    }

    /**
     * The reminder of a step other than {@link Step#LATE_FEE} (which states the fee: use {@link #lateFee}).
     *
     * @param today the customer's local date on which the mail is sent: days overdue (or, for
     *     {@link Step#COURTESY}, days until the due date) and the dates the mail states are counted from it
     * @param documentLink where the customer can open the rendered invoice
     * @throws IllegalArgumentException for {@link Step#LATE_FEE}; for an invoice that is not payable (draft, paid,
     *     void, nothing due) or belongs to another customer; for {@link Step#COURTESY} after the due date, or any
     *     other step on or before it
     */
    public static Email reminder(Step step, Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            String documentLink) {
        Objects.requireNonNull(documentLink, "documentLink");
        return reminder(step, invoice, customer, seller, today, new MailLink(documentLink, null));
    }

    /** As {@link #reminder(Step, Invoice, Customer, SellerProfile, LocalDate, String)}, with the hosted page link. */
    public static Email reminder(Step step, Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            MailLink link) {
        Objects.requireNonNull(step, "step");
        if (step == Step.LATE_FEE) {
            throw new IllegalArgumentException("the late fee reminder states the fee: use ReminderEmails.lateFee");
        }
        return compose(step, invoice, customer, seller, today, link, null);
    }

    /**
     * The {@link Step#LATE_FEE} reminder: the invoice is still overdue and a late fee was charged under the terms.
     * The fee is billed on a separate invoice; this mail is about the overdue invoice and only states the fee.
     *
     * @param lateFee the fee charged, in the invoice's currency
     * @throws IllegalArgumentException if the fee is not positive or in another currency, and as {@link #reminder}
     */
    public static Email lateFee(Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            String documentLink, Money lateFee) {
        Objects.requireNonNull(documentLink, "documentLink");
        return lateFee(invoice, customer, seller, today, new MailLink(documentLink, null), lateFee);
    }

    /** As {@link #lateFee(Invoice, Customer, SellerProfile, LocalDate, String, Money)}, with the hosted page link. */
    public static Email lateFee(Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            MailLink link, Money lateFee) {
        Objects.requireNonNull(lateFee, "lateFee");
        Objects.requireNonNull(invoice, "invoice");
        if (!lateFee.isPositive()) {
            throw new IllegalArgumentException("a late fee must be positive, got " + lateFee);
        }
        if (!lateFee.currency().equals(invoice.currency())) {
            throw new IllegalArgumentException("late fee in " + lateFee.currency() + " on a " + invoice.currency()
                    + " invoice");
        }
        return compose(Step.LATE_FEE, invoice, customer, seller, today, link, lateFee);
    }

    /**
     * The date on which a final notice sent on {@code noticeDate} says the service will be suspended: the nominal
     * date ({@link Step#SUSPENDED} days after the due date), but never less than {@link #NOTICE_DAYS} days after the
     * notice, so a notice sent late still gives the full notice. The dunning workflow must not suspend before it.
     */
    public static LocalDate suspensionDate(Invoice invoice, LocalDate noticeDate) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(noticeDate, "noticeDate");
        LocalDate nominal = invoice.dueDate().plusDays(Step.SUSPENDED.daysFromDue());
        LocalDate earliest = noticeDate.plusDays(NOTICE_DAYS);
        return nominal.isBefore(earliest) ? earliest : nominal;
    }

    private static Email compose(Step step, Invoice invoice, Customer customer, SellerProfile seller, LocalDate today,
            MailLink link, Money lateFee) {
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(link, "link");
        String number = invoice.number();
        if (number == null || !invoice.status().acceptsPayment()) {
            throw new IllegalArgumentException("invoice " + invoice.id() + " is " + invoice.status()
                    + ": only an open invoice is dunned");
        }
        if (!invoice.customerId().equals(customer.id())) {
            throw new IllegalArgumentException("invoice " + invoice.id() + " belongs to customer "
                    + invoice.customerId() + ", not " + customer.id());
        }
        Money due = invoice.amountDue();
        if (!due.isPositive()) {
            throw new IllegalArgumentException("nothing is due on invoice " + invoice.id() + " (" + due + ")");
        }
        long daysOverdue = ChronoUnit.DAYS.between(invoice.dueDate(), today);
        if (step == Step.COURTESY ? daysOverdue > 0 : daysOverdue <= 0) {
            throw new IllegalArgumentException(step + " reminder for invoice " + invoice.id() + " due "
                    + invoice.dueDate() + " sent on " + today);
        }

        DocumentLanguage language = DocumentLanguage.of(customer.locale());
        Messages t = Messages.of(language);
        Formats f = Formats.forLanguage(language);
        String prefix = "reminder." + step.bundleKey;

        StringBuilder body = new StringBuilder();
        body.append(t.format("email.greeting", customer.name())).append("\n\n");
        body.append(t.format(prefix + ".intro", number, seller.name())).append('\n');
        String request = switch (step) {
            case COURTESY, FRIENDLY -> null;
            case FIRM -> t.format(prefix + ".request", f.date(today.plusDays(NOTICE_DAYS)));
            case LATE_FEE -> t.format(prefix + ".request", f.money(lateFee), number);
            case FINAL_NOTICE -> {
                LocalDate suspension = suspensionDate(invoice, today);
                yield t.format(prefix + ".request", f.date(suspension.minusDays(1)), f.date(suspension));
            }
            case SUSPENDED -> t.format(prefix + ".request");
        };
        if (request != null) {
            body.append(request).append('\n');
        }
        body.append('\n');

        if (invoice.amountPaid().isPositive()) {
            body.append(t.format("reminder.partiallyPaid", f.money(invoice.amountPaid()), f.money(due)))
                    .append("\n\n");
        }

        body.append(t.format("reminder.invoiceNumber", number)).append('\n');
        body.append(t.format("reminder.amountDue", f.money(due))).append('\n');
        body.append(t.format("email.dueDate", f.date(invoice.dueDate()))).append('\n');
        body.append(step == Step.COURTESY
                ? t.format("reminder.daysUntilDue", f.integer(-daysOverdue))
                : t.format("reminder.daysOverdue", f.integer(daysOverdue))).append("\n\n");

        appendHowToPay(body, t, seller, number);

        body.append(t.format("email.viewInvoice", link.url())).append('\n');
        if (link.validThrough() != null) {
            body.append(t.format("email.linkValidUntil", f.date(link.validThrough()))).append('\n');
        }
        body.append('\n');

        body.append(t.format(prefix + ".closing")).append('\n');
        body.append(seller.phone() == null
                ? t.format("reminder.contact", seller.email())
                : t.format("reminder.contactWithPhone", seller.email(), seller.phone())).append("\n\n");

        body.append(t.format("reminder.signoff")).append('\n');
        body.append(seller.name()).append('\n').append(seller.email()).append('\n');
        if (seller.phone() != null) {
            body.append(seller.phone()).append('\n');
        }

        String subject = t.format("reminder.subject." + step.bundleKey, number, seller.name())
                .replaceAll("[\\r\\n]+", " ");
        return new Email("dunning:" + invoice.id() + ":" + step.keyName(), customer.email(), subject,
                body.toString(), null);
    }

    /** Bank transfer details with the reference to quote, and the payment link; nothing if the seller has neither. */
    private static void appendHowToPay(StringBuilder body, Messages t, SellerProfile seller, String number) {
        SellerProfile.BankAccount account = seller.bankAccount();
        String payLink = seller.paymentLink(number);
        if (account == null && payLink == null) {
            return;
        }
        body.append(t.get("payment.title")).append('\n');
        if (account != null) {
            body.append(t.get("payment.bankTransfer")).append('\n');
            row(body, t, "bank.name", account.bankName());
            row(body, t, "bank.holder", account.accountHolder());
            row(body, t, "bank.iban", account.iban());
            row(body, t, "bank.bic", account.bic());
            row(body, t, "bank.accountNumber", account.accountNumber());
            row(body, t, "bank.code", account.bankCode());
            body.append(t.format("payment.reference", number)).append('\n');
        }
        if (payLink != null) {
            body.append(t.get("payment.online")).append(' ').append(payLink).append('\n');
        }
        body.append('\n');
    }

    private static void row(StringBuilder body, Messages t, String label, String value) {
        if (value != null) {
            body.append(t.format("reminder.field", t.get(label), value)).append('\n');
        }
    }
}
