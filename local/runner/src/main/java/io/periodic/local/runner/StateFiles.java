package io.periodic.local.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.periodic.billing.files.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runner's state folder ({@code <output>/state}) when it keeps its state in a folder ({@link
 * LocalSystem.Storage#FOLDER}): the clock, the workflows, the documents not yet rendered to PDF, and the engines'
 * data. In memory nothing is read or written here.
 */
final class StateFiles {
    /** What {@link #wipe} deletes in an output folder: everything a runner writes there except functions.log. */
    private static final List<String> OWNED = List.of("state", "outbox", "documents", "invoices", "events.jsonl",
            "report.html");

    private final Path dir;
    private final boolean kept;

    StateFiles(Path outputDir, boolean kept) {
        this.dir = outputDir.resolve("state");
        this.kept = kept;
    }

    /** Whether state is kept in the folder (a restart resumes) rather than in memory. */
    boolean kept() {
        return kept;
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    /**
     * The key that signs the local hosted page links: read from {@code state/hosted-link-key}, made (256 random bits)
     * on the first run; in memory, a new one per runner. Never an AWS secret: the local runner needs no credentials.
     */
    String hostedLinkKey() {
        Path file = dir.resolve("hosted-link-key");
        try {
            if (kept && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            if (kept) {
                LocalFiles.write(file, key.getBytes(StandardCharsets.US_ASCII));
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A JSON state file, or null when there is none (or state is not kept). */
    JsonNode read(String name) {
        Path file = dir.resolve(name);
        if (!kept || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            return LocalSystem.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes a JSON state file (replacing it whole), if state is kept. */
    void write(String name, JsonNode value) {
        if (!kept) {
            return;
        }
        synchronized (this) {
            LocalFiles.write(dir.resolve(name), value.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Deletes what a runner keeps in {@code outputDir} (its state, outbox, documents, event log and report), so that
     * the next runner there starts empty. functions.log is kept (it is only ever appended to).
     */
    static void wipe(Path outputDir) {
        for (String name : OWNED) {
            Path target = outputDir.resolve(name);
            if (!Files.exists(target)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(target)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + target, e);
            }
        }
    }
}
