package io.periodic.billing.dunning;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * How a customer has paid so far, from their settled invoices: how many, on time or late by how many days, and how
 * often short. Explains itself in one sentence, which is stored with every step it influenced.
 */
public record PaymentBehaviour(int invoicesPaid, int paidOnTime, double averageDaysLate, long medianDaysLate,
        int shortPayments) {

    /** One settled invoice of the customer's history. */
    public record Settled(LocalDate dueDate, LocalDate paidOn, boolean shortPaid) {}

    public static PaymentBehaviour of(List<Settled> history) {
        if (history.isEmpty()) {
            return new PaymentBehaviour(0, 0, 0, 0, 0);
        }
        long[] late = history.stream()
                .mapToLong(s -> Math.max(0, ChronoUnit.DAYS.between(s.dueDate(), s.paidOn())))
                .sorted()
                .toArray();
        int onTime = (int) Arrays.stream(late).filter(d -> d == 0).count();
        double average = Arrays.stream(late).average().orElse(0);
        long median = late[late.length / 2];
        int shortPaid = (int) history.stream().filter(Settled::shortPaid).count();
        return new PaymentBehaviour(history.size(), onTime, average, median, shortPaid);
    }

    public double onTimeRate() {
        return invoicesPaid == 0 ? 0 : (double) paidOnTime / invoicesPaid;
    }

    public String describe() {
        if (invoicesPaid == 0) {
            return "no payment history yet";
        }
        return paidOnTime + " of " + invoicesPaid + " invoices paid on time, median " + medianDaysLate
                + " days late" + (shortPayments > 0 ? ", " + shortPayments + " short payments" : "");
    }
}
