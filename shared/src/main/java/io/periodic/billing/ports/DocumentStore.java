package io.periodic.billing.ports;

/**
 * Stores rendered documents (S3 in AWS; a folder locally). Writing the same key again replaces the content, so
 * storing is idempotent.
 */
public interface DocumentStore {
    /** Stores the content and returns the link a customer can open. */
    String put(String key, String contentType, byte[] content);

    /** The link a customer opens for a stored document. */
    String link(String key);

    /** The stored content, or null. */
    byte[] get(String key);

    /** Removes the content; removing what is not there is no error (so deleting is idempotent). */
    void delete(String key);
}
