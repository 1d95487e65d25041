package io.periodic.billing.local;

import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local runner's and the tests' mailer: every mail becomes a file in an outbox folder ({@code <key>.txt}, plus
 * {@code <key>.html} when it has an HTML body) instead of being sent.
 */
public final class FileOutboxMailer implements Mailer {
    private final Path folder;

    public FileOutboxMailer(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(Email email) {
        String name = LocalFiles.safeName(email.key());
        String text = "To: " + email.to() + "\nSubject: " + email.subject() + "\n\n" + email.textBody() + "\n";
        LocalFiles.write(folder.resolve(name + ".txt"), text.getBytes(StandardCharsets.UTF_8));
        if (email.htmlBody() != null) {
            LocalFiles.write(folder.resolve(name + ".html"), email.htmlBody().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The text files in the outbox, oldest name first. */
    public List<Path> sent() {
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".txt")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
