package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.catalog.CoachProfilesFeed;
import io.coachmatch.serving.catalog.CoachProfilesSettings;
import io.coachmatch.serving.catalog.InitialCatalogLoad;
import io.coachmatch.serving.support.CoachProfilesTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request listener starts only once the catalog is whole: after the initial load and after the
 * coach-profiles feed (a real one, on the test broker) has read its topic to the end.
 */
class ListenerStarterTests {

    /** Short, so that the tests also see the wait go on past it. */
    private static final CoachProfilesSettings SETTINGS = new CoachProfilesSettings(
            Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(4));

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger catalogSizeAtListenerStart = new AtomicInteger(-1);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private CoachProfilesFeed feed(CoachProfilesTopic topic, CoachCatalog catalog) {
        CoachProfilesFeed feed = new CoachProfilesFeed(
                () -> new KafkaConsumer<>(topic.consumerProps(100)),
                topic.name(),
                catalog,
                CoachProfilesTopic.validator(),
                SETTINGS);
        closeables.add(feed::stop);
        return feed;
    }

    private ListenerStarter starter(CompletableFuture<Void> load, CoachProfilesFeed feed, CoachCatalog catalog) {
        return new ListenerStarter(
                new InitialCatalogLoad(load), feed, SETTINGS, () -> {}, () -> events.add("warm-up"), () -> {
                    catalogSizeAtListenerStart.set(catalog.snapshot().size());
                    events.add("listener");
                });
    }

    private Thread startInBackground(ListenerStarter starter) {
        Thread t = new Thread(starter::start, "listener-starter-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void theListenerStartsOnlyAfterTheFeedHasAppliedEveryProfileOnTheTopic() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("starter-catch-up").create(3);
        topic.send(CoachProfilesTopic.profiles("starter_", 1500, 51));
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(topic, catalog);
        CompletableFuture<Void> load = new CompletableFuture<>();
        Thread starting = startInBackground(starter(load, feed, catalog));

        load.complete(null);
        // The catalog is loaded but the feed has not caught up (not even started): no listener, past the timeout too.
        Awaitility.await()
                .pollDelay(Duration.ZERO)
                .during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(events::isEmpty);
        assertThat(starting.isAlive()).isTrue();

        feed.start();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> events.contains("listener"));
        assertThat(catalogSizeAtListenerStart.get()).isEqualTo(1500);
        assertThat(events).containsExactly("warm-up", "listener");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !starting.isAlive());
    }

    @Test
    void theListenerStillWaitsForTheInitialLoadWhenTheFeedHasCaughtUp() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("starter-empty").create(2);
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(topic, catalog);
        feed.start();
        feed.caughtUp().get(30, java.util.concurrent.TimeUnit.SECONDS);
        CompletableFuture<Void> load = new CompletableFuture<>();
        startInBackground(starter(load, feed, catalog));

        Awaitility.await()
                .pollDelay(Duration.ZERO)
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(events::isEmpty);
        load.complete(null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("listener"));
        assertThat(events).containsExactly("warm-up", "listener");
    }

    @Test
    void aFeedStoppedBeforeCatchUpNeverStartsTheListener() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("starter-stopped");
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = new CoachProfilesFeed(
                () -> {
                    throw new IllegalStateException("injected: never a consumer");
                },
                topic.name(),
                catalog,
                CoachProfilesTopic.validator(),
                SETTINGS);
        closeables.add(feed::stop);
        feed.start();
        Thread starting = startInBackground(starter(CompletableFuture.completedFuture(null), feed, catalog));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> feed.restarts() >= 1);
        assertThat(starting.isAlive()).isTrue();

        feed.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !starting.isAlive());
        assertThat(events).isEmpty();
    }
}
