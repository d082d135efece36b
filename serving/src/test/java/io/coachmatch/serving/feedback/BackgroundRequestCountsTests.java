package io.coachmatch.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BackgroundRequestCountsTests {

    /** A store whose counting waits until released, like a Redis that does not answer. */
    private static final class StuckStore extends LocalCountStore {
        final CountDownLatch release = new CountDownLatch(1);

        StuckStore() {
            super(org.springframework.util.unit.DataSize.ofMegabytes(1), Duration.ofDays(1), Duration.ofDays(1));
        }

        @Override
        public void request(String experiment, String variant, String unit, String requestId) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.request(experiment, variant, unit, requestId);
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaitingAndTheRestArrivesWhenTheStoreAnswers() {
        StuckStore store = new StuckStore();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (BackgroundRequestCounts counts =
                new BackgroundRequestCounts(store, 5, Duration.ofSeconds(10), Duration.ofMillis(100), meters)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                counts.request("x", "control", "u" + i, "r" + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(500));
            // one in the sender's hands, five queued
            assertThat(meters.get("coachmatch.experiments.counting.dropped")
                            .counter()
                            .count())
                    .isBetween(44.0, 45.0);
            assertThat(meters.get("coachmatch.experiments.counting.queued")
                            .gauge()
                            .value())
                    .isLessThanOrEqualTo(5);
            // a queued request's link is known before its count reaches the store
            assertThat(counts.link("r0")).contains(new CountStore.Link("x", "control"));

            store.release.countDown();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> counts.counts("x").containsKey("control")
                            && counts.counts("x").get("control").requests()
                                            + (long) meters.get("coachmatch.experiments.counting.dropped")
                                                    .counter()
                                                    .count()
                                    == 50);
        }
    }
}
