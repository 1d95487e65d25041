package io.periodic.billing.invoicing;

/**
 * A correction that the invoice's state does not allow (voiding a paid invoice, crediting more than was
 * invoiced). Retrying cannot help; the management API answers 409 with this message.
 */
public final class InvoiceStateException extends RuntimeException {
    public InvoiceStateException(String message) {
        super(message);
    }
}
