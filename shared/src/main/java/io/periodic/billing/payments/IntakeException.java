package io.periodic.billing.payments;

/**
 * A delivery that intake refuses, with the HTTP status it answers (as problem+json): 400 malformed, 401 signature
 * or timestamp wrong, 413 too large, 415 unsupported content type, 422 well-formed but unusable content.
 */
public final class IntakeException extends RuntimeException {
    private final int status;
    private final String type;

    /**
     * @param type a short problem type slug, e.g. {@code signature-mismatch}, used in the problem+json {@code type}
     */
    public IntakeException(int status, String type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
