package io.periodic.functions.billingapi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: bytes that are not UTF-8 (stray, truncated, overlong, surrogates) are refused, never replaced. */
final class Utf8 {
    private Utf8() {}

    /** Bytes that are not UTF-8, and where the first bad one is. */
    static final class Malformed extends Exception {
        final int offset;

        Malformed(int offset) {
            super("not UTF-8 at byte " + offset, null, false, false);
            this.offset = offset;
        }
    }

    static String decode(byte[] bytes) throws Malformed {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new Malformed(in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new Malformed(in.position());
        }
        return out.flip().toString();
    }

    /**
     * Decodes a URL path segment: {@code %XX} escapes as UTF-8 bytes, strictly ('+' is a plus, not a space - that
     * is form encoding). Null when the escapes are malformed or the bytes are not UTF-8: no resource has that name.
     */
    static String decodePathSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        byte[] raw = segment.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length) {
                return null;
            }
            int hi = Character.digit(raw[i + 1], 16);
            int lo = Character.digit(raw[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        try {
            return decode(bytes.toByteArray());
        } catch (Malformed e) {
            return null;
        }
    }
}
