package io.coachmatch.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ExperimentResultsTests {

    static final Experiment EXPERIMENT = Experiment.running(
            "ranker-dec",
            "dec-2026",
            List.of(new Variant("control", "production", 0.5), new Variant("treatment", "v0004", 0.5)));

    static final Map<String, VariantCounts> COUNTS = Map.of(
            "control", new VariantCounts(900, 1000, 5000, 400, 150, 100, 430.0, 100),
            "treatment", new VariantCounts(910, 1000, 5000, 450, 160, 120, 441.0, 100));

    static List<String> keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void serialisesExactlyTheShapeOfIssue5() {
        JsonNode tree = Json.tree(
                Json.bytes(ExperimentResults.compute(EXPERIMENT, COUNTS, m -> m.equals("production") ? "v0003" : m)));
        assertThat(keys(tree)).containsExactly("name", "status", "variants", "srm");
        assertThat(tree.get("status").stringValue()).isEqualTo("running");
        JsonNode control = tree.get("variants").get(0);
        assertThat(keys(control))
                .containsExactly(
                        "name",
                        "model_version",
                        "share",
                        "units",
                        "requests",
                        "impressions",
                        "clicks",
                        "contacts",
                        "bookings",
                        "booking_rate",
                        "ctr",
                        "lift",
                        "p_value");
        assertThat(control.get("model_version").stringValue()).isEqualTo("v0003");
        assertThat(keys(control.get("booking_rate"))).containsExactly("value", "ci_low", "ci_high");
        assertThat(keys(control.get("ctr"))).containsExactly("value", "ci_low", "ci_high");
        assertThat(control.get("lift").isNull()).isTrue();
        assertThat(control.get("p_value").isNull()).isTrue();
        JsonNode treatment = tree.get("variants").get(1);
        assertThat(treatment.get("model_version").stringValue()).isEqualTo("v0004");
        assertThat(keys(treatment.get("lift"))).containsExactly("value", "ci_low", "ci_high");
        assertThat(treatment.get("p_value").isNumber()).isTrue();
        assertThat(keys(tree.get("srm"))).containsExactly("p_value", "flagged");
    }

    @Test
    void computesRatesLiftAndPValueOfTheBookingRateAgainstControl() {
        ExperimentResults r = ExperimentResults.compute(EXPERIMENT, COUNTS, null);
        ExperimentResults.VariantResult t = r.variant("treatment");
        assertThat(t.modelVersion()).isEqualTo("v0004");
        assertThat(t.bookingRate()).isEqualTo(ExperimentStatistics.wilson(120, 1000));
        assertThat(t.ctr()).isEqualTo(ExperimentStatistics.wilson(450, 5000));
        assertThat(t.lift().value()).isCloseTo(0.2, within(1e-12));
        assertThat(t.pValue()).isCloseTo(0.15292, within(1e-5)); // worked by hand in ExperimentStatisticsTests
        assertThat(r.variant("control").lift()).isNull();
        assertThat(r.srm().flagged()).isFalse();
    }

    @Test
    void aVariantWithoutCountsHasNullRatesAndAnEmptyExperimentHasNoSrmVerdict() {
        ExperimentResults r = ExperimentResults.compute(EXPERIMENT, Map.of(), null);
        assertThat(r.variant("treatment").bookingRate()).isNull();
        assertThat(r.variant("treatment").lift()).isNull();
        assertThat(r.variant("treatment").pValue()).isNull();
        assertThat(r.srm().pValue()).isNull();
        JsonNode tree = Json.tree(Json.bytes(r));
        assertThat(tree.get("variants").get(1).get("booking_rate").isNull()).isTrue();
        assertThat(tree.get("srm").get("p_value").isNull()).isTrue();
    }

    @Test
    void feedbackEventsIncrementTheirCounter() {
        VariantCounts c = VariantCounts.ofRequest(true).plus(VariantCounts.ofRequest(false));
        for (FeedbackType type : FeedbackType.values()) {
            c = c.plus(VariantCounts.ofFeedback(type, type == FeedbackType.RATED ? 4.0 : 5.0));
        }
        assertThat(c).isEqualTo(new VariantCounts(1, 2, 1, 1, 1, 1, 4.0, 1, 0, 0));
        assertThat(c.meanRating()).isEqualTo(4.0);
        assertThat(VariantCounts.ofFeedback(FeedbackType.RATED, null)).isEqualTo(VariantCounts.ZERO);
    }

    @Test
    void firstBookingsAndClicksCountTheRateSuccesses() {
        assertThat(VariantCounts.ofFirst(FeedbackType.BOOKED).bookedRequests()).isEqualTo(1);
        assertThat(VariantCounts.ofFirst(FeedbackType.CLICK).clickedPairs()).isEqualTo(1);
        assertThat(VariantCounts.ofFirst(FeedbackType.CONTACT)).isEqualTo(VariantCounts.ZERO);
        assertThat(VariantCounts.distinctKey(FeedbackType.BOOKED, "r1", "c1"))
                .isEqualTo(VariantCounts.distinctKey(FeedbackType.BOOKED, "r1", "c2"));
        assertThat(VariantCounts.distinctKey(FeedbackType.CLICK, "r1", "c1"))
                .isNotEqualTo(VariantCounts.distinctKey(FeedbackType.CLICK, "r1", "c2"));
        assertThat(VariantCounts.distinctKey(FeedbackType.IMPRESSION, "r1", "c1"))
                .isNull();
        assertThat(VariantCounts.distinctKey(FeedbackType.BOOKED, null, "c1")).isNull();
    }

    @Test
    void ratesAreSharesOfRequestsBookedAndOfShownCoachesClickedNotEventCounts() {
        // control: 1,000 requests with 300 bookings on 200 of them; treatment: 300 bookings on 300 requests
        Map<String, VariantCounts> counts = Map.of(
                "control", new VariantCounts(900, 1000, 5000, 700, 0, 300, 0, 0, 200, 400),
                "treatment", new VariantCounts(900, 1000, 5000, 700, 0, 300, 0, 0, 300, 400));
        ExperimentResults r = ExperimentResults.compute(EXPERIMENT, counts, m -> m);
        assertThat(r.variant("control").bookings()).isEqualTo(300);
        assertThat(r.variant("control").bookingRate().value()).isCloseTo(0.2, within(1e-12));
        assertThat(r.variant("treatment").bookingRate().value()).isCloseTo(0.3, within(1e-12));
        assertThat(r.variant("control").ctr().value()).isCloseTo(0.08, within(1e-12));
        // equal raw bookings, but half again as many requests booked: a lift of +50%, clearly significant
        assertThat(r.variant("treatment").lift().value()).isCloseTo(0.5, within(1e-12));
        assertThat(r.variant("treatment").pValue()).isLessThan(1e-5);
    }
}
