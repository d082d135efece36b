package io.coachmatch.serving.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-process cache used when {@code REDIS_HOST} is unset: the same semantics as Redis (TTL,
 * put-if-absent) for this instance alone, bounded in size.
 */
public final class LocalServingCache implements ServingCache {

    private record Entry(byte[] value, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> results = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> stats = new ConcurrentHashMap<>();
    private final long resultTtlNanos;
    private final long catalogTtlNanos;
    private final int maxEntries;
    private volatile Entry catalog;

    public LocalServingCache(Duration resultTtl, Duration catalogTtl, int maxEntries) {
        this.resultTtlNanos = resultTtl.toNanos();
        this.catalogTtlNanos = catalogTtl.toNanos();
        this.maxEntries = maxEntries;
    }

    @Override
    public Read getResult(String requestId) {
        Entry e = results.get(requestId);
        if (e == null) {
            return new Read(true, null);
        }
        if (System.nanoTime() - e.expiresAtNanos > 0) {
            results.remove(requestId, e);
            return new Read(true, null);
        }
        return new Read(true, e.value);
    }

    @Override
    public Optional<byte[]> putResultIfAbsent(String requestId, byte[] answer) {
        if (results.size() >= maxEntries) {
            evictExpiredOrSome();
        }
        long now = System.nanoTime();
        Entry mine = new Entry(answer, now + resultTtlNanos);
        Entry stored = results.merge(requestId, mine, (old, neu) -> now - old.expiresAtNanos > 0 ? neu : old);
        return Optional.of(stored.value);
    }

    /** Drops expired answers, then arbitrary ones down to 90% of the bound, so the scan is rare. */
    private synchronized void evictExpiredOrSome() {
        if (results.size() < maxEntries) {
            return;
        }
        long now = System.nanoTime();
        results.entrySet().removeIf(e -> now - e.getValue().expiresAtNanos > 0);
        int target = maxEntries - Math.max(1, maxEntries / 10);
        var it = results.keySet().iterator();
        while (results.size() > target && it.hasNext()) {
            it.next();
            it.remove();
        }
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
        results.clear();
    }
}
