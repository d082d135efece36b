package io.coachmatch.serving.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.cache.LocalServingCache;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.catalog.CoachProfilesFeed;
import io.coachmatch.serving.catalog.CoachProfilesSettings;
import io.coachmatch.serving.kafka.KafkaEndpoint;
import io.coachmatch.serving.kafka.KafkaHealth;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.models.ModelService;
import io.coachmatch.serving.models.ModelSettings;
import io.coachmatch.serving.support.CoachProfilesTopic;
import io.coachmatch.serving.support.TestCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * {@code /health} with a real coach-profiles feed on the test broker: DOWN (503) until the feed has
 * caught up, UP with a {@code restarting} section and a warning when the feed fails after that.
 */
class HealthControllerTests {

    @TempDir
    Path registry;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private HealthController controller(CoachCatalog catalog, CoachProfilesFeed feed, String bootstrap) {
        // The request listener is not part of this test: readiness then needs the broker only.
        KafkaSettings settings = new Binder(
                        new MapConfigurationPropertySource(Map.of("coachmatch.kafka.listener-enabled", "false")))
                .bind("coachmatch.kafka", KafkaSettings.class)
                .get();
        KafkaHealth kafka =
                new KafkaHealth(new KafkaEndpoint(bootstrap, null), new KafkaListenerEndpointRegistry(), settings);
        closeables.add(kafka);
        ModelService models =
                new ModelService(new ModelSettings(registry.toString(), "production", Duration.ofSeconds(1)), dir -> {
                    throw new IllegalStateException("no model in this test");
                });
        return new HealthController(
                kafka, new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 100), models, catalog, feed);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(ResponseEntity<Map<String, Object>> r) {
        return (Map<String, Object>) r.getBody().get("coach_profiles");
    }

    @Test
    void downUntilTheFeedHasCaughtUpThenUpAndStillUpWhileAFailedFeedRestarts() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("health-feed").create(2);
        topic.send(CoachProfilesTopic.profiles("health_", 500, 61));
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        catalog.replaceAll(TestCatalog.coaches(), "test");
        AtomicBoolean failNextPoll = new AtomicBoolean();
        CoachProfilesFeed feed = new CoachProfilesFeed(
                () -> new KafkaConsumer<String, byte[]>(topic.consumerProps(100)) {
                    @Override
                    public ConsumerRecords<String, byte[]> poll(Duration timeout) {
                        if (failNextPoll.getAndSet(false)) {
                            throw new IllegalStateException("injected: poll failed once");
                        }
                        return super.poll(timeout);
                    }
                },
                topic.name(),
                catalog,
                CoachProfilesTopic.validator(),
                new CoachProfilesSettings(
                        Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(4)));
        closeables.add(feed::stop);
        HealthController health = controller(catalog, feed, topic.bootstrap());

        // A catalog and a broker, but the feed has not read its topic: not ready.
        ResponseEntity<Map<String, Object>> before = health.health();
        assertThat(before.getStatusCode().value()).isEqualTo(503);
        assertThat(before.getBody()).containsEntry("status", "DOWN");
        assertThat(section(before))
                .containsEntry("caught_up", false)
                .containsEntry("warning", "catching_up_listener_not_started");

        feed.start();
        feed.caughtUp().get(90, TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> health.health().getStatusCode().value() == 200);
        ResponseEntity<Map<String, Object>> up = health.health();
        assertThat(up.getBody()).containsEntry("status", "UP");
        assertThat(section(up)).containsEntry("caught_up", true).containsEntry("restarts", 0);

        failNextPoll.set(true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "restarting".equals(section(health.health()).get("status")));
        ResponseEntity<Map<String, Object>> restarting = health.health();
        assertThat(restarting.getStatusCode().value()).isEqualTo(200);
        assertThat(restarting.getBody()).containsEntry("status", "UP");
        assertThat(section(restarting))
                .containsEntry("restarts", 1)
                .containsEntry("warning", "feed_restarting_catalog_not_updated");
        assertThat((String) section(restarting).get("last_error")).contains("injected: poll failed once");

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> "running".equals(section(health.health()).get("status")));
        assertThat(section(health.health())).containsEntry("restarts", 1).doesNotContainKey("warning");
    }

    @Test
    void aFeedThatFailsBeforeCatchUpKeepsTheServiceDown() {
        CoachProfilesTopic topic = new CoachProfilesTopic("health-feed-never");
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        catalog.replaceAll(TestCatalog.coaches(), "test");
        CoachProfilesFeed feed = new CoachProfilesFeed(
                () -> {
                    throw new IllegalStateException("injected: never a consumer");
                },
                topic.name(),
                catalog,
                CoachProfilesTopic.validator(),
                CoachProfilesSettings.defaults());
        closeables.add(feed::stop);
        HealthController health = controller(catalog, feed, topic.bootstrap());
        feed.start();

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "restarting".equals(section(health.health()).get("status")));
        ResponseEntity<Map<String, Object>> r = health.health();
        assertThat(r.getStatusCode().value()).isEqualTo(503);
        assertThat(r.getBody()).containsEntry("status", "DOWN");
        assertThat(section(r))
                .containsEntry("caught_up", false)
                .containsEntry("restarts", 1)
                .containsEntry("warning", "catching_up_listener_not_started");
        assertThat((String) section(r).get("last_error")).contains("injected: never a consumer");
    }
}
