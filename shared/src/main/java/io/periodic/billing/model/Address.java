package io.periodic.billing.model;

import static io.periodic.billing.model.Checks.optional;
import static io.periodic.billing.model.Checks.required;

/** A postal billing address. {@code country} is an ISO 3166-1 alpha-2 code. */
public record Address(String line1, String line2, String postalCode, String city, String region, String country) {
    public Address {
        line1 = required(line1, "address line1", 200);
        line2 = optional(line2, "address line2", 200);
        postalCode = optional(postalCode, "postal code", 20);
        city = required(city, "city", 100);
        region = optional(region, "region", 100);
        country = required(country, "country", 2);
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("country must be an ISO 3166-1 alpha-2 code such as JP, got " + country);
        }
    }
}
