package io.coachmatch.serving.matching;

import io.coachmatch.serving.catalog.InitialCatalogLoad;
import io.coachmatch.serving.config.KafkaSettings;
import io.coachmatch.serving.config.MatchingProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
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

    ListenerStarter(InitialCatalogLoad catalog, KafkaListenerEndpointRegistry registry, KafkaSettings settings,
            MatchingService service, MatchingProperties matching) {
        this.catalog = catalog;
        this.registry = registry;
        this.settings = settings;
        this.service = service;
        this.warmup = matching.warmup();
    }

    @Order(0)
    @EventListener(ApplicationReadyEvent.class)
    void start() {
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
        registry.getListenerContainer(MatchingListener.LISTENER_ID).start();
    }
}
