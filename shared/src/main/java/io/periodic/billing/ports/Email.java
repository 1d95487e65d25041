package io.periodic.billing.ports;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An e-mail to a customer.
 *
 * @param key a deterministic key of what this mail is about (e.g. {@code invoice.finalized:<invoice id>}), used
 *     to name it in the outbox, to tag it in SES and to send it once ({@code service/MailOnce})
 * @param attachments files sent with it (the invoice's PDF), in order; none for most mails
 */
public record Email(String key, String to, String subject, String textBody, String htmlBody,
        List<Attachment> attachments) {

    /** A file attached to a mail: its name as the customer sees it (any script), its media type, its bytes. */
    public record Attachment(String filename, String contentType, byte[] content) {
        public Attachment {
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
            if (filename.isBlank() || filename.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
                throw new IllegalArgumentException("not a file name: " + filename);
            }
        }
    }

    public Email {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A mail without attachments. */
    public Email(String key, String to, String subject, String textBody, String htmlBody) {
        this(key, to, subject, textBody, htmlBody, List.of());
    }

    /** The same mail with {@code attachment} added. */
    public Email with(Attachment attachment) {
        List<Attachment> all = new ArrayList<>(attachments);
        all.add(attachment);
        return new Email(key, to, subject, textBody, htmlBody, all);
    }
}
