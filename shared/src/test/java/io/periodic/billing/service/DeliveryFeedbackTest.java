package io.periodic.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.calendar.BillingInterval;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.files.DirectoryDocumentStore;
import io.periodic.billing.files.JsonLinesEventLog;
import io.periodic.billing.invoicing.Finalization;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DeliveryStatus;
import io.periodic.billing.model.Ids;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceLine;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.model.LineKind;
import io.periodic.billing.model.MailEvent;
import io.periodic.billing.model.SellerProfile;
import io.periodic.billing.model.Subscription;
import io.periodic.billing.model.SubscriptionItem;
import io.periodic.billing.model.SubscriptionStatus;
import io.periodic.billing.money.Currencies;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.rendering.DocumentRenderer;
import io.periodic.local.engines.DynamoDbLocalExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SES's feedback on DynamoDB Local, through the use cases the functions run: a hard bounce or a complaint stops
 * every further reminder to the address (recorded as suppressed sends on the invoice's mail history) and lists the
 * customer as a delivery problem; duplicates, unknown messages and addresses, and unreadable notifications are
 * recorded and change nothing.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class DeliveryFeedbackTest {
    private static final LocalDate DUE = LocalDate.of(2026, 12, 1);
    private final BillingStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T00:00:00Z"));
    private final List<Email> sent = new ArrayList<>();
    private DeliveryFeedback feedback;
    private DunningService dunning;
    private String prefix;

    DeliveryFeedbackTest(DynamoDbClient dynamo) {
        this.store = new BillingStore(dynamo, BillingTable.LOGICAL_ID);
    }

    @BeforeEach
    void setUp() throws Exception {
        Path out = Files.createTempDirectory("delivery");
        JsonLinesEventLog events = new JsonLinesEventLog(out.resolve("events.jsonl"));
        prefix = "M" + Ids.randomLetters(7);
        store.settings().putSeller(new SellerProfile("Seller KK", new Address("1-1", null, "100-0001", "Tokyo", null,
                "JP"), "billing@seller.example", "03-0000-0000", null, "T9234567890123",
                new SellerProfile.BankAccount("Bank", "Seller KK", null, null, "1234567", "0001-001"), null, prefix,
                null));
        feedback = new DeliveryFeedback(store, now::get);
        SuppressingMailer mailer = new SuppressingMailer(sent::add, feedback);
        dunning = new DunningService(store, new InvoiceNotifications(new DocumentRenderer(),
                new DirectoryDocumentStore(out.resolve("docs")), events), mailer, events, now::get);
    }

    private record Case(Customer customer, Invoice invoice) {}

    private Case overdueCase() {
        Customer customer = store.customers().create(new Customer(Ids.newId("cus"), "Minato " + prefix,
                prefix.toLowerCase(Locale.ROOT) + "@Minato.example", Currencies.of("JPY"), ZoneId.of("Asia/Tokyo"),
                Locale.JAPAN, 30, TaxRate.ZERO, null, new Address("1", null, null, "Tokyo", null, "JP"), now.get(),
                null));
        Subscription subscription = store.subscriptions().create(new Subscription(Ids.newId("sub"), customer.id(),
                List.of(new SubscriptionItem("price_x", 1)), LocalDate.of(2026, 11, 1), BillingInterval.monthly(),
                SubscriptionStatus.ACTIVE, false, null, 1, null, null, List.of(), now.get(), null));
        Money net = Money.of(20_000, "JPY");
        Money zero = Money.zero(Currencies.of("JPY"));
        Invoice draft = store.invoices().create(new Invoice(Ids.newId("inv"), null, customer.id(), subscription.id(),
                Currencies.of("JPY"), InvoiceStatus.DRAFT, List.of(new InvoiceLine("Plan", LineKind.SUBSCRIPTION, null,
                null, null, 1, net, net, TaxRate.ZERO, zero)), zero, zero, LocalDate.of(2026, 11, 1), DUE, null, null,
                null, now.get(), null, null));
        Finalization.Decision decision = Finalization.plan(draft,
                store.invoices().sequence(Finalization.seriesOf(draft, prefix)),
                store.credit().balance(customer.id(), customer.currency()), now.get());
        return new Case(customer, store.invoices().commitFinalization(decision.invoice(), decision.sequenceAfter(),
                null, null));
    }

    /** Plans and acts until the workflow would stop; returns the steps acted on. */
    private List<StepKind> runDunning(Case c) {
        List<StepKind> taken = new ArrayList<>();
        DunningService.State state = dunning.plan(c.invoice().id());
        while (!state.done()) {
            now.set(state.at());
            taken.add(state.next());
            state = dunning.act(c.invoice().id(), state.next());
        }
        return taken;
    }

    /** SES's feedback about the last mail sent, as the delivery-events function reads it. */
    private DeliveryFeedback.Notification about(Email mail, MailEvent.Kind kind, String eventId) {
        return new DeliveryFeedback.Notification(eventId, kind, "0100019a-" + eventId, MailTags.encode(mail.key()),
                List.of(mail.to()), kind + " for test", now.get());
    }

    private Case remindedOnce() {
        Case c = overdueCase();
        DunningService.State state = dunning.plan(c.invoice().id());
        now.set(state.at());
        dunning.act(c.invoice().id(), state.next());
        assertEquals(1, sent.size(), "the first reminder went out");
        return c;
    }

    @Test
    void aHardBounceStopsEveryFurtherReminderAndFlagsTheCustomer() {
        Case c = remindedOnce();
        Email first = sent.get(0);

        List<DeliveryFeedback.Recorded> recorded = feedback.record(about(first, MailEvent.Kind.HARD_BOUNCE,
                "fb-hard-" + prefix));

        assertEquals(1, recorded.size());
        assertEquals(MailEvent.Handling.APPLIED, recorded.get(0).event().handling());
        assertTrue(recorded.get(0).newlySuppressed());
        assertEquals(c.invoice().id(), recorded.get(0).event().invoiceId(), "the key tag names the invoice");
        List<StepKind> rest = runDunning(c);
        assertFalse(rest.isEmpty(), "dunning goes on (a person decides), but nothing is mailed");
        assertEquals(1, sent.size(), "no reminder after the bounce: " + sent);
        DeliveryStatus status = feedback.customer(c.customer().id()).status();
        assertEquals(DeliveryStatus.Suppression.HARD_BOUNCE, status.suppressed());
        // The late-fee invoice's own mail goes out from the document function (InvoiceDelivery) once its PDF
        // exists, not from dunning: here each held-back reminder is counted once.
        assertEquals(rest.size(), status.suppressedSends(), "each held-back reminder counted once");
        List<MailEvent> history = feedback.invoiceHistory(c.invoice().id());
        assertEquals(MailEvent.Kind.HARD_BOUNCE, history.get(0).kind());
        assertEquals(rest.size(), history.stream().filter(e -> e.kind() == MailEvent.Kind.SUPPRESSED).count(),
                history.toString());
        assertTrue(listed(c.customer()), "GET /customers?deliveryProblem=true lists the customer");
    }

    @Test
    void aComplaintStopsEveryFurtherReminderAndFlagsTheCustomer() {
        Case c = remindedOnce();

        feedback.record(about(sent.get(0), MailEvent.Kind.COMPLAINT, "fb-complaint-" + prefix));

        runDunning(c);
        assertEquals(1, sent.size(), "no reminder after the complaint: " + sent);
        assertEquals(DeliveryStatus.Suppression.COMPLAINT, feedback.customer(c.customer().id()).status().suppressed());
        assertTrue(listed(c.customer()));
    }

    @Test
    void aComplaintArrivingTwiceChangesNothingTheSecondTime() {
        Case c = remindedOnce();
        DeliveryFeedback.Notification complaint = about(sent.get(0), MailEvent.Kind.COMPLAINT, "fb-twice-" + prefix);
        feedback.record(complaint);
        DeliveryStatus once = feedback.customer(c.customer().id()).status();
        now.set(now.get().plusSeconds(3600));

        List<DeliveryFeedback.Recorded> again = feedback.record(complaint);

        assertTrue(again.get(0).duplicate());
        assertNull(again.get(0).status());
        assertEquals(once, feedback.customer(c.customer().id()).status(), "same version, same everything");
        assertEquals(1, feedback.invoiceHistory(c.invoice().id()).size());
    }

    @Test
    void feedbackForAnUnknownMessageOrAddressIsRecordedAndIgnored() {
        Case c = remindedOnce();
        Email first = sent.get(0);
        String address = DeliveryStatus.normalise(first.to());

        DeliveryFeedback.Recorded noTag = feedback.record(new DeliveryFeedback.Notification("fb-notag-" + prefix,
                MailEvent.Kind.HARD_BOUNCE, "0100019a-unknown", null, List.of(first.to()), "bounce", now.get())).get(0);
        DeliveryFeedback.Recorded stranger = feedback.record(new DeliveryFeedback.Notification(
                "fb-stranger-" + prefix, MailEvent.Kind.COMPLAINT, "0100019a-stranger", MailTags.encode(first.key()),
                List.of("nobody-" + prefix + "@elsewhere.example"), "complaint", now.get())).get(0);

        assertEquals(MailEvent.Handling.UNKNOWN_MESSAGE, noTag.event().handling());
        assertEquals(MailEvent.Handling.UNKNOWN_ADDRESS, stranger.event().handling());
        assertTrue(store.delivery().event("fb-notag-" + prefix, address).isPresent(), "recorded");
        assertTrue(store.delivery().event("fb-stranger-" + prefix, "nobody-" + prefix.toLowerCase(Locale.ROOT)
                + "@elsewhere.example").isPresent(), "recorded");
        assertFalse(feedback.customer(c.customer().id()).status().suppresses(), "nothing changed");
        assertTrue(feedback.invoiceHistory(c.invoice().id()).isEmpty());
        assertTrue(feedback.record(new DeliveryFeedback.Notification("fb-notag-" + prefix,
                MailEvent.Kind.HARD_BOUNCE, "0100019a-unknown", null, List.of(first.to()), "bounce", now.get()))
                .get(0).duplicate());
    }

    @Test
    void aKeyNamingNoWellFormedInvoiceStillCountsForTheAddress() {
        Case c = remindedOnce();
        DeliveryFeedback.Recorded r = feedback.record(new DeliveryFeedback.Notification("fb-oddkey-" + prefix,
                MailEvent.Kind.HARD_BOUNCE, "m-odd", MailTags.encode("invoice.finalized:inv#1 with spaces"),
                List.of(sent.get(0).to()), "bounce", now.get())).get(0);

        assertEquals(MailEvent.Handling.APPLIED, r.event().handling());
        assertNull(r.event().invoiceId());
        assertTrue(feedback.customer(c.customer().id()).status().suppresses());
    }

    @Test
    void aMalformedNotificationIsRecordedOnce() {
        DeliveryFeedback.Recorded first = feedback.malformed("{\"eventType\":\"Bounce\"," + prefix + "}", "no mail");
        DeliveryFeedback.Recorded again = feedback.malformed("{\"eventType\":\"Bounce\"," + prefix + "}", "no mail");

        assertEquals(MailEvent.Handling.MALFORMED, first.event().handling());
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertTrue(store.delivery().event(first.event().id(), "-").isPresent());
    }

    @Test
    void softBouncesSuppressOnlyWhenRepeatedWithoutADeliveryBetween() {
        Case c = remindedOnce();
        Email mail = sent.get(0);
        feedback.record(about(mail, MailEvent.Kind.SOFT_BOUNCE, "fb-soft1-" + prefix));
        feedback.record(about(mail, MailEvent.Kind.SOFT_BOUNCE, "fb-soft2-" + prefix));
        feedback.record(about(mail, MailEvent.Kind.DELIVERED, "msg.delivered-" + prefix));
        feedback.record(about(mail, MailEvent.Kind.SOFT_BOUNCE, "fb-soft3-" + prefix));
        feedback.record(about(mail, MailEvent.Kind.SOFT_BOUNCE, "fb-soft4-" + prefix));
        assertFalse(feedback.customer(c.customer().id()).status().suppresses(), "a delivery reset the count");

        feedback.record(about(mail, MailEvent.Kind.SOFT_BOUNCE, "fb-soft5-" + prefix));

        assertEquals(DeliveryStatus.Suppression.REPEATED_SOFT_BOUNCES,
                feedback.customer(c.customer().id()).status().suppressed());
    }

    @Test
    void clearingTheAddressLetsMailThroughAgainAndTakesTheCustomerOffTheList() {
        Case c = remindedOnce();
        feedback.record(about(sent.get(0), MailEvent.Kind.HARD_BOUNCE, "fb-clear-" + prefix));

        DeliveryFeedback.CustomerDelivery cleared = feedback.clear(c.customer().id());

        assertFalse(cleared.status().suppresses());
        assertEquals(now.get(), cleared.status().clearedAt());
        assertFalse(listed(c.customer()));
        runDunning(c);
        assertTrue(sent.size() > 1, "reminders go out again");
        assertEquals(cleared.status(), feedback.clear(c.customer().id()).status(), "clearing twice changes nothing");
    }

    private boolean listed(Customer customer) {
        String cursor = null;
        do {
            Listing<DeliveryFeedback.CustomerDelivery> page = feedback.problems(100, cursor);
            if (page.items().stream().anyMatch(d -> d.customer().id().equals(customer.id()))) {
                return true;
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return false;
    }
}
