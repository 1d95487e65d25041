package io.periodic.functions.paymentmatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.functions.paymentmatcher.CashApplicationDataset.Kind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The labelled data set the cash-application benchmark measures on is what its labels say it is. */
class CashApplicationDatasetTest {
    private final CashApplicationDataset.Data data =
            CashApplicationDataset.generate(CashApplicationDataset.SEED, 220, 1_200);

    @Test
    void isLargeEnoughAndTheSameForTheSameSeed() {
        assertEquals(1_200, data.payments().size());
        assertEquals(220, data.customers().size());
        assertEquals(data, CashApplicationDataset.generate(CashApplicationDataset.SEED, 220, 1_200));
        assertEquals(Set.of(Kind.values()), data.countByKind().keySet(), "every kind of noise occurs");
        assertTrue(data.countByKind().get(Kind.PARENT) >= 24, "a parent paying for its subsidiary is ordinary noise "
                + "(at least 2 %), not a curiosity: " + data.countByKind());
    }

    @Test
    void everyLabelNamesInvoicesOfItsCustomerWhoseAmountsThePaymentExplains() {
        Map<String, CashApplicationDataset.Invoice> invoices = new HashMap<>();
        data.invoices().forEach(i -> invoices.put(i.key(), i));
        Set<String> paidOnce = new HashSet<>();
        for (CashApplicationDataset.Payment p : data.payments()) {
            long sum = 0;
            for (String key : p.expectedInvoices()) {
                CashApplicationDataset.Invoice invoice = invoices.get(key);
                assertEquals(p.expectedCustomer(), invoice.customerKey(), p.toString());
                assertTrue(paidOnce.add(key), "two payments labelled for " + key);
                sum += invoice.amount();
            }
            switch (p.kind()) {
                case REFERENCE, NAME_ONLY, GROUP, TYPO -> assertEquals(sum, p.amount(), p.toString());
                case FEE_SHORTFALL -> assertTrue(List.of(440L, 660L, 880L).contains(sum - p.amount()), p.toString());
                case PARENT, WRONG_CURRENCY -> assertTrue(p.expectedInvoices().isEmpty(), p.toString());
            }
            assertTrue(p.kind() != Kind.REFERENCE || p.reference() != null, p.toString());
        }
    }

    @Test
    void banksPrintNoSmallKanaAndTheLegalFormAsAnAbbreviation() {
        for (CashApplicationDataset.Customer c : data.customers()) {
            if (c.currency().equals("JPY")) {
                assertEquals(CashApplicationDataset.large(c.bankName()), c.bankName(), c.toString());
                assertTrue(c.bankName().matches("(ｶ|ﾕ|ﾄﾞ)\\).+|.+\\((ｶ|ﾕ|ﾄﾞ)"), c.bankName());
            }
        }
    }
}
