package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.optional;

/**
 * Who paid, as the gateway or bank reported it. Every field is optional; matching uses what is there.
 *
 * @param customerReference a customer id or reference the payer quoted
 * @param account the payer's account as reported (IBAN, masked card, gateway customer id)
 */
public record Payer(String name, String email, String customerReference, String account) {
    public static final Payer UNKNOWN = new Payer(null, null, null, null);

    public Payer {
        name = optional(name, "payer name", 300);
        email = optional(email, "payer email", 254);
        customerReference = optional(customerReference, "payer customer reference", 128);
        account = optional(account, "payer account", 64);
    }
}
