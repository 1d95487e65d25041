package io.periodic.local.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.MailTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * SES's mailbox simulator, locally (docs/delivery-status.md): mail to an address of a test domain comes back as SES
 * would report it through the configuration set - {@code <anything>@bounce.periodic.test} as a hard bounce
 * ({@code Permanent/General}, like {@code bounce@simulator.amazonses.com}), {@code <anything>@complaint.periodic.test}
 * as a complaint (like {@code complaint@simulator.amazonses.com}); see
 * https://docs.aws.amazon.com/ses/latest/dg/send-an-email-from-console.html (the mailbox simulator). The record is the
 * JSON SES publishes (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-examples.html), with
 * the mail's {@code key} tag, so it goes through the same delivery-events handler as in AWS. Other mail: nothing.
 */
final class MailboxSimulator {
    /** Every address of this domain bounces hard. */
    static final String BOUNCE_DOMAIN = "bounce.periodic.test";
    /** Every address of this domain complains. */
    static final String COMPLAINT_DOMAIN = "complaint.periodic.test";

    private static final ObjectMapper JSON = new ObjectMapper();

    private MailboxSimulator() {}

    /** What SES would report about {@code email} sent at {@code sentAt}; null when nothing. */
    static String feedback(Email email, Instant sentAt) {
        String to = email.to().strip().toLowerCase(Locale.ROOT);
        String domain = to.substring(to.lastIndexOf('@') + 1);
        boolean bounce = domain.equals(BOUNCE_DOMAIN);
        if (!bounce && !domain.equals(COMPLAINT_DOMAIN)) {
            return null;
        }
        // Deterministic ids: the same mail simulated twice is the same feedback (recorded once).
        UUID messageId = UUID.nameUUIDFromBytes((email.key() + "\n" + to).getBytes(StandardCharsets.UTF_8));
        ObjectNode root = JSON.createObjectNode();
        root.put("eventType", bounce ? "Bounce" : "Complaint");
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", sentAt.toString());
        mail.put("source", "billing@periodic.local");
        mail.put("messageId", "local-" + messageId);
        mail.putArray("destination").add(email.to());
        ObjectNode tags = mail.putObject("tags");
        tags.putArray("ses:configuration-set").add("periodic-local");
        tags.putArray(MailTags.KEY).add(MailTags.encode(email.key()));
        String at = sentAt.plusSeconds(2).toString();
        if (bounce) {
            ObjectNode b = root.putObject("bounce");
            b.put("bounceType", "Permanent").put("bounceSubType", "General").put("timestamp", at)
                    .put("feedbackId", "local-bounce-" + messageId).put("reportingMTA", "dsn; periodic.local");
            b.putArray("bouncedRecipients").addObject().put("emailAddress", email.to()).put("action", "failed")
                    .put("status", "5.1.1").put("diagnosticCode", "smtp; 550 5.1.1 user unknown (simulated)");
        } else {
            ObjectNode c = root.putObject("complaint");
            c.put("feedbackId", "local-complaint-" + messageId).put("timestamp", at)
                    .put("complaintFeedbackType", "abuse").put("userAgent", "periodic-local");
            c.putArray("complainedRecipients").addObject().put("emailAddress", email.to());
        }
        return root.toString();
    }
}
