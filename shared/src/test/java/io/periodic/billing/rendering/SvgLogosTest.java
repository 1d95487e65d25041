package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SVG check with hostile samples (docs/branding.md, threat notes): each is refused with what was found, and
 * a clean logo passes byte for byte. Samples after the OWASP XXE Prevention Cheat Sheet and the SVG XSS vectors
 * of the OWASP XSS Filter Evasion Cheat Sheet.
 */
class SvgLogosTest {
    static final String CLEAN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 40">
              <title>Periodic</title>
              <defs>
                <linearGradient id="g"><stop offset="0" stop-color="#0B5FA5"/><stop offset="1" stop-color="#1F2933"/></linearGradient>
                <style>.word { font: bold 20px sans-serif; fill: url(#g); }</style>
              </defs>
              <rect x="2" y="2" width="36" height="36" rx="8" fill="url(#g)"/>
              <use xlink:href="#mark" x="0" y="0"/>
              <g id="mark"><circle cx="20" cy="20" r="10" fill="none" stroke="#fff" stroke-width="4"/></g>
              <text class="word" x="46" y="27">Periodic</text>
            </svg>
            """;

    private static byte[] svg(String body) {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "viewBox=\"0 0 10 10\">" + body + "</svg>").getBytes(StandardCharsets.UTF_8);
    }

    private static LogoRejected refused(byte[] content) {
        try {
            SvgLogos.check(content);
        } catch (LogoRejected e) {
            return e;
        }
        throw new AssertionError("accepted: " + new String(content, StandardCharsets.UTF_8));
    }

    private static void found(List<String> findings, String expected) {
        assertTrue(findings.stream().anyMatch(f -> f.contains(expected)), () -> expected + " not in " + findings);
    }

    @Test
    void aCleanLogoWithLocalReferencesPasses() {
        SvgLogos.check(CLEAN.getBytes(StandardCharsets.UTF_8));
        SvgLogos.check(svg("<image width=\"4\" height=\"4\" href=\"data:image/png;base64,iVBORw0KGgo=\"/>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            script element                 | <script>alert(1)</script>                                        | <script> at /svg/script (script)
            script in a group              | <g><script xlink:href="https://evil.example/x.js"/></g>            | <script> at /svg/g/script
            onload on the root             | ROOT_ONLOAD                                                       | the event-handler attribute onload on <svg> at /svg
            onclick on a shape             | <rect width="1" height="1" onclick="alert(1)"/>                  | the event-handler attribute onclick on <rect>
            ONMOUSEOVER in capitals        | <rect width="1" height="1" ONMOUSEOVER="alert(1)"/>              | the event-handler attribute ONMOUSEOVER
            xlink:href to http             | <use xlink:href="http://evil.example/sprite.svg#a"/>              | the external reference xlink:href="http://evil.example/sprite.svg#a" on <use>
            href to a file                 | <use href="file:///etc/passwd#x"/>                                 | the external reference href="file:///etc/passwd#x"
            javascript: link               | <a href="javascript:alert(1)"><rect width="1" height="1"/></a>    | <a> at /svg/a (a link)
            image from the web             | <image href="https://tracker.example/pixel.png"/>                  | the external reference href="https://tracker.example/pixel.png" on <image>
            nested SVG as data             | <image href="data:image/svg+xml;base64,PHN2Zz4="/>                 | the external reference href="data:image/svg+xml;base64,PHN2Zz4="
            data image outside image       | <use href="data:image/png;base64,AAAA"/>                           | the external reference href="data:image/png;base64,AAAA" on <use>
            foreignObject with HTML        | <foreignObject><body xmlns="http://www.w3.org/1999/xhtml">x</body></foreignObject> | <foreignObject> at /svg/foreignObject (embeds HTML)
            XHTML script                   | <html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script> | <html:script> at /svg/script (not an SVG element
            style url to http              | <style>rect { fill: url('https://evil.example/f.svg#p'); }</style> | <style> at /svg/style holds url(https://evil.example/f.svg#p)
            style @import                  | <style>@import 'https://evil.example/x.css';</style>               | <style> at /svg/style holds @import
            style attribute url            | <rect width="1" height="1" style="fill:url(http://evil.example/p)"/> | the attribute style at /svg/rect holds url(http://evil.example/p)
            presentation attribute url     | <rect width="1" height="1" fill="url( https://evil.example/p )"/>  | the attribute fill at /svg/rect holds url(https://evil.example/p)
            css expression                 | <rect width="1" height="1" style="width: expression(alert(1))"/>   | holds a CSS expression(
            javascript in style            | <rect width="1" height="1" style="background: java script:x"/>     | holds a javascript: URL
            set rewrites a link            | <set attributeName="href" to="javascript:alert(1)"/>               | <set> at /svg/set (animation can rewrite links)
            animate                        | <animate attributeName="href" values="javascript:alert(1)"/>        | <animate> at /svg/animate
            iframe                         | <iframe src="https://evil.example"/>                               | <iframe> at /svg/iframe (embeds another document)
            foreign-namespace attribute    | <rect width="1" height="1" xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click"/> | the attribute ev:event on <rect>
            processing instruction inside  | <?php echo 1; ?>                                                  | the processing instruction <?php?> at /svg
            """)
    void hostileSamplesAreRefusedNamingWhatWasFound(String name, String body, String finding) {
        byte[] content = body.equals("ROOT_ONLOAD")
                ? "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8)
                : svg(body);
        LogoRejected e = refused(content);
        assertEquals(LogoRejected.Reason.UNSAFE_SVG, e.reason(), e.getMessage());
        found(e.findings(), finding);
        assertTrue(e.getMessage().contains("nothing was stored") && e.getMessage().contains(finding), e.getMessage());
    }

    @Test
    void xxeIsRefusedAtTheDoctypeAndNothingIsRead() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
                """;
        LogoRejected e = refused(xxe.getBytes(StandardCharsets.UTF_8));
        assertEquals(LogoRejected.Reason.UNSAFE_SVG, e.reason());
        assertTrue(e.getMessage().contains("DOCTYPE") && e.getMessage().contains("XXE"), e.getMessage());
        assertTrue(!e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefusedBeforeAnythingExpands() {
        StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY l0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            lol.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        lol.append("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&l9;</text></svg>");
        LogoRejected e = refused(lol.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(LogoRejected.Reason.UNSAFE_SVG, e.reason());
        assertEquals(List.of("a DOCTYPE (DTD / entity declarations)"), e.findings());
    }

    @Test
    void anExternalDtdIsRefusedWithoutFetchingIt() {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                + "\"http://127.0.0.1:9/svg11.dtd\"><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assertEquals(LogoRejected.Reason.UNSAFE_SVG, refused(external.getBytes(StandardCharsets.UTF_8)).reason());
    }

    @Test
    void anXmlStylesheetInstructionIsRefused() {
        String pi = "<?xml-stylesheet href=\"https://evil.example/x.css\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        found(refused(pi.getBytes(StandardCharsets.UTF_8)).findings(), "<?xml-stylesheet?>");
    }

    @Test
    void xmlThatIsNotSvgOrNotWellFormedIsNotAnImage() {
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE,
                refused("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8)).reason());
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, refused("<svg>".getBytes(StandardCharsets.UTF_8)).reason());
        LogoRejected noNamespace = refused("<svg viewBox=\"0 0 1 1\"/>".getBytes(StandardCharsets.UTF_8));
        assertTrue(noNamespace.getMessage().contains("not <svg xmlns=\"http://www.w3.org/2000/svg\">"),
                noNamespace.getMessage());
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        LogoRejected e = refused(svg("<g>".repeat(80) + "</g>".repeat(80)));
        found(e.findings(), "elements nested deeper than 64");
        // Far deeper: the parser's own limit (jdk.xml.maxElementDepth) refuses it before the walk.
        LogoRejected parser = refused(svg("<g>".repeat(50_000) + "</g>".repeat(50_000)));
        assertTrue(parser.getMessage().contains("line 1"), parser.getMessage());
    }

    @Test
    void manyFindingsAreListedUpToTenAndCounted() {
        LogoRejected e = refused(svg("<script/>".repeat(15)));
        assertEquals(SvgLogos.MAX_FINDINGS, e.findings().size());
        assertTrue(e.getMessage().endsWith("and 5 more"), e.getMessage());
    }

    @Test
    void inspectHandsAnSvgUploadToTheCheck() {
        LogoRejected e = assertThrows(LogoRejected.class,
                () -> LogoImages.inspect("image/svg+xml", svg("<script>alert(1)</script>")));
        assertTrue(e.getMessage().contains("<script>"), e.getMessage());
        assertEquals(new LogoImages.Inspected("image/svg+xml", 0, 0),
                LogoImages.inspect("image/svg+xml; charset=utf-8", CLEAN.getBytes(StandardCharsets.UTF_8)));
    }
}
