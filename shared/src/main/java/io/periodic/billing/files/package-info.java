/**
 * Adapters: the ports implemented on files (documents in a folder, mails in an outbox, events in a JSON-lines log) for
 * the local runner and the tests.
 */
package io.periodic.billing.files;
