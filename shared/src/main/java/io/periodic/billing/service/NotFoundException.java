package io.periodic.billing.service;

/** A named record does not exist (HTTP 404, or 422 on the field when a request body named it). */
public final class NotFoundException extends RuntimeException {
    private final String what;
    private final String id;

    public NotFoundException(String what, String id) {
        super(what + " " + id + " does not exist");
        this.what = what;
        this.id = id;
    }

    /** What kind of record: customer, plan, invoice, payment, subscription. */
    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
