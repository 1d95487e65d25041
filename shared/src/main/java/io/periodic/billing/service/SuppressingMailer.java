package io.periodic.billing.service;

import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;

/**
 * The check before every send: mail to an address that bounced hard, complained or soft-bounced
 * repeatedly ({@link io.periodic.billing.model.DeliveryStatus#suppresses()}) is not sent; the held-back mail is
 * recorded instead (on the address's status and, for an invoice's mail, on the invoice's mail history). The
 * composition root puts it in front of the mailer every use case gets, so invoices, reminders and any later mail
 * pass it whatever function sends them. Costs one consistent read per mail.
 */
public final class SuppressingMailer implements Mailer {
    private final Mailer mailer;
    private final DeliveryFeedback feedback;

    public SuppressingMailer(Mailer mailer, DeliveryFeedback feedback) {
        this.mailer = mailer;
        this.feedback = feedback;
    }

    @Override
    public void send(Email email) {
        if (feedback.statusOf(email.to()).suppresses()) {
            feedback.suppressedSend(email.key(), email.to());
            return;
        }
        mailer.send(email);
    }
}
