package io.coachmatch.serving.catalog;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refetches the catalog from {@code BACKEND_API_URL}, when set, every refresh interval; compacts it now and then. */
@Component
class CatalogRefresher {

    private final CatalogLoader loader;
    private final CoachCatalog catalog;

    CatalogRefresher(CatalogLoader loader, CoachCatalog catalog) {
        this.loader = loader;
        this.catalog = catalog;
    }

    /** Folds coach-profiles changes into the base index now and then, even when few arrive. */
    @Scheduled(
            initialDelayString = "${coachmatch.catalog.compact-interval:5m}",
            fixedDelayString = "${coachmatch.catalog.compact-interval:5m}")
    void compact() {
        catalog.compactInBackground();
    }

    @Scheduled(
            initialDelayString = "${coachmatch.catalog.refresh-interval:30m}",
            fixedDelayString = "${coachmatch.catalog.refresh-interval:30m}")
    void refresh() {
        loader.refreshFromBackend();
    }
}
