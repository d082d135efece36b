package io.coachmatch.serving.matching;

import io.coachmatch.serving.catalog.CoachProfilesFeed;
import io.coachmatch.serving.catalog.InitialCatalogLoad;
import io.coachmatch.serving.config.CoachProfilesSettings;
import io.coachmatch.serving.config.KafkaSettings;
import io.coachmatch.serving.config.MatchingProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
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
    private final Runnable warmUp;
    private final Runnable startListener;

    @Autowired
    ListenerStarter(InitialCatalogLoad catalog, CoachProfilesFeed feed, CoachProfilesSettings feedSettings,
            KafkaListenerEndpointRegistry registry, KafkaSettings settings, MatchingService service,
            MatchingProperties matching) {
        this(catalog, feed, feedSettings, () -> warmUp(service, matching.warmup()), () -> {
            if (!settings.listenerEnabled()) {
                log.info("The request listener is disabled (coachmatch.kafka.listener-enabled=false)");
                return;
            }
            registry.getListenerContainer(MatchingListener.LISTENER_ID).start();
        });
    }

    ListenerStarter(InitialCatalogLoad catalog, CoachProfilesFeed feed, CoachProfilesSettings feedSettings,
            Runnable warmUp, Runnable startListener) {
        this.catalog = catalog;
        this.feed = feed;
        this.feedSettings = feedSettings;
        this.warmUp = warmUp;
        this.startListener = startListener;
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        catalog.await();
        if (!feed.awaitCaughtUp(feedSettings.catchUpTimeout(), feedSettings.progressInterval())) {
            log.warn("The request listener was not started: the coach-profiles feed stopped before it caught up");
            return;
        }
        warmUp.run();
        startListener.run();
    }

    private static void warmUp(MatchingService service, Duration warmup) {
        if (warmup.isZero()) {
            return;
        }
        long t0 = System.nanoTime();
        int n = service.warmUp(warmup, Runtime.getRuntime().availableProcessors());
        log.info("Warmed up the answering path with {} synthetic requests in {} ms (MATCHING_WARMUP={})", n,
                (System.nanoTime() - t0) / 1_000_000, warmup);
    }
}
