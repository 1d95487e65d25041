package io.periodic.billing.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The {@code key} tag: only the characters SES allows, and the key back from it exactly. */
class MailTagsTest {
    /** Our keys are ASCII (kinds, ids, steps): up to 85 characters always fit the 256 SES allows. */
    @Property
    void everyKeyComesBackFromItsTag(@ForAll @StringLength(min = 1, max = 85) @CharRange(from = ' ', to = '~')
            String key) {
        String tag = MailTags.encode(key);
        assertTrue(tag.matches("[A-Za-z0-9_\\-]+"), tag);
        assertEquals(key, MailTags.decode(tag));
    }

    @Test
    void theKeysOfOurMailNameTheirInvoice() {
        assertEquals("invoice_2Efinalized_3Ainv_5F1", MailTags.encode("invoice.finalized:inv_1"));
        assertEquals("inv_1", MailTags.invoiceId("invoice.finalized:inv_1"));
        assertEquals("inv_1", MailTags.invoiceId("dunning:inv_1:friendly"));
        assertEquals("fee_inv_1", MailTags.invoiceId("dunning:fee_inv_1:late_fee"));
        assertNull(MailTags.invoiceId("receipt:pay_1"));
        assertNull(MailTags.invoiceId("dunning:nostep"));
        assertNull(MailTags.invoiceId(null));
    }

    @Test
    void aKeyTooLongForATagIsCutAndThenReadAsNoKeyNeverAsAnother() {
        String key = "invoice.finalized:" + "請".repeat(40);
        assertEquals(MailTags.MAX_LENGTH, MailTags.encode(key).length());
        assertNull(MailTags.decode(MailTags.encode(key)));
    }

    @Test
    void tagsWeDidNotWriteAreNotKeys() {
        assertNull(MailTags.decode(null));
        assertNull(MailTags.decode(""));
        assertNull(MailTags.decode("invoice_finalized_in_abc"), "the old lossy form");
        assertNull(MailTags.decode("abc_4"), "a cut escape");
        assertNull(MailTags.decode("a b"));
        assertNull(MailTags.decode("_ZZ"));
    }
}
