package io.periodic.billing.service;

/** A named record does not exist (HTTP 404). */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String what, String id) {
        super(what + " " + id + " does not exist");
    }
}
