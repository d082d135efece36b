package io.coachmatch.serving.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class LocalServingCacheTests {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstAnswerStoredForARequestIdWins() {
        LocalServingCache cache = new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 10);
        assertThat(cache.putResultIfAbsent("r1", b("first"))).hasValue(b("first"));
        assertThat(cache.putResultIfAbsent("r1", b("second"))).hasValue(b("first"));
        assertThat(cache.getResult("r1").value()).isEqualTo(b("first"));
        assertThat(cache.getResult("r2").value()).isNull();
        assertThat(cache.getResult("r2").available()).isTrue();
    }

    @Test
    void anExpiredAnswerIsGoneAndMayBeReplaced() {
        LocalServingCache cache = new LocalServingCache(Duration.ofNanos(1), Duration.ofHours(1), 10);
        cache.putResultIfAbsent("r1", b("first"));
        assertThat(cache.getResult("r1").value()).isNull();
        assertThat(cache.putResultIfAbsent("r1", b("second"))).hasValue(b("second"));
    }

    @Test
    void theCacheStaysWithinItsBoundInBytesWhateverTheNumberOfEntries() {
        LocalServingCache cache =
                new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), DataSize.ofKilobytes(100));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        cache.bindTo(meters);
        byte[] answer = new byte[10_000];
        for (int i = 0; i < 1000; i++) {
            cache.putResultIfAbsent("r" + i, answer);
        }
        int kept = 0;
        for (int i = 0; i < 1000; i++) {
            kept += cache.getResult("r" + i).value() == null ? 0 : 1;
        }
        assertThat(kept).isBetween(1, 10);
        assertThat(cache.bytes()).isLessThanOrEqualTo(100 * 1024);
        assertThat(meters.get("coachmatch.cache.local").gauge().value())
                .isEqualTo((double) cache.bytes())
                .isPositive();
        assertThat(meters.get("coachmatch.cache.local").gauge().getId().getBaseUnit())
                .isEqualTo("bytes");

        // small answers: many more fit in the same bytes
        LocalServingCache small =
                new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), DataSize.ofKilobytes(100));
        for (int i = 0; i < 1000; i++) {
            small.putResultIfAbsent("r" + i, b("x"));
        }
        assertThat(small.getResult("r999").value()).isNotNull();
        assertThat(small.bytes()).isLessThanOrEqualTo(100 * 1024);
    }

    @Test
    void anAnswerLargerThanTheWholeBoundIsNotKept() {
        LocalServingCache cache =
                new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), DataSize.ofKilobytes(1));
        assertThat(cache.putResultIfAbsent("big", new byte[4096])).isPresent();
        assertThat(cache.getResult("big").value()).isNull();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void statisticsAddUp() {
        LocalServingCache cache = new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 10);
        cache.addStats(java.util.Map.of("requests", 3L));
        cache.addStats(java.util.Map.of("requests", 2L, "errors.INVALID_REQUEST", 1L));
        assertThat(cache.sharedStats()).containsEntry("requests", 5L).containsEntry("errors.INVALID_REQUEST", 1L);
    }
}
