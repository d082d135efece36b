package io.coachmatch.serving.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RedisOutageIntegrationTests extends ServingIntegrationTest {

    @Autowired
    ServingCache servingCache;

    @Autowired
    CacheSettings cacheSettings;

    private JsonNode health() {
        return Json.tree(get("/health").body().getBytes());
    }

    private JsonNode match(String id) {
        var r = post("/api/match", seedRequest(id), null);
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.tree(r.body().getBytes());
    }

    @Test
    void whileRedisIsDownAnswersCarryCacheUnavailableAndTheCacheIsUsedAgainWhenItReturns() {
        assertThat(match("redis-before").path("warnings").toString()).doesNotContain("cache_unavailable");
        try {
            TestInfrastructure.stopRedis();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() ->
                            health().path("redis").path("status").asString().equals("down"));

            // how long a request can wait on a Redis that is down is the client's command timeout, as configured
            assertThat(((RedisServingCache) servingCache).commandTimeout())
                    .isEqualTo(cacheSettings.timeout())
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            JsonNode rest = match("redis-down-rest");
            assertThat(rest.path("warnings").toString()).contains("cache_unavailable");
            kafka().send(kafkaSettings.topics().requests(), "redis-down-kafka", seedRequest("redis-down-kafka"), null);
            JsonNode viaKafka =
                    Json.tree(kafka().awaitAnswer("redis-down-kafka").value().getBytes());
            assertThat(viaKafka.path("warnings").toString()).contains("cache_unavailable");
            assertThat(viaKafka.path("matches").size()).isPositive();
            var h = get("/health");
            assertThat(h.statusCode()).isEqualTo(200);
            assertThat(Json.tree(h.body().getBytes())
                            .path("redis")
                            .path("warning")
                            .asString())
                    .isEqualTo("cache_unavailable");
        } finally {
            TestInfrastructure.startRedis();
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> health().path("redis").path("status").asString().equals("up"));
        JsonNode first = match("redis-after");
        assertThat(first.path("warnings").toString()).doesNotContain("cache_unavailable");
        var again = post("/api/match", seedRequest("redis-after"), null);
        assertThat(again.body()).isEqualTo(Json.string(first));
    }
}
