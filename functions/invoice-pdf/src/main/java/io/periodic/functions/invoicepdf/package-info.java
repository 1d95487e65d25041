/**
 * Edge: the function that turns a finalised invoice's or credit note's stored HTML into a PDF with embedded fonts.
 */
package io.periodic.functions.invoicepdf;
