package io.periodic.billing.ports;

/** Sends e-mail (SESv2 in AWS; files in an outbox folder locally). Throws when the mail was not accepted. */
public interface Mailer {
    void send(Email email);
}
