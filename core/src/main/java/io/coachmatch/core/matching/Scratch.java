package io.coachmatch.core.matching;

import io.coachmatch.core.time.WeekMask;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * Per-thread working memory of a {@link CatalogIndex}, reused across requests so matching allocates
 * almost nothing: per-coach skill sums and mandatory hits (valid where {@link #stamp} is the current
 * generation), the bit sets the filters and scoring pass along, and the per-zone views of the
 * requested hours. Confined to one thread.
 */
final class Scratch {
    final int[] stamp;
    final double[] skill;
    final byte[] mandatoryHits;
    final int[] touched;
    final long[] langUnion;
    final long[] pass;
    final long[] mandatoryBits;
    final long[] skilledBits;
    final CatalogIndex.Run run = new CatalogIndex.Run();
    int[][] prefixes = new int[0][];
    int[][] prefixOfZone = new int[0][];
    long[][] maskOfZone = new long[0][];
    long[][] hoursOfZone = new long[0][];
    long[][] zoneHours = new long[0][];
    TopHeap heap;
    int generation;

    Scratch(int size, int words) {
        stamp = new int[size];
        skill = new double[size];
        mandatoryHits = new byte[size];
        touched = new int[size];
        langUnion = new long[words];
        pass = new long[words];
        mandatoryBits = new long[words];
        skilledBits = new long[words];
    }

    void nextGeneration() {
        generation++;
        if (generation == 0) {
            Arrays.fill(stamp, 0);
            generation = 1;
        }
    }

    /**
     * For every zone of the catalog, prefix sums of the requested quarter hours expressed in that
     * zone's local time: {@code p[e] - p[s]} is the number of requested cells in {@code [s, e)}.
     * Zones at the same offset share one array.
     */
    int[][] zonePrefix(MatchQuery q, ZoneId[] zones) {
        int n = zones.length;
        if (prefixes.length < n) {
            prefixes = new int[n][WeekMask.CELLS + 1];
            prefixOfZone = new int[n][];
            maskOfZone = new long[n][];
            hoursOfZone = new long[n][6];
            zoneHours = new long[n][];
        }
        for (int z = 0; z < n; z++) {
            int off =
                    MatchQuery.roundToCell(zones[z].getRules().getOffset(q.at()).getTotalSeconds() / 60);
            long[] mask = q.requestedMaskAtOffset(off);
            maskOfZone[z] = mask;
            int[] shared = null;
            for (int y = 0; y < z; y++) {
                if (maskOfZone[y] == mask) {
                    shared = prefixOfZone[y];
                    zoneHours[z] = zoneHours[y];
                    break;
                }
            }
            if (shared == null) {
                Arrays.fill(hoursOfZone[z], 0L);
                CatalogIndex.hourMasks(mask, hoursOfZone[z], 0);
                zoneHours[z] = hoursOfZone[z];
                shared = prefixes[z];
                int sum = 0;
                for (int cell = 0; cell < WeekMask.CELLS; cell++) {
                    sum += (int) ((mask[cell >>> 6] >>> (cell & 63)) & 1L);
                    shared[cell + 1] = sum;
                }
            }
            prefixOfZone[z] = shared;
        }
        return prefixOfZone;
    }

    TopHeap heap(int capacity) {
        if (heap == null || heap.capacity() < capacity) {
            heap = new TopHeap(Math.max(MatchingSettings.MAX_RESULTS_LIMIT, capacity));
        }
        heap.reset(capacity);
        return heap;
    }
}
