/**
 * Edge: the handler behind the dunning state machine's steps, which calls the {@code DunningService} use case.
 */
package io.periodic.functions.dunningsteps;
