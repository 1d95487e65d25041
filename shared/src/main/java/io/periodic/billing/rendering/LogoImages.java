package io.periodic.billing.rendering;

import io.periodic.billing.rendering.LogoRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Checks an uploaded logo before anything is stored (docs/branding.md): its size, that the bytes are the image the
 * Content-Type names (magic bytes and the file's structure, not the header alone), and for PNG and JPEG the pixel
 * dimensions read from the header, without decoding the image. An SVG is handed to {@link SvgLogos}.
 */
public final class LogoImages {
    /** The largest logo accepted: it is embedded (base64, +33 %) in every stored document. */
    public static final int MAX_BYTES = 256 * 1024;
    /** The smallest and largest side, in pixels, of a PNG or JPEG logo. */
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 2048;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private LogoImages() {}

    /** What an accepted logo is. {@code width} and {@code height} are 0 for an SVG. */
    public record Inspected(String contentType, int width, int height) {}

    /**
     * Inspects an upload.
     *
     * @param declaredType the request's Content-Type (parameters ignored)
     * @throws LogoRejected when it is not accepted, saying why
     */
    public static Inspected inspect(String declaredType, byte[] content) {
        String type = declaredType == null ? "" : declaredType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("image/png") && !type.equals("image/jpeg") && !type.equals("image/svg+xml")) {
            throw new LogoRejected(Reason.UNSUPPORTED_TYPE, "a logo must be sent as image/png, image/jpeg or "
                    + "image/svg+xml, not " + (type.isEmpty() ? "without a Content-Type" : printable(type)));
        }
        if (content == null || content.length == 0) {
            throw new LogoRejected(Reason.NOT_AN_IMAGE, "the body is empty: send the image's bytes as the body");
        }
        if (content.length > MAX_BYTES) {
            throw new LogoRejected(Reason.TOO_LARGE, "the logo is " + content.length + " bytes; at most "
                    + MAX_BYTES + " (256 KB) are accepted, as it is embedded in every document");
        }
        String actual = sniff(content);
        if (!type.equals(actual)) {
            throw new LogoRejected(Reason.NOT_AN_IMAGE, actual == null
                    ? "the content is not a PNG, JPEG or SVG image (it starts with " + hexStart(content) + ")"
                    : "the content is " + actual + " but the Content-Type says " + type);
        }
        return switch (type) {
            case "image/png" -> png(content);
            case "image/jpeg" -> jpeg(content);
            default -> {
                SvgLogos.check(content);
                yield new Inspected(type, 0, 0);
            }
        };
    }

    /** The type the first bytes say, or null. */
    static String sniff(byte[] c) {
        if (startsWith(c, PNG_SIGNATURE)) {
            return "image/png";
        }
        if (c.length >= 3 && (c[0] & 0xFF) == 0xFF && (c[1] & 0xFF) == 0xD8 && (c[2] & 0xFF) == 0xFF) {
            return "image/jpeg";
        }
        int i = startsWith(c, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        while (i < c.length && (c[i] == ' ' || c[i] == '\t' || c[i] == '\r' || c[i] == '\n')) {
            i++;
        }
        return i < c.length && c[i] == '<' ? "image/svg+xml" : null;
    }

    /**
     * A PNG: the signature, then every chunk walked with its CRC checked (IHDR first, with valid dimensions, bit
     * depth and colour type; at least one IDAT; IEND last and nothing after it), so text with a PNG signature in
     * front, or a PNG with something appended, is refused. The pixels are not decoded.
     */
    private static Inspected png(byte[] c) {
        int at = PNG_SIGNATURE.length;
        int width = 0;
        int height = 0;
        boolean idat = false;
        boolean first = true;
        while (true) {
            if (at + 12 > c.length) {
                throw notPng("it ends inside a chunk at byte " + at + " (no IEND)");
            }
            long length = u32(c, at);
            String chunk = new String(c, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (!chunk.matches("[A-Za-z]{4}")) {
                throw notPng("byte " + (at + 4) + " does not start a chunk");
            }
            if (length > c.length - at - 12) {
                throw notPng("the " + chunk + " chunk at byte " + at + " is longer than the file");
            }
            int end = at + 8 + (int) length;
            CRC32 crc = new CRC32();
            crc.update(c, at + 4, 4 + (int) length);
            if (crc.getValue() != u32(c, end)) {
                throw notPng("the " + chunk + " chunk at byte " + at + " fails its CRC check");
            }
            if (first) {
                if (!chunk.equals("IHDR") || length != 13) {
                    throw notPng("it does not start with an IHDR chunk");
                }
                width = (int) Math.min(u32(c, at + 8), Integer.MAX_VALUE);
                height = (int) Math.min(u32(c, at + 12), Integer.MAX_VALUE);
                int depth = c[at + 16];
                int colour = c[at + 17];
                boolean valid = switch (colour) {
                    case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
                    case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
                    case 2, 4, 6 -> depth == 8 || depth == 16;
                    default -> false;
                };
                if (!valid) {
                    throw notPng("its header has an invalid colour type " + colour + " / bit depth " + depth);
                }
                first = false;
            } else if (chunk.equals("IDAT")) {
                idat = true;
            } else if (chunk.equals("IEND")) {
                if (!idat) {
                    throw notPng("it has no image data (IDAT)");
                }
                if (end + 4 != c.length) {
                    throw notPng((c.length - end - 4) + " bytes follow its end (IEND): a file appended to an "
                            + "image is refused");
                }
                break;
            }
            at = end + 4;
        }
        checkDimensions(width, height);
        return new Inspected("image/png", width, height);
    }

    /**
     * A JPEG: SOI, then every marker segment walked (lengths within the file, entropy-coded data skipped) to a
     * start-of-frame with the dimensions and an EOI at the end; the pixels are not decoded.
     */
    private static Inspected jpeg(byte[] c) {
        int at = 2;
        int width = -1;
        int height = -1;
        while (true) {
            if (at + 2 > c.length) {
                throw notJpeg("it ends before its end marker (EOI)");
            }
            if ((c[at] & 0xFF) != 0xFF) {
                throw notJpeg("byte " + at + " is not a marker");
            }
            int marker = c[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                if (width < 0) {
                    throw notJpeg("it has no frame header (SOF)");
                }
                int trailing = c.length - at - 2;
                if (trailing > 0) {
                    throw notJpeg(trailing + " bytes follow its end (EOI): a file appended to an image is refused");
                }
                break;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                at += 2;
                continue;
            }
            if (at + 4 > c.length) {
                throw notJpeg("it ends inside a marker at byte " + at);
            }
            int length = (c[at + 2] & 0xFF) << 8 | c[at + 3] & 0xFF;
            if (length < 2 || at + 2 + length > c.length) {
                throw notJpeg("the segment at byte " + at + " has an impossible length " + length);
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (length < 8) {
                    throw notJpeg("its frame header is too short");
                }
                height = (c[at + 5] & 0xFF) << 8 | c[at + 6] & 0xFF;
                width = (c[at + 7] & 0xFF) << 8 | c[at + 8] & 0xFF;
            }
            at += 2 + length;
            if (marker == 0xDA) { // start of scan: entropy-coded data up to the next marker that is not RSTn/stuffing
                while (at + 1 < c.length && !((c[at] & 0xFF) == 0xFF && (c[at + 1] & 0xFF) != 0x00
                        && ((c[at + 1] & 0xFF) < 0xD0 || (c[at + 1] & 0xFF) > 0xD7))) {
                    at++;
                }
            }
        }
        checkDimensions(width, height);
        return new Inspected("image/jpeg", width, height);
    }

    private static void checkDimensions(int width, int height) {
        if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) {
            throw new LogoRejected(Reason.NOT_AN_IMAGE, "the logo is " + width + " × " + height + " pixels; each "
                    + "side must be " + MIN_SIDE + " to " + MAX_SIDE + " pixels (a logo prints at most 50 mm wide: "
                    + "about 600 pixels is 300 dpi)");
        }
    }

    private static LogoRejected notPng(String why) {
        return new LogoRejected(Reason.NOT_AN_IMAGE, "the content starts like a PNG but is not one: " + why);
    }

    private static LogoRejected notJpeg(String why) {
        return new LogoRejected(Reason.NOT_AN_IMAGE, "the content starts like a JPEG but is not one: " + why);
    }

    private static long u32(byte[] c, int at) {
        return (c[at] & 0xFFL) << 24 | (c[at + 1] & 0xFFL) << 16 | (c[at + 2] & 0xFFL) << 8 | c[at + 3] & 0xFFL;
    }

    private static boolean startsWith(byte[] c, byte[] prefix) {
        if (c.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (c[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hexStart(byte[] c) {
        byte[] head = new byte[Math.min(8, c.length)];
        System.arraycopy(c, 0, head, 0, head.length);
        return HexFormat.ofDelimiter(" ").formatHex(head);
    }

    static String printable(String text) {
        String p = text.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "…" : p;
    }
}
