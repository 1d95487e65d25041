package io.periodic.billing.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The logo check: size, type by magic bytes and structure (not the header alone), pixel dimensions. */
class LogoImagesTest {
    static final byte[] PNG = BrandedSamples.LOGO;
    static final byte[] JPEG = BrandedSamples.resource("/branding/logo.jpg");

    static byte[] image(String format, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static LogoRejected refused(String type, byte[] content) {
        return assertThrows(LogoRejected.class, () -> LogoImages.inspect(type, content));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aPngAndAJpegAreAcceptedWithTheirDimensionsFromTheHeader() {
        assertEquals(new LogoImages.Inspected("image/png", 360, 96), LogoImages.inspect("image/png", PNG));
        assertEquals(new LogoImages.Inspected("image/jpeg", 360, 96), LogoImages.inspect("IMAGE/JPEG", JPEG));
        assertEquals(new LogoImages.Inspected("image/png", 2048, 16),
                LogoImages.inspect("image/png", image("png", 2048, 16)));
    }

    @Test
    void aPngSignatureInFrontOfTextIsNotAPng() {
        byte[] fake = concat(Arrays.copyOf(PNG, 8), "hello, I am a text file\n".repeat(20)
                .getBytes(StandardCharsets.US_ASCII));
        LogoRejected e = refused("image/png", fake);
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, e.reason());
        assertTrue(e.getMessage().startsWith("the content starts like a PNG but is not one"), e.getMessage());
    }

    @Test
    void aPngWithABrokenCrcOrCutShortOrWithSomethingAppendedIsRefused() {
        byte[] crc = PNG.clone();
        crc[PNG.length / 2] ^= 0x55; // inside the image data
        assertTrue(refused("image/png", crc).getMessage().contains("fails its CRC check"));
        assertTrue(refused("image/png", Arrays.copyOf(PNG, PNG.length - 20)).getMessage().contains("no IEND")
                || refused("image/png", Arrays.copyOf(PNG, PNG.length - 20)).getMessage().contains("longer than"));
        LogoRejected appended = refused("image/png", concat(PNG, "<script>alert(1)</script>".getBytes(
                StandardCharsets.US_ASCII)));
        assertTrue(appended.getMessage().contains("follow its end (IEND)"), appended.getMessage());
    }

    @Test
    void aJpegHeaderOnTextOrAJpegWithoutItsEndIsRefused() {
        byte[] fake = concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
                "not really a jpeg".getBytes(StandardCharsets.US_ASCII));
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, refused("image/jpeg", fake).reason());
        LogoRejected cut = refused("image/jpeg", Arrays.copyOf(JPEG, JPEG.length - 2));
        assertTrue(cut.getMessage().contains("EOI"), cut.getMessage());
        LogoRejected appended = refused("image/jpeg", concat(JPEG, "PK\u0003\u0004zip".getBytes(
                StandardCharsets.ISO_8859_1)));
        assertTrue(appended.getMessage().contains("follow its end (EOI)"), appended.getMessage());
    }

    @Test
    void theContentMustBeWhatTheContentTypeSays() {
        LogoRejected jpegAsPng = refused("image/png", JPEG);
        assertEquals("the content is image/jpeg but the Content-Type says image/png", jpegAsPng.getMessage());
        LogoRejected text = refused("image/png", "just text".getBytes(StandardCharsets.US_ASCII));
        assertEquals("the content is not a PNG, JPEG or SVG image (it starts with 6a 75 73 74 20 74 65 78)",
                text.getMessage());
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, refused("image/svg+xml", PNG).reason());
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, refused("image/jpeg", image("gif", 40, 40)).reason());
    }

    @Test
    void otherTypesAndNoTypeAreUnsupported() {
        for (String type : new String[] {"text/plain", "image/gif", "image/webp", "application/octet-stream", "",
                null}) {
            assertEquals(LogoRejected.Reason.UNSUPPORTED_TYPE, refused(type, PNG).reason(), type);
        }
    }

    @Test
    void tooLargeOrEmptyIsRefusedBeforeItIsRead() {
        byte[] big = Arrays.copyOf(PNG, LogoImages.MAX_BYTES + 1);
        LogoRejected e = refused("image/png", big);
        assertEquals(LogoRejected.Reason.TOO_LARGE, e.reason());
        assertEquals("the logo is 262145 bytes; at most 262144 (256 KB) are accepted, as it is embedded in every "
                + "document", e.getMessage());
        assertEquals(LogoRejected.Reason.NOT_AN_IMAGE, refused("image/png", new byte[0]).reason());
    }

    @Test
    void dimensionsOutsideTheSaneRangeAreRefused() {
        assertTrue(refused("image/png", image("png", 8, 8)).getMessage().startsWith("the logo is 8 × 8 pixels"));
        assertTrue(refused("image/png", image("png", 2049, 20)).getMessage().contains("2049 × 20"));
        assertTrue(refused("image/jpeg", image("jpg", 3000, 40)).getMessage().contains("3000 × 40"));
    }

    @Test
    void aPngHeaderClaimingHugeDimensionsIsRefusedWithoutDecoding() {
        byte[] forged = PNG.clone();
        // IHDR width = 0x7FFF_FFFF, its CRC recomputed: a decompression bomb announces itself here.
        forged[16] = 0x7F;
        forged[17] = (byte) 0xFF;
        forged[18] = (byte) 0xFF;
        forged[19] = (byte) 0xFF;
        CRC32 crc = new CRC32();
        crc.update(forged, 12, 17);
        long value = crc.getValue();
        for (int i = 0; i < 4; i++) {
            forged[29 + i] = (byte) (value >> (24 - 8 * i));
        }
        assertTrue(refused("image/png", forged).getMessage().contains("2147483647 × 96"));
    }
}
