package io.coachmatch.serving.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
    void theCacheStaysWithinItsBound() {
        LocalServingCache cache = new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 100);
        for (int i = 0; i < 1000; i++) {
            cache.putResultIfAbsent("r" + i, b("x"));
        }
        int kept = 0;
        for (int i = 0; i < 1000; i++) {
            kept += cache.getResult("r" + i).value() == null ? 0 : 1;
        }
        assertThat(kept).isBetween(1, 100);
        assertThat(cache.getResult("r999").value()).isNotNull();
    }

    @Test
    void statisticsAddUp() {
        LocalServingCache cache = new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 10);
        cache.addStats(java.util.Map.of("requests", 3L));
        cache.addStats(java.util.Map.of("requests", 2L, "errors.INVALID_REQUEST", 1L));
        assertThat(cache.sharedStats()).containsEntry("requests", 5L).containsEntry("errors.INVALID_REQUEST", 1L);
    }
}
