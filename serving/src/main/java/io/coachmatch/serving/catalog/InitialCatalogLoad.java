package io.coachmatch.serving.catalog;

import java.util.concurrent.CompletableFuture;

/** The catalog's first load, running in the background from early in startup. */
public record InitialCatalogLoad(CompletableFuture<Void> done) {

    /** Waits for the load; a failed load leaves the catalog empty (the service reports itself unready). */
    public void await() {
        try {
            done.join();
        } catch (RuntimeException e) {
            // logged by the loader
        }
    }
}
