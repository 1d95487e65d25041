package io.periodic.local.runner;

import static io.periodic.local.runner.LocalTestData.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One clock advance moves at most two years (a far target would block the runner for hours), refused up front with
 * 422 naming the limit; the clock still never goes back (409); an allowed long advance reports its progress.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClockLimitTest {
    private static final Instant START = LocalRunnerExtension.START;
    private static final List<String> progress = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final LocalRunnerExtension runner = new LocalRunnerExtension()
            .options(options -> options.withProgress(progress::add));

    private static LocalClient api;

    @BeforeAll
    static void client() {
        api = runner.api();
    }

    @Test
    @Order(1)
    void moreThanTwoYearsAheadIsRefusedWith422NamingTheLimitAndTheClockStays() {
        LocalClient.Reply tooFar = api.advance(Instant.parse("2029-01-01T00:00:01Z"));
        assertEquals(422, tooFar.status(), tooFar.body());
        assertEquals("application/problem+json", tooFar.header("Content-Type"));
        assertEquals("https://periodic.dev/problems/clock-advance-too-far", tooFar.json().get("type").textValue());
        String detail = tooFar.json().get("detail").textValue();
        assertTrue(detail.contains("2 years") && detail.contains("2029-01-01T00:00:00Z"), detail);
        assertEquals("/now", tooFar.json().at("/errors/0/pointer").textValue(), tooFar.body());

        LocalClient.Reply year9999 = api.advance(Instant.parse("9999-12-31T00:00:00Z"));
        assertEquals(422, year9999.status(), year9999.body());
        assertEquals(START, api.now(), "a refused advance moves nothing");
    }

    @Test
    @Order(2)
    void backwardsIsStill409() {
        LocalClient.Reply back = api.advance(START.minusSeconds(1));
        assertEquals(409, back.status(), back.body());
        assertEquals("https://periodic.dev/problems/clock-goes-forward-only", back.json().get("type").textValue());
    }

    @Test
    @Order(3)
    void exactlyTwoYearsIsAllowedAndReportsProgressMonthByMonth() {
        Instant target = Instant.parse("2029-01-01T00:00:00Z");
        JsonNode moved = expect(api.advance(target), 200);
        assertEquals(target.toString(), moved.get("now").textValue());
        assertEquals(731, moved.get("dunningSweeps").intValue(), moved.toString());
        assertEquals(target, api.now());
        // One line per simulated month reached (2027-02 .. 2029-01) and one when it ends.
        assertEquals(25, progress.size(), progress.toString());
        assertTrue(progress.get(0).startsWith("clock reached 2027-02-01T00:00:00Z"), progress.get(0));
        assertTrue(progress.get(24).startsWith("clock now 2029-01-01T00:00:00Z"), progress.get(24));
    }
}
