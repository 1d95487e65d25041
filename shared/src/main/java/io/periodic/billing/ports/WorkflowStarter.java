package io.periodic.billing.ports;

/**
 * Starts a named workflow execution (Step Functions in AWS). Starting a name that already ran or runs creates
 * nothing and answers false, so a sweep may start the same invoice's dunning any number of times.
 */
public interface WorkflowStarter {
    boolean start(String executionName, String inputJson);
}
