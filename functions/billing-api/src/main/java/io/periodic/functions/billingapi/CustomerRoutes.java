package io.periodic.functions.billingapi;

import io.periodic.billing.invoicing.RegistrationNumbers;
import io.periodic.billing.model.Address;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.RecipientKind;
import io.periodic.billing.money.Money;
import io.periodic.billing.money.TaxRate;
import io.periodic.billing.payments.BankNames;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.service.AccountService;
import io.periodic.billing.service.DeliveryFeedback;
import io.periodic.billing.service.DeliveryFeedback.CustomerDelivery;
import io.periodic.billing.service.Listing;
import io.periodic.billing.service.PayerAliasService;
import io.periodic.functions.billingapi.Http.ApiProblem;
import io.periodic.functions.billingapi.Http.Request;
import io.periodic.functions.billingapi.Http.Response;
import io.periodic.functions.billingapi.Http.Route;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /customers}: create, read and change the customers billed (through {@link AccountService}); list and
 * forget the payer aliases learned from manual applications (through {@link PayerAliasService}); list the customers
 * whose address gets no more mail and clear it (through {@link DeliveryFeedback}; docs/delivery-status.md).
 */
final class CustomerRoutes implements Http.Resource {
    /** Locales documents and reminders are written in; others are refused rather than printed in English. */
    static final Set<String> LANGUAGES = Set.of("en", "ja", "ko", "sr");
    private static final String[] CUSTOMER_FIELDS = {"name", "email", "currency", "timeZone", "locale",
        "paymentTermsDays", "taxRate", "taxId", "address", "externalRef", "payerNames", "virtualAccounts",
        "bankFeeTolerance", "recipientKind", "customerReference", "companyNumber"};
    static final String[] ADDRESS_FIELDS = {"line1", "line2", "postalCode", "city", "region", "country"};

    private final AccountService accounts;
    private final PayerAliasService aliases;
    private final DeliveryFeedback delivery;
    private final Clock clock;

    CustomerRoutes(AccountService accounts, PayerAliasService aliases, DeliveryFeedback delivery, Clock clock) {
        this.accounts = accounts;
        this.aliases = aliases;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("POST", "/customers", "createCustomer", this::create),
                new Route("GET", "/customers", "listCustomers", this::list),
                new Route("POST", "/customers/{id}/delivery-status/clear", "clearDeliveryStatus", this::clear),
                new Route("GET", "/customers/{id}", "getCustomer", this::get),
                new Route("PATCH", "/customers/{id}", "updateCustomer", this::update),
                new Route("GET", "/customers/{id}/payer-aliases", "listPayerAliases", this::aliases),
                new Route("DELETE", "/customers/{id}/payer-aliases/{aliasId}", "deletePayerAlias", this::forget));
    }

    private Response aliases(Request r) {
        return Response.ok(PayerAliasViews.list(aliases.aliasesOf(r.pathParam("id"))));
    }

    private Response forget(Request r) {
        if (r.body() != null) {
            throw new ApiProblem(400, "unexpected-body", "a DELETE request has no body");
        }
        aliases.forget(r.pathParam("id"), r.pathParam("aliasId"));
        return Response.noContent();
    }

    private Response create(Request r) {
        JsonIn in = JsonIn.body(r.body(), CUSTOMER_FIELDS);
        String id = r.derivedId("cus");
        RecipientKind recipientKind = recipientKind(in);
        Customer customer = in.build(() -> new Customer(id, in.string("name"), in.string("email"),
                in.currency("currency"), zone(in), locale(in),
                in.intIn("paymentTermsDays", 0, 365, 14), taxRate(in, TaxRate.ZERO), in.optString("taxId"),
                address(in.object("address", ADDRESS_FIELDS)), in.optString("externalRef"),
                in.has("payerNames") ? payerNames(in) : List.of(),
                in.has("virtualAccounts") ? virtualAccounts(in) : List.of(),
                bankFeeTolerance(in, in.currency("currency"), null), recipientKind, in.optString("customerReference"),
                in.optString("companyNumber"), clock.now(), null));
        requireValidTaxId(in, customer);
        Customer created = Idempotency.createOnce(r, () -> accounts.createCustomer(customer),
                () -> accounts.customer(id));
        return Response.created(Views.customer(created), "/customers/" + created.id());
    }

    private Response get(Request r) {
        return Response.ok(DeliveryViews.customer(delivery.customer(r.pathParam("id"))));
    }

    private Response list(Request r) {
        Query q = new Query(r.query(), "deliveryProblem", "limit", "cursor");
        if (!"true".equals(q.string("deliveryProblem"))) {
            throw ApiProblem.parameter("deliveryProblem", "list customers with deliveryProblem=true (those whose "
                    + "e-mail address gets no more mail: hard bounce, complaint, repeated soft bounces)");
        }
        Listing<CustomerDelivery> page = delivery.problems(q.limit(), q.string("cursor"));
        return Response.ok(Views.page(page.items().stream().map(DeliveryViews::customer).toList(),
                page.nextCursor()));
    }

    private Response clear(Request r) {
        JsonIn.optionalBody(r.body());
        return Response.ok(DeliveryViews.customer(delivery.clear(r.pathParam("id"))));
    }

    private Response update(Request r) {
        JsonIn in = JsonIn.body(r.body(), CUSTOMER_FIELDS);
        in.notCleared("name", "email", "currency", "timeZone", "locale", "paymentTermsDays", "taxRate", "address");
        Customer after = accounts.updateCustomer(r.pathParam("id"), c -> updated(in, c));
        return Response.ok(Views.customer(after));
    }

    private static Customer updated(JsonIn in, Customer c) {
        Currency currency = in.has("currency") ? in.currency("currency") : c.currency();
        // A tolerance is in the customer's currency: a new currency without a new tolerance goes back to the seller's.
        Money keptTolerance = currency.equals(c.currency()) ? c.bankFeeTolerance() : null;
        RecipientKind recipientKind = in.present("recipientKind") ? recipientKind(in) : c.recipientKind();
        Customer after = in.build(() -> new Customer(c.id(),
                in.has("name") ? in.string("name") : c.name(),
                in.has("email") ? in.string("email") : c.email(),
                currency,
                in.has("timeZone") ? zone(in) : c.timeZone(),
                in.has("locale") ? locale(in) : c.locale(),
                in.intIn("paymentTermsDays", 0, 365, c.paymentTermsDays()),
                taxRate(in, c.taxRate()),
                in.present("taxId") ? in.optString("taxId") : c.taxId(),
                in.has("address") ? address(in.object("address", ADDRESS_FIELDS)) : c.billingAddress(),
                in.present("externalRef") ? in.optString("externalRef") : c.externalRef(),
                in.present("payerNames") ? (in.has("payerNames") ? payerNames(in) : List.of()) : c.payerNames(),
                in.present("virtualAccounts") ? (in.has("virtualAccounts") ? virtualAccounts(in) : List.of())
                        : c.virtualAccounts(),
                bankFeeTolerance(in, currency, keptTolerance), recipientKind,
                in.present("customerReference") ? in.optString("customerReference") : c.customerReference(),
                in.present("companyNumber") ? in.optString("companyNumber") : c.companyNumber(),
                c.createdAt(), c.version()));
        if (in.present("taxId") || in.has("address")) {
            requireValidTaxId(in, after);
        }
        return after;
    }

    /**
     * How documents address the customer: {@code company} (御中) or {@code person} (様); absent or null = not said,
     * addressed as a company (docs/documents.md).
     */
    private static RecipientKind recipientKind(JsonIn in) {
        return in.parsed("recipientKind", false, text -> switch (text) {
            case "company" -> RecipientKind.COMPANY;
            case "person" -> RecipientKind.PERSON;
            default -> throw new IllegalArgumentException("must be company or person, got " + text);
        });
    }

    /**
     * A customer's tax id by the rules of its billing country ({@link RegistrationNumbers#customerProblem}): in
     * Japan a 登録番号 or 法人番号 with the NTA check digit, in the EU a VAT number of a member state's format.
     */
    private static void requireValidTaxId(JsonIn in, Customer customer) {
        String problem = RegistrationNumbers.customerProblem(customer.billingAddress().country(), customer.taxId());
        if (problem != null) {
            throw ApiProblem.field(in.at("taxId"), problem);
        }
    }

    /**
     * The customer's bank-fee tolerance in minor units of its currency (docs/bank-fees.md): 0 turns the rule off for
     * this customer, null (or absent on create) means the seller's setting; absent on an update keeps {@code kept}.
     */
    private static Money bankFeeTolerance(JsonIn in, Currency currency, Money kept) {
        if (!in.present("bankFeeTolerance")) {
            return kept;
        }
        Long minor = in.optAmount("bankFeeTolerance");
        return minor == null ? null : Money.of(minor, currency);
    }

    private static ZoneId zone(JsonIn in) {
        return in.parsed("timeZone", true, text -> {
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("not an IANA time zone such as Asia/Tokyo: " + text);
            }
        });
    }

    private static Locale locale(JsonIn in) {
        return in.parsed("locale", true, text -> {
            Locale locale;
            try {
                locale = new Locale.Builder().setLanguageTag(text).build();
            } catch (IllformedLocaleException e) {
                throw new IllegalArgumentException("not a BCP 47 language tag such as ja or sr-Latn: " + text);
            }
            if (!LANGUAGES.contains(locale.getLanguage())) {
                throw new IllegalArgumentException("documents are written in en, ja, ko and sr (Latin); got " + text);
            }
            return locale;
        });
    }

    /**
     * The names the customer's bank transfers arrive under: 1..10, each 1..48 characters, each leaving something to
     * match on once the bank's folding and legal-form abbreviations are taken away ({@link BankNames#key}).
     */
    private static List<String> payerNames(JsonIn in) {
        List<String> names = in.strings("payerNames", 1, Customer.MAX_PAYER_NAMES, Customer.MAX_PAYER_NAME_LENGTH);
        for (int i = 0; i < names.size(); i++) {
            if (BankNames.key(names.get(i)) == null) {
                throw ApiProblem.field(in.at("payerNames") + "/" + i, "has no name in it once the legal form, spaces "
                        + "and punctuation are taken away (e.g. ｶ)ﾔﾏﾀﾞｼｮｳｼﾞ, not ｶ) alone)");
            }
        }
        return names;
    }

    /**
     * The customer's virtual accounts: 1..20, each {@code bank-branch-account} (4, 3 and 7 digits); refusals name
     * the entry ({@code /virtualAccounts/1}). Whether another customer holds one is the store's to say (409).
     */
    private static List<String> virtualAccounts(JsonIn in) {
        List<String> accounts = in.strings("virtualAccounts", 1, Customer.MAX_VIRTUAL_ACCOUNTS, 16);
        for (int i = 0; i < accounts.size(); i++) {
            if (!Customer.VIRTUAL_ACCOUNT.matcher(accounts.get(i)).matches()) {
                throw ApiProblem.field(in.at("virtualAccounts") + "/" + i, "must be bank-branch-account: a 4-digit "
                        + "bank code, a 3-digit branch and a 7-digit account such as 0172-101-1234567, got "
                        + accounts.get(i));
            }
        }
        return accounts;
    }

    private static TaxRate taxRate(JsonIn in, TaxRate absent) {
        TaxRate rate = in.parsed("taxRate", false, TaxRate::of);
        return rate == null ? absent : rate;
    }

    /** A postal address (of a customer, or of the seller in the settings). */
    static Address address(JsonIn a) {
        return a.build(() -> new Address(a.string("line1"), a.optString("line2"), a.optString("postalCode"),
                a.string("city"), a.optString("region"), a.string("country")));
    }
}
