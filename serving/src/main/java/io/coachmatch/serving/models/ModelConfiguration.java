package io.coachmatch.serving.models;

import io.coachmatch.serving.catalog.CoachCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
class ModelConfiguration {

    @Bean
    ModelService modelService(ModelSettings settings, CoachCatalog catalog) {
        ModelService service = new ModelService(
                settings, ArtifactModelSource::open, () -> catalog.snapshot().indexes());
        service.reload();
        return service;
    }

    @Bean
    ModelWatcher modelWatcher(ModelService service) {
        return new ModelWatcher(service);
    }

    /** Polls the registry directory for a changed alias or a new version. */
    static final class ModelWatcher {
        private final ModelService service;

        ModelWatcher(ModelService service) {
            this.service = service;
        }

        @Scheduled(fixedDelayString = "${coachmatch.models.watch-interval:2s}")
        void check() {
            service.checkForChanges();
        }
    }
}
