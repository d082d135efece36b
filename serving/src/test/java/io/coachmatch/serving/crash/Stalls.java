package io.coachmatch.serving.crash;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Stalls of the partitions of {@code matching-requests}: a stall of a partition is an interval during which at
 * least one request sent to it was waiting for its answer and no answer to any of its requests arrived. It starts
 * at the later of the previous answer and the oldest waiting request's send, and ends at the next answer (or at
 * the end of the observation, for requests never answered).
 */
final class Stalls {

    /** One stall; times in {@link System#nanoTime()}. */
    record Stall(int partition, long start, long end) {
        long nanos() {
            return end - start;
        }
    }

    private Stalls() {}

    /**
     * Every stall of at least {@code minNanos}, longest first.
     *
     * @param end when observation stopped: requests still unanswered then stall until it
     */
    static List<Stall> of(Ledger ledger, int partitions, long end, long minNanos) {
        List<Stall> found = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            found.addAll(ofPartition(ledger, p, end, minNanos));
        }
        found.sort(Comparator.comparingLong(Stall::nanos).reversed());
        return found;
    }

    private static List<Stall> ofPartition(Ledger ledger, int p, long end, long minNanos) {
        // the partition's sends and answers as one time line: +1 a send, -1 an answer
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < ledger.size(); i++) {
            if (ledger.partition(i) != p || ledger.sentAt(i) == 0) {
                continue;
            }
            events.add(new long[] {ledger.sentAt(i), +1, i});
            if (ledger.answeredAt(i) != 0) {
                events.add(new long[] {Math.max(ledger.answeredAt(i), ledger.sentAt(i)), -1, i});
            }
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> -e[1]));
        TreeMap<Long, Integer> waiting = new TreeMap<>(); // send time -> how many requests sent then still wait
        long lastAnswer = Long.MIN_VALUE;
        List<Stall> stalls = new ArrayList<>();
        for (long[] e : events) {
            long sentAt = ledger.sentAt((int) e[2]);
            if (e[1] > 0) {
                waiting.merge(sentAt, 1, Integer::sum);
                continue;
            }
            long start = Math.max(lastAnswer, waiting.firstKey());
            if (e[0] - start >= minNanos) {
                stalls.add(new Stall(p, start, e[0]));
            }
            waiting.computeIfPresent(sentAt, (k, n) -> n == 1 ? null : n - 1);
            lastAnswer = e[0];
        }
        if (!waiting.isEmpty()) {
            long start = Math.max(lastAnswer, waiting.firstKey());
            if (end - start >= minNanos) {
                stalls.add(new Stall(p, start, end));
            }
        }
        return stalls;
    }
}
