package io.coachmatch.core.bench;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Times (the least thread CPU time of five rounds, so that other load on the machine counts less) each request of the benchmark's pool and prints the slowest with what they ask for, to see
 * which kind of request dominates the tail. Not a benchmark: a tool for deciding what to optimise.
 *
 * <pre>
 *   ./mvnw -B -pl core -Pbench test-compile exec:exec -Dbench.main=io.coachmatch.core.bench.SlowRequests -Djmh.args=100000
 * </pre>
 */
public final class SlowRequests {

    private SlowRequests() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        MatchingSettings settings = MatchingSettings.defaults();
        CatalogIndex index =
                CatalogIndex.build(SyntheticCatalog.coaches(MatcherBenchmark.CATALOG_SEED, n), settings.rates());
        List<MatchingRequest> requests = SyntheticCatalog.requests(
                MatcherBenchmark.REQUEST_SEED, MatcherBenchmark.REQUEST_POOL, MatcherBenchmark.REQUESTS_START);
        long[][] nanos = new long[requests.size()][5];
        MatchOutcome[] outcomes = new MatchOutcome[requests.size()];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = -5; round < 5; round++) {
            for (int i = 0; i < requests.size(); i++) {
                long t = threads.getCurrentThreadCpuTime();
                MatchQuery q = MatchQuery.compile(requests.get(i), settings, MatcherBenchmark.REQUESTS_START);
                outcomes[i] = index.match(q, settings.weights(), settings.minMatchScore(), null, null);
                if (round >= 0) {
                    nanos[i][round] = threads.getCurrentThreadCpuTime() - t;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        long[] median = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            Arrays.sort(nanos[i]);
            median[i] = nanos[i][0];
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> median[i]).reversed());
        long[] sorted = median.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
        double withMandatory = 0;
        double without = 0;
        int nWith = 0;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).skillsRequired().stream().anyMatch(sk -> sk.isMandatory())) {
                withMandatory += median[i];
                nWith++;
            } else {
                without += median[i];
            }
        }
        System.out.printf(
                "mean %.3f ms with a mandatory skill (%d requests), %.3f ms without (%d)%n",
                withMandatory / Math.max(1, nWith) / 1e6,
                nWith,
                without / Math.max(1, requests.size() - nWith) / 1e6,
                requests.size() - nWith);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        for (int k = 0; k < limit; k++) {
            int i = order.get(k);
            MatchingRequest r = requests.get(i);
            MatchOutcome o = outcomes[i];
            int filtered = o.filteredOut().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            System.out.printf(
                    "%7.3f ms %s %-10s skills=%d mand=%s budget=%s flex=%s langs=%s max=%s passed=%d total=%d %s%n",
                    median[i] / 1e6,
                    r.requestId(),
                    r.sessionType().wire(),
                    r.skillsRequired().size(),
                    r.skillsRequired().stream().anyMatch(s -> s.isMandatory()),
                    r.budgetConstraints() == null ? "-" : r.budgetConstraints().maxHourlyRate(),
                    r.availabilityRequirements() == null
                            ? "-"
                            : r.availabilityRequirements().flexibility(),
                    r.languageRequirements(),
                    r.maxResults(),
                    o.candidatesConsidered() - filtered,
                    o.totalMatches(),
                    o.filteredOutByKey());
        }
    }
}
