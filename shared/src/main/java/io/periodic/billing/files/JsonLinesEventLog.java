package io.periodic.billing.files;

import io.periodic.billing.ports.DomainEvent;
import io.periodic.billing.ports.EventPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The local runner's and the tests' event bus: every event is appended as one JSON line to a file (EventBridge's
 * envelope fields: id, detail-type, source, time, detail) and kept in memory for subscribers in the same process.
 */
public final class JsonLinesEventLog implements EventPublisher {
    private final Path file;
    private final List<DomainEvent> events = new ArrayList<>();

    public JsonLinesEventLog(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void publish(DomainEvent event) {
        String line = "{\"id\":\"" + event.id() + "\",\"detail-type\":\"" + event.type()
                + "\",\"source\":\"periodic.billing\",\"time\":\"" + event.occurredAt() + "\",\"detail\":"
                + event.detailJson() + "}\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events.add(event);
    }

    public synchronized List<DomainEvent> events() {
        return List.copyOf(events);
    }
}
