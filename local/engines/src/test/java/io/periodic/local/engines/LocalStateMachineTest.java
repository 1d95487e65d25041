package io.periodic.local.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periodic.local.engines.LocalStateMachine.ExecutionView;
import io.periodic.local.engines.LocalStateMachine.Status;
import io.periodic.local.engines.LocalStateMachine.TaskFailure;
import io.periodic.local.engines.LocalStateMachine.TaskInvoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the project's real {@code statemachines/dunning.asl.json} (and small definitions for the rest of the
 * supported subset) on a simulated clock, with a scripted stand-in for the dunning-steps function.
 */
class LocalStateMachineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:dunning-steps";
    private static final Map<String, String> SUBSTITUTIONS = Map.of("DunningStepsFunctionArn", ARN);

    private static final Instant T0 = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant REMINDER_AT = Instant.parse("2027-01-02T00:00:00Z");
    private static final Instant LATE_FEE_AT = Instant.parse("2027-01-05T00:00:00Z");
    private static final String INPUT = "{\"invoiceId\":\"in_1\"}";
    private static final String PLAN_REMINDER = "{\"done\":false,\"next\":{\"kind\":\"REMINDER\",\"at\":\"2027-01-02T00:00:00Z\"}}";
    private static final String NEXT_LATE_FEE = "{\"done\":false,\"next\":{\"kind\":\"LATE_FEE\",\"at\":\"2027-01-05T00:00:00Z\"}}";
    private static final String RECOVERED = "{\"done\":true,\"outcome\":\"RECOVERED\"}";
    private static final String FAIL_CAUSE_PREFIX = "A dunning step failed after its retries";

    @TempDir
    Path tmp;

    /** The simulated "now" of the test; tasks that care read it. */
    private Instant now = T0;
    private final FakeDunningSteps steps = new FakeDunningSteps();

    // ------------------------------------------------------------------ the real dunning definition

    @Test
    void walksTheDunningDefinitionThroughItsWaitsOnTheSimulatedClock() {
        steps.answer("act", NEXT_LATE_FEE).answer("act", RECOVERED);
        LocalStateMachine machine = dunning();

        assertTrue(machine.start("dunning-in_1", INPUT, T0));
        assertEquals(List.of(), steps.actions(), "start runs nothing by itself");
        assertEquals(Optional.of(T0), machine.nextWakeUp());
        assertView(machine.execution("dunning-in_1").orElseThrow(), Status.RUNNING, "Plan", T0, 0);

        assertEquals(3, machine.runDue(T0), "Plan, Finished?, WaitForNextStep");
        assertEquals(List.of("plan"), steps.actions());
        assertView(machine.execution("dunning-in_1").orElseThrow(), Status.RUNNING, "WaitForNextStep", REMINDER_AT, 3);
        assertEquals(Optional.of(REMINDER_AT), machine.nextWakeUp());

        assertEquals(0, machine.runDue(REMINDER_AT.minusMillis(1)), "nothing happens before the wake-up instant");
        assertEquals(List.of("plan"), steps.actions());
        assertView(machine.execution("dunning-in_1").orElseThrow(), Status.RUNNING, "WaitForNextStep", REMINDER_AT, 3);

        assertEquals(3, machine.runDue(REMINDER_AT), "Act, Finished?, WaitForNextStep");
        assertEquals(List.of("plan", "act"), steps.actions());
        assertEquals(Optional.of(LATE_FEE_AT), machine.nextWakeUp());

        assertEquals(3, machine.runDue(LATE_FEE_AT), "Act, Finished?, Stopped");
        ExecutionView done = machine.execution("dunning-in_1").orElseThrow();
        assertView(done, Status.SUCCEEDED, "Stopped", null, 9);
        assertEquals(json("{\"invoiceId\":\"in_1\",\"state\":" + RECOVERED + "}"), done.output());
        assertNull(done.error());
        assertNull(done.cause());
        assertEquals(Optional.empty(), machine.nextWakeUp());
        assertEquals(0, machine.runDue(LATE_FEE_AT.plus(Duration.ofDays(365))));
        assertEquals(List.of("plan", "act", "act"), steps.actions());
    }

    @Test
    void aRestoredSnapshotContinuesWhereTheMachineStoodRetryCountsIncluded() {
        steps.fail("plan", new TaskFailure("Lambda.ServiceException", "Rate exceeded"))
                .answer("plan", PLAN_REMINDER).answer("act", RECOVERED);
        LocalStateMachine before = dunning();
        before.start("dunning-in_1", INPUT, T0);
        before.start("dunning-in_2", "{\"invoiceId\":\"in_2\"}", T0);
        before.runDue(T0); // in_1: Plan failed once, retry due at +2 s; in_2 too (the fake answers in order)
        JsonNode snapshot = before.snapshot();

        LocalStateMachine after = dunning(); // as after a restart: same definition, nothing started
        after.restore(json(snapshot.toString())); // through its text form, as it is kept on disk
        assertEquals(before.executions(), after.executions());
        assertEquals(before.nextWakeUp(), after.nextWakeUp());
        assertFalse(after.start("dunning-in_1", INPUT, T0), "names used before the restart stay used");

        drive(after);
        assertEquals(Status.SUCCEEDED, after.execution("dunning-in_1").orElseThrow().status());
        assertEquals(Status.SUCCEEDED, after.execution("dunning-in_2").orElseThrow().status());

        ObjectNode foreign = (ObjectNode) json(snapshot.toString());
        ((ObjectNode) foreign.get("executions").get(0)).put("state", "NoSuchState");
        assertThrows(IllegalArgumentException.class, () -> dunning().restore(foreign));
        assertThrows(IllegalArgumentException.class, () -> dunning().restore(json("{}")));
    }

    @Test
    void passesTheInvokerExactlyTheEffectiveParameters() {
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", "{\"invoiceId\":\"in_1\",\"customerId\":\"cus_9\"}", T0);
        machine.runDue(T0);
        machine.runDue(REMINDER_AT);

        assertEquals(2, steps.calls.size());
        assertEquals(json("{\"action\":\"plan\",\"invoiceId\":\"in_1\"}"), steps.calls.get(0).parameters());
        assertEquals(json("{\"action\":\"act\",\"invoiceId\":\"in_1\",\"step\":\"REMINDER\"}"),
                steps.calls.get(1).parameters());
    }

    @Test
    void resultPathStateKeepsTheRestOfTheInput() {
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", "{\"invoiceId\":\"in_1\",\"customerId\":\"cus_9\"}", T0);
        drive(machine);

        assertEquals(json("{\"invoiceId\":\"in_1\",\"customerId\":\"cus_9\",\"state\":" + RECOVERED + "}"),
                machine.execution("dunning-in_1").orElseThrow().output());
    }

    @Test
    void substitutesTheResourceSoNoPlaceholderReachesTheInvoker() {
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);
        drive(machine);

        assertEquals(List.of(ARN, ARN), steps.calls.stream().map(FakeDunningSteps.Call::resource).toList());
    }

    @Test
    void aNameUsedBeforeStartsNothing() {
        LocalStateMachine machine = dunning();
        assertTrue(machine.start("dunning-in_1", INPUT, T0));
        assertFalse(machine.start("dunning-in_1", "{\"invoiceId\":\"in_2\"}", T0), "while running");
        assertEquals(1, machine.executions().size());

        drive(machine);
        assertEquals(Status.SUCCEEDED, machine.execution("dunning-in_1").orElseThrow().status());
        assertFalse(machine.start("dunning-in_1", "{\"invoiceId\":\"in_2\"}", now), "once finished");
        assertEquals(1, machine.executions().size());
        assertEquals(Optional.empty(), machine.nextWakeUp());
        assertTrue(steps.calls.stream().allMatch(c -> c.parameters().get("invoiceId").asText().equals("in_1")));
    }

    @Test
    void retriesALambdaServiceExceptionAfter2ThenAfter4SimulatedSeconds() {
        steps.fail("plan", new TaskFailure("Lambda.ServiceException", "Rate exceeded"))
                .fail("plan", new TaskFailure("Lambda.ServiceException", "Rate exceeded"));
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);

        assertEquals(1, machine.runDue(T0));
        assertEquals(1, steps.calls.size());
        assertView(machine.execution("dunning-in_1").orElseThrow(), Status.RUNNING, "Plan", T0.plusSeconds(2), 1);

        assertEquals(0, machine.runDue(T0.plusSeconds(2).minusMillis(1)));
        assertEquals(1, steps.calls.size(), "not retried before 2 s");
        assertEquals(1, machine.runDue(T0.plusSeconds(2)));
        assertEquals(2, steps.calls.size());
        assertEquals(Optional.of(T0.plusSeconds(6)), machine.nextWakeUp(), "then 4 s later");

        assertEquals(0, machine.runDue(T0.plusSeconds(6).minusMillis(1)));
        assertEquals(2, steps.calls.size(), "not retried before 2 + 4 s");
        assertEquals(3, machine.runDue(T0.plusSeconds(6)), "the retry of Plan, Finished?, WaitForNextStep");
        assertEquals(List.of("plan", "plan", "plan"), steps.actions());
        assertView(machine.execution("dunning-in_1").orElseThrow(), Status.RUNNING, "WaitForNextStep", REMINDER_AT, 5);
    }

    @Test
    void aTaskFailedExhaustingItsRetriesIsCaughtRecordedAndFailsTheExecution() {
        for (int i = 0; i < 4; i++) {
            steps.fail("plan", new IllegalStateException("ledger unavailable"));
        }
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);

        machine.runDue(T0);
        assertEquals(Optional.of(T0.plusSeconds(5)), machine.nextWakeUp());
        machine.runDue(T0.plusSeconds(5));
        assertEquals(Optional.of(T0.plusSeconds(15)), machine.nextWakeUp());
        machine.runDue(T0.plusSeconds(15));
        assertEquals(Optional.of(T0.plusSeconds(35)), machine.nextWakeUp());
        assertEquals(0, machine.runDue(T0.plusSeconds(35).minusMillis(1)));
        assertEquals(List.of("plan", "plan", "plan"), steps.actions());

        assertEquals(3, machine.runDue(T0.plusSeconds(35)), "the last retry of Plan, RecordFailure, Failed");
        assertEquals(List.of("plan", "plan", "plan", "plan", "failed"), steps.actions());
        assertEquals(json("""
                {"action": "failed", "invoiceId": "in_1",
                 "error": {"Error": "States.TaskFailed", "Cause": "java.lang.IllegalStateException: ledger unavailable"}}
                """), steps.calls.get(4).parameters());

        ExecutionView failed = machine.execution("dunning-in_1").orElseThrow();
        assertView(failed, Status.FAILED, "Failed", null, 6);
        assertEquals("DunningStepFailed", failed.error());
        assertTrue(failed.cause().startsWith(FAIL_CAUSE_PREFIX), failed.cause());
        assertNull(failed.output());
        assertEquals(Optional.empty(), machine.nextWakeUp());
    }

    @Test
    void statesTaskFailedMatchesANamedTaskErrorAndTheCatchPassesItsName() {
        for (int i = 0; i < 4; i++) {
            steps.fail("plan", new TaskFailure("Dunning.InvoiceMissing", "no invoice in_1"));
        }
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);

        assertEquals(List.of(T0, T0.plusSeconds(5), T0.plusSeconds(15), T0.plusSeconds(35)), drive(machine));
        assertEquals(List.of("plan", "plan", "plan", "plan", "failed"), steps.actions());
        assertEquals(json("{\"Error\":\"Dunning.InvoiceMissing\",\"Cause\":\"no invoice in_1\"}"),
                steps.calls.get(4).parameters().get("error"));
        assertEquals("DunningStepFailed", machine.execution("dunning-in_1").orElseThrow().error());
    }

    @Test
    void theFirstMatchingRetrierDecidesEvenOnceSpent() {
        for (int i = 0; i < 7; i++) {
            steps.fail("act", new TaskFailure("Lambda.TooManyRequestsException", "throttled"));
        }
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);

        List<Instant> ran = drive(machine);
        // Act: first attempt, then 6 retries 2, 4, 8, 16, 32, 64 s apart; then straight to the Catch, never to
        // the States.TaskFailed retrier that would also match.
        assertEquals(List.of(T0, REMINDER_AT, REMINDER_AT.plusSeconds(2), REMINDER_AT.plusSeconds(6),
                REMINDER_AT.plusSeconds(14), REMINDER_AT.plusSeconds(30), REMINDER_AT.plusSeconds(62),
                REMINDER_AT.plusSeconds(126)), ran);
        assertEquals(List.of("plan", "act", "act", "act", "act", "act", "act", "act", "failed"), steps.actions());
        assertEquals(Status.FAILED, machine.execution("dunning-in_1").orElseThrow().status());
    }

    @Test
    void aMissingParameterPathIsAStatesRuntimeErrorThatNoCatchTakes() {
        LocalStateMachine machine = dunning();
        machine.start("dunning-x", "{\"invoice\":\"in_1\"}", T0);
        assertEquals(1, machine.runDue(T0));

        ExecutionView failed = machine.execution("dunning-x").orElseThrow();
        assertEquals(Status.FAILED, failed.status());
        assertEquals("States.Runtime", failed.error());
        assertTrue(failed.cause().contains("$.invoiceId"), failed.cause());
        assertEquals(List.of(), steps.actions(), "neither Plan nor RecordFailure ran");
    }

    @Test
    void aChoiceVariableMissingFromTheInputIsAStatesRuntimeError() {
        steps.answer("plan", "{\"next\":{\"kind\":\"REMINDER\",\"at\":\"2027-01-02T00:00:00Z\"}}");
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);
        machine.runDue(T0);

        ExecutionView failed = machine.execution("dunning-in_1").orElseThrow();
        assertEquals(Status.FAILED, failed.status());
        assertEquals("Finished?", failed.currentState());
        assertEquals("States.Runtime", failed.error());
        assertTrue(failed.cause().contains("$.state.done"), failed.cause());
    }

    @Test
    void aWaitTimestampAlreadyPastContinuesAtOnce() {
        steps.answer("plan", "{\"done\":false,\"next\":{\"kind\":\"REMINDER\",\"at\":\"2026-12-31T23:00:00-02:00\"}}");
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);
        // 2026-12-31T23:00:00-02:00 is 2027-01-01T01:00:00Z: an hour after T0, given with an offset.
        assertEquals(3, machine.runDue(T0));
        assertEquals(Optional.of(T0.plusSeconds(3600)), machine.nextWakeUp());

        steps.answer("act", "{\"done\":false,\"next\":{\"kind\":\"LATE_FEE\",\"at\":\"2027-01-01T00:30:00Z\"}}");
        assertEquals(6, machine.runDue(T0.plusSeconds(3600)), "Act, Finished?, Wait (past), Act, Finished?, Stopped");
        assertEquals(List.of("plan", "act", "act"), steps.actions());
        assertEquals(Status.SUCCEEDED, machine.execution("dunning-in_1").orElseThrow().status());
    }

    // ------------------------------------------------------------------ load refuses what it cannot run

    @Test
    void loadRefusesAMapState() {
        String message = refusal(tree("""
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "ItemsPath": "$.items",
                           "ItemProcessor": {"StartAt": "One", "States": {"One": {"Type": "Succeed"}}}, "End": true}}}
                """));
        assertTrue(message.contains("'Each'") && message.contains("Map"), message);
    }

    @Test
    void loadRefusesAnUnsupportedJsonPath() {
        ObjectNode definition = dunningTree();
        ((ObjectNode) definition.at("/States/Plan/Parameters")).put("invoiceId.$", "$.a[0]");
        String message = refusal(definition);
        assertTrue(message.contains("'Plan'") && message.contains("$.a[0]"), message);
    }

    @Test
    void loadRefusesANextNamingNoState() {
        ObjectNode definition = dunningTree();
        ((ObjectNode) definition.at("/States/Act")).put("Next", "Finished");
        String message = refusal(definition);
        assertTrue(message.contains("'Act'") && message.contains("'Finished'"), message);
    }

    @Test
    void loadRefusesACatchNextNamingNoState() {
        ObjectNode definition = dunningTree();
        ((ObjectNode) definition.at("/States/Plan/Catch/0")).put("Next", "Recordfailure");
        String message = refusal(definition);
        assertTrue(message.contains("'Plan'") && message.contains("'Recordfailure'"), message);
    }

    @Test
    void loadRefusesAMissingStartAtState() {
        ObjectNode definition = dunningTree();
        definition.put("StartAt", "Begin");
        String message = refusal(definition);
        assertTrue(message.contains("StartAt") && message.contains("'Begin'"), message);
    }

    @Test
    void loadRefusesAnUnsubstitutedResource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalStateMachine.load(dunningDefinition(), Map.of("SomethingElse", "x"), steps));
        assertTrue(e.getMessage().contains("'Plan'") && e.getMessage().contains("${DunningStepsFunctionArn}"),
                e.getMessage());
    }

    static Stream<Arguments> unsupportedDefinitions() {
        return Stream.of(
                Arguments.of("Parallel", """
                        {"StartAt": "Fanout", "States": {"Fanout": {"Type": "Parallel", "Branches": [], "End": true}}}
                        """, List.of("'Fanout'", "Parallel")),
                Arguments.of("intrinsic function", """
                        {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass",
                          "Parameters": {"id.$": "States.Format('in_{}', $.n)"}, "End": true}}}
                        """, List.of("'Shape'", "intrinsic function", "States.Format")),
                Arguments.of("context object", """
                        {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass",
                          "Parameters": {"nested": {"id.$": "$$.Execution.Id"}}, "End": true}}}
                        """, List.of("'Shape'", "$$.Execution.Id")),
                Arguments.of("JSONata state", """
                        {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass", "QueryLanguage": "JSONata",
                          "Output": "{% $states.input %}", "End": true}}}
                        """, List.of("'Shape'", "JSONata")),
                Arguments.of("JSONata machine", """
                        {"QueryLanguage": "JSONata", "StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
                        """, List.of("JSONata")),
                Arguments.of("TimeoutSeconds", """
                        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:x",
                          "TimeoutSeconds": 30, "End": true}}}
                        """, List.of("'Call'", "TimeoutSeconds")),
                Arguments.of("ResultSelector", """
                        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:x",
                          "ResultSelector": {"p.$": "$.Payload"}, "End": true}}}
                        """, List.of("'Call'", "ResultSelector")),
                Arguments.of("unsupported comparison", """
                        {"StartAt": "Route", "States": {
                          "Route": {"Type": "Choice", "Choices": [
                            {"Variable": "$.n", "NumericLessThan": 3, "Next": "Done"}], "Default": "Done"},
                          "Done": {"Type": "Succeed"}}}
                        """, List.of("'Route'", "NumericLessThan")),
                Arguments.of("wildcard path", """
                        {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass", "OutputPath": "$.items[*]",
                          "End": true}}}
                        """, List.of("'Shape'", "$.items[*]")),
                Arguments.of("ErrorPath", """
                        {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.error"}}}
                        """, List.of("'Stop'", "ErrorPath")),
                Arguments.of("unreachable state", """
                        {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}, "Orphan": {"Type": "Succeed"}}}
                        """, List.of("'Orphan'", "not reachable")),
                Arguments.of("neither Next nor End", """
                        {"StartAt": "Shape", "States": {"Shape": {"Type": "Pass"}}}
                        """, List.of("'Shape'", "Next")),
                Arguments.of("States.ALL not last", """
                        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:x", "End": true,
                          "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}]}}}
                        """, List.of("'Call'", "States.ALL")),
                Arguments.of("top-level TimeoutSeconds", """
                        {"StartAt": "Done", "TimeoutSeconds": 60, "States": {"Done": {"Type": "Succeed"}}}
                        """, List.of("TimeoutSeconds")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedDefinitions")
    void loadRefusesWhatItCannotRunFaithfully(String feature, String definition, List<String> expectedInMessage) {
        String message = refusal(tree(definition));
        for (String expected : expectedInMessage) {
            assertTrue(message.contains(expected), feature + ": '" + expected + "' not in: " + message);
        }
    }

    // ------------------------------------------------------------------ the rest of the subset

    @Test
    void passAndChoiceRouteWithStringEqualsNotAndAnd() {
        LocalStateMachine machine = load("""
                {"StartAt": "Route", "States": {
                  "Route": {"Type": "Choice", "Choices": [
                      {"Not": {"Variable": "$.step.kind", "StringEquals": "REMINDER"}, "Next": "Escalate"},
                      {"And": [{"Variable": "$.step.attempt", "NumericEquals": 1},
                               {"Variable": "$.step.urgent", "IsPresent": false}], "Next": "Remind"}],
                    "Default": "Escalate"},
                  "Remind": {"Type": "Pass", "Result": {"template": "gentle"}, "ResultPath": "$.mail", "Next": "Done"},
                  "Escalate": {"Type": "Pass", "Parameters": {"kind.$": "$.step.kind", "channel": "phone"},
                               "ResultPath": "$.mail", "Next": "Done"},
                  "Done": {"Type": "Succeed"}}}
                """, (resource, parameters) -> {
                    throw new AssertionError("no Task here");
                });
        machine.start("reminder", "{\"step\":{\"kind\":\"REMINDER\",\"attempt\":1}}", T0);
        machine.start("suspend", "{\"step\":{\"kind\":\"SUSPEND\",\"attempt\":1}}", T0);
        machine.start("urgent", "{\"step\":{\"kind\":\"REMINDER\",\"attempt\":1.0,\"urgent\":true}}", T0);
        assertEquals(9, machine.runDue(T0));

        assertEquals(json("{\"step\":{\"kind\":\"REMINDER\",\"attempt\":1},\"mail\":{\"template\":\"gentle\"}}"),
                output(machine, "reminder"));
        assertEquals(json("{\"step\":{\"kind\":\"SUSPEND\",\"attempt\":1},"
                + "\"mail\":{\"kind\":\"SUSPEND\",\"channel\":\"phone\"}}"), output(machine, "suspend"));
        assertEquals(json("{\"kind\":\"REMINDER\",\"channel\":\"phone\"}"), output(machine, "urgent").get("mail"),
                "the Default branch");
        assertEquals(List.of("reminder", "suspend", "urgent"),
                machine.executions().stream().map(ExecutionView::name).toList());
    }

    @Test
    void aChoiceWithoutMatchOrDefaultFailsWithNoChoiceMatched() {
        LocalStateMachine machine = load("""
                {"StartAt": "Route", "States": {
                  "Route": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}]},
                  "Done": {"Type": "Succeed"}}}
                """, steps);
        machine.start("no", "{\"ok\":false}", T0);
        machine.runDue(T0);
        assertEquals("States.NoChoiceMatched", machine.execution("no").orElseThrow().error());
    }

    @Test
    void waitsForSecondsTimestampWithOffsetSecondsPathAndPastTimestampPath() {
        LocalStateMachine machine = load("""
                {"StartAt": "Fixed", "States": {
                  "Fixed": {"Type": "Wait", "Seconds": 60, "Next": "AtNoonInParis"},
                  "AtNoonInParis": {"Type": "Wait", "Timestamp": "2027-01-01T12:00:00+01:00", "Next": "FromInput"},
                  "FromInput": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "Past"},
                  "Past": {"Type": "Wait", "TimestampPath": "$.past", "End": true}}}
                """, steps);
        String input = "{\"delay\":30,\"past\":\"2026-12-31T00:00:00Z\"}";
        machine.start("waits", input, T0);
        Instant elevenUtc = Instant.parse("2027-01-01T11:00:00Z");

        assertEquals(1, machine.runDue(T0));
        assertEquals(Optional.of(T0.plusSeconds(60)), machine.nextWakeUp());
        assertEquals(1, machine.runDue(T0.plusSeconds(60)));
        assertEquals(Optional.of(elevenUtc), machine.nextWakeUp());
        assertEquals(0, machine.runDue(elevenUtc.minusMillis(1)));
        assertEquals(1, machine.runDue(elevenUtc));
        assertEquals(Optional.of(elevenUtc.plusSeconds(30)), machine.nextWakeUp());
        assertEquals(1, machine.runDue(elevenUtc.plusSeconds(30)), "Past continues at once and ends");

        ExecutionView done = machine.execution("waits").orElseThrow();
        assertView(done, Status.SUCCEEDED, "Past", null, 4);
        assertEquals(json(input), done.output());
    }

    @Test
    void taskInputPathResultPathOutputPathAndDiscardedResult() {
        List<String> calls = new ArrayList<>();
        LocalStateMachine machine = load("""
                {"StartAt": "Lookup", "States": {
                  "Lookup": {"Type": "Task", "Resource": "arn:lookup", "InputPath": "$.invoice",
                             "ResultPath": "$.invoice.lookup", "OutputPath": "$.invoice", "Next": "Notify"},
                  "Notify": {"Type": "Task", "Resource": "arn:notify", "ResultPath": null, "End": true}}}
                """, (resource, parameters) -> {
                    calls.add(resource + " " + parameters);
                    return json(resource.equals("arn:lookup") ? "{\"status\":\"open\"}" : "{\"ignored\":true}");
                });
        machine.start("io", "{\"invoice\":{\"id\":\"in_1\"},\"other\":1}", T0);
        assertEquals(2, machine.runDue(T0));

        assertEquals(List.of("arn:lookup {\"id\":\"in_1\"}", "arn:notify {\"id\":\"in_1\",\"lookup\":{\"status\":\"open\"}}"),
                calls);
        assertEquals(json("{\"id\":\"in_1\",\"lookup\":{\"status\":\"open\"}}"), output(machine, "io"));
    }

    @Test
    void aResultPathThroughANonObjectFailsWithResultPathMatchFailure() {
        LocalStateMachine machine = load("""
                {"StartAt": "Shape", "States": {
                  "Shape": {"Type": "Pass", "Result": 1, "ResultPath": "$.a.b", "End": true}}}
                """, steps);
        machine.start("shape", "{\"a\":\"text\"}", T0);
        machine.runDue(T0);
        assertEquals("States.ResultPathMatchFailure", machine.execution("shape").orElseThrow().error());
    }

    @Test
    void retryDefaultsMaxDelayAndZeroAttempts() {
        assertEquals(List.of(0L, 1L, 3L, 7L), retryTimes("{\"ErrorEquals\": [\"States.ALL\"]}"),
                "ASL defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2");
        assertEquals(List.of(0L, 10L, 30L, 50L), retryTimes("""
                {"ErrorEquals": ["Custom.Error"], "IntervalSeconds": 10, "BackoffRate": 3, "MaxDelaySeconds": 20,
                 "JitterStrategy": "FULL"}
                """), "10 s, then 30 s capped to 20, then 90 s capped to 20; jitter ignored");
        assertEquals(List.of(0L, 2L, 5L), retryTimes("""
                {"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "BackoffRate": 1.5, "MaxAttempts": 2}
                """), "2 s, then 3 s");
        assertEquals(List.of(0L), retryTimes("{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 0}"),
                "MaxAttempts 0 never retries");
        assertEquals(List.of(0L), retryTimes("{\"ErrorEquals\": [\"Other.Error\"]}"), "a retrier that does not match");
    }

    @Test
    void aLoopThatNeverWaitsIsStoppedWithStatesRuntime() {
        LocalStateMachine machine = load("""
                {"StartAt": "Ping", "States": {
                  "Ping": {"Type": "Pass", "Next": "Pong"},
                  "Pong": {"Type": "Pass", "Next": "Ping"}}}
                """, steps);
        machine.start("loop", "{}", T0);
        assertEquals(LocalStateMachine.MAX_TRANSITIONS_PER_RUN, machine.runDue(T0));

        ExecutionView stopped = machine.execution("loop").orElseThrow();
        assertEquals(Status.FAILED, stopped.status());
        assertEquals("States.Runtime", stopped.error());
        assertEquals(LocalStateMachine.MAX_TRANSITIONS_PER_RUN, stopped.transitions());
    }

    @Test
    void startRefusesAnInvalidNameOrInputAndRecordsNothing() {
        LocalStateMachine machine = dunning();
        assertThrows(IllegalArgumentException.class, () -> machine.start("has space", INPUT, T0));
        assertThrows(IllegalArgumentException.class, () -> machine.start("x".repeat(81), INPUT, T0));
        assertThrows(IllegalArgumentException.class, () -> machine.start("ok", "{\"invoiceId\":", T0));
        assertThrows(IllegalArgumentException.class, () -> machine.start("ok", "{} {}", T0));
        assertEquals(List.of(), machine.executions());
        assertTrue(machine.start("ok", INPUT, T0), "the name was not used up by the refused input");
    }

    @Test
    void viewsAreSnapshotsTheCallerCannotChange() {
        LocalStateMachine machine = dunning();
        machine.start("dunning-in_1", INPUT, T0);
        drive(machine);
        ((ObjectNode) machine.execution("dunning-in_1").orElseThrow().output()).put("invoiceId", "changed");
        assertEquals("in_1", output(machine, "dunning-in_1").get("invoiceId").asText());
    }

    // ------------------------------------------------------------------ helpers

    /** Times (seconds after T0) at which a one-Task machine with {@code retrier} calls a task that always fails. */
    private List<Long> retryTimes(String retrier) {
        List<Long> invokedAt = new ArrayList<>();
        LocalStateMachine machine = load("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:x", "End": true,
                  "Retry": [%s]}}}
                """.formatted(retrier), (resource, parameters) -> {
                    invokedAt.add(Duration.between(T0, now).toSeconds());
                    throw new TaskFailure("Custom.Error", "always");
                });
        now = T0;
        machine.start("retry", "{}", T0);
        drive(machine);
        ExecutionView failed = machine.execution("retry").orElseThrow();
        assertEquals(Status.FAILED, failed.status());
        assertEquals("Custom.Error", failed.error(), "without a Catch the task's error fails the execution");
        assertEquals("always", failed.cause());
        return invokedAt;
    }

    /** Runs the machine from wake-up to wake-up until nothing runs; returns the instants it ran at. */
    private List<Instant> drive(LocalStateMachine machine) {
        List<Instant> ran = new ArrayList<>();
        for (Optional<Instant> next = machine.nextWakeUp(); next.isPresent(); next = machine.nextWakeUp()) {
            assertTrue(ran.size() < 100, "the machine never settles");
            now = next.get();
            ran.add(now);
            machine.runDue(now);
        }
        return ran;
    }

    private static void assertView(ExecutionView view, Status status, String state, Instant wakeUpAt, int transitions) {
        assertEquals(status, view.status(), "status");
        assertEquals(state, view.currentState(), "current state");
        assertEquals(wakeUpAt, view.wakeUpAt(), "wake-up");
        assertEquals(transitions, view.transitions(), "transitions");
    }

    private static JsonNode output(LocalStateMachine machine, String name) {
        ExecutionView view = machine.execution(name).orElseThrow();
        assertEquals(Status.SUCCEEDED, view.status(), () -> name + " failed: " + view.error() + " " + view.cause());
        return view.output();
    }

    /** The project's definition: periodic.repoRoot or the directory holding template.yaml. */
    private static Path dunningDefinition() {
        return Engines.templatePath().resolveSibling("statemachines").resolve("dunning.asl.json");
    }

    private LocalStateMachine dunning() {
        return LocalStateMachine.load(dunningDefinition(), SUBSTITUTIONS, steps);
    }

    private static ObjectNode dunningTree() {
        try {
            return (ObjectNode) JSON.readTree(dunningDefinition().toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalStateMachine load(String definition, TaskInvoker invoker) {
        return LocalStateMachine.load(write(tree(definition)), Map.of(), invoker);
    }

    private String refusal(JsonNode definition) {
        Path file = write(definition);
        return assertThrows(IllegalArgumentException.class, () -> LocalStateMachine.load(file, SUBSTITUTIONS, steps))
                .getMessage();
    }

    private Path write(JsonNode definition) {
        try {
            return Files.writeString(Files.createTempFile(tmp, "definition", ".asl.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        return json(json);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stands in for the dunning-steps function: records every call, answers from per-action scripts, and
     * otherwise as a quiet invoice would: "plan" schedules a reminder on 2027-01-02, "act" reports it recovered,
     * "failed" records the failure.
     */
    private static final class FakeDunningSteps implements TaskInvoker {
        record Call(String resource, JsonNode parameters) {}

        final List<Call> calls = new ArrayList<>();
        private final Map<String, Deque<Function<JsonNode, JsonNode>>> scripts = new HashMap<>();

        FakeDunningSteps answer(String action, String result) {
            return script(action, parameters -> json(result));
        }

        FakeDunningSteps fail(String action, RuntimeException failure) {
            return script(action, parameters -> {
                throw failure;
            });
        }

        private FakeDunningSteps script(String action, Function<JsonNode, JsonNode> answer) {
            scripts.computeIfAbsent(action, a -> new ArrayDeque<>()).add(answer);
            return this;
        }

        List<String> actions() {
            return calls.stream().map(c -> c.parameters().path("action").asText()).toList();
        }

        @Override
        public JsonNode invoke(String resource, JsonNode parameters) {
            calls.add(new Call(resource, parameters.deepCopy()));
            String action = parameters.path("action").asText();
            Deque<Function<JsonNode, JsonNode>> script = scripts.get(action);
            if (script != null && !script.isEmpty()) {
                return script.poll().apply(parameters);
            }
            return switch (action) {
                case "plan" -> json(PLAN_REMINDER);
                case "act" -> json(RECOVERED);
                case "failed" -> json("{\"recorded\":true}");
                default -> throw new AssertionError("unexpected action '" + action + "' in " + parameters);
            };
        }
    }
}
