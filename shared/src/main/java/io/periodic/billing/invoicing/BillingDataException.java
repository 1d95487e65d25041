package io.periodic.billing.invoicing;

/**
 * The data needed to bill a subscription is wrong or missing (its customer or plan is gone, the plan's currency
 * differs from the customer's, intervals disagree). Retrying cannot help: the subscription is parked with this
 * message until a person fixes the data and releases it.
 */
public final class BillingDataException extends RuntimeException {
    public BillingDataException(String message) {
        super(message);
    }
}
