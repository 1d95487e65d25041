package io.periodic.billing.persistence;

/**
 * A deployment is missing configuration every job needs (e.g. the seller's details). Not the fault of any one
 * subscription: jobs fail and retry, and end on the alarmed dead-letter queue until an operator configures it.
 */
public final class MissingSettingsException extends IllegalStateException {
    public MissingSettingsException(String message) {
        super(message);
    }
}
