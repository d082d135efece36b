package io.coachmatch.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.serving.cache.RedisStrings;
import io.coachmatch.serving.support.TestInfrastructure;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both counter stores, the in-process one and the one in a real redis-server, count the same way: raw events once per
 * event_id, and the successes of the rates once per booked request and per clicked (request, coach) pair, so that
 * the booking rate and click-through rate stay proportions when one answer leads to two bookings.
 */
class CountStoreIntegrationTests {

    private static RedisStrings redis;

    static Stream<Named<CountStore>> stores() {
        if (redis == null) {
            redis = new RedisStrings("127.0.0.1", TestInfrastructure.redisPort(), Duration.ofSeconds(2));
        }
        return Stream.of(
                Named.of("in-process", LocalCountStore.forTests()),
                Named.of("redis", new RedisCountStore(redis, Duration.ofHours(1), Duration.ofHours(1))));
    }

    @AfterAll
    static void close() {
        if (redis != null) {
            redis.close();
        }
    }

    private static boolean event(
            CountStore store,
            String eventId,
            CountStore.Link link,
            FeedbackType type,
            String requestId,
            String coachId) {
        return store.feedback(
                eventId,
                link,
                VariantCounts.ofFeedback(type, null),
                VariantCounts.distinctKey(type, requestId, coachId),
                VariantCounts.ofFirst(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void countsEventsOnceAndRateSuccessesOncePerRequestOrShownCoach(CountStore store) {
        String exp = "count-" + UUID.randomUUID();
        String e = exp + "-evt-";
        store.request(exp, "control", "u1", exp + "r1");
        store.request(exp, "control", "u2", exp + "r2");
        store.request(exp, "treatment", "u3", exp + "r3");
        CountStore.Link control = new CountStore.Link(exp, "control");
        CountStore.Link treatment = new CountStore.Link(exp, "treatment");

        assertThat(event(store, e + 1, control, FeedbackType.BOOKED, exp + "r1", "c1"))
                .isTrue();
        assertThat(event(store, e + 2, control, FeedbackType.BOOKED, exp + "r1", "c2"))
                .isTrue(); // same request
        assertThat(event(store, e + 2, control, FeedbackType.BOOKED, exp + "r1", "c2"))
                .isFalse(); // redelivered
        assertThat(event(store, e + 3, control, FeedbackType.BOOKED, exp + "r2", "c1"))
                .isTrue();
        assertThat(event(store, e + 4, control, FeedbackType.CLICK, exp + "r1", "c1"))
                .isTrue();
        assertThat(event(store, e + 5, control, FeedbackType.CLICK, exp + "r1", "c1"))
                .isTrue(); // clicked again
        assertThat(event(store, e + 6, control, FeedbackType.CLICK, exp + "r1", "c2"))
                .isTrue();
        assertThat(event(store, e + 7, control, FeedbackType.IMPRESSION, exp + "r1", "c1"))
                .isTrue();
        // the same request booked in another variant's name is another variant's success
        assertThat(event(store, e + 8, treatment, FeedbackType.BOOKED, exp + "r3", "c1"))
                .isTrue();

        VariantCounts c = store.counts(exp).get("control");
        assertThat(c.requests()).isEqualTo(2);
        assertThat(c.bookings()).isEqualTo(3);
        assertThat(c.bookedRequests()).isEqualTo(2);
        assertThat(c.clicks()).isEqualTo(3);
        assertThat(c.clickedPairs()).isEqualTo(2);
        assertThat(c.impressions()).isEqualTo(1);
        VariantCounts t = store.counts(exp).get("treatment");
        assertThat(t.bookings()).isEqualTo(1);
        assertThat(t.bookedRequests()).isEqualTo(1);
    }
}
