package io.periodic.billing.money;

/** How a price relates to its tax. */
public enum TaxBehavior {
    /** The price is net: tax is added on top of it. */
    EXCLUSIVE,
    /** The price is gross: it already contains the tax. */
    INCLUSIVE
}
