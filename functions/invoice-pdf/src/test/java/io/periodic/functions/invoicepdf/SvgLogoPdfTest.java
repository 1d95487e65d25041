package io.periodic.functions.invoicepdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.periodic.local.engines.Engines;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An SVG logo is drawn on the PDF (docs/branding.md, "SVG on the PDF"): the golden branded invoices with their PNG
 * logo swapped for an SVG one, exactly as the templates write it ({@code <img class="logo logo-svg"
 * src="data:image/svg+xml;base64,…">}, BrandedDocumentTest). The page is rendered to pixels with PDFBox and
 * compared with the same document without a logo: the logo's pixels are there, top right, in the letterhead's
 * box, drawn as vectors. A hostile SVG fetches nothing and the PDF still renders. Samples (PDF and PNG at 100 dpi)
 * are written to target/pdf-samples for a person to look at.
 */
class SvgLogoPdfTest {
    private static final int DPI = 100;

    static String golden(String file) throws IOException {
        return Files.readString(Engines.templatePath().resolveSibling("shared/src/test/resources/golden/" + file),
                StandardCharsets.UTF_8);
    }

    /** An SVG as large as the sample logo with nothing in it: the same layout, no pixel drawn. */
    static final byte[] BLANK = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 140 40\"/>"
            .getBytes(StandardCharsets.UTF_8);

    /** The golden branded document with its logo replaced by {@code svg} (null: no logo at all). */
    static String withLogo(String file, byte[] svg) throws IOException {
        String html = golden(file);
        int start = html.indexOf("<img class=\"logo\"");
        assertTrue(start > 0, "the branded sample has a logo");
        int end = html.indexOf('>', start) + 1;
        String logo = svg == null ? "" : "<img class=\"logo logo-svg\" src=\"data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg) + "\" alt=\"Tidewater Analytics\">";
        return html.substring(0, start) + logo + html.substring(end);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = SvgLogoPdfTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static BufferedImage page(byte[] pdf, String sample) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertEquals(1, document.getNumberOfPages(), "one page");
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, DPI);
            if (sample != null) {
                Path out = Path.of("target/pdf-samples", sample);
                Files.createDirectories(out.getParent());
                Files.write(out.resolveSibling(sample + ".pdf"), pdf);
                ImageIO.write(image, "png", out.resolveSibling(sample + ".png").toFile());
            }
            return image;
        }
    }

    /** The smallest rectangle holding every pixel that differs between the two pages (null: none differ). */
    private static Rectangle difference(BufferedImage a, BufferedImage b) {
        Rectangle box = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box;
    }

    private static int bluePixels(BufferedImage image, Rectangle area) {
        int count = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (b > 120 && b > r + 60 && b > g + 20) {
                    count++;
                }
            }
        }
        return count;
    }

    private static double mm(int pixels) {
        return pixels * 25.4 / DPI;
    }

    @ParameterizedTest
    @CsvSource({"invoice-branded-en.html", "invoice-branded-ja.html", "invoice-branded-ko.html",
        "invoice-branded-sr-Latn.html", "credit-note-branded-en.html"})
    void anSvgLogoIsDrawnTopRightInTheLogoBoxOnOnePage(String file) throws Exception {
        String name = file.replace("-branded-", "-branded-svg-").replace(".html", "");
        byte[] pdf = HtmlToPdf.render(withLogo(file, resource("/logo.svg")));
        BufferedImage withSvg = page(pdf, name);
        BufferedImage without = page(HtmlToPdf.render(withLogo(file, BLANK)), null);

        Rectangle logo = difference(withSvg, without);
        assertTrue(logo != null, "the SVG logo changes the page (it is drawn, not hidden)");
        // Top right of the letterhead, above the title: nothing else on the page moved.
        assertTrue(logo.y < withSvg.getHeight() / 8, "near the top: " + logo);
        assertTrue(logo.x > withSvg.getWidth() / 2, "in the right half: " + logo);
        assertTrue(logo.x + logo.width > withSvg.getWidth() * 0.85, "at the right, where the PNG logo is: " + logo);
        // Fitted into the box: at most 50 mm wide and the print style sheet's 11 mm high (+1 pixel of rounding),
        // its shape kept: the viewBox is 140 × 40, the wordmark ends near x = 124, so what is drawn is about
        // 124 × 40 (3.1:1); stretched to the box it would be 4.6:1, squeezed to a square 1:1.
        assertTrue(mm(logo.width) <= 50.5 && mm(logo.height) <= 11.5, "inside the logo box: " + logo);
        assertTrue(mm(logo.height) > 8, "not shrunk to a speck: " + logo);
        assertEquals(3.1, (double) logo.width / logo.height, 0.25, "aspect ratio kept: " + logo);
        assertTrue(bluePixels(withSvg, logo) > 200, "the logo's blue is drawn");

        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (COSName xobject : document.getPage(0).getResources().getXObjectNames()) {
                assertTrue(!(document.getPage(0).getResources().getXObject(xobject) instanceof PDImageXObject),
                        "drawn as vectors, not as a raster image");
            }
            assertTrue(new PDFTextStripper().getText(document).contains(file.startsWith("credit") ? "CN-" : "INV-"));
        }
    }

    static byte[] svgWithEmbeddedPng() throws IOException {
        String png = Base64.getEncoder().encodeToString(Files.readAllBytes(Engines.templatePath()
                .resolveSibling("shared/src/test/resources/branding/logo.png")));
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 140 40\"><image x=\"0\" y=\"2\" "
                + "width=\"135\" height=\"36\" href=\"data:image/png;base64," + png + "\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anSvgWithAnEmbeddedPngImageIsDrawn() throws Exception {
        // SvgLogos allows <image> with a data:image/png URI; Batik decodes it (batik-codec, xmlgraphics-commons).
        // Written with SVG 2's href, which Batik 1.17 does not read (SvgLogoDrawing adds xlink:href).
        BufferedImage page = page(HtmlToPdf.render(withLogo("invoice-branded-en.html", svgWithEmbeddedPng())),
                "invoice-branded-svg-png-en");
        Rectangle logo = difference(page, page(HtmlToPdf.render(withLogo("invoice-branded-en.html", BLANK)), null));
        assertTrue(logo != null && bluePixels(page, logo) > 100, "the embedded PNG is drawn: " + logo);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <image x="40" y="0" width="40" height="40" href="ORIGIN/image.png"/>                       | false
            <image x="80" y="0" width="40" height="40" xlink:href="ORIGIN/nested.svg"/>                | false
            <image x="80" y="0" width="40" height="40" xlink:href="file:///etc/passwd"/>               | false
            <use xlink:href="ORIGIN/sprite.svg#a"/>                                                     | false
            <rect x="40" width="10" height="10" fill="url(ORIGIN/fill.svg#p)"/>                         | false
            <rect x="40" width="10" height="10" filter="url(ORIGIN/filter.svg#f)"/>                     | false
            <style>.a { fill: url(ORIGIN/fill.svg#p); }</style><rect class="a" width="5" height="5"/> | false
            <script xlink:href="ORIGIN/script.js"/>                                                     | true
            <script>new java.net.URL('ORIGIN/script-ran').openStream();</script>                         | true
            <set attributeName="fill" to="url(ORIGIN/set.svg#p)"/>                                      | true
            <style>@import url(ORIGIN/import.css);</style>                                              | false
            <image width="9" height="9" xlink:href="data:image/svg+xml;base64,NESTED"/>                | false
            <image width="9" height="9" xlink:href="jar:ORIGIN/a.jar!/x.png"/>                         | false
            """)
    void aHostileSvgFetchesNothingAndThePdfStillRenders(String hostile, boolean drawn) throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String origin = "http://127.0.0.1:" + server.getAddress().getPort();
            // What SvgLogos refuses on upload; here it reaches the PDF engine as if the check had been bypassed.
            String svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                    + "viewBox=\"0 0 140 40\" onload=\"alert(1)\"><rect width=\"40\" height=\"40\" fill=\"#0B5FA5\"/>"
                    + hostile + "</svg>").replace("NESTED", Base64.getEncoder().encodeToString(
                            ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                            + "<image width=\"9\" height=\"9\" xlink:href=\"" + origin + "/nested.png\"/></svg>")
                            .getBytes(StandardCharsets.UTF_8))).replace("ORIGIN", origin);
            byte[] pdf = HtmlToPdf.render(withLogo("invoice-branded-en.html", svg.getBytes(StandardCharsets.UTF_8)));
            BufferedImage page = page(pdf, null);
            assertEquals(List.of(), requests, "no request reached the network");
            Rectangle logo = difference(page, page(HtmlToPdf.render(withLogo("invoice-branded-en.html", BLANK)), null));
            if (drawn) {
                assertTrue(logo != null && bluePixels(page, logo) > 100, "the harmless part of the logo is drawn");
            } else {
                // Batik refuses the external reference and gives up the whole SVG (openhtmltopdf logs "Couldn't draw
                // SVG", the box stays empty), or fails on it (a NullPointerException on @import without a document
                // URL: HtmlToPdf leaves the logo out). Either way the rest of the invoice renders.
                BufferedImage none = page(HtmlToPdf.render(withLogo("invoice-branded-en.html", null)), null);
                assertTrue(logo == null || difference(page, none) == null, "an empty box or no logo: " + logo);
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aDocumentWithoutAnSvgLogoLoadsNoBatikClassAndOneWithItDoes() throws Exception {
        Path plain = Files.createTempFile("plain", ".html");
        Path svg = Files.createTempFile("svg", ".html");
        Files.writeString(plain, golden("invoice-branded-en.html"), StandardCharsets.UTF_8);
        Files.writeString(svg, withLogo("invoice-branded-en.html", svgWithEmbeddedPng()), StandardCharsets.UTF_8);
        assertEquals(0, classesLoadedRendering(plain, "org.apache.batik."), "a PNG-branded invoice loads no Batik");
        assertEquals(0, classesLoadedRendering(plain, "com.openhtmltopdf.svgsupport."), "nor the SVG drawer");
        assertTrue(classesLoadedRendering(svg, "org.apache.batik.") > 100, "an SVG-branded one does (can fail)");
        // commons-io is excluded from the function (pom.xml) but on the test class path (MIME parser): unused.
        assertEquals(0, classesLoadedRendering(svg, "org.apache.commons.io."), "commons-io not needed");
    }

    /** Renders the file in a fresh JVM ({@link RenderFiles}, -verbose:class); counts the package's classes loaded. */
    private static long classesLoadedRendering(Path html, String packagePrefix) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-Dperiodic.fontDir=" + HtmlToPdf.FONT_DIR,
                "-cp", System.getProperty("java.class.path"), RenderFiles.class.getName(), "1", html.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output.lines().filter(l -> !l.startsWith("[")).toList().toString());
        assertTrue(output.contains("RenderFiles rendered"), "the child rendered");
        return output.lines().filter(l -> l.contains("class,load") && l.contains(" " + packagePrefix)).count();
    }

    @Test
    void theSvgsSizeIsReadFromItsViewBoxElseWidthAndHeight() {
        assertArrayEquals(new double[] {120, 40}, SvgLogoDrawing.intrinsicSize(data(
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 40\"/>")));
        assertArrayEquals(new double[] {300, 100.5}, SvgLogoDrawing.intrinsicSize(data(
                "<svg width='300px' height=\"100.5\" xmlns=\"http://www.w3.org/2000/svg\"/>")));
        assertArrayEquals(new double[] {64, 64}, SvgLogoDrawing.intrinsicSize(data(
                "<svg viewBox=\"-5,-5, 64 64\" width=\"10mm\" height=\"2mm\"/>")));
        assertNull(SvgLogoDrawing.intrinsicSize(data("<svg width=\"100%\" height=\"10mm\"/>")));
        assertNull(SvgLogoDrawing.intrinsicSize(data("<svg viewBox=\"0 0 0 40\"/>")));
        assertNull(SvgLogoDrawing.intrinsicSize("data:image/svg+xml;base64,%%%"));
    }

    @Test
    void theLogoIsFittedIntoTheBoxKeepingItsShape() {
        org.jsoup.nodes.Document wide = org.jsoup.Jsoup.parse("<img class=\"logo logo-svg\" src=\""
                + data("<svg viewBox=\"0 0 400 40\"/>") + "\">");
        assertTrue(SvgLogoDrawing.prepare(wide));
        assertEquals("189", wide.selectFirst("img").attr("width"));
        assertEquals("19", wide.selectFirst("img").attr("height"));
        org.jsoup.nodes.Document tall = org.jsoup.Jsoup.parse("<img class=\"logo logo-svg\" src=\""
                + data("<svg width=\"100\" height=\"100\"/>") + "\">");
        assertTrue(SvgLogoDrawing.prepare(tall));
        assertEquals("41", tall.selectFirst("img").attr("width"));
        assertEquals("41", tall.selectFirst("img").attr("height"));
        assertTrue(!SvgLogoDrawing.prepare(org.jsoup.Jsoup.parse(
                "<img class=\"logo\" src=\"data:image/png;base64,AA\">")), "a PNG logo is not the SVG drawer's");
    }

    @Test
    void svg2HrefsAreAlsoWrittenAsXlinkHrefsAndADoctypeIsNotParsed() {
        String rewritten = SvgHrefs.withXlinkHrefs(data("<svg xmlns=\"http://www.w3.org/2000/svg\"><image "
                + "href=\"data:image/png;base64,AA\"/><use href=\"#a\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "xlink:href=\"#b\"/></svg>"));
        String svg = new String(Base64.getDecoder().decode(rewritten.substring(rewritten.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        assertTrue(svg.contains("xlink:href=\"data:image/png;base64,AA\""), svg);
        assertTrue(svg.contains("xlink:href=\"#b\"") && !svg.contains("xlink:href=\"#a\""), "an xlink:href is kept");
        assertNull(SvgHrefs.withXlinkHrefs(data("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>")));
        assertNull(SvgHrefs.withXlinkHrefs(data("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"&x;\"/></svg>")));
    }

    private static String data(String svg) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }
}
