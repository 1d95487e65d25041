/**
 * Local engines for the tests and the local runner: DynamoDB Local and ElasticMQ in-process with the tables and queues
 * of template.yaml, a local driver of the state machines, and the JUnit extensions that start them.
 */
package io.periodic.local.engines;
