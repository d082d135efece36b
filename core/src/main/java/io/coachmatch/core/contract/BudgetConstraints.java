package io.coachmatch.core.contract;

/**
 * The most a requester will pay per hour.
 *
 * @param maxHourlyRate the limit, in {@code currency}
 * @param currency      an ISO 4217 code, default USD; converted through the configured rate table
 */
public record BudgetConstraints(Double maxHourlyRate, String currency) {

    public String effectiveCurrency() {
        return currency == null ? "USD" : currency;
    }
}
