package io.periodic.billing.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards two rules by reading this module's main sources: every rounding uses {@link Rounding#MODE}, and the
 * money package has no binary floating point.
 */
class SourceRulesTest {

    /** A rounding mode other than UNNECESSARY (which only asserts exactness), or a rounding preset/primitive. */
    private static final Pattern OTHER_ROUNDING = Pattern.compile(
            "RoundingMode\\.(?!UNNECESSARY\\b)[A-Z_]+|MathContext\\.DECIMAL|Math\\.(round|rint)\\(");
    private static final Pattern FLOATING_POINT = Pattern.compile(
            "\\b(double|float|Double|Float)\\b|\\b[0-9]+\\.[0-9]*([eE][+-]?[0-9]+)?[dDfF]?\\b|\\b[0-9]+[dDfF]\\b");
    private static final Pattern COMMENTS_AND_STRINGS =
            Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'", Pattern.DOTALL);

    private static Path mainSources() throws URISyntaxException {
        // target/test-classes -> module directory
        Path classes = Path.of(SourceRulesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path sources = classes.getParent().getParent().resolve("src/main/java");
        assertTrue(Files.isDirectory(sources), "main sources not found at " + sources);
        return sources;
    }

    private static String code(Path file) throws IOException {
        return COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll(" ");
    }

    private static List<String> violations(Path root, Pattern pattern, Path exempt) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.equals(exempt)).toList()) {
                Matcher m = pattern.matcher(code(file));
                while (m.find()) {
                    found.add(root.relativize(file) + ": " + m.group());
                }
            }
        }
        return found;
    }

    @Test
    void everyRoundingUsesRoundingMode() throws Exception {
        Path root = mainSources();
        Path rounding = root.resolve("io/periodic/billing/money/Rounding.java");
        assertTrue(Files.exists(rounding));
        assertEquals(List.of(), violations(root, OTHER_ROUNDING, rounding),
                "round with Rounding.MODE instead");
    }

    @Test
    void moneyPackageHasNoFloatingPoint() throws Exception {
        Path money = mainSources().resolve("io/periodic/billing/money");
        assertEquals(List.of(), violations(money, FLOATING_POINT, null));
    }

    @Test
    void theGuardsCatchViolations() {
        assertTrue(OTHER_ROUNDING.matcher("x.setScale(2, RoundingMode.HALF_EVEN)").find());
        assertTrue(OTHER_ROUNDING.matcher("new BigDecimal(\"1\", MathContext.DECIMAL128)").find());
        assertTrue(!OTHER_ROUNDING.matcher("x.setScale(2, RoundingMode.UNNECESSARY)").find());
        assertTrue(FLOATING_POINT.matcher("double x = 1;").find());
        assertTrue(FLOATING_POINT.matcher("BigDecimal.valueOf(0.1)").find());
        assertTrue(FLOATING_POINT.matcher("long x = 2f;").find());
        assertTrue(!FLOATING_POINT.matcher("long x = 2L; m.minor()").find());
        assertEquals("a   b", COMMENTS_AND_STRINGS.matcher("a /* 0.5 double */ b").replaceAll(" ").replaceAll(" +", "   "));
        assertTrue(!FLOATING_POINT.matcher(COMMENTS_AND_STRINGS.matcher("s = \"12.30\"; // 1.5 float").replaceAll(" ")).find());
    }
}
