package io.periodic.functions.paymentwebhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.periodic.local.engines.DynamoDbLocalEngine;
import io.periodic.local.engines.DynamoDbLocalExtension;
import io.periodic.local.engines.ElasticMqEngine;
import io.periodic.local.engines.ElasticMqExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ZenginBenchmark} on a small file, so that what it counts is known to be what it claims (its times are only
 * printed): calls and capacity are counted, the re-upload is all duplicates, and the matched entries have the
 * outcomes the world was built for.
 */
@ExtendWith({DynamoDbLocalExtension.class, ElasticMqExtension.class})
class ZenginBenchmarkTest {
    @Test
    void theBenchmarkCountsWhatItPrints(DynamoDbLocalEngine dynamo, ElasticMqEngine mq) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // 120 entries from 120 customers, all matched: each entry is its customer's only payment.
        ZenginBenchmark.Figures f = ZenginBenchmark.run(dynamo, mq, 120, 120, 120, new PrintStream(printed, true,
                StandardCharsets.UTF_8));
        assertEquals(120, f.accepted());
        // Intake: 2 BatchGetItem (100 keys a call), the inbound event created (a conditional UpdateItem) and marked enqueued, 12 SendMessageBatch of 10.
        assertEquals(Map.of("BatchGetItem", 2, "UpdateItem", 2), f.intake().calls());
        assertEquals(Map.of("SendMessageBatch", 12), f.sent().calls());
        assertEquals(120, f.sent().messages());
        // The inbound event's two writes; DynamoDB Local reports no read capacity for keys it does not find.
        assertTrue(f.intake().wcu() >= 2, f.intake().toString());

        assertEquals(120, f.matched());
        assertEquals(0, f.failed());
        // Kind = j % 20: 12 by name, 2 by reference, 3 fee shortfalls, 1 overpaid, 2 unknown payers, six times over.
        Map<String, Integer> outcomes = f.outcomes();
        assertEquals(120, outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes.toString());
        assertEquals(12, outcomes.getOrDefault("held, payer unknown", 0), outcomes.toString());
        assertEquals(18, outcomes.getOrDefault("applied, fee-tolerance", 0), outcomes.toString());
        assertTrue(f.matching().wcu() > 0 && f.matching().rcu() > 0, f.matching().toString());

        // The 120 matched entries again in other bytes: all duplicates, nothing sent.
        assertEquals(120, f.duplicates());
        assertEquals(2, f.reupload().of("BatchGetItem"));
        assertTrue(f.reupload().rcu() >= 120, f.reupload().toString()); // at least 1 RCU for each payment found
        assertEquals(Map.of(), f.resent().calls());
        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("intake POST /bank-statements") && out.contains("re-upload"), out);
    }
}
