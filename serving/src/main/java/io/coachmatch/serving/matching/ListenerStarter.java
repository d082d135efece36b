package io.coachmatch.serving.matching;

import io.coachmatch.serving.catalog.InitialCatalogLoad;
import io.coachmatch.serving.config.KafkaSettings;
import io.coachmatch.serving.config.MatchingProperties;
import io.coachmatch.serving.kafka.ProducerFencing;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/** Starts consuming requests once the application is up and the catalog is loaded. */
@Component
class ListenerStarter {

    private static final Logger log = LoggerFactory.getLogger(ListenerStarter.class);

    private final InitialCatalogLoad catalog;
    private final KafkaListenerEndpointRegistry registry;
    private final KafkaSettings settings;

    private final MatchingService service;
    private final Duration warmup;
    private final ProducerFactory<String, byte[]> producers;

    /** The longest the listener waits for {@link #fencePredecessor()} beyond the catalog load and warm-up. */
    private static final Duration FENCING_WAIT = Duration.ofSeconds(30);

    ListenerStarter(InitialCatalogLoad catalog, KafkaListenerEndpointRegistry registry, KafkaSettings settings,
            MatchingService service, MatchingProperties matching, ProducerFactory<String, byte[]> producers) {
        this.producers = producers;
        this.catalog = catalog;
        this.registry = registry;
        this.settings = settings;
        this.service = service;
        this.warmup = matching.warmup();
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        CompletableFuture<Void> fencing = settings.listenerEnabled()
                ? CompletableFuture.runAsync(this::fencePredecessor) : CompletableFuture.completedFuture(null);
        catalog.await();
        if (!warmup.isZero()) {
            long t0 = System.nanoTime();
            int n = service.warmUp(warmup, Runtime.getRuntime().availableProcessors());
            log.info("Warmed up the answering path with {} synthetic requests in {} ms (MATCHING_WARMUP={})", n,
                    (System.nanoTime() - t0) / 1_000_000, warmup);
        }
        if (!settings.listenerEnabled()) {
            log.info("The request listener is disabled (coachmatch.kafka.listener-enabled=false)");
            return;
        }
        try {
            fencing.get(FENCING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Taking the transactional ids takes over {} s; starting the listener anyway",
                    FENCING_WAIT.toSeconds());
        } catch (ExecutionException e) {
            log.warn("Could not take the transactional ids at start-up: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        registry.getListenerContainer(MatchingListener.LISTENER_ID).start();
    }

    /**
     * Fences the transactional ids of this instance's previous life, in parallel with the catalog load and warm-up:
     * its open transactions (a crash) are aborted now rather than at their timeout, so read_committed readers of
     * the partitions it wrote to can move on.
     */
    private void fencePredecessor() {
        long t0 = System.nanoTime();
        int n = ProducerFencing.takeAll(producers, settings.transactionalProducers());
        log.info("Took this instance's {} transactional ids (fencing any predecessor) in {} ms", n,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
