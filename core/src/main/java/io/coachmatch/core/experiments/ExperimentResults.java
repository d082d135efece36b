package io.coachmatch.core.experiments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The answer of {@code GET /api/experiments/{name}}, written by {@link io.coachmatch.core.json.Json} as
 * {@code {"name", "status", "variants": [{"name", "model_version", "share", "units", "requests", "impressions",
 * "clicks", "contacts", "bookings", "booking_rate": {"value", "ci_low", "ci_high"}, "ctr": {...}, "lift": {...},
 * "p_value"}], "srm": {"p_value", "flagged"}}}. Every key is always written; a value that is undefined (the control's
 * lift and p-value, a rate without a single request) is JSON null.
 *
 * <p>The booking rate is the share of requests that led to at least one booking, the click-through rate the share
 * of impressions (shown coaches) that were clicked at least once, each with a 95% Wilson interval: both are true
 * proportions, as the interval and the test need, while {@code bookings} and {@code clicks} stay the raw numbers of
 * events (one answer can lead to two bookings). Lift and p-value compare each variant's booking rate with the
 * control's (the primary metric);
 * see {@link ExperimentStatistics} for the methods. The SRM check compares units per variant with the configured
 * shares and is flagged when p &lt; {@value ExperimentStatistics#SRM_ALPHA}: then the assignment or the counting is
 * broken and the other numbers are not to be trusted.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentResults(String name, ExperimentStatus status, List<VariantResult> variants, Srm srm) {

    public ExperimentResults {
        variants = List.copyOf(variants);
    }

    /**
     * Computes the results of an experiment from its counts.
     *
     * @param counts       per variant name; a variant without an entry has {@link VariantCounts#ZERO}, names that
     *                     are no variant of the experiment are ignored
     * @param modelVersion resolves a variant's model (an alias such as {@code production}) to the version that
     *                     serves it; null, or a null answer, reports the model as configured
     */
    public static ExperimentResults compute(
            Experiment experiment, Map<String, VariantCounts> counts, Function<String, String> modelVersion) {
        Variant control = experiment.control();
        VariantCounts c = counts.getOrDefault(control.name(), VariantCounts.ZERO);
        List<Variant> variants = experiment.variants();
        List<VariantResult> results = new ArrayList<>(variants.size());
        long[] units = new long[variants.size()];
        double[] shares = new double[variants.size()];
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            VariantCounts n = counts.getOrDefault(v.name(), VariantCounts.ZERO);
            units[i] = n.units();
            shares[i] = v.share();
            boolean isControl = v.name().equals(control.name());
            String version = modelVersion == null ? null : modelVersion.apply(v.model());
            results.add(new VariantResult(
                    v.name(),
                    version == null ? v.model() : version,
                    v.share(),
                    n.units(),
                    n.requests(),
                    n.impressions(),
                    n.clicks(),
                    n.contacts(),
                    n.bookings(),
                    ExperimentStatistics.wilson(n.bookedRequests(), n.requests()),
                    ExperimentStatistics.wilson(n.clickedPairs(), n.impressions()),
                    isControl
                            ? null
                            : ExperimentStatistics.relativeLift(
                                    n.bookedRequests(), n.requests(), c.bookedRequests(), c.requests()),
                    isControl
                            ? null
                            : ExperimentStatistics.twoProportionPValue(
                                    n.bookedRequests(), n.requests(), c.bookedRequests(), c.requests())));
        }
        Double srmP = ExperimentStatistics.chiSquarePValue(units, shares);
        return new ExperimentResults(
                experiment.name(),
                experiment.effectiveStatus(),
                results,
                new Srm(srmP, srmP != null && srmP < ExperimentStatistics.SRM_ALPHA));
    }

    /** The variant of that name, or null. */
    public VariantResult variant(String variantName) {
        return variants.stream()
                .filter(v -> v.name().equals(variantName))
                .findFirst()
                .orElse(null);
    }

    /**
     * One variant's counts and statistics.
     *
     * @param bookingRate requests with at least one booking per request; null without requests
     * @param ctr         shown coaches clicked at least once per impression; null without impressions
     * @param lift        relative lift of the booking rate against control; null for the control or when undefined
     * @param pValue      two-proportion z-test of the booking rate against control; null for the control
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VariantResult(
            String name,
            String modelVersion,
            double share,
            long units,
            long requests,
            long impressions,
            long clicks,
            long contacts,
            long bookings,
            Estimate bookingRate,
            Estimate ctr,
            Estimate lift,
            Double pValue) {}

    /**
     * The sample-ratio-mismatch check.
     *
     * @param pValue  chi-square goodness-of-fit of units per variant against the shares; null without units
     * @param flagged whether p &lt; {@value ExperimentStatistics#SRM_ALPHA}
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Srm(Double pValue, boolean flagged) {}
}
