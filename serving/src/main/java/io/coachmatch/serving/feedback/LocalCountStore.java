package io.coachmatch.serving.feedback;

import io.coachmatch.core.experiments.VariantCounts;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this process only (no Redis): right for a single instance. Seen event ids and request links are
 * bounded (oldest forgotten first); unit sets and the sets of booked requests and clicked pairs are not.
 */
public class LocalCountStore implements CountStore {

    private final Map<String, Map<String, VariantCounts>> counts = new HashMap<>();
    private final Map<String, Set<String>> units = new HashMap<>();
    private final Map<String, Set<String>> firsts = new HashMap<>();
    private final Map<String, Boolean> events;
    private final Map<String, Link> links;

    public LocalCountStore(int maxEntries) {
        this.events = bounded(maxEntries);
        this.links = bounded(maxEntries);
    }

    private static <V> Map<String, V> bounded(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        });
    }

    @Override
    public synchronized void request(String experiment, String variant, String unit, String requestId) {
        boolean first = units.computeIfAbsent(experiment, k -> ConcurrentHashMap.newKeySet()).add(unit);
        add(experiment, variant, VariantCounts.ofRequest(first));
        links.put(requestId, new Link(experiment, variant));
    }

    @Override
    public synchronized boolean feedback(String eventId, Link link, VariantCounts delta, String firstKey,
            VariantCounts firstDelta) {
        if (events.putIfAbsent(eventId, Boolean.TRUE) != null) {
            return false;
        }
        add(link.experiment(), link.variant(), delta);
        if (firstKey != null && firsts.computeIfAbsent(link.experiment(), k -> new HashSet<>()).add(firstKey)) {
            add(link.experiment(), link.variant(), firstDelta);
        }
        return true;
    }

    private void add(String experiment, String variant, VariantCounts delta) {
        counts.computeIfAbsent(experiment, k -> new HashMap<>()).merge(variant, delta, VariantCounts::plus);
    }

    @Override
    public Optional<Link> link(String requestId) {
        return Optional.ofNullable(links.get(requestId));
    }

    @Override
    public synchronized Map<String, VariantCounts> counts(String experiment) {
        return Map.copyOf(counts.getOrDefault(experiment, Map.of()));
    }

    @Override
    public String mode() {
        return "in_process";
    }
}
