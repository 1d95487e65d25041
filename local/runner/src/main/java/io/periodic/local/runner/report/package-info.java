/** The HTML report page of a local billing simulation: one self-contained document, one class per section. */
package io.periodic.local.runner.report;
