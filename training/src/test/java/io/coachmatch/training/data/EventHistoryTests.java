package io.coachmatch.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.features.CoachBehaviour;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventHistoryTests {

    private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");

    @Test
    void countsAsOfAMomentSeeOnlyEventsStrictlyBeforeIt() {
        EventHistory.Builder b = new EventHistory.Builder(2);
        // added out of order, as a feedback file may hold them
        b.add(0, T0.plusSeconds(100), FeedbackType.BOOKED, 2, null);
        b.add(0, T0.plusSeconds(10), FeedbackType.IMPRESSION, 2, null);
        b.add(1, T0.plusSeconds(5), FeedbackType.IMPRESSION, 1, null);
        b.add(0, T0.plusSeconds(200), FeedbackType.RATED, 2, 5.0);
        EventHistory h = b.build();
        CoachBehaviour weights = new CoachBehaviour(
                new double[] {1, 1, 0.5}, new double[] {0.1, 0.1, 0.1, 0.5}, new double[] {1, 1, 1, 1}, 10);
        EventHistory.Counts counts = h.counts(weights);
        double[] e = new double[CoachBehaviour.COUNTS];

        counts.at(0, T0.plusSeconds(10), e);
        assertThat(e).containsOnly(0.0);
        counts.at(0, T0.plusSeconds(11), e);
        assertThat(e[CoachBehaviour.IMPRESSIONS]).isEqualTo(1);
        assertThat(e[CoachBehaviour.EXAMINED]).isEqualTo(0.5);
        assertThat(e[CoachBehaviour.BOOKINGS]).isZero();
        counts.at(0, T0.plusSeconds(100), e);
        assertThat(e[CoachBehaviour.BOOKINGS])
                .as("an event at the moment itself is not before it")
                .isZero();
        counts.at(0, T0.plusSeconds(101), e);
        assertThat(e[CoachBehaviour.BOOKINGS]).isEqualTo(1);
        assertThat(e[CoachBehaviour.RATINGS]).isZero();
        counts.last(0, e);
        assertThat(e[CoachBehaviour.RATINGS]).isEqualTo(1);
        assertThat(e[CoachBehaviour.GOOD_RATINGS]).isEqualTo(1);
        counts.at(1, T0.plusSeconds(1000), e);
        assertThat(e[CoachBehaviour.IMPRESSIONS]).isEqualTo(1);
        assertThat(e[CoachBehaviour.BOOKINGS]).isZero();
        assertThat(h.events()).isEqualTo(4);
    }
}
