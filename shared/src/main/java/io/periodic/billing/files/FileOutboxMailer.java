package io.periodic.billing.files;

import io.periodic.billing.ports.Email;
import io.periodic.billing.ports.Mailer;
import io.periodic.billing.rendering.MimeMessages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The local runner's and the tests' mailer: every mail becomes files in an outbox folder instead of being sent:
 * {@code <key>.eml}, the whole message exactly as SES would get it (MIME, with its attachments, e.g. the invoice's
 * PDF; open it in any mail reader), {@code <key>.txt}, plus {@code <key>.html} when it has an HTML body. The text file starts with mail-like headers
 * ({@code To}, {@code Subject}, {@code Attachments} when it has any, and when a clock is given {@code Date} and
 * {@code Message-Key}), a blank line, then
 * the text body, so the folder itself is the outbox's index ({@link #read}): nothing about a sent mail lives only in
 * memory. A mail sent again under the same key replaces its file.
 */
public final class FileOutboxMailer implements Mailer {
    /** One mail in the outbox folder. {@code sentAt} is its Date header, or the file's modification time. */
    public record Sent(String key, String to, String subject, Instant sentAt, Path file, List<String> attachments) {
        public Sent {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        /** The whole message ({@code <key>.eml} beside the text file). */
        public Path eml() {
            String name = file.getFileName().toString();
            return file.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".eml");
        }
    }

    /** The sender the outbox's messages name. */
    public static final String FROM = "billing@periodic.local";

    private final Path folder;
    private final Supplier<Instant> clock;

    public FileOutboxMailer(Path folder) {
        this(folder, null);
    }

    /** A mailer that dates each mail with {@code clock} (e.g. a simulated clock) and records its key. */
    public FileOutboxMailer(Path folder, Supplier<Instant> clock) {
        this.folder = folder;
        this.clock = clock;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(Email email) {
        sendAndDescribe(email);
    }

    /** Sends (writes) the mail and says what was written. */
    public Sent sendAndDescribe(Email email) {
        String name = LocalFiles.safeName(email.key());
        Instant at = clock == null ? null : clock.get();
        StringBuilder text = new StringBuilder()
                .append("To: ").append(oneLine(email.to())).append('\n')
                .append("Subject: ").append(oneLine(email.subject())).append('\n');
        List<String> attached = email.attachments().stream().map(Email.Attachment::filename).toList();
        if (!attached.isEmpty()) {
            text.append("Attachments: ").append(oneLine(String.join(", ", attached))).append('\n');
        }
        if (clock != null) {
            text.append("Date: ").append(at).append('\n')
                    .append("Message-Key: ").append(oneLine(email.key())).append('\n');
        }
        text.append('\n').append(email.textBody()).append('\n');
        if (email.htmlBody() != null) {
            LocalFiles.write(folder.resolve(name + ".html"), email.htmlBody().getBytes(StandardCharsets.UTF_8));
        }
        LocalFiles.write(folder.resolve(name + ".eml"), MimeMessages.write(email, FROM, at));
        Path file = folder.resolve(name + ".txt");
        // The text file last: it is what the index reads, so it only appears once the mail is complete.
        LocalFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        return new Sent(email.key(), email.to(), email.subject(), at, file, attached);
    }

    /** The text files in the outbox, oldest name first. */
    public List<Path> sent() {
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".txt")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every mail in an outbox folder, by date then file name (none if the folder does not exist). */
    public static List<Sent> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Sent> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".txt")
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                mails.add(describe(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mails.sort(Comparator.comparing(Sent::sentAt).thenComparing(s -> s.file().getFileName().toString()));
        return mails;
    }

    private static Sent describe(Path file) throws IOException {
        String name = file.getFileName().toString();
        String key = name.substring(0, name.length() - ".txt".length());
        String to = null;
        String subject = null;
        Instant at = null;
        List<String> attachments = List.of();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.startsWith("To: ")) {
                    to = line.substring(4);
                } else if (line.startsWith("Subject: ")) {
                    subject = line.substring(9);
                } else if (line.startsWith("Attachments: ")) {
                    attachments = List.of(line.substring(13).split(", "));
                } else if (line.startsWith("Message-Key: ")) {
                    key = line.substring(13);
                } else if (line.startsWith("Date: ")) {
                    try {
                        at = Instant.parse(line.substring(6));
                    } catch (DateTimeParseException ignored) {
                        at = null;
                    }
                }
            }
        }
        if (at == null) {
            at = Files.getLastModifiedTime(file).toInstant();
        }
        return new Sent(key, to, subject, at, file, attachments);
    }

    private static String oneLine(String value) {
        return value == null ? "" : value.replace('\r', ' ').replace('\n', ' ');
    }
}
