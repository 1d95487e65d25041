package io.periodic.billing.service;

import io.periodic.billing.calendar.LocalDue;
import io.periodic.billing.dunning.StepKind;
import io.periodic.billing.model.Customer;
import io.periodic.billing.model.DunningEntry;
import io.periodic.billing.model.Invoice;
import io.periodic.billing.model.InvoiceStatus;
import io.periodic.billing.persistence.AlreadyExistsException;
import io.periodic.billing.persistence.BillingStore;
import io.periodic.billing.persistence.BillingTable;
import io.periodic.billing.persistence.Page;
import io.periodic.billing.ports.Clock;
import io.periodic.billing.ports.WorkflowStarter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The daily sweep that starts dunning, chosen for cost (docs/scaling.md): it reads the sparse work index of open
 * invoices due within the courtesy window (every shard, never a scan) and
 * <ul>
 *   <li>for an invoice not yet due, sends the courtesy notice itself when the customer's plan has one due by
 *       now (no workflow: an invoice paid on time never costs a state transition);
 *   <li>for an invoice past due, starts its dunning workflow, named after the invoice: a second start of the same
 *       name creates nothing. An invoice whose dunning stopped (it was paid) and that is open and past due again
 *       (a refund, a dispute or an undone payment reopened it) gets a new round, named after the invoice and the
 *       number of times its dunning stopped: Step Functions keeps an execution's name for 90 days, so the first
 *       name could never start again. The new round resumes where the last one stopped (steps taken are in the
 *       invoice's dunning history and are not repeated).
 * </ul>
 */
public final class DunningStarter {
    /** How far ahead of the due date the sweep looks (the earliest courtesy notice). */
    static final int LOOKAHEAD_DAYS = 8;

    /** What one sweep did. */
    public record Result(int examined, int courtesyNotices, int started, int alreadyRunning) {}

    private final BillingStore store;
    private final DunningService dunning;
    private final WorkflowStarter workflows;
    private final Clock clock;

    public DunningStarter(BillingStore store, DunningService dunning, WorkflowStarter workflows, Clock clock) {
        this.store = store;
        this.dunning = dunning;
        this.workflows = workflows;
        this.clock = clock;
    }

    public Result sweep() {
        LocalDate horizon = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC).plusDays(LOOKAHEAD_DAYS);
        int examined = 0;
        int courtesy = 0;
        int started = 0;
        int running = 0;
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            String cursor = null;
            do {
                Page<String> page = store.invoices().openDueOnOrBefore(shard, horizon, 100, cursor);
                for (String id : page.items()) {
                    Invoice invoice = store.invoices().get(id).orElse(null);
                    if (invoice == null || invoice.status() != InvoiceStatus.OPEN || !invoice.amountDue().isPositive()) {
                        continue;
                    }
                    examined++;
                    Customer customer = store.customers().get(invoice.customerId()).orElse(null);
                    if (customer == null) {
                        continue;
                    }
                    LocalDate today = LocalDue.localDate(clock.now(), customer.timeZone());
                    if (today.isBefore(invoice.dueDate())) {
                        DunningService.State plan = dunning.plan(id);
                        // Sent with the day's sweep once its local date has come (the plan names 09:00 local).
                        if (!plan.done() && plan.next() == StepKind.COURTESY
                                && !plan.at().isAfter(clock.now().plus(Duration.ofDays(1)))) {
                            dunning.act(id, StepKind.COURTESY);
                            courtesy++;
                        }
                    } else if (workflows.start(executionName(id, resumed(id)), "{\"invoiceId\":\"" + id + "\"}")) {
                        started++;
                    } else {
                        running++;
                    }
                }
                cursor = page.cursor();
            } while (cursor != null);
        }
        return new Result(examined, courtesy, started, running);
    }

    /**
     * SnapStart priming: reads every shard of the work index as of the epoch (nothing is due then) and the stored
     * default policy, along the sweep's own path; starts and sends nothing.
     */
    public void prime() {
        for (int shard = 0; shard < BillingTable.SHARDS; shard++) {
            store.invoices().openDueOnOrBefore(shard, LocalDate.EPOCH, 1, null);
        }
        store.dunning().defaultPolicy();
    }

    /**
     * The round of the invoice's dunning: how many times it stopped (0 for its first workflow). A round after the
     * first is recorded on the invoice's dunning history ({@code RESUMED-<n>}, create-once) before it starts, so the
     * workflow's stop ends that round with its own entry and a later reopening gets the next round.
     */
    private int resumed(String invoiceId) {
        int round = (int) store.dunning().history(invoiceId).stream()
                .filter(e -> e.status() == DunningEntry.Status.STOPPED).count();
        if (round > 0) {
            try {
                store.dunning().create(new DunningEntry(invoiceId, "RESUMED-" + round, DunningEntry.Status.RESUMED,
                        clock.now(), null, null, "open and past due again after its dunning stopped", null, null));
            } catch (AlreadyExistsException recordedBefore) {
                // this round was resumed by an earlier sweep; its workflow runs or ran
            }
        }
        return round;
    }

    /** The execution name of an invoice's dunning in its {@code round}: the invoice's name, then {@code -r<n>}. */
    static String executionName(String invoiceId, int round) {
        String name = executionName(invoiceId);
        if (round == 0) {
            return name;
        }
        String suffix = "-r" + round;
        return (name.length() + suffix.length() <= 80 ? name : name.substring(0, 80 - suffix.length())) + suffix;
    }

    /** Step Functions execution names: at most 80 of [A-Za-z0-9_-]; invoice ids fit (others are shortened). */
    static String executionName(String invoiceId) {
        String name = invoiceId.replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() <= 80 ? name : name.substring(0, 80);
    }
}
