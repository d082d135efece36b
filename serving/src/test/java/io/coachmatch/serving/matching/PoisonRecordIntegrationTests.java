package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.KafkaProbe;
import io.coachmatch.serving.support.OwnService;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.ObjectNode;

/**
 * No record is retried for ever. A service of its own (own topics and group) answers on a topic whose broker accepts
 * records of at most 600,000 bytes, below the producer's own limit, and its catalog holds 20 coaches of ~45 KB each:
 * an answer listing all of them (~900 KB) passes the producer but is refused by the broker on every attempt, so its
 * batch rolls back each time. After a bounded number of attempts the request is answered
 * {@code INTERNAL_ERROR} on the errors topic, once, and the partition moves on: requests that shared its batch are
 * answered once each (an error too, since the whole batch failed), and those after it are answered as usual.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"coachmatch.kafka.early-start=false", "coachmatch.kafka.max-attempts=3"})
class PoisonRecordIntegrationTests {

    private static final String PREFIX = "poison-";
    private static final int BROKER_RECORD_LIMIT = 600_000;

    @Autowired
    MeterRegistry meters;

    private static KafkaProbe probe;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(PREFIX + "responses", 1, (short) 1)
                            .configs(
                                    Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(BROKER_RECORD_LIMIT)))))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the answers topic", e);
        }
        OwnService.onTheTestBroker(r, PREFIX);
        r.add("coachmatch.kafka.partitions", () -> 1);
        r.add("coachmatch.kafka.concurrency", () -> 1);
        r.add("coachmatch.cache.redis-host", () -> "");
        r.add("coachmatch.catalog.coaches-file", PoisonRecordIntegrationTests::catalogWithWideCoaches);
    }

    /** The test catalog plus 20 coaches of ~45 KB each (long certification lists and bios) who know Fortran. */
    private static String catalogWithWideCoaches() {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(ServingIntegrationTest.COACHES));
            CoachProfile base = Json.read(lines.get(0), CoachProfile.class);
            String certs = String.join(
                    ",",
                    Collections.nCopies(
                            40, "\"" + "Certified Fortran Numerical Methods Professional ".repeat(2) + "\""));
            String skills = "["
                    + String.join(
                            ",",
                            IntStream.range(0, 8)
                                    .mapToObj(i -> "{\"name\":\"" + (i == 0 ? "Fortran" : "Fortran dialect " + i)
                                            + "\",\"level\":\"expert\",\"years\":9,\"certifications\":[" + certs + "]}")
                                    .toList())
                    + "]";
            for (int i = 0; i < 20; i++) {
                ObjectNode coach = (ObjectNode) Json.tree(Json.bytes(base));
                coach.put("id", "coach_wide_%02d".formatted(i));
                coach.set("skills", Json.tree(skills.getBytes(StandardCharsets.UTF_8)));
                coach.put("bio", "x".repeat(4_000));
                lines.add(Json.string(coach));
            }
            Path file = ServingIntegrationTest.WORK_DIR.resolve("poison-coaches.jsonl");
            Files.write(file, lines);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized KafkaProbe kafka() {
        if (probe == null) {
            probe = new KafkaProbe(
                    TestInfrastructure.kafkaBootstrapServers(), List.of(PREFIX + "responses", PREFIX + "errors"));
        }
        return probe;
    }

    @AfterAll
    static void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    private double rollbacks() {
        return meters.counter("coachmatch.kafka.rollbacks").count();
    }

    private static String request(String id, String skill, int maxResults) {
        return """
                {"request_id":"%s","session_type":"individual","availability_requirements":{"flexibility":1.0},
                 "skills_required":[{"name":"%s","mandatory":true}],"max_results":%d}""".formatted(id, skill, maxResults);
    }

    @Test
    void aRecordThatFailsEveryAttemptIsAnsweredInternalErrorAndThePartitionMovesOn() {
        String wide = "too-wide-for-the-broker";
        kafka().send(PREFIX + "requests", wide, request(wide, "Fortran", 100), null);
        Awaitility.await("the wide answer fails at least once")
                .atMost(Duration.ofSeconds(30))
                .until(() -> rollbacks() > 0);
        List<String> behind = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            behind.add("behind-wide-" + i);
            kafka().send(PREFIX + "requests", behind.get(i), request(behind.get(i), "React", 3), null);
        }

        var answer = kafka().awaitAnswer(wide);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add("after-wide-" + i);
            kafka().send(PREFIX + "requests", after.get(i), request(after.get(i), "React", 3), null);
        }

        assertThat(answer.topic()).isEqualTo(PREFIX + "errors");
        var error = Json.tree(answer.value().getBytes());
        assertThat(error.path("error_code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.path("retryable").asBoolean()).isTrue();
        assertThat(error.path("request_id").asString()).isEqualTo(wide);
        // those that shared the failing batch may have been answered INTERNAL_ERROR with it, but exactly once
        behind.forEach(id -> assertThat(kafka().awaitAnswer(id)).isNotNull());
        after.forEach(id -> assertThat(kafka().awaitAnswer(id).topic()).isEqualTo(PREFIX + "responses"));
        kafka().assertAnsweredOnceEach(behind, Duration.ofSeconds(1));
        kafka().assertAnsweredOnceEach(after, Duration.ofSeconds(1));
        assertThat(kafka().answers(wide)).hasSize(1);
    }
}
