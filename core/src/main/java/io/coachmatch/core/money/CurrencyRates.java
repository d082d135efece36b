package io.coachmatch.core.money;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table of exchange rates in US dollars per unit, used to compare hourly rates and budgets given
 * in different currencies. Codes are ISO 4217, compared upper-case. An unknown code is an error for
 * the caller to report, never a silent conversion at 1.0.
 */
public final class CurrencyRates {

    private static final CurrencyRates DEFAULTS = new CurrencyRates(Map.of("USD", 1.00, "EUR", 1.08, "GBP", 1.27));

    private final Map<String, Double> usdPerUnit;

    /** @param usdPerUnit US dollars for one unit of each currency; every rate must be positive and finite */
    public CurrencyRates(Map<String, Double> usdPerUnit) {
        Map<String, Double> copy = new LinkedHashMap<>();
        usdPerUnit.forEach((code, rate) -> {
            if (code == null || !code.matches("[A-Za-z]{3}")) {
                throw new IllegalArgumentException("currency code '" + code + "' is not three letters");
            }
            if (rate == null || !(rate > 0) || rate.isInfinite()) {
                throw new IllegalArgumentException("rate for " + code + " must be a positive number, was " + rate);
            }
            copy.put(code.toUpperCase(Locale.ROOT), rate);
        });
        if (!copy.containsKey("USD")) {
            copy.put("USD", 1.0);
        }
        this.usdPerUnit = Collections.unmodifiableMap(copy);
    }

    /** The contract's default table: USD 1.00, EUR 1.08, GBP 1.27. */
    public static CurrencyRates defaults() {
        return DEFAULTS;
    }

    public boolean isKnown(String code) {
        return code != null && usdPerUnit.containsKey(code.toUpperCase(Locale.ROOT));
    }

    /**
     * Converts an amount to US dollars.
     *
     * @throws IllegalArgumentException naming the code when it is not in the table
     */
    public double toUsd(double amount, String code) {
        Double rate = code == null ? Double.valueOf(1.0) : usdPerUnit.get(code.toUpperCase(Locale.ROOT));
        if (rate == null) {
            throw new IllegalArgumentException("unknown currency '" + code + "'; known: " + codes());
        }
        return amount * rate;
    }

    public Set<String> codes() {
        return usdPerUnit.keySet();
    }

    public Map<String, Double> asMap() {
        return usdPerUnit;
    }

    @Override
    public String toString() {
        return "CurrencyRates" + usdPerUnit;
    }
}
