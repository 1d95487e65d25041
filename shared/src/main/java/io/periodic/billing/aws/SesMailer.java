package io.periodic.billing.aws;

import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.ports.Mailer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;

/** Sends through SESv2 from the configured sender; the mail's key is attached as the message tag
 * {@code key} ({@link MailTags}), which SES's delivery notifications carry back (docs/delivery-status.md). */
public final class SesMailer implements Mailer {
    private final Supplier<SesV2Client> client;
    private final String from;
    private final String configurationSet;

    public SesMailer(SesV2Client client, String from, String configurationSet) {
        this(AwsClients.ready(client), from, configurationSet);
    }

    /** With a client built on first use ({@link AwsClients#lazy}). */
    public SesMailer(Supplier<SesV2Client> client, String from, String configurationSet) {
        this.client = client;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    @Override
    public void send(Email email) {
        Body.Builder body = Body.builder().text(utf8(email.textBody()));
        if (email.htmlBody() != null) {
            body.html(utf8(email.htmlBody()));
        }
        client.get().sendEmail(r -> {
            r.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(email.to()))
                    .content(c -> c.simple(m -> m.subject(utf8(email.subject())).body(body.build())))
                    .emailTags(t -> t.name(MailTags.KEY).value(MailTags.encode(email.key())));
            if (configurationSet != null && !configurationSet.isBlank()) {
                r.configurationSetName(configurationSet);
            }
        });
    }

    private static Content utf8(String text) {
        return Content.builder().data(text).charset("UTF-8").build();
    }
}
