package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.feedback.CountStore;
import io.coachmatch.serving.matching.AnswerHooks;
import io.coachmatch.serving.matching.Channel;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counting requests answered inside an experiment never makes the answering thread wait on Redis. */
class ExperimentCountingIntegrationTests extends ServingIntegrationTest {

    private static final int REQUESTS = 20;

    @Autowired
    private ExperimentHooks hooks;

    @Autowired
    private CountStore counts;

    private AnswerHooks.Answered answered(String experiment, String requestId) {
        MatchingRequest request = Json.read(skillRequest(requestId, "Java"), MatchingRequest.class);
        MatchingResponse response = new MatchingResponse(
                requestId,
                MatchingResponse.STATUS_COMPLETED,
                List.of(),
                0,
                0,
                Map.of(),
                1,
                "rules",
                experiment,
                "control",
                Instant.parse("2026-12-01T10:00:00Z"),
                List.of());
        return new AnswerHooks.Answered(request, response, true, Channel.KAFKA, null, null);
    }

    /** Answers REQUESTS requests of the experiment and returns the longest time answered() took, in ms. */
    private long answerAll(String experiment) {
        long longest = 0;
        for (int i = 0; i < REQUESTS; i++) {
            long t0 = System.nanoTime();
            hooks.answered(answered(experiment, experiment + "_req_" + i));
            longest = Math.max(longest, (System.nanoTime() - t0) / 1_000_000);
        }
        return longest;
    }

    private long requests(String experiment) {
        return counts.counts(experiment).values().stream()
                .mapToLong(VariantCounts::requests)
                .sum();
    }

    private void awaitCounted(String experiment) {
        Awaitility.await("the counts arrive")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> requests(experiment) == REQUESTS);
        assertThat(counts.counts(experiment).get("control").requests()).isEqualTo(REQUESTS);
    }

    @Nested
    class WhileRedisIsSlow {

        @Test
        void answeredReturnsPromptlyAndTheCountsArriveWhenRedisAnswersAgain() {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + TestInfrastructure.redisPort());
            long longest;
            try (var c = client.connect()) {
                // every other client's commands wait 4 s, beyond the 1 s timeout of a counting call
                c.sync().clientPause(4_000);
                longest = answerAll("counting-slow");
            } finally {
                client.shutdown();
            }
            assertThat(longest).isLessThan(100);
            awaitCounted("counting-slow");
        }
    }

    @Nested
    class WhileRedisIsStopped {

        @Test
        void answeredReturnsPromptlyAndTheCountsArriveWhenRedisIsBack() {
            TestInfrastructure.stopRedis();
            long longest;
            try {
                longest = answerAll("counting-stopped");
            } finally {
                TestInfrastructure.startRedis();
            }
            assertThat(longest).isLessThan(100);
            awaitCounted("counting-stopped");
        }
    }
}
