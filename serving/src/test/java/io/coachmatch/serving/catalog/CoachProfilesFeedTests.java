package io.coachmatch.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.serving.support.CoachProfilesTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CoachProfilesFeed} against the real test broker: catch-up to the end offsets found at
 * start, and restarts after failures, as {@code /health} reports them.
 */
class CoachProfilesFeedTests {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private final List<CoachProfilesFeed> feeds = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stopFeeds() throws Exception {
        feeds.forEach(CoachProfilesFeed::stop);
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private CoachProfilesFeed feed(
            CoachProfilesTopic topic,
            CoachCatalog catalog,
            Supplier<Consumer<String, byte[]>> consumers,
            Duration restartBackoff) {
        CoachProfilesFeed feed = new CoachProfilesFeed(
                consumers,
                topic.name(),
                catalog,
                CoachProfilesTopic.validator(),
                new CoachProfilesSettings(
                        Duration.ofSeconds(60), Duration.ofSeconds(5), restartBackoff, restartBackoff.multipliedBy(4)));
        feeds.add(feed);
        return feed;
    }

    private static Supplier<Consumer<String, byte[]>> plainConsumers(CoachProfilesTopic topic, int maxPollRecords) {
        return () -> new KafkaConsumer<>(topic.consumerProps(maxPollRecords));
    }

    @Test
    void catchUpCompletesOnlyOnceEveryCommittedProfileOnTheTopicIsApplied() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-catch-up").create(3);
        List<CoachProfile> plain = CoachProfilesTopic.profiles("plain_", 2000, 11);
        List<CoachProfile> committed = CoachProfilesTopic.profiles("committed_", 1000, 12);
        topic.send(plain);
        try (KafkaProducer<String, byte[]> tx = topic.transactionalProducer("feed-catch-up-committed")) {
            for (int i = 0; i < 2; i++) {
                tx.beginTransaction();
                topic.send(tx, committed.subList(i * 500, (i + 1) * 500));
                tx.commitTransaction();
            }
        }
        // An open transaction at the end: read_committed readers stop before it, so catch-up must not wait for it.
        KafkaProducer<String, byte[]> open = topic.transactionalProducer("feed-catch-up-open");
        closeables.add(() -> {
            open.abortTransaction();
            open.close(Duration.ofSeconds(5));
        });
        open.beginTransaction();
        topic.send(open, CoachProfilesTopic.profiles("open_", 50, 13));

        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(topic, catalog, plainConsumers(topic, 100), Duration.ofSeconds(1));
        AtomicInteger sizeAtCatchUp = new AtomicInteger(-1);
        AtomicLong appliedAtCatchUp = new AtomicLong(-1);
        List<String> missingAtCatchUp = new CopyOnWriteArrayList<>();
        feed.caughtUp().thenRun(() -> {
            CatalogSnapshot s = catalog.snapshot();
            sizeAtCatchUp.set(s.size());
            appliedAtCatchUp.set(feed.applied());
            for (CoachProfile p : plain) {
                if (s.find(p.id()) == null) {
                    missingAtCatchUp.add(p.id());
                }
            }
            for (CoachProfile p : committed) {
                if (s.find(p.id()) == null) {
                    missingAtCatchUp.add(p.id());
                }
            }
        });
        feed.start();

        feed.caughtUp().get(CATCH_UP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sizeAtCatchUp.get()).isEqualTo(3000);
        assertThat(appliedAtCatchUp.get()).isEqualTo(3000);
        assertThat(missingAtCatchUp).isEmpty();
        assertThat(catalog.snapshot().find("open_0")).isNull();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> feed.state() == CoachProfilesFeed.State.RUNNING);
        Map<String, Object> health = feed.describe();
        assertThat(health)
                .containsEntry("status", "running")
                .containsEntry("caught_up", true)
                .containsEntry("restarts", 0)
                .doesNotContainKey("warning");
    }

    @Test
    void aMissingTopicIsCaughtUpAtOnceAndReadWhenItAppears() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-missing-topic");
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(topic, catalog, plainConsumers(topic, 500), Duration.ofSeconds(1));
        feed.start();
        feed.caughtUp().get(30, java.util.concurrent.TimeUnit.SECONDS);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> feed.state() == CoachProfilesFeed.State.WAITING_FOR_TOPIC);
        assertThat(feed.describe()).containsEntry("status", "waiting_for_topic").containsEntry("caught_up", true);

        topic.create(2);
        topic.send(CoachProfilesTopic.profiles("late_", 3, 21));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> catalog.snapshot().size() == 3);
        assertThat(feed.describe()).containsEntry("status", "running");
    }

    @Test
    void anEmptyTopicIsCaughtUpAtOnce() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-empty-topic").create(3);
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(topic, catalog, plainConsumers(topic, 500), Duration.ofSeconds(1));
        feed.start();
        feed.caughtUp().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(feed.applied()).isZero();
        assertThat(feed.describe()).containsEntry("caught_up", true).containsEntry("status", "running");
    }

    @Test
    void aConsumerThatCannotBeCreatedIsRetriedAfterABackOffAndThenCatchesUp() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-supplier-fails").create(2);
        List<CoachProfile> profiles = CoachProfilesTopic.profiles("s_", 300, 31);
        topic.send(profiles);
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        AtomicInteger calls = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> real = plainConsumers(topic, 100);
        Supplier<Consumer<String, byte[]>> failingOnce = () -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("injected: no consumer the first time");
            }
            return real.get();
        };
        CoachProfilesFeed feed = feed(topic, catalog, failingOnce, Duration.ofSeconds(1));
        AtomicInteger sizeAtCatchUp = new AtomicInteger(-1);
        feed.caughtUp().thenRun(() -> sizeAtCatchUp.set(catalog.snapshot().size()));
        feed.start();

        // During the back-off the health view says what happened, and the feed is not caught up.
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> feed.state() == CoachProfilesFeed.State.RESTARTING);
        Map<String, Object> restarting = feed.describe();
        assertThat(restarting)
                .containsEntry("status", "restarting")
                .containsEntry("caught_up", false)
                .containsEntry("restarts", 1)
                .containsEntry("warning", "catching_up_listener_not_started");
        assertThat((String) restarting.get("last_error"))
                .contains("IllegalStateException")
                .contains("injected: no consumer the first time");

        feed.caughtUp().get(CATCH_UP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sizeAtCatchUp.get()).isEqualTo(300);
        assertThat(calls.get()).isEqualTo(2);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> feed.state() == CoachProfilesFeed.State.RUNNING);
        assertThat(feed.describe())
                .containsEntry("status", "running")
                .containsEntry("caught_up", true)
                .containsEntry("restarts", 1)
                .containsKey("last_error");
    }

    @Test
    void aPollThatThrowsAfterCatchUpRestartsTheFeedWhichResumesWhereItWas() throws Exception {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-poll-fails").create(2);
        List<CoachProfile> profiles = CoachProfilesTopic.profiles("p_", 200, 41);
        topic.send(profiles);
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        AtomicBoolean failNextPoll = new AtomicBoolean();
        AtomicInteger consumersMade = new AtomicInteger();
        Supplier<Consumer<String, byte[]>> consumers = () -> {
            consumersMade.incrementAndGet();
            return new KafkaConsumer<String, byte[]>(topic.consumerProps(500)) {
                @Override
                public ConsumerRecords<String, byte[]> poll(Duration timeout) {
                    if (failNextPoll.getAndSet(false)) {
                        throw new IllegalStateException("injected: poll failed once");
                    }
                    return super.poll(timeout);
                }
            };
        };
        CoachProfilesFeed feed = feed(topic, catalog, consumers, Duration.ofSeconds(1));
        feed.start();
        feed.caughtUp().get(CATCH_UP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(catalog.snapshot().size()).isEqualTo(200);

        failNextPoll.set(true);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> feed.state() == CoachProfilesFeed.State.RESTARTING);
        Map<String, Object> restarting = feed.describe();
        // Caught up once, the feed stays caught up: answers keep coming from the last catalog.
        assertThat(restarting)
                .containsEntry("status", "restarting")
                .containsEntry("caught_up", true)
                .containsEntry("restarts", 1)
                .containsEntry("warning", "feed_restarting_catalog_not_updated");
        assertThat((String) restarting.get("last_error")).contains("injected: poll failed once");
        assertThat(feed.isCaughtUp()).isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> feed.state() == CoachProfilesFeed.State.RUNNING);
        topic.send(CoachProfilesTopic.profiles("after_", 1, 42));
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> catalog.snapshot().find("after_0") != null);
        assertThat(consumersMade.get()).isEqualTo(2);
        // Resumed from the positions it had reached, not from the beginning of the topic.
        assertThat(feed.applied()).isEqualTo(201);
        assertThat(feed.describe())
                .containsEntry("status", "running")
                .containsEntry("restarts", 1)
                .doesNotContainKey("warning");
    }

    @Test
    void aStoppedFeedEndsTheWaitForCatchUp() {
        CoachProfilesTopic topic = new CoachProfilesTopic("feed-stopped");
        CoachCatalog catalog = CoachProfilesTopic.emptyCatalog();
        closeables.add(catalog);
        CoachProfilesFeed feed = feed(
                topic,
                catalog,
                () -> {
                    throw new IllegalStateException("injected: never a consumer");
                },
                Duration.ofSeconds(5));
        feed.start();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> feed.state() == CoachProfilesFeed.State.RESTARTING);
        feed.stop();
        assertThat(feed.awaitCaughtUp(Duration.ofMillis(100), Duration.ofMillis(50)))
                .isFalse();
        assertThat(feed.isCaughtUp()).isFalse();
        assertThat(feed.state()).isEqualTo(CoachProfilesFeed.State.STOPPED);
    }

    @Test
    void theRestartBackOffDoublesUpToItsLimit() {
        List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 8; failures++) {
            delays.add(CoachProfilesFeed.backoffMillis(failures, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        }
        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L);
        assertThat(CoachProfilesFeed.backoffMillis(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(30)))
                .isEqualTo(30000L);
    }
}
