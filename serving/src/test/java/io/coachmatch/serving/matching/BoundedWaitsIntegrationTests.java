package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.support.DelayingProxy;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.OwnService;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every wait inside a request transaction is bounded: a service of its own (own topics and group) talks to Redis
 * through a proxy that holds every reply back 300 ms, with an experiment running, and still drains its partitions
 * without a single rolled-back batch.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "coachmatch.kafka.early-start=false")
class BoundedWaitsIntegrationTests {

    private static final String PREFIX = "bounded-";
    private static final DelayingProxy SLOW_REDIS =
            new DelayingProxy(TestInfrastructure.redisPort(), Duration.ofMillis(300));

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private static KafkaProbe probe;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        OwnService.onTheTestBroker(r, PREFIX);
        r.add("coachmatch.kafka.partitions", () -> 2);
        r.add("coachmatch.kafka.concurrency", () -> 2);
        r.add("coachmatch.cache.redis-host", () -> "127.0.0.1");
        r.add("coachmatch.cache.redis-port", SLOW_REDIS::port);
        r.add("coachmatch.catalog.coaches-file", ServingIntegrationTest.COACHES::toString);
    }

    private synchronized KafkaProbe kafka() {
        if (probe == null) {
            probe = new KafkaProbe(
                    TestInfrastructure.kafkaBootstrapServers(), List.of(PREFIX + "responses", PREFIX + "errors"));
        }
        return probe;
    }

    @AfterAll
    static void closeProxy() {
        SLOW_REDIS.close();
        if (probe != null) {
            probe.close();
        }
    }

    private double rollbacks() {
        return meters.counter("coachmatch.kafka.rollbacks").count();
    }

    private static String narrowRequest(String id) {
        return """
                {"request_id":"%s","requester_id":"user_%s","session_type":"individual",
                 "skills_required":[{"name":"React"}],"availability_requirements":{"flexibility":1.0},
                 "max_results":3}""".formatted(id, id.hashCode() % 50);
    }

    @Test
    void aSlowRedisNeverPushesABatchPastItsTransaction() throws Exception {
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/experiments/slow-redis"))
                                .header("Authorization", "Bearer " + ServingIntegrationTest.ADMIN_TOKEN)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"unit": "requester_id", "salt": "slow", "variants": [
                          {"name": "control", "model": "rules", "share": 0.5},
                          {"name": "treatment", "model": "rules", "share": 0.5}]}"""))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        // the group settles first (each consumer with its partition), so that no rebalance fails a commit
        Awaitility.await("one partition per consumer")
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    var container = (ConcurrentMessageListenerContainer<?, ?>)
                            listeners.getListenerContainer(MatchingListener.LISTENER_ID);
                    return container != null
                            && container.getContainers().stream()
                                    .allMatch(c -> c.getAssignedPartitions() != null
                                            && c.getAssignedPartitions().size() == 1);
                });
        double before = rollbacks();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String id = "slow-redis-" + i;
            ids.add(id);
            kafka().send(PREFIX + "requests", id, narrowRequest(id), null);
        }

        Awaitility.await("2,000 answers")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    kafka().poll();
                    return ids.stream().allMatch(id -> !kafka().answers(id).isEmpty());
                });
        assertThat(ids)
                .allSatisfy(id -> assertThat(kafka().answers(id))
                        .hasSize(1)
                        .allSatisfy(a -> assertThat(a.topic()).isEqualTo(PREFIX + "responses")));
        assertThat(rollbacks() - before)
                .as("batches rolled back (fenced or timed out)")
                .isZero();
    }

    @AfterEach
    void stopTheExperiment() throws Exception {
        // experiments live in the Redis every integration test shares
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/experiments/slow-redis"))
                                .header("Authorization", "Bearer " + ServingIntegrationTest.ADMIN_TOKEN)
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
