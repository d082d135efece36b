package io.coachmatch.serving.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.experiments.VariantCounts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LocalCountStoreTests {

    @Nested
    class Bounds {

        @Test
        void eventIdsAndLinksStayWithinTheirBytesWhateverTheirNumber() {
            LocalCountStore store =
                    new LocalCountStore(DataSize.ofKilobytes(64), Duration.ofDays(7), Duration.ofDays(7));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            store.bindTo(meters);
            for (int i = 0; i < 20_000; i++) {
                store.request("x", "control", "u" + i, "request_" + i);
                store.feedback(
                        "event_" + i,
                        new CountStore.Link("x", "control"),
                        VariantCounts.ofFeedback(FeedbackType.CLICK, null),
                        null,
                        VariantCounts.ofFirst(FeedbackType.CLICK));
            }
            assertThat(store.bytes()).isPositive().isLessThanOrEqualTo(64 * 1024);
            assertThat(meters.get("coachmatch.feedback.local").gauge().value()).isEqualTo((double) store.bytes());
            long kept = java.util.stream.IntStream.range(0, 20_000)
                    .filter(i -> store.link("request_" + i).isPresent())
                    .count();
            assertThat(kept).isPositive().isLessThan(20_000);
            assertThat(store.counts("x").get("control").requests()).isEqualTo(20_000);
        }

        @Test
        void aLinkIsForgottenAfterTheRequestTtl() {
            LocalCountStore store =
                    new LocalCountStore(DataSize.ofMegabytes(1), Duration.ofDays(7), Duration.ofNanos(1));
            store.request("x", "control", "u1", "r1");
            assertThat(store.link("r1")).isEmpty();
        }

        @Test
        void aRequestIsCountedOnceHoweverOftenItsCountIsRetried() {
            LocalCountStore store = LocalCountStore.forTests();
            store.request("x", "control", "u1", "r1");
            store.request("x", "control", "u1", "r1");
            assertThat(store.counts("x").get("control").requests()).isEqualTo(1);
        }
    }
}
