package io.coachmatch.serving.matching;

import io.coachmatch.serving.catalog.CoachProfilesFeed;
import io.coachmatch.serving.catalog.CoachProfilesSettings;
import io.coachmatch.serving.catalog.InitialCatalogLoad;
import io.coachmatch.serving.kafka.KafkaSettings;
import io.coachmatch.serving.kafka.ProducerFencing;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts consuming requests once the application is up and the catalog is whole: first its initial
 * load (file or backend), then the {@code coach-profiles} feed read to the end offsets it found at
 * start. Until then the listener stays stopped and {@code /health} DOWN; past the catch-up timeout
 * a warning is logged and the wait goes on (answering from a partial catalog would cache wrong
 * answers for an hour).
 */
@Component
class ListenerStarter {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);

    private final InitialCatalogLoad catalog;
    private final CoachProfilesFeed feed;
    private final CoachProfilesSettings feedSettings;
    private final Runnable fence;
    private final Runnable warmUp;
    private final Runnable startListener;

    /** The longest the listener waits for the fencing beyond the catalog load and warm-up. */
    private static final Duration FENCING_WAIT = Duration.ofSeconds(30);

    @Autowired
    ListenerStarter(
            InitialCatalogLoad catalog,
            CoachProfilesFeed feed,
            CoachProfilesSettings feedSettings,
            KafkaListenerEndpointRegistry registry,
            KafkaSettings settings,
            MatchingService service,
            AnswerSettings matching,
            ProducerFactory<String, byte[]> producers) {
        this(
                catalog,
                feed,
                feedSettings,
                () -> fencePredecessor(producers, settings),
                () -> warmUp(service, matching.warmup()),
                () -> {
                    if (!settings.listenerEnabled()) {
                        log.info("The request listener is disabled (coachmatch.kafka.listener-enabled=false)");
                        return;
                    }
                    registry.getListenerContainer(MatchingListener.LISTENER_ID).start();
                });
    }

    /**
     * @param fence         takes this instance's transactional ids; runs in the background from the start
     * @param warmUp        runs once the catalog is whole
     * @param startListener runs after the warm-up, once the fencing is done (or has taken too long)
     */
    ListenerStarter(
            InitialCatalogLoad catalog,
            CoachProfilesFeed feed,
            CoachProfilesSettings feedSettings,
            Runnable fence,
            Runnable warmUp,
            Runnable startListener) {
        this.fence = fence;
        this.catalog = catalog;
        this.feed = feed;
        this.feedSettings = feedSettings;
        this.warmUp = warmUp;
        this.startListener = startListener;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        CompletableFuture<Void> fencing = CompletableFuture.runAsync(fence);
        catalog.await();
        if (!feed.awaitCaughtUp(feedSettings.catchUpTimeout(), feedSettings.progressInterval())) {
            log.warn("The request listener was not started: the coach-profiles feed stopped before it caught up");
            return;
        }
        warmUp.run();
        if (!awaitFencing(fencing)) {
            return;
        }
        startListener.run();
    }

    /** @return false if interrupted */
    private static boolean awaitFencing(CompletableFuture<Void> fencing) {
        try {
            fencing.get(FENCING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "Taking the transactional ids takes over {} s; starting the listener anyway",
                    FENCING_WAIT.toSeconds());
        } catch (ExecutionException e) {
            log.warn(
                    "Could not take the transactional ids at start-up: {}",
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static void warmUp(MatchingService service, Duration warmup) {
        if (warmup.isZero()) {
            return;
        }
        long t0 = System.nanoTime();
        int n = service.warmUp(warmup, Runtime.getRuntime().availableProcessors());
        log.info(
                "Warmed up the answering path with {} synthetic requests in {} ms (MATCHING_WARMUP={})",
                n,
                (System.nanoTime() - t0) / 1_000_000,
                warmup);
    }

    /**
     * Fences the transactional ids of this instance's previous life, in parallel with the catalog load and warm-up:
     * its open transactions (a crash) are aborted now rather than at their timeout, so read_committed readers of
     * the partitions it wrote to can move on.
     */
    private static void fencePredecessor(ProducerFactory<String, byte[]> producers, KafkaSettings settings) {
        if (!settings.listenerEnabled()) {
            return;
        }
        long t0 = System.nanoTime();
        int n = ProducerFencing.takeAll(producers, settings.transactionalProducers());
        log.info(
                "Took this instance's {} transactional ids (fencing any predecessor) in {} ms",
                n,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
