package io.periodic.billing.persistence;

/** A customer write claimed a virtual account another customer holds; nothing of the write was stored. */
public final class AccountHeldException extends RuntimeException {
    private final String account;

    public AccountHeldException(String account, String message, Throwable cause) {
        super(message, cause);
        this.account = account;
    }

    /** The account claimed, {@code bank-branch-account}. */
    public String account() {
        return account;
    }
}
