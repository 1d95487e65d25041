/**
 * Adapters: the ports implemented on AWS services (S3, EventBridge, SES, SQS, SSM) and the one place SDK clients are
 * built ({@code AwsClients}); the composition root builds them, the domain and the use cases never name them.
 */
package io.periodic.billing.aws;
