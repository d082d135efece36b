package io.coachmatch.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.features.FeatureExtractor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SimulatedUsersTests {

    private static final Instant CREATED = Instant.parse("2026-11-28T10:00:00Z");

    private static MatchingRequest request(String id, String requester, Priority priority) {
        return new MatchingRequest(
                id, requester, CREATED, "t", "d", null, priority, List.of(), null, null, null, null, null, null);
    }

    private static double[] features(double tfidf, double rating, double price) {
        double[] x = new double[FeatureExtractor.SIZE];
        x[FeatureExtractor.FEATURES.indexOf("tfidf_cosine")] = tfidf;
        x[FeatureExtractor.FEATURES.indexOf("shrunk_rating")] = rating;
        x[FeatureExtractor.FEATURES.indexOf("price_ratio")] = price;
        x[FeatureExtractor.FEATURES.indexOf("response_speed")] = 0.5;
        return x;
    }

    private static long count(List<FeedbackEvent> events, FeedbackType type, String coach) {
        return events.stream()
                .filter(e -> e.type() == type && e.coachId().equals(coach))
                .count();
    }

    @Nested
    class Choices {

        @Test
        void theSameStreamGivesTheSameEventsAndEveryShownCoachAnImpressionFirst() {
            MatchingRequest r = request("r1", "u1", Priority.NORMAL);
            List<SimulatedUsers.Shown> shown = List.of(
                    new SimulatedUsers.Shown("a", 1, features(0.9, 0.9, 0.2)),
                    new SimulatedUsers.Shown("b", 2, features(0.1, 0.3, 1.5)),
                    new SimulatedUsers.Shown("c", 3, features(0.5, 0.6, 0.8)));
            List<FeedbackEvent> one = SimulatedUsers.react(r, shown, new SplittableRandom(3), "v0007", "treatment");
            assertThat(SimulatedUsers.react(r, shown, new SplittableRandom(3), "v0007", "treatment"))
                    .isEqualTo(one);
            assertThat(one.subList(0, 3)).extracting(FeedbackEvent::type).containsOnly(FeedbackType.IMPRESSION);
            assertThat(one.subList(0, 3)).extracting(FeedbackEvent::position).containsExactly(1, 2, 3);
            assertThat(one).allSatisfy(e -> {
                assertThat(e.modelVersion()).isEqualTo("v0007");
                assertThat(e.variant()).isEqualTo("treatment");
                assertThat(e.requesterId()).isEqualTo("u1");
                assertThat(e.eventId()).isNull();
                assertThat(e.occurredAt()).isAfter(CREATED);
            });
            for (int i = 4; i < one.size(); i++) {
                assertThat(one.get(i).occurredAt())
                        .isAfterOrEqualTo(one.get(i - 1).occurredAt());
            }
        }

        @Test
        void aCoachOfHigherUtilityIsBookedMoreOftenAtTheSamePosition() {
            // Two coaches alternate between positions 1 and 2, so position bias cancels out; only the utility differs.
            long good = 0;
            long poor = 0;
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 4000; i++) {
                MatchingRequest r = request("r" + i, "u" + i, Priority.NORMAL);
                SimulatedUsers.Shown g = new SimulatedUsers.Shown("good", 1 + i % 2, features(0.8, 0.9, 0.3));
                SimulatedUsers.Shown p = new SimulatedUsers.Shown("poor", 2 - i % 2, features(0.1, 0.4, 1.2));
                List<FeedbackEvent> events =
                        SimulatedUsers.react(r, i % 2 == 0 ? List.of(g, p) : List.of(p, g), random, "rules", null);
                good += count(events, FeedbackType.BOOKED, "good");
                poor += count(events, FeedbackType.BOOKED, "poor");
            }
            assertThat(good).isGreaterThan(3 * poor);
        }

        @Test
        void theTopPositionIsLookedAtMoreOftenThanTheTenth() {
            long top = 0;
            long tenth = 0;
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < 4000; i++) {
                List<SimulatedUsers.Shown> shown = new ArrayList<>();
                for (int p = 1; p <= 10; p++) {
                    shown.add(new SimulatedUsers.Shown("c" + p, p, features(0.5, 0.6, 0.5)));
                }
                List<FeedbackEvent> events =
                        SimulatedUsers.react(request("r" + i, "same", Priority.NORMAL), shown, random, "rules", null);
                top += count(events, FeedbackType.CLICK, "c1");
                tenth += count(events, FeedbackType.CLICK, "c10");
            }
            // examination 1 against 10^-0.4 = 0.40; the taste of one requester differs per coach, so allow slack
            assertThat((double) tenth / top).isBetween(0.2, 0.7);
        }
    }

    @Nested
    class Preference {

        @Test
        void urgentRequestersMindThePriceLeast() {
            double[] cheap = features(0.5, 0.6, 0.2);
            double[] dear = features(0.5, 0.6, 1.8);
            double low = SimulatedUsers.priceSensitivity(Priority.LOW);
            double high = SimulatedUsers.priceSensitivity(Priority.HIGH);
            assertThat(SimulatedUsers.utility(cheap, low, 0) - SimulatedUsers.utility(dear, low, 0))
                    .isGreaterThan(
                            5 * (SimulatedUsers.utility(cheap, high, 0) - SimulatedUsers.utility(dear, high, 0)));
        }

        @Test
        void tasteIsFixedPerRequesterAndCoachAndWithinPlusMinusOne() {
            assertThat(SimulatedUsers.taste("u1", "coach_1")).isEqualTo(SimulatedUsers.taste("u1", "coach_1"));
            assertThat(SimulatedUsers.taste("u1", "coach_1")).isNotEqualTo(SimulatedUsers.taste("u2", "coach_1"));
            for (int i = 0; i < 1000; i++) {
                assertThat(SimulatedUsers.taste("u" + i, "coach_" + (i * 7))).isBetween(-1.0, 1.0);
            }
        }

        @Test
        void refusesAShownCoachWithoutAFullFeatureVector() {
            assertThatThrownBy(() -> new SimulatedUsers.Shown("c", 1, new double[3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("c");
        }
    }
}
