/**
 * Ports: what the use cases need from the world outside (time, documents, mail, events, queues, secrets, workflows), as
 * interfaces the aws and files adapters implement.
 */
package io.periodic.billing.ports;
