package io.coachmatch.serving.stats;

import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.models.ModelService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What this instance (and, with Redis, every instance) has answered: {@code GET /api/stats}. */
@RestController
class StatsController {

    private final ServingStats stats;
    private final CoachCatalog catalog;
    private final ModelService models;
    private final ServingCache cache;

    StatsController(ServingStats stats, CoachCatalog catalog, ModelService models, ServingCache cache) {
        this.stats = stats;
        this.catalog = catalog;
        this.models = models;
        this.cache = cache;
    }

    @GetMapping("/api/stats")
    Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>(stats.summary());
        out.put("catalog_size", catalog.snapshot().size());
        out.put("model_version", models.currentVersion());
        out.put("cache_mode", cache.mode());
        out.put("shared", cache.sharedStats());
        return out;
    }
}
