package io.coachmatch.serving.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.util.unit.DataSize;

/**
 * The in-process cache used when {@code REDIS_HOST} is unset: the same semantics as Redis (TTL, put-if-absent) for
 * this instance alone, bounded in bytes (a Caffeine cache weighing each answer by its size, least recently used
 * evicted first) and in time (the result TTL).
 */
public final class LocalServingCache implements ServingCache, MeterBinder {

    /** What an entry costs besides its key and answer: the map's node, the array header, the key's object. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    private record Entry(byte[] value, long expiresAtNanos) {}

    private final Cache<String, byte[]> results;
    private final ConcurrentHashMap<String, Long> stats = new ConcurrentHashMap<>();
    private final long catalogTtlNanos;
    private volatile Entry catalog;

    /**
     * @param maxSize the most bytes the answers (with their keys) may take
     */
    public LocalServingCache(Duration resultTtl, Duration catalogTtl, DataSize maxSize) {
        this.catalogTtlNanos = catalogTtl.toNanos();
        this.results = Caffeine.newBuilder()
                .maximumWeight(maxSize.toBytes())
                .weigher((String key, byte[] answer) -> weight(key, answer))
                .expireAfterWrite(resultTtl)
                .executor(Runnable::run)
                .build();
    }

    /** A bound for about {@code maxEntries} answers of 16 KiB, for tests that think in entries. */
    public LocalServingCache(Duration resultTtl, Duration catalogTtl, int maxEntries) {
        this(resultTtl, catalogTtl, DataSize.ofKilobytes(16L * maxEntries));
    }

    static int weight(String key, byte[] answer) {
        long w = ENTRY_OVERHEAD_BYTES + 2L * key.length() + answer.length;
        return (int) Math.min(Integer.MAX_VALUE, w);
    }

    @Override
    public Read getResult(String requestId) {
        return new Read(true, results.getIfPresent(requestId));
    }

    @Override
    public Optional<byte[]> putResultIfAbsent(String requestId, byte[] answer) {
        byte[] stored = results.asMap().putIfAbsent(requestId, answer);
        return Optional.of(stored == null ? answer : stored);
    }

    /** The bytes the stored answers take now, as weighed. */
    public long bytes() {
        results.cleanUp();
        return results.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** Registers {@code coachmatch_cache_local_bytes}. */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("coachmatch.cache.local", this, LocalServingCache::bytes)
                .baseUnit("bytes")
                .description("Bytes the answers in the in-process result cache take")
                .register(meters);
    }

    @Override
    public Optional<byte[]> getCatalog() {
        Entry e = catalog;
        return e == null || System.nanoTime() - e.expiresAtNanos > 0 ? Optional.empty() : Optional.of(e.value);
    }

    @Override
    public void putCatalog(byte[] bytes) {
        catalog = new Entry(bytes, System.nanoTime() + catalogTtlNanos);
    }

    @Override
    public void addStats(Map<String, Long> deltas) {
        deltas.forEach((k, v) -> stats.merge(k, v, Long::sum));
    }

    @Override
    public Map<String, Long> sharedStats() {
        return new TreeMap<>(stats);
    }

    @Override
    public String mode() {
        return "in_process";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public void close() {
        results.invalidateAll();
    }
}
