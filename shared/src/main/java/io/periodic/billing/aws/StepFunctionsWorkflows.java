package io.periodic.billing.aws;

import io.periodic.billing.ports.WorkflowStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Workflows on a Step Functions state machine: StartExecution by name; a name that already ran or runs is
 * {@code ExecutionAlreadyExists}, and nothing new starts.
 */
public final class StepFunctionsWorkflows implements WorkflowStarter {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public StepFunctionsWorkflows(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public boolean start(String executionName, String inputJson) {
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName).input(inputJson));
            return true;
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            return false;
        }
    }
}
