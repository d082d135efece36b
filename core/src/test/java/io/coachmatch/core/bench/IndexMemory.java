package io.coachmatch.core.bench;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * Reports the heap a catalog index holds, profiles included: used heap after a full GC before
 * generating the catalog, after generating the profiles, and after building the index (with the
 * profile list dropped, so only what the index keeps is counted). Run it with the heap limit to prove:
 *
 * <pre>
 *   ./mvnw -B -pl core -Pbench test-compile exec:exec -Dbench.main=io.coachmatch.core.bench.IndexMemory -Djmh.args=1000000
 * </pre>
 */
public final class IndexMemory {

    private IndexMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("max heap %,d MiB%n", memory.getHeapMemoryUsage().getMax() >> 20);
        long base = usedAfterGc(memory);
        long t0 = System.nanoTime();
        List<CoachProfile> coaches = SyntheticCatalog.coaches(
                MatcherBenchmark.CATALOG_SEED,
                n,
                done -> System.out.printf(
                        "  generated %,d / %,d coaches (%.1f s)%n", done, n, (System.nanoTime() - t0) / 1e9));
        long profiles = usedAfterGc(memory) - base;
        System.out.printf("profiles alone: %,d MiB (%,d bytes per coach)%n", profiles >> 20, profiles / Math.max(1, n));
        long t1 = System.nanoTime();
        CatalogIndex index = CatalogIndex.build(coaches, CurrencyRates.defaults());
        System.out.printf("  built the index in %.1f s%n", (System.nanoTime() - t1) / 1e9);
        long peak = memory.getHeapMemoryUsage().getUsed() - base;
        coaches = null;
        // one match, so that the per-thread scratch space of a serving thread is counted too
        MatchingSettings settings = MatchingSettings.defaults();
        MatchingRequest request = SyntheticCatalog.requests(
                        MatcherBenchmark.REQUEST_SEED, 1, MatcherBenchmark.REQUESTS_START)
                .get(0);
        int matches = index.match(
                        MatchQuery.compile(request, settings, MatcherBenchmark.REQUESTS_START),
                        settings.weights(),
                        settings.minMatchScore(),
                        null,
                        null)
                .totalMatches();
        long total = usedAfterGc(memory) - base;
        System.out.printf("heap in use right after building (before GC): %,d MiB%n", peak >> 20);
        System.out.printf(
                "index of %,d coaches (%d skills), profiles and one thread's scratch included: %,d MiB"
                        + " (%,d bytes per coach); a sample request matched %,d coaches%n",
                index.size(), index.skillCount(), total >> 20, total / Math.max(1, n), matches);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
