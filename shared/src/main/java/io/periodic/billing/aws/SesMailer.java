package io.periodic.billing.aws;

import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.MailTags;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.MimeMessages;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Sends through SESv2 from the configured sender as a raw MIME message ({@code Content.raw}, written by
 * {@link MimeMessages}: text, HTML and attachments such as the invoice's PDF); the mail's key is attached as the
 * message tag {@code key} ({@link MailTags}), which SES's delivery notifications carry back
 * (docs/delivery-status.md). SES adds the Date and Message-ID headers. A raw message may be up to 40 MB
 * (docs/delivery.md).
 */
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
        SdkBytes raw = SdkBytes.fromByteArrayUnsafe(MimeMessages.write(email, from, null));
        client.get().sendEmail(r -> {
            r.fromEmailAddress(from)
                    .destination(d -> d.toAddresses(email.to()))
                    .content(c -> c.raw(m -> m.data(raw)))
                    .emailTags(t -> t.name(MailTags.KEY).value(MailTags.encode(email.key())));
            if (configurationSet != null && !configurationSet.isBlank()) {
                r.configurationSetName(configurationSet);
            }
        });
    }
}
