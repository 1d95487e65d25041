package io.periodic.billing.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.billing.ports.Secrets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostedLinkTokensTest {
    static final String KEY = "k1-0123456789abcdef0123456789abcdef";
    static final String NEW_KEY = "k2-fedcba9876543210fedcba9876543210";
    static final Instant EXPIRY = Instant.parse("2026-06-01T00:00:00Z");
    static final Instant BEFORE = Instant.parse("2026-03-01T00:00:00Z");
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Test
    void aSignedTokenChecksAsValidAndCarriesTheInvoiceAndExpiry() {
        String token = HostedLinkTokens.sign("inv_01HX", EXPIRY, KEY);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertEquals(new HostedLinkTokens.Valid("inv_01HX", EXPIRY), HostedLinkTokens.check(token, List.of(KEY), BEFORE));
    }

    @Test
    void changingAnyCharacterOfTheTokenMakesItInvalid() {
        String token = HostedLinkTokens.sign("inv_01HX", EXPIRY, KEY);
        int checked = 0;
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c == token.charAt(i)) {
                    continue;
                }
                String tampered = token.substring(0, i) + c + token.substring(i + 1);
                assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(tampered, List.of(KEY), BEFORE),
                        "position " + i + " -> " + c);
                checked++;
            }
        }
        assertEquals(token.length() * 63, checked);
    }

    @Test
    void flippingAnyBitOfAnyDecodedByteMakesItInvalid() {
        String token = HostedLinkTokens.sign("inv_01HX", EXPIRY, KEY);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] copy = raw.clone();
                copy[i] ^= (byte) (1 << bit);
                String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
                assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(tampered, List.of(KEY), BEFORE),
                        "byte " + i + " bit " + bit);
            }
        }
    }

    @Test
    void truncatedExtendedPaddedAndMadeUpTokensAreInvalid() {
        String token = HostedLinkTokens.sign("inv_01HX", EXPIRY, KEY);
        for (String bad : new String[] {token.substring(0, token.length() - 1), token + "A", token + "=", "", "x",
                "inv_01HX", token.substring(0, 5) + "+" + token.substring(6), "A".repeat(HostedLinkTokens.MAX_TOKEN_LENGTH + 1), "../../etc"}) {
            assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(bad, List.of(KEY), BEFORE), bad);
        }
        assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(null, List.of(KEY), BEFORE));
    }

    @Test
    void aTokenIsValidUpToTheInstantBeforeItsExpiryAndExpiredFromIt() {
        String token = HostedLinkTokens.sign("inv_1", EXPIRY, KEY);
        assertInstanceOf(HostedLinkTokens.Valid.class,
                HostedLinkTokens.check(token, List.of(KEY), EXPIRY.minusNanos(1)));
        assertEquals(new HostedLinkTokens.Expired("inv_1", EXPIRY), HostedLinkTokens.check(token, List.of(KEY), EXPIRY));
        assertEquals(new HostedLinkTokens.Expired("inv_1", EXPIRY),
                HostedLinkTokens.check(token, List.of(KEY), EXPIRY.plusSeconds(1)));
    }

    @Test
    void anExpiredTokenSignedWithAnotherKeyIsInvalidNotExpired() {
        String forged = HostedLinkTokens.sign("inv_1", EXPIRY, "attacker-key-0123456789abcdef0123456789");
        assertInstanceOf(HostedLinkTokens.Invalid.class,
                HostedLinkTokens.check(forged, List.of(KEY), EXPIRY.plusSeconds(1)));
    }

    @Test
    void rotationKeepsOldTokensValidWhileThePreviousKeyIsConfigured() {
        String old = HostedLinkTokens.sign("inv_1", EXPIRY, KEY);
        String fresh = HostedLinkTokens.sign("inv_1", EXPIRY, NEW_KEY);
        List<String> rotating = List.of(NEW_KEY, KEY);
        assertInstanceOf(HostedLinkTokens.Valid.class, HostedLinkTokens.check(old, rotating, BEFORE));
        assertInstanceOf(HostedLinkTokens.Valid.class, HostedLinkTokens.check(fresh, rotating, BEFORE));
        assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(old, List.of(NEW_KEY), BEFORE),
                "retired key");
        assertInstanceOf(HostedLinkTokens.Invalid.class, HostedLinkTokens.check(fresh, List.of(KEY), BEFORE),
                "not yet configured");
    }

    @Test
    void hostedLinksSignWithTheCurrentKey() {
        HostedLinks links = new HostedLinks(Secrets.of(NEW_KEY, KEY), "https://api.example.com/");
        HostedLinks.Link link = links.link("inv_1", LocalDate.parse("2026-03-31"), LocalDate.parse("2026-03-01"));
        assertTrue(link.url().startsWith("https://api.example.com/pay/"), link.url());
        String token = link.url().substring("https://api.example.com/pay/".length());
        assertInstanceOf(HostedLinkTokens.Valid.class, HostedLinkTokens.check(token, List.of(NEW_KEY), BEFORE));
        assertEquals(LocalDate.parse("2026-06-29"), link.validThrough(), "90 days after the due date, inclusive");
    }

    @Test
    void aLinkLivesNinetyDaysPastTheDueDateAndAtLeastThirtyDaysFromToday() {
        assertEquals(Instant.parse("2026-06-30T00:00:00Z"),
                HostedLinks.expiry(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-03-01")));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"),
                HostedLinks.expiry(LocalDate.parse("2026-03-31"), LocalDate.parse("2026-12-01")));
    }

    @Test
    void badIdsAndShortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostedLinkTokens.sign("inv/1", EXPIRY, KEY));
        assertThrows(IllegalArgumentException.class, () -> HostedLinkTokens.sign("inv_1", EXPIRY, "short"));
        assertThrows(IllegalArgumentException.class, () -> HostedLinkTokens.sign("x".repeat(65), EXPIRY, KEY));
    }
}
