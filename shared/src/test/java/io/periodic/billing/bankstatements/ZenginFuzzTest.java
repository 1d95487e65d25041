package io.periodic.billing.bankstatements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.payments.IntakeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes and damaged golden files are either parsed (and turned into payments) or refused with an
 * {@link IntakeException}: never any other exception, which the API would answer with a 500.
 */
class ZenginFuzzTest {
    private static final byte[] SPECIAL = {'\r', '\n', 0x1A, '0', '1', '2', '3', '8', '9', ' ', 'A', (byte) 0xF1,
        (byte) 0x88, (byte) 0xB1, (byte) 0xDF, (byte) 0xE0, 0x00, 0x7F, (byte) 0x80, (byte) 0xFF};
    private static final List<byte[]> GOLDEN = ZenginParserTest.golden().values().stream().toList();

    @Property(tries = 500)
    void randomBytesAreParsedOrRefused(@ForAll @Size(max = 1_200) byte[] bytes,
            @ForAll("styles") ZenginDateStyle style) {
        parseOrRefuse(bytes, style);
    }

    @Property(tries = 300)
    void randomRecordsOfTheRightLengthAreParsedOrRefused(@ForAll("records") List<byte[]> records,
            @ForAll("styles") ZenginDateStyle style) {
        parseOrRefuse(ZenginFiles.file("\r\n", records), style);
    }

    @Property(tries = 2_000)
    void damagedGoldenFilesAreParsedOrRefused(@ForAll @IntRange(min = 0, max = 3) int which,
            @ForAll long seed, @ForAll("styles") ZenginDateStyle style) {
        parseOrRefuse(damage(GOLDEN.get(which), new Random(seed)), style);
    }

    /** The damage is neither so mild that everything parses nor so wild that nothing does. */
    @Property(tries = 1)
    void mostDamageIsRefused() {
        Random random = new Random(14);
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            if (!parseOrRefuse(damage(GOLDEN.get(i % GOLDEN.size()), random), ZenginDateStyle.AUTO)) {
                refused++;
            }
        }
        assertTrue(refused > 500, "refused only " + refused);
        assertTrue(refused < 1_000, "some damage (a changed name, a changed EDI text) leaves a valid file");
    }

    @Provide
    Arbitrary<ZenginDateStyle> styles() {
        return Arbitraries.of(ZenginDateStyle.values());
    }

    @Provide
    Arbitrary<List<byte[]>> records() {
        Arbitrary<byte[]> record = Arbitraries.bytes().array(byte[].class).ofSize(ZenginLayout.RECORD_LENGTH)
                .map(bytes -> {
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) (0x30 + Math.floorMod(bytes[i], 10));
                    }
                    return bytes;
                });
        return record.list().ofMaxSize(8);
    }

    /** @return true if parsed, false if refused */
    private static boolean parseOrRefuse(byte[] bytes, ZenginDateStyle style) {
        try {
            ZenginParser.parse(bytes, style, ZenginParserTest.TODAY).toParseResult();
            return true;
        } catch (IntakeException e) {
            assertTrue(e.status() >= 400 && e.status() < 500, e.getMessage());
            return false;
        }
    }

    private static byte[] damage(byte[] original, Random random) {
        List<Byte> bytes = new ArrayList<>(original.length);
        for (byte b : original) {
            bytes.add(b);
        }
        for (int k = 0, n = 1 + random.nextInt(3); k < n && !bytes.isEmpty(); k++) {
            int at = random.nextInt(bytes.size());
            byte value = random.nextBoolean() ? SPECIAL[random.nextInt(SPECIAL.length)] : (byte) random.nextInt(256);
            switch (random.nextInt(4)) {
                case 0 -> bytes.remove(at);
                case 1 -> bytes.add(at, value);
                default -> bytes.set(at, value);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
