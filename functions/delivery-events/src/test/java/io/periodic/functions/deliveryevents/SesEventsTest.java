package io.periodic.functions.deliveryevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.periodic.billing.model.MailEvent;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.service.DeliveryFeedback.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SES's event records (the AWS examples' shapes) read into notifications; anything else refused with a reason. */
class SesEventsTest {
    private static final String MAIL = "\"mail\":{\"timestamp\":\"2026-12-02T00:40:00.000Z\",\"messageId\":\"m-1\","
            + "\"destination\":[\"a@x.example\"],\"tags\":{\"key\":[\"" + MailTags.encode("invoice.finalized:inv_1")
            + "\"]}}";

    @Test
    void aTransientBounceIsSoftAndAnUndeterminedOneToo() {
        for (String type : List.of("Transient", "Undetermined")) {
            Notification n = SesEvents.read("{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"" + type
                    + "\",\"bounceSubType\":\"MailboxFull\",\"bouncedRecipients\":[{\"emailAddress\":\"a@x.example\"}],"
                    + "\"timestamp\":\"2026-12-02T00:41:00.000Z\",\"feedbackId\":\"fb-1\"}," + MAIL + "}");
            assertEquals(MailEvent.Kind.SOFT_BOUNCE, n.kind());
            assertEquals("fb-1", n.eventId());
            assertEquals("invoice.finalized:inv_1", MailTags.decode(n.keyTag()));
            assertEquals(Instant.parse("2026-12-02T00:41:00Z"), n.occurredAt());
        }
    }

    @Test
    void identityNotificationsAndRejectionsAreReadToo() {
        Notification complaint = SesEvents.read("{\"notificationType\":\"Complaint\",\"complaint\":{\"feedbackId\":"
                + "\"fb-2\",\"complainedRecipients\":[{\"emailAddress\":\"a@x.example\"}],\"timestamp\":"
                + "\"2026-12-02T01:00:00.000Z\"}," + MAIL + "}");
        assertEquals(MailEvent.Kind.COMPLAINT, complaint.kind());
        Notification reject = SesEvents.read("{\"eventType\":\"Reject\",\"reject\":{\"reason\":\"Bad content\"},"
                + MAIL + "}");
        assertEquals(MailEvent.Kind.REJECTED, reject.kind());
        assertEquals("m-1.reject", reject.eventId());
        assertEquals(List.of("a@x.example"), reject.recipients());
    }

    @Test
    void eventsWeDoNotSubscribeToAreNotOurs() {
        assertNull(SesEvents.read("{\"eventType\":\"Open\",\"open\":{}," + MAIL + "}"));
    }

    @Test
    void malformedRecordsAreRefusedWithTheirReason() {
        for (String body : List.of("", "[]", "{not json", "{\"eventType\":\"Bounce\"}",
                "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\"}," + MAIL + "}",
                "{\"eventType\":\"Complaint\",\"complaint\":{\"feedbackId\":\"f#1\",\"complainedRecipients\":"
                        + "[{\"emailAddress\":\"a@x.example\"}]}," + MAIL + "}",
                "{\"eventType\":\"Delivery\",\"delivery\":{\"recipients\":[\"not an address\"],\"timestamp\":"
                        + "\"2026-12-02T01:00:00Z\"}," + MAIL + "}",
                "{\"eventType\":\"Delivery\",\"delivery\":{\"recipients\":[\"a@x.example\"],\"timestamp\":\"yesterday\"},"
                        + MAIL + "}",
                "{\"eventType\":\"Reject\",\"reject\":{},\"mail\":{\"messageId\":\"m#1\",\"destination\":"
                        + "[\"a@x.example\"],\"timestamp\":\"2026-12-02T01:00:00Z\"}}")) {
            assertThrows(IllegalArgumentException.class, () -> SesEvents.read(body), body);
        }
    }
}
