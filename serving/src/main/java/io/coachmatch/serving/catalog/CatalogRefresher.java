package io.coachmatch.serving.catalog;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refetches the catalog from {@code BACKEND_API_URL}, when set, every refresh interval. */
@Component
class CatalogRefresher {

    private final CatalogLoader loader;

    CatalogRefresher(CatalogLoader loader) {
        this.loader = loader;
    }

    @Scheduled(initialDelayString = "${coachmatch.catalog.refresh-interval:30m}",
            fixedDelayString = "${coachmatch.catalog.refresh-interval:30m}")
    void refresh() {
        loader.refreshFromBackend();
    }
}
