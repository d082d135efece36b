package io.coachmatch.serving.stats;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.serving.cache.ServingCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts what the service answered, for {@code /api/stats} and Prometheus. This instance's counters
 * are exact; every few seconds their increments are added to the shared statistics in the cache,
 * so {@code /api/stats} can show the sum over all instances too.
 */
@Component
public class ServingStats {

    private final MeterRegistry registry;
    private final ServingCache cache;
    private final Timer latency;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Long> flushed = new HashMap<>();

    public ServingStats(MeterRegistry registry, ServingCache cache) {
        this.registry = registry;
        this.cache = cache;
        this.latency = Timer.builder("coachmatch.match.latency")
                .description("Time to answer one matching request")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(registry);
        this.cacheHits =
                Counter.builder("coachmatch.cache.results").tag("result", "hit").register(registry);
        this.cacheMisses = Counter.builder("coachmatch.cache.results")
                .tag("result", "miss")
                .register(registry);
    }

    private void add(String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    public void answered(String channel, String modelVersion, long nanos) {
        add("requests");
        add("requests." + channel);
        add("answers.model." + modelVersion);
        latency.record(nanos, TimeUnit.NANOSECONDS);
        registry.counter("coachmatch.answers", "channel", channel, "model_version", modelVersion)
                .increment();
    }

    public void failed(String channel, ErrorCode code, long nanos) {
        add("requests");
        add("requests." + channel);
        add("errors." + code.name());
        latency.record(nanos, TimeUnit.NANOSECONDS);
        registry.counter("coachmatch.errors", "channel", channel, "code", code.name())
                .increment();
    }

    public void cacheHit() {
        add("cache.hits");
        cacheHits.increment();
    }

    public void cacheMiss() {
        add("cache.misses");
        cacheMisses.increment();
    }

    public long count(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    /** This instance's counters, by key. */
    public Map<String, Long> local() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public Map<String, Object> summary() {
        Map<String, Long> c = local();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("requests", c.getOrDefault("requests", 0L));
        out.put("requests_by_channel", prefixed(c, "requests."));
        out.put("errors_by_code", prefixed(c, "errors."));
        out.put("latency_ms", latencySummary());
        long hits = c.getOrDefault("cache.hits", 0L);
        long misses = c.getOrDefault("cache.misses", 0L);
        out.put(
                "cache",
                Map.of(
                        "hits",
                        hits,
                        "misses",
                        misses,
                        "hit_ratio",
                        hits + misses == 0 ? 0.0 : hits / (double) (hits + misses)));
        out.put("answers_by_model_version", prefixed(c, "answers.model."));
        return out;
    }

    /**
     * Latency percentiles and maximum over the same recent window, from one snapshot: the maximum is exact, the
     * percentiles are estimated from histogram buckets and so are capped at it (a bucket's estimate can lie above the
     * largest value recorded in it).
     */
    Map<String, Object> latencySummary() {
        HistogramSnapshot snapshot = latency.takeSnapshot();
        double max = snapshot.max(TimeUnit.MICROSECONDS);
        Map<String, Object> lat = new LinkedHashMap<>();
        for (ValueAtPercentile v : snapshot.percentileValues()) {
            lat.put(
                    "p" + Math.round(v.percentile() * 100),
                    Math.round(Math.min(v.value(TimeUnit.MICROSECONDS), max)) / 1000.0);
        }
        lat.put("max", Math.round(max) / 1000.0);
        lat.put("count", snapshot.count());
        return lat;
    }

    private static Map<String, Long> prefixed(Map<String, Long> c, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        c.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Pushes the increments since the last flush to the shared statistics. */
    @Scheduled(fixedDelayString = "${coachmatch.stats.flush-interval:5s}")
    public synchronized void flush() {
        if (!cache.available()) {
            return;
        }
        Map<String, Long> deltas = new HashMap<>();
        counters.forEach((k, v) -> {
            long now = v.sum();
            long before = flushed.getOrDefault(k, 0L);
            if (now != before) {
                deltas.put(k, now - before);
                flushed.put(k, now);
            }
        });
        cache.addStats(deltas);
    }
}
