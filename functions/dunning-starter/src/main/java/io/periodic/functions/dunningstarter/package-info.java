/**
 * Edge: the daily dunning sweep's handler, which runs the {@code DunningStarter} use case.
 */
package io.periodic.functions.dunningstarter;
