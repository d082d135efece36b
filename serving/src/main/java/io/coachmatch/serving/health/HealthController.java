package io.coachmatch.serving.health;

import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CatalogSnapshot;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.catalog.CoachProfilesFeed;
import io.coachmatch.serving.kafka.KafkaHealth;
import io.coachmatch.serving.models.ModelService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Readiness for operators and load balancers: 200 when the service can answer (a catalog, the
 * {@code coach-profiles} feed caught up, and a working Kafka), 503 otherwise. A missing model or
 * Redis degrades answers but does not make the service unready, and neither does a feed that fails
 * after it caught up: answers still come from the last catalog while the feed restarts, so
 * {@code coach_profiles} shows {@code restarting} with a warning and the status stays UP.
 */
@RestController
class HealthController {

    private final KafkaHealth kafka;
    private final ServingCache cache;
    private final ModelService models;
    private final CoachCatalog catalog;
    private final CoachProfilesFeed feed;

    HealthController(
            KafkaHealth kafka, ServingCache cache, ModelService models, CoachCatalog catalog, CoachProfilesFeed feed) {
        this.kafka = kafka;
        this.cache = cache;
        this.models = models;
        this.catalog = catalog;
        this.feed = feed;
    }

    @GetMapping("/health")
    ResponseEntity<Map<String, Object>> health() {
        CatalogSnapshot s = catalog.snapshot();
        boolean ready = kafka.up() && s.size() > 0 && feed.isCaughtUp();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "UP" : "DOWN");
        body.put("kafka", kafka.describe());
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("mode", cache.mode());
        redis.put("status", cache.available() ? "up" : "down");
        if (!cache.available()) {
            redis.put("warning", "cache_unavailable");
        }
        if (cache.mode().equals("in_process")) {
            redis.put("note", "REDIS_HOST is unset: answers are cached in this process only");
        }
        body.put("redis", redis);
        Map<String, Object> model = new LinkedHashMap<>();
        String v = models.currentVersion();
        model.put("status", v == null ? "rules_only" : "loaded");
        model.put("version", v);
        if (v == null) {
            model.put("warning", "model_unavailable_rules_only");
        }
        String lastError = models.lastError();
        if (lastError != null) {
            model.put("last_error", lastError);
        }
        body.put("model", model);
        Map<String, Object> cat = new LinkedHashMap<>();
        cat.put("size", s.size());
        cat.put("source", sourceKind(s.source()));
        cat.put("overlay", s.overlaySize());
        cat.put("loaded_at", s.loadedAt().toString());
        body.put("catalog", cat);
        body.put("coach_profiles", feed.describe());
        return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }

    /** Where the catalog came from, without the file's path ({@code file:/some/dir/coaches.jsonl} is {@code file}). */
    static String sourceKind(String source) {
        if (source == null) {
            return null;
        }
        int colon = source.indexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }
}
