package io.periodic.billing.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

public final class LocalFiles {
    private LocalFiles() {}

    /** A key as a file name: path separators and other awkward characters become '_'. */
    public static String safeName(String key) {
        return key.replaceAll("[^A-Za-z0-9._\\-]", "_");
    }

    /** Writes atomically (temporary file, then move), so a reader never sees half a file. */
    public static void write(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp", null);
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
