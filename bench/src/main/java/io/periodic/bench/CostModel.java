package io.periodic.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The AWS list-price cost of 1,000,000 invoices (us-east-1, on-demand, arm64 Lambda, prices as published in 2026),
 * computed from the units and durations this run measured: the invoice and payment benchmarks' capacity units and
 * milliseconds (target/bench/*.properties), the PDF render time and document sizes measured here, and the dunning
 * workflow's 18 transitions per fully escalated invoice (asserted by StateMachineExecutionTest). Assumptions are
 * printed with the table; they are the model, not measurements.
 */
final class CostModel {
    // Prices (USD).
    static final double LAMBDA_GB_SECOND = 0.0000133334; // arm64, as the template deploys
    static final double LAMBDA_REQUEST = 0.20 / 1_000_000;
    static final double DYNAMO_WRITE_UNIT = 0.625 / 1_000_000;
    static final double DYNAMO_READ_UNIT = 0.125 / 1_000_000;
    static final double DYNAMO_GB_MONTH = 0.25;
    static final double SQS_REQUEST = 0.40 / 1_000_000;
    static final double SFN_TRANSITION = 0.025 / 1_000;
    static final double S3_PUT = 0.005 / 1_000;
    static final double S3_GET = 0.0004 / 1_000;
    static final double S3_GB_MONTH = 0.023;
    static final double EVENTBRIDGE_EVENT = 1.00 / 1_000_000;
    static final double SES_EMAIL = 0.10 / 1_000;

    // Model assumptions.
    static final long INVOICES = 1_000_000;
    static final double OVERDUE = 0.05;
    static final int TRANSITIONS_ESCALATED = 18;
    static final int DUNNING_STEPS_INVOKED = 7; // plan + 6 acts
    static final int REMINDERS_ESCALATED = 6;
    static final double DUNNING_STEP_MS = 60;
    static final double WEBHOOK_MS = 30;
    static final int BATCH = 10;

    record Inputs(double invoiceWcu, double invoiceRcu, double invoiceMs, double paymentWcu, double paymentRcu,
            double paymentMs, double pdfMs, double htmlKb, double pdfKb, double itemKb) {}

    static Inputs read(Path dir, double pdfMs, double htmlKb, double pdfKb) throws IOException {
        Properties invoice = load(dir.resolve("invoice.properties"));
        Properties payment = load(dir.resolve("payment.properties"));
        return new Inputs(num(invoice, "wcu", 22), num(invoice, "rcu", 7), num(invoice, "msPerInvoice", 35),
                num(payment, "wcu", 15), num(payment, "rcu", 6.5), num(payment, "msPerPayment", 55), pdfMs, htmlKb,
                pdfKb, 3.0);
    }

    static void print(Inputs in) {
        double n = INVOICES;
        double overdue = n * OVERDUE;
        System.out.printf("%n=== Cost of 1,000,000 invoices (AWS list prices, us-east-1, on-demand; from this run's "
                + "figures) ===%n");
        System.out.printf("measured: invoice %.1f WCU / %.1f RCU / %.0f ms; payment %.1f WCU / %.1f RCU / %.0f ms; "
                + "PDF %.0f ms; documents %.0f KB HTML + %.0f KB PDF%n", in.invoiceWcu(), in.invoiceRcu(),
                in.invoiceMs(), in.paymentWcu(), in.paymentRcu(), in.paymentMs(), in.pdfMs(), in.htmlKb(), in.pdfKb());
        System.out.printf("assumed: every invoice paid by one webhook payment; %.0f %% overdue and fully escalated "
                + "(%d transitions, %d reminders each); SQS batches of %d; 1 invoice e-mail each%n", OVERDUE * 100,
                TRANSITIONS_ESCALATED, REMINDERS_ESCALATED, BATCH);
        double total = 0;
        // SnapStart on Java managed runtimes adds no charge for caching or restoring snapshots.
        total += line("Lambda invoice-generator (1 GB)", n * in.invoiceMs() / 1000 * 1.0 * LAMBDA_GB_SECOND
                + n / BATCH * LAMBDA_REQUEST);
        total += line("Lambda invoice-pdf (1.5 GB)", n * in.pdfMs() / 1000 * 1.5 * LAMBDA_GB_SECOND
                + n * LAMBDA_REQUEST);
        total += line("Lambda payment-webhook + matcher (1 GB)", n * (WEBHOOK_MS + in.paymentMs()) / 1000
                * LAMBDA_GB_SECOND + (n + n / BATCH) * LAMBDA_REQUEST);
        total += line("Lambda dunning-steps (1 GB)", overdue * DUNNING_STEPS_INVOKED * DUNNING_STEP_MS / 1000
                * LAMBDA_GB_SECOND + overdue * DUNNING_STEPS_INVOKED * LAMBDA_REQUEST);
        total += line("DynamoDB writes (invoices + payments)", n * (in.invoiceWcu() + in.paymentWcu())
                * DYNAMO_WRITE_UNIT);
        total += line("DynamoDB reads (invoices + payments)", n * (in.invoiceRcu() + in.paymentRcu())
                * DYNAMO_READ_UNIT);
        total += line("DynamoDB storage, 1st month (table + 2 ALL indexes)", n * in.itemKb() * 3 / 1_048_576
                * DYNAMO_GB_MONTH);
        total += line("SQS (jobs in batches; 1 message per payment)", (n / BATCH * 3 + n * 1.2) * SQS_REQUEST);
        total += line("Step Functions (standard) transitions", overdue * TRANSITIONS_ESCALATED * SFN_TRANSITION);
        total += line("S3 (2 PUT + 1 GET per invoice; storage 1st month)", n * (2 * S3_PUT + S3_GET)
                + n * (in.htmlKb() + in.pdfKb()) / 1_048_576 * S3_GB_MONTH);
        total += line("EventBridge (finalized + paid + payment events)", n * 3 * EVENTBRIDGE_EVENT);
        total += line("SES (invoice e-mails + reminders)", (n + overdue * REMINDERS_ESCALATED) * SES_EMAIL);
        System.out.printf("%-56s %10s%n", "", "--------");
        System.out.printf("%-56s %10.2f  (%.4f cents per invoice)%n", "total per 1,000,000 invoices (USD)", total,
                total / n * 100);
    }

    private static double line(String what, double usd) {
        System.out.printf("%-56s %10.2f%n", what, usd);
        return usd;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        } else {
            System.out.println("(no " + file.getFileName() + " from this run: using the last published figure)");
        }
        return p;
    }

    private static double num(Properties p, String key, double absent) {
        String v = p.getProperty(key);
        return v == null ? absent : Double.parseDouble(v);
    }
}
