package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The live coach catalog. Readers take the current {@link CatalogSnapshot} without locking; writers
 * (a full load, one upsert or removal from {@code coach-profiles}) publish a new snapshot under a
 * lock. One change rebuilds only the small overlay; when the overlay grows past its limit, a
 * background compaction folds it into a new base.
 */
public final class CoachCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoachCatalog.class);

    private final CurrencyRates rates;
    private final int overlayLimit;
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "catalog-compactor");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean compacting = new AtomicBoolean();
    private final ApplicationEventPublisher events;
    private volatile CatalogSnapshot current;
    private long versions;
    /** Latest state per coach from coach-profiles (null value = removed); reapplied on a full reload. */
    private final Map<String, CoachProfile> topicState = new HashMap<>();

    /** A catalog that announces nothing (for tests and tools). */
    public CoachCatalog(CatalogSettings settings, CurrencyRates rates) {
        this(settings, rates, event -> {});
    }

    /** @param events where each new index is announced ({@link CatalogIndexBuilt}) before it serves */
    public CoachCatalog(CatalogSettings settings, CurrencyRates rates, ApplicationEventPublisher events) {
        this.rates = rates;
        this.events = events;
        this.overlayLimit = settings.overlayLimit();
        this.current = new CatalogSnapshot(
                CatalogIndex.build(List.of(), rates), null, null, Map.of(), "empty", Instant.now(), 0);
    }

    private CatalogIndex prepared(CatalogIndex index) {
        if (index != null) {
            try {
                events.publishEvent(new CatalogIndexBuilt(index));
            } catch (RuntimeException e) {
                log.warn("Preparing the models for a new catalog index failed; it will be done on first use", e);
            }
        }
        return index;
    }

    public CatalogSnapshot snapshot() {
        return current;
    }

    /** Replaces the whole catalog (startup, backend refresh). */
    public synchronized void replaceAll(List<CoachProfile> coaches, String source) {
        Map<String, CoachProfile> unique = new LinkedHashMap<>();
        for (CoachProfile c : coaches) {
            unique.put(c.id(), c);
        }
        topicState.forEach((id, p) -> {
            if (p == null) {
                unique.remove(id);
            } else {
                unique.put(id, p);
            }
        });
        CatalogIndex index = prepared(CatalogIndex.build(unique.values(), rates));
        current = new CatalogSnapshot(index, null, null, Map.of(), source, Instant.now(), ++versions);
    }

    /** Adds or replaces one coach; visible to the next request. */
    public synchronized void upsert(CoachProfile coach) {
        topicState.put(coach.id(), coach);
        CatalogSnapshot s = current;
        Map<String, CoachProfile> overlay = new LinkedHashMap<>(s.overlayProfiles());
        overlay.put(coach.id(), coach);
        publish(s, hide(s, coach.id()), overlay);
    }

    /** Removes one coach (a tombstone); a no-op for an unknown id. */
    public synchronized void remove(String coachId) {
        topicState.put(coachId, null);
        CatalogSnapshot s = current;
        if (s.find(coachId) == null) {
            return;
        }
        Map<String, CoachProfile> overlay = new LinkedHashMap<>(s.overlayProfiles());
        overlay.remove(coachId);
        publish(s, hide(s, coachId), overlay);
    }

    /**
     * Applies several changes from {@code coach-profiles} as one new snapshot (a whole poll while the
     * feed catches up costs one overlay rebuild, not one per record). A null value removes the coach.
     * The result equals applying them one by one in the map's order.
     */
    public synchronized void applyAll(Map<String, CoachProfile> changes) {
        if (changes.isEmpty()) {
            return;
        }
        CatalogSnapshot s = current;
        Map<String, CoachProfile> overlay = new LinkedHashMap<>(s.overlayProfiles());
        long[] bits = s.excludedBits();
        boolean copied = false;
        for (Map.Entry<String, CoachProfile> e : changes.entrySet()) {
            String id = e.getKey();
            CoachProfile p = e.getValue();
            topicState.put(id, p);
            if (p == null) {
                overlay.remove(id);
            } else {
                overlay.put(id, p);
            }
            var i = s.base().indexOf(id);
            if (i.isPresent() && !s.isHidden(i.getAsInt())) {
                if (!copied) {
                    bits = bits == null ? s.base().newBitSet() : bits.clone();
                    copied = true;
                }
                int c = i.getAsInt();
                bits[c >>> 6] |= 1L << (c & 63);
            }
        }
        publish(s, bits, overlay);
    }

    private long[] hide(CatalogSnapshot s, String coachId) {
        long[] bits = s.excludedBits();
        var i = s.base().indexOf(coachId);
        if (i.isEmpty() || s.isHidden(i.getAsInt())) {
            return bits;
        }
        long[] copy = bits == null ? s.base().newBitSet() : bits.clone();
        int c = i.getAsInt();
        copy[c >>> 6] |= 1L << (c & 63);
        return copy;
    }

    private void publish(CatalogSnapshot s, long[] excluded, Map<String, CoachProfile> overlay) {
        CatalogIndex overlayIndex = overlay.isEmpty() ? null : prepared(CatalogIndex.build(overlay.values(), rates));
        current = new CatalogSnapshot(s.base(), excluded, overlayIndex, overlay, s.source(), s.loadedAt(), ++versions);
        if (overlay.size() >= overlayLimit && compacting.compareAndSet(false, true)) {
            compactor.execute(this::compact);
        }
    }

    /** Starts a background compaction when there is an overlay (the periodic tidy-up). */
    public void compactInBackground() {
        if (current.overlaySize() + current.excludedCount() > 0 && compacting.compareAndSet(false, true)) {
            compactor.execute(this::compact);
        }
    }

    /** Folds the overlay into a new base, off the request path. */
    void compact() {
        try {
            CatalogSnapshot seen = current;
            List<CoachProfile> all = seen.coaches();
            long t0 = System.nanoTime();
            CatalogIndex index = prepared(CatalogIndex.build(all, rates));
            synchronized (this) {
                CatalogSnapshot now = current;
                if (now != seen) {
                    // Changes arrived while building: keep them as the new overlay on top of the new base.
                    Map<String, CoachProfile> overlay = new HashMap<>();
                    long[] excluded = index.newBitSet();
                    boolean any = false;
                    for (CoachProfile p : now.overlayProfiles().values()) {
                        if (!p.equals(seen.overlayProfiles().get(p.id()))) {
                            overlay.put(p.id(), p);
                        }
                    }
                    for (CoachProfile p : all) {
                        CoachProfile live = now.find(p.id());
                        if (live == null || overlay.containsKey(p.id())) {
                            int c = index.indexOf(p.id()).getAsInt();
                            excluded[c >>> 6] |= 1L << (c & 63);
                            any = true;
                        }
                    }
                    CatalogIndex overlayIndex =
                            overlay.isEmpty() ? null : prepared(CatalogIndex.build(overlay.values(), rates));
                    current = new CatalogSnapshot(
                            index,
                            any ? excluded : null,
                            overlayIndex,
                            overlay,
                            now.source(),
                            now.loadedAt(),
                            ++versions);
                } else {
                    current =
                            new CatalogSnapshot(index, null, null, Map.of(), now.source(), now.loadedAt(), ++versions);
                }
            }
            log.info("Catalog compacted: {} coaches in {} ms", all.size(), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Catalog compaction failed; the overlay keeps serving", e);
        } finally {
            compacting.set(false);
        }
    }

    @Override
    public void close() {
        compactor.shutdownNow();
    }
}
