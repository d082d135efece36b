package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.stats.ServingStats;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A second instance, the packaged jar in its own JVM, joins the group, takes partitions, and is
 * killed (SIGKILL) while requests flow. The survivor takes its partitions over; every request is
 * answered exactly once for a read_committed reader.
 */
class CrashIntegrationTests extends ServingIntegrationTest {

    @Autowired
    private ServingStats stats;

    private static final Path JAR = Path.of("target", "coachmatch-serving.jar");

    private Process startChild(Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "-Xmx512m",
                "-jar",
                JAR.toString(),
                "--server.port=0",
                "--coachmatch.kafka.early-start=false",
                "--coachmatch.kafka.partitions=4",
                "--coachmatch.kafka.concurrency=2",
                "--coachmatch.kafka.session-timeout=6s",
                "--spring.main.banner-mode=off");
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers());
        pb.environment().put("REDIS_HOST", "127.0.0.1");
        pb.environment().put("REDIS_PORT", String.valueOf(TestInfrastructure.redisPort()));
        pb.environment().put("COACHES_FILE", COACHES.toString());
        pb.environment().put("MODEL_REGISTRY_DIR", MODELS.toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private List<String> send(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            kafka().send(kafkaSettings.topics().requests(), id, seedRequest(id), null);
        }
        return ids;
    }

    @Test
    void everyRequestIsAnsweredExactlyOnceWhenAnInstanceIsKilledMidStream() throws Exception {
        assertThat(JAR).as("the packaged jar (failsafe runs after package)").exists();
        Path log = Files.createTempFile("coachmatch-crash-child", ".log");
        List<String> ids = new ArrayList<>();
        Process child = startChild(log);
        try {
            Awaitility.await("the child instance takes partitions")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log).contains("partitions assigned: [matching-requests"));
            long before = stats.count("requests.kafka");
            ids.addAll(send("crash-before", 30));
            ids.forEach(kafka()::awaitAnswer);
            assertThat(stats.count("requests.kafka") - before)
                    .as("requests this instance answered; the child answered the rest")
                    .isLessThan(30);
            ids.addAll(send("crash-during", 30));
            child.destroyForcibly().waitFor();
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        ids.addAll(send("crash-after", 30));

        for (String id : ids) {
            kafka().awaitAnswer(id);
        }
        kafka().assertAnsweredOnceEach(ids, Duration.ofSeconds(1));
        Files.deleteIfExists(log);
    }
}
