package io.periodic.functions.invoicepdf;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.periodic.billing.lambda.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.Document;

/**
 * Renders the documents' HTML to PDF/A-friendly PDF with embedded fonts: Noto Sans (Latin, incl. Serbian Latin),
 * Noto Sans JP and Noto Sans KR, regular and bold, so Japanese and Korean print without missing glyphs on any
 * reader. The same HTML the customer sees is used; a small print stylesheet replaces the flexbox layout, which
 * the PDF engine (CSS 2.1) does not implement, with table layout.
 *
 * <p>The seller's logo comes embedded in the HTML as a {@code data:} URI (docs/branding.md), so nothing is fetched:
 * a PNG or JPEG logo is drawn from it; an SVG logo is drawn as vector graphics by {@link SvgLogoDrawing} (Apache
 * Batik, secure mode), which is registered only for a document that has one, so a document without an SVG logo
 * loads no Batik class. An SVG that Batik fails to draw is left out (logged {@code svg_logo_left_out}) rather than
 * failing the PDF.
 */
public final class HtmlToPdf {
    private record Font(String file, String family, int weight) {}

    private static final List<Font> FONTS = List.of(
            new Font("NotoSans_400Regular.ttf", "Noto Sans", 400),
            new Font("NotoSans_700Bold.ttf", "Noto Sans", 700),
            new Font("NotoSansJP_400Regular.ttf", "Noto Sans JP", 400),
            new Font("NotoSansJP_700Bold.ttf", "Noto Sans JP", 700),
            new Font("NotoSansKR_400Regular.ttf", "Noto Sans KR", 400),
            new Font("NotoSansKR_700Bold.ttf", "Noto Sans KR", 700));

    /**
     * Where the fonts are. In Lambda they come from the function's layer ({@code FONT_DIR=/opt/fonts}): 24 MB of
     * fonts out of the deployment package. Elsewhere: {@code -Dperiodic.fontDir}, else the module's
     * {@code target/fonts} (installed by the build) found from the working directory.
     */
    static final Path FONT_DIR = fontDirectory();

    /** Table layout instead of flexbox, and the embedded fonts first in every family list. */
    static final String PRINT_CSS = """
            body, .doc { font-family: "Noto Sans", "Noto Sans JP", "Noto Sans KR", sans-serif; }
            html[lang="ja"] body { font-family: "Noto Sans JP", "Noto Sans", sans-serif; }
            html[lang="ko"] body { font-family: "Noto Sans KR", "Noto Sans", sans-serif; }
            .head, .parties, .closing, .foot { display: table; width: 100%; table-layout: auto; }
            .head > *, .parties > *, .closing > *, .foot > * { display: table-cell; vertical-align: top; }
            .title-block, .totals { width: 82mm; }
            .ids div { display: block; }
            @page { size: A4; margin: 10mm 12mm 8mm; }
            html[lang="ja"] body, html[lang="ko"] body { line-height: 1.4; }
            .logo { max-height: 11mm; margin-bottom: 1mm; }
            .footer { margin-top: 4mm; padding-top: 2mm; }
            """;

    private static Path fontDirectory() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("FONT_DIR");
        String property = System.getProperty("periodic.fontDir");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        } else if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        } else {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("target/fonts"));
                candidates.add(dir.resolve("functions/invoice-pdf/target/fonts"));
            }
        }
        for (Path candidate : candidates) {
            if (FONTS.stream().allMatch(f -> Files.isRegularFile(candidate.resolve(f.file())))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the PDF fonts were not found (" + FONTS.get(0).file() + " ... in "
                + candidates.get(0) + "): in Lambda they come from the PdfFontsLayer (FONT_DIR=/opt/fonts); locally "
                + "the build installs them into functions/invoice-pdf/target/fonts (or set -Dperiodic.fontDir)");
    }

    private HtmlToPdf() {}

    public static byte[] render(String html) {
        Document document = Jsoup.parse(html);
        document.head().appendElement("style").text(PRINT_CSS);
        if (SvgLogoDrawing.prepare(document)) {
            try {
                return pdf(document, true);
            } catch (RuntimeException e) {
                // An SVG Batik cannot draw (SvgLogos let it through; e.g. Batik fails on some CSS) must not keep the
                // invoice from its PDF: it is left out, as the letterhead still names the seller.
                Log.event("svg_logo_left_out", "reason", String.valueOf(e));
                SvgLogoDrawing.remove(document);
            }
        }
        return pdf(document, false);
    }

    private static byte[] pdf(Document document, boolean svgLogo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .withW3cDocument(new W3CDom().fromJsoup(document), "/")
                .toStream(out);
        for (Font font : FONTS) {
            builder.useFont(() -> stream(FONT_DIR.resolve(font.file())), font.family(), font.weight(),
                    BaseRendererBuilder.FontStyle.NORMAL, true);
        }
        if (svgLogo) {
            SvgLogoDrawing.register(builder, () -> stream(FONT_DIR.resolve(FONTS.get(0).file())),
                    () -> stream(FONT_DIR.resolve(FONTS.get(1).file())));
        }
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF rendering failed", e);
        }
        return out.toByteArray();
    }

    private static InputStream stream(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font " + file, e);
        }
    }
}
