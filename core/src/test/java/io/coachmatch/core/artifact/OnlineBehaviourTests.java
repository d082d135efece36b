package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.Feature;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A served model keeps counting coaches' engagement from the feedback stream, starting from its artifact. */
class OnlineBehaviourTests {

    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(43, 200);
    private static final CatalogIndex INDEX = CatalogIndex.build(COACHES, RATES);

    private static double bookingRate(LoadedModel model, MatchQuery q, int coach) {
        double[] x = model.forRequest(q, INDEX)
                .features(
                        coach,
                        RuleScorer.score(
                                q,
                                CoachFacts.of(COACHES.get(coach), RATES),
                                MatchingSettings.defaults().weights()));
        return x[Feature.BOOKING_RATE.ordinal()];
    }

    private static FeedbackEvent event(String id, String coach, FeedbackType type, Instant at) {
        return new FeedbackEvent(id, "req_1", "user_1", coach, type, 1, null, "t", null, at);
    }

    @Test
    void aCoachWhoStartsBeingBookedRisesAtTheNextRefreshAndEachEventCountsOnce() {
        LoadedModel model = new LoadedModel(
                "t",
                TestModels.draft(ModelDefinition.LINEAR),
                CompiledModel.of(TestModels.learnedLinear(0.5), "test"),
                RATES);
        model.prepare(INDEX);
        MatchingRequest r = SyntheticCatalog.requests(2, 1, START).get(0);
        MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
        int coach = 7;
        String id = COACHES.get(coach).id();
        double before = bookingRate(model, q, coach);

        Instant after = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < 20; i++) {
            assertThat(model.record(event("e" + i, id, FeedbackType.IMPRESSION, after)))
                    .isTrue();
            assertThat(model.record(event("b" + i, id, FeedbackType.BOOKED, after)))
                    .isTrue();
        }
        // the same event again, and an event the artifact's counts already include, change nothing
        assertThat(model.record(event("b0", id, FeedbackType.BOOKED, after))).isFalse();
        assertThat(model.record(event("old", id, FeedbackType.BOOKED, Instant.parse("2026-11-01T00:00:00Z"))))
                .isFalse();
        assertThat(bookingRate(model, q, coach)).as("not before the refresh").isEqualTo(before);

        model.refresh();
        assertThat(bookingRate(model, q, coach)).isGreaterThan(before);
        double[] counts = model.compiled().extractor().behaviour().counts(id);
        assertThat(counts[CoachBehaviour.BOOKINGS]).isGreaterThanOrEqualTo(20);
        // another coach is untouched
        int other = 8;
        double otherBefore = bookingRate(model, q, other);
        model.refresh();
        assertThat(bookingRate(model, q, other)).isEqualTo(otherBefore);
    }
}
