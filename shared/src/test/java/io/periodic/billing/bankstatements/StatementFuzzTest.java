package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.payments.IntakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged statements (random bytes overwritten, fragments cut out or spliced in, with a fixed seed) are either parsed
 * or refused with an {@link IntakeException}: never any other exception, which the API would answer with a 500.
 */
class StatementFuzzTest {
    private static final String[] FRAGMENTS = {"<", ">", "&", "\"", ",", "\n", "\r", "\u0000", "]]>", "<![CDATA[", "-",
        ".", "9", "<!DOCTYPE x>", "&amp;", "&#0;", "&#xD800;", "\uFEFF", "é", "</Ntry>", "<Ntry>", "<TxDtls>",
        "</TxDtls>", "CRDT", "DBIT", "BOOK", "PDNG", "<RvslInd>true</RvslInd>"};

    @ParameterizedTest
    @ValueSource(strings = {"camt054-v08-notification.xml", "camt053-v02-batch.xml", "camt053-v13-jpy.xml",
        "statement.csv"})
    void damagedStatementsAreParsedOrRefusedButNeverCrashTheParser(String fixture) {
        byte[] original = CamtParserTest.fixture(fixture);
        Consumer<byte[]> parser = fixture.endsWith(".csv") ? CsvStatementParser::parse : CamtParser::parse;
        Random random = new Random(fixture.hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 1_500; i++) {
            byte[] damaged = damage(original, random);
            try {
                parser.accept(damaged);
            } catch (IntakeException e) {
                refused++;
            } catch (RuntimeException e) {
                crashes.add(e + " for " + new String(damaged, StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of(), crashes.stream().limit(3).toList());
        assertTrue(refused > 100, "the damage should break most documents, refused only " + refused);
    }

    private static byte[] damage(byte[] original, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] copy = original.clone();
                for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            default -> {
                String text = new String(original, StandardCharsets.UTF_8);
                int from = random.nextInt(text.length());
                int to = Math.min(text.length(), from + random.nextInt(20));
                String insert = random.nextBoolean() ? FRAGMENTS[random.nextInt(FRAGMENTS.length)] : "";
                return (text.substring(0, from) + insert + text.substring(to)).getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
