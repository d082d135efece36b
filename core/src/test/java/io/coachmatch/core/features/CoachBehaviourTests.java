package io.coachmatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.FeedbackType;
import org.junit.jupiter.api.Test;

class CoachBehaviourTests {

    private static final double[] PROPENSITY = {1.0, 1.0, 0.5, 0.25};
    private static final double[] PRIOR = {0.2, 0.1, 0.05, 0.7};
    private static final double[] STRENGTH = {10, 10, 20, 4};

    private static double[] features(CoachBehaviour b, String coach) {
        double[] out = new double[CoachBehaviour.FEATURES];
        b.features(coach, out, 0);
        return out;
    }

    @Test
    void aCoachWithoutHistoryGetsThePriorsAndNoHistory() {
        CoachBehaviour b = new CoachBehaviour(PROPENSITY, PRIOR, STRENGTH, 10);
        assertThat(features(b, "nobody")).containsExactly(0.2, 0.1, 0.05, 0.7, 0.0);
    }

    @Test
    void ratesArePositionDebiasedAndShrunkTowardsThePriorByTheirEvidence() {
        CoachBehaviour b = new CoachBehaviour(PROPENSITY, PRIOR, STRENGTH, 10);
        // shown 10 times at position 3 (examined a quarter of the time, 2.5 examinations), clicked twice, booked once
        for (int i = 0; i < 10; i++) {
            b.record("c", FeedbackType.IMPRESSION, 3, null);
        }
        b.record("c", FeedbackType.CLICK, 3, null);
        b.record("c", FeedbackType.CLICK, 3, null);
        b.record("c", FeedbackType.BOOKED, 3, null);
        b.record("c", FeedbackType.RATED, 3, 5.0);
        b.record("c", FeedbackType.RATED, 3, 2.0);
        b.record("c", FeedbackType.DECLINED, 3, null);
        double[] f = features(b, "c");
        assertThat(f[0]).isCloseTo((2 + 10 * 0.2) / (2.5 + 10), within(1e-12));
        assertThat(f[1]).isCloseTo((0 + 10 * 0.1) / (2.5 + 10), within(1e-12));
        assertThat(f[2]).isCloseTo((1 + 20 * 0.05) / (2.5 + 20), within(1e-12));
        assertThat(f[3]).isCloseTo((1 + 4 * 0.7) / (2 + 4), within(1e-12));
        assertThat(f[4]).isCloseTo(Math.log1p(10) / Math.log(1001), within(1e-12));
        // a position beyond the table takes its last propensity; one without a position counts as examined
        double[] counts = b.counts("c");
        b.record("c", FeedbackType.IMPRESSION, 40, null);
        b.record("c", FeedbackType.IMPRESSION, null, null);
        assertThat(b.counts("c")[CoachBehaviour.EXAMINED])
                .isCloseTo(counts[CoachBehaviour.EXAMINED] + 0.25 + 1.0, within(1e-12));
    }

    @Test
    void aBookedCoachRisesAboveOneNeverBookedWithTheSameExposure() {
        CoachBehaviour b = new CoachBehaviour(PROPENSITY, PRIOR, STRENGTH, 10);
        for (String c : new String[] {"booked", "ignored"}) {
            for (int i = 0; i < 50; i++) {
                b.record(c, FeedbackType.IMPRESSION, 1, null);
            }
        }
        for (int i = 0; i < 10; i++) {
            b.record("booked", FeedbackType.BOOKED, 1, null);
        }
        assertThat(features(b, "booked")[2]).isGreaterThan(PRIOR[2]).isGreaterThan(features(b, "ignored")[2]);
        assertThat(features(b, "ignored")[2]).isLessThan(PRIOR[2]);
    }

    @Test
    void memoryIsBoundedTheCoachesBeyondTheLimitKeepThePriors() {
        CoachBehaviour b = new CoachBehaviour(PROPENSITY, PRIOR, STRENGTH, 2);
        b.record("a", FeedbackType.BOOKED, 1, null);
        b.record("b", FeedbackType.BOOKED, 1, null);
        b.record("c", FeedbackType.BOOKED, 1, null);
        assertThat(b.coaches()).containsExactlyInAnyOrder("a", "b");
        assertThat(features(b, "c")).containsExactly(0.2, 0.1, 0.05, 0.7, 0.0);
        // a tracked coach keeps counting
        b.record("a", FeedbackType.BOOKED, 1, null);
        assertThat(b.counts("a")[CoachBehaviour.BOOKINGS]).isEqualTo(2);
    }
}
