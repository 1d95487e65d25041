package io.periodic.billing.ports;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The {@code key} message tag every mail carries in SES, and what a delivery notification's tag says back. SES
 * allows only {@code A-Z a-z 0-9 _ -} in a tag value (at most 256 characters), so the key is encoded reversibly:
 * every other byte of its UTF-8 form, and {@code _} itself, becomes {@code _} and two hex digits
 * ({@code invoice.finalized:in_1} → {@code invoice_2Efinalized_3Ain_5F1}).
 */
public final class MailTags {
    /** The tag's name. */
    public static final String KEY = "key";
    /** The longest tag value SES accepts. */
    public static final int MAX_LENGTH = 256;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Ends a tag cut to {@link #MAX_LENGTH}: not hex, so {@link #decode} refuses it. */
    private static final String CUT = "_ZZ";

    private MailTags() {}

    /** The tag value of a mail key. */
    public static String encode(String key) {
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(HEX.toHexDigits(b));
            }
        }
        // Too long (never for our keys: kinds, ids and steps are ASCII): cut, and end with an escape no key has, so
        // that the cut tag reads as no key rather than as a shorter one (another invoice).
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH - 3) + CUT;
    }

    /** The mail key a tag value stands for; null when it is not one {@link #encode} wrote (or was cut short). */
    public static String decode(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return null;
        }
        byte[] bytes = new byte[value.length()];
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '_') {
                if (i + 2 >= value.length()) {
                    return null;
                }
                try {
                    bytes[n++] = (byte) HEX.fromHexDigits(value, i + 1, i + 3);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                i += 2;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                bytes[n++] = (byte) c;
            } else {
                return null;
            }
        }
        String key = new String(bytes, 0, n, StandardCharsets.UTF_8);
        return encode(key).equals(value) ? key : null;
    }

    /**
     * The invoice a mail is about, from its key: {@code invoice.<what>:<invoice id>} (the invoice mail, and any
     * later invoice mail named so) or {@code dunning:<invoice id>:<step>} (reminders); null for any other key.
     */
    public static String invoiceId(String key) {
        if (key == null) {
            return null;
        }
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String kind = key.substring(0, colon);
        String rest = key.substring(colon + 1);
        if (kind.startsWith("invoice.")) {
            return rest.isEmpty() ? null : rest;
        }
        if (kind.equals("dunning")) {
            int last = rest.lastIndexOf(':');
            return last <= 0 ? null : rest.substring(0, last);
        }
        return null;
    }
}
