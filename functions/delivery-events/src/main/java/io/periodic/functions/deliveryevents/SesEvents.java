package io.periodic.functions.deliveryevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.service.DeliveryFeedback.Notification;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one SES event record (event publishing through a configuration set, delivered by SNS with raw message
 * delivery, so the SQS body is SES's JSON itself): {@code eventType} ({@code notificationType} in identity
 * notifications), {@code mail.messageId}, {@code mail.tags.key}, and the {@code bounce}, {@code complaint},
 * {@code delivery} or {@code reject} object. Formats:
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html. A record of another type
 * (Send, Open, DeliveryDelay, ...) is none of ours: {@link #read} returns null. A record that cannot be read throws
 * {@link IllegalArgumentException} with the reason.
 */
final class SesEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SesEvents() {}

    static Notification read(String body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String type = text(root.has("eventType") ? root.get("eventType") : root.get("notificationType"));
        JsonNode mail = root.path("mail");
        String messageId = text(mail.get("messageId"));
        if (type == null || messageId == null) {
            throw new IllegalArgumentException("no eventType or mail.messageId");
        }
        if (messageId.length() > 200 || messageId.indexOf('#') >= 0) {
            throw new IllegalArgumentException("mail.messageId is not one SES writes: " + messageId);
        }
        JsonNode keys = mail.path("tags").path(MailTags.KEY);
        String keyTag = keys.isArray() && !keys.isEmpty() ? text(keys.get(0)) : null;
        return switch (type) {
            case "Bounce" -> bounce(root.path("bounce"), messageId, keyTag);
            case "Complaint" -> {
                JsonNode complaint = root.path("complaint");
                yield new Notification(required(complaint, "feedbackId"), MailEvent.Kind.COMPLAINT, messageId, keyTag,
                        addresses(complaint.path("complainedRecipients")),
                        "complaint " + orEmpty(text(complaint.get("complaintFeedbackType"))),
                        instant(complaint, mail));
            }
            case "Delivery" -> {
                JsonNode delivery = root.path("delivery");
                yield new Notification(messageId + ".delivery", MailEvent.Kind.DELIVERED, messageId, keyTag,
                        strings(delivery.path("recipients")), text(delivery.get("smtpResponse")),
                        instant(delivery, mail));
            }
            case "Reject" -> new Notification(messageId + ".reject", MailEvent.Kind.REJECTED, messageId, keyTag,
                    strings(mail.path("destination")), "rejected: " + orEmpty(text(root.path("reject").get("reason"))),
                    instant(mail, mail));
            default -> null;
        };
    }

    /** Permanent: a hard bounce; Transient and Undetermined: soft (recorded; repeated ones suppress). */
    private static Notification bounce(JsonNode bounce, String messageId, String keyTag) {
        String bounceType = required(bounce, "bounceType");
        MailEvent.Kind kind = bounceType.equals("Permanent") ? MailEvent.Kind.HARD_BOUNCE : MailEvent.Kind.SOFT_BOUNCE;
        JsonNode recipients = bounce.path("bouncedRecipients");
        StringBuilder detail = new StringBuilder(bounceType).append('/')
                .append(orEmpty(text(bounce.get("bounceSubType"))));
        if (recipients.isArray() && !recipients.isEmpty()) {
            String diagnostic = text(recipients.get(0).get("diagnosticCode"));
            if (diagnostic != null) {
                detail.append(": ").append(diagnostic);
            }
        }
        return new Notification(required(bounce, "feedbackId"), kind, messageId, keyTag, addresses(recipients),
                detail.toString(), instant(bounce, bounce));
    }

    private static List<String> addresses(JsonNode recipients) {
        List<String> out = new ArrayList<>();
        if (recipients.isArray()) {
            for (JsonNode r : recipients) {
                String address = text(r.get("emailAddress"));
                if (address != null) {
                    out.add(address);
                }
            }
        }
        return nonEmpty(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode r : array) {
                String address = text(r);
                if (address != null) {
                    out.add(address);
                }
            }
        }
        return nonEmpty(out);
    }

    private static List<String> nonEmpty(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no recipient");
        }
        for (String address : addresses) {
            if (address.length() > 254 || !address.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("not an e-mail address: " + address);
            }
        }
        return addresses;
    }

    private static Instant instant(JsonNode node, JsonNode fallback) {
        String text = text(node.get("timestamp"));
        if (text == null) {
            text = text(fallback.get("timestamp"));
        }
        if (text == null) {
            throw new IllegalArgumentException("no timestamp");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp: " + text);
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node.get(field));
        if (value == null) {
            throw new IllegalArgumentException("no " + field);
        }
        if (value.length() > 200 || value.indexOf('#') >= 0) {
            throw new IllegalArgumentException(field + " is not one SES writes: " + value);
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
