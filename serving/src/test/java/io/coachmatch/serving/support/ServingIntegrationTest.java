package io.coachmatch.serving.support;

import io.coachmatch.core.contract.ContractSchemas;
import io.coachmatch.serving.kafka.KafkaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One running service for every integration test class: a real broker, a real redis-server, a
 * temporary copy of the test catalog and an (initially empty) model registry. The classes share the
 * Spring context, so each test uses its own request ids.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "coachmatch.kafka.early-start=false")
public abstract class ServingIntegrationTest {

    public static final String ADMIN_TOKEN = "test-admin-token-5f1c9a";
    public static final String FEEDBACK_TOKEN = "test-feedback-token-07d3e2";
    public static final Path WORK_DIR = createWorkDir();
    public static final Path MODELS = WORK_DIR.resolve("models");
    public static final Path COACHES = WORK_DIR.resolve("coaches.jsonl");

    private static KafkaProbe probe;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaSettings kafkaSettings;

    private static Path createWorkDir() {
        try {
            Path dir = Files.createTempDirectory("coachmatch-it-");
            Files.createDirectories(dir.resolve("models"));
            try (InputStream in = ServingIntegrationTest.class.getResourceAsStream("/catalog/coaches.jsonl")) {
                Files.copy(in, dir.resolve("coaches.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void servingProperties(DynamicPropertyRegistry r) {
        r.add("coachmatch.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        r.add("coachmatch.kafka.partitions", () -> 4);
        r.add("coachmatch.kafka.concurrency", () -> 2);
        r.add("coachmatch.kafka.session-timeout", () -> "6s");
        r.add("coachmatch.cache.redis-host", () -> "127.0.0.1");
        r.add("coachmatch.cache.redis-port", TestInfrastructure::redisPort);
        r.add("coachmatch.catalog.coaches-file", COACHES::toString);
        r.add("coachmatch.models.registry-dir", MODELS::toString);
        r.add("coachmatch.models.watch-interval", () -> "200ms");
        r.add("coachmatch.models.behaviour-refresh", () -> "200ms");
        r.add("coachmatch.admin.token", () -> ADMIN_TOKEN);
        r.add("coachmatch.feedback.token", () -> FEEDBACK_TOKEN);
        r.add("coachmatch.stats.flush-interval", () -> "500ms");
        r.add("coachmatch.kafka.health-interval", () -> "500ms");
    }

    protected synchronized KafkaProbe kafka() {
        if (probe == null) {
            probe = new KafkaProbe(
                    TestInfrastructure.kafkaBootstrapServers(),
                    List.of(
                            kafkaSettings.topics().responses(),
                            kafkaSettings.topics().errors()));
        }
        return probe;
    }

    protected HttpResponse<String> post(String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = send(b.build());
        if (path.startsWith("/api/match") && r.statusCode() == 200) {
            List<String> problems = ContractSchemas.problems(ContractSchemas.Kind.MATCHING_RESPONSE, r.body());
            if (!problems.isEmpty()) {
                throw new AssertionError(
                        "the answer of POST " + path + " does not conform to the contract: " + problems);
            }
        }
        return r;
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET()
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The seed's request with a request_id. */
    protected static String seedRequest(String requestId) {
        return """
                {"request_id":"%s","requester_id":"user_42","created_at":"2026-11-28T10:00:00Z",
                 "title":"React Development Training","description":"Need experienced React coach for team training",
                 "session_type":"group","priority":"normal",
                 "skills_required":[{"name":"React","level":"expert","weight":1.0,"mandatory":true}],
                 "budget_constraints":{"max_hourly_rate":150,"currency":"USD"},
                 "availability_requirements":{"days_of_week":[1,2,3],"time_slots":["09:00-17:00"],"timezone":"UTC-8","flexibility":0.0},
                 "language_requirements":["en"],"participants_count":5,"total_sessions":8,"max_results":10}
                """.formatted(requestId);
    }

    /** A request that only one skill decides, for tests that change the catalog. */
    protected static String skillRequest(String requestId, String skill) {
        return """
                {"request_id":"%s","session_type":"individual","skills_required":[{"name":"%s","mandatory":true}],
                 "availability_requirements":{"flexibility":1.0}}
                """.formatted(requestId, skill);
    }
}
