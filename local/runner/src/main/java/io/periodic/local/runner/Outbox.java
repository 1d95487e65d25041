package io.periodic.local.runner;

import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** SES as a folder: each mail "sent" is a file in {@code <output>/outbox}, which is its own index after a restart. */
final class Outbox implements Mailer {
    private final FileOutboxMailer files;
    private final Map<Path, LocalSystem.SentMail> sent = new LinkedHashMap<>();

    Outbox(Path folder, Supplier<Instant> clock) {
        this.files = new FileOutboxMailer(folder, clock);
        for (FileOutboxMailer.Sent mail : FileOutboxMailer.read(folder)) {
            remember(mail);
        }
    }

    @Override
    public void send(Email email) {
        remember(files.sendAndDescribe(email));
    }

    /** The mails in the folder (after a restart too), oldest first. */
    List<LocalSystem.SentMail> sent() {
        synchronized (sent) {
            return List.copyOf(sent.values());
        }
    }

    private void remember(FileOutboxMailer.Sent mail) {
        synchronized (sent) {
            sent.put(mail.file(), new LocalSystem.SentMail(mail.sentAt(), mail.key(), mail.to(), mail.subject(),
                    mail.file()));
        }
    }
}
