package io.periodic.functions.invoicepdf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders HTML files to PDF in this JVM and prints how long each render took: {@code RenderFiles <runs> <file>...}.
 * Used by SvgLogoPdfTest (in a fresh JVM with -verbose:class: which classes a render loads) and to measure render
 * times by hand (docs/branding.md); it asserts nothing about time.
 */
public final class RenderFiles {
    private RenderFiles() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        for (int i = 1; i < args.length; i++) {
            String html = Files.readString(Path.of(args[i]), StandardCharsets.UTF_8);
            for (int run = 1; run <= runs; run++) {
                long start = System.nanoTime();
                byte[] pdf = HtmlToPdf.render(html);
                System.out.printf("RenderFiles rendered %s run %d: %d ms, %d bytes%n", Path.of(args[i]).getFileName(),
                        run, (System.nanoTime() - start) / 1_000_000, pdf.length);
            }
        }
    }
}
