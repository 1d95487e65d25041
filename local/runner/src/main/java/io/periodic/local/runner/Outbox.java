package io.periodic.local.runner;

import io.periodic.billing.files.FileOutboxMailer;
import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * SES as a folder: each mail "sent" is a file in {@code <output>/outbox}, which is its own index after a restart.
 * Mail to the simulator's test domains ({@link MailboxSimulator}) also comes back as SES's feedback, handed to
 * {@code feedback} (the delivery-events queue).
 */
final class Outbox implements Mailer {
    private final FileOutboxMailer files;
    private final Supplier<Instant> clock;
    private final Consumer<String> feedback;
    private final Map<Path, LocalSystem.SentMail> sent = new LinkedHashMap<>();

    Outbox(Path folder, Supplier<Instant> clock, Consumer<String> feedback) {
        this.files = new FileOutboxMailer(folder, clock);
        this.clock = clock;
        this.feedback = feedback;
        for (FileOutboxMailer.Sent mail : FileOutboxMailer.read(folder)) {
            remember(mail);
        }
    }

    @Override
    public void send(Email email) {
        remember(files.sendAndDescribe(email));
        String simulated = MailboxSimulator.feedback(email, clock.get());
        if (simulated != null) {
            feedback.accept(simulated);
        }
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
