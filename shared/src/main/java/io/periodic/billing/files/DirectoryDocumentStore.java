package io.periodic.billing.files;

import io.periodic.billing.ports.DocumentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local runner's and the tests' document store: a folder; links are {@code file:} URLs. */
public final class DirectoryDocumentStore implements DocumentStore {
    private final Path root;

    public DirectoryDocumentStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    @Override
    public String put(String key, String contentType, byte[] content) {
        Path target = resolve(key);
        LocalFiles.write(target, content);
        return target.toUri().toString();
    }

    @Override
    public String link(String key) {
        return resolve(key).toUri().toString();
    }

    @Override
    public byte[] get(String key) {
        Path path = resolve(key);
        try {
            return Files.exists(path) ? Files.readAllBytes(path) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolve(String key) {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root)) {
            throw new IllegalArgumentException("document key escapes the store: " + key);
        }
        return target;
    }
}
