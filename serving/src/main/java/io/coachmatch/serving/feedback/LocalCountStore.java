package io.coachmatch.serving.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coachmatch.core.experiments.VariantCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.unit.DataSize;

/**
 * Counters in this process only (no Redis): right for a single instance. Seen event ids and request links are kept
 * in Caffeine caches bounded in bytes (each entry weighed by its strings) and in time (the event and request TTLs,
 * as in Redis); the sets that make units and first events distinct are kept while their experiment runs and dropped
 * when it stops (its counts stay).
 */
public class LocalCountStore implements CountStore, MeterBinder {

    /** What an entry costs besides its strings: the cache's node and the strings' objects. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    private final Map<String, Map<String, VariantCounts>> counts = new HashMap<>();
    private final Map<String, Set<String>> units = new HashMap<>();
    private final Map<String, Set<String>> firsts = new HashMap<>();
    private final Cache<String, Boolean> events;
    private final Cache<String, Link> links;

    /**
     * @param maxSize the most bytes the seen event ids and the request links may take, each half of it
     */
    public LocalCountStore(DataSize maxSize, Duration eventTtl, Duration requestTtl) {
        long half = Math.max(1, maxSize.toBytes() / 2);
        this.events = Caffeine.newBuilder()
                .maximumWeight(half)
                .weigher((String id, Boolean seen) -> ENTRY_OVERHEAD_BYTES + 2 * id.length())
                .expireAfterWrite(eventTtl)
                .executor(Runnable::run)
                .build();
        this.links = Caffeine.newBuilder()
                .maximumWeight(half)
                .weigher((String id, Link l) -> ENTRY_OVERHEAD_BYTES
                        + 2
                                * (id.length()
                                        + l.experiment().length()
                                        + l.variant().length()))
                .expireAfterWrite(requestTtl)
                .executor(Runnable::run)
                .build();
    }

    /** A store of 64 MiB remembering events and links for 7 days, for tests. */
    public static LocalCountStore forTests() {
        return new LocalCountStore(DataSize.ofMegabytes(64), Duration.ofDays(7), Duration.ofDays(7));
    }

    @Override
    public synchronized void request(String experiment, String variant, String unit, String requestId) {
        if (links.getIfPresent(requestId) != null) {
            return;
        }
        boolean first = units.computeIfAbsent(experiment, k -> new HashSet<>()).add(unit);
        add(experiment, variant, VariantCounts.ofRequest(first));
        links.put(requestId, new Link(experiment, variant));
    }

    @Override
    public synchronized boolean feedback(
            String eventId, Link link, VariantCounts delta, String firstKey, VariantCounts firstDelta) {
        if (events.asMap().putIfAbsent(eventId, Boolean.TRUE) != null) {
            return false;
        }
        add(link.experiment(), link.variant(), delta);
        if (firstKey != null
                && firsts.computeIfAbsent(link.experiment(), k -> new HashSet<>())
                        .add(firstKey)) {
            add(link.experiment(), link.variant(), firstDelta);
        }
        return true;
    }

    private void add(String experiment, String variant, VariantCounts delta) {
        counts.computeIfAbsent(experiment, k -> new HashMap<>()).merge(variant, delta, VariantCounts::plus);
    }

    @Override
    public Optional<Link> link(String requestId) {
        return Optional.ofNullable(links.getIfPresent(requestId));
    }

    @Override
    public synchronized Map<String, VariantCounts> counts(String experiment) {
        return Map.copyOf(counts.getOrDefault(experiment, Map.of()));
    }

    @Override
    public synchronized void stopped(String experiment) {
        units.remove(experiment);
        firsts.remove(experiment);
    }

    /** The bytes the seen event ids and request links take now, as weighed. */
    public long bytes() {
        events.cleanUp();
        links.cleanUp();
        return weighed(events) + weighed(links);
    }

    /** Registers {@code coachmatch_feedback_local_bytes}. */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("coachmatch.feedback.local", this, LocalCountStore::bytes)
                .baseUnit("bytes")
                .description("Bytes the in-process event ids and request links take")
                .register(meters);
    }

    private static long weighed(Cache<String, ?> cache) {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    @Override
    public String mode() {
        return "in_process";
    }
}
