package io.coachmatch.training.data;

import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.features.CoachBehaviour;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every feedback event of a data set, by coach and in time order, so that a coach's engagement can be counted as of
 * any moment: the behaviour features of a training pair see only what happened strictly before its request was
 * made, never the pair's own outcome or anything later ({@link Counts#at}).
 */
public final class EventHistory {

    private static final FeedbackType[] TYPES = FeedbackType.values();

    private final int coaches;
    /** Events sorted by coach then time: coach {@code c} holds {@code start[c] .. start[c+1]-1}. */
    private final int[] start;

    private final long[] time;
    private final byte[] type;
    private final int[] position;
    private final float[] rating;

    private EventHistory(int coaches, int[] start, long[] time, byte[] type, int[] position, float[] rating) {
        this.coaches = coaches;
        this.start = start;
        this.time = time;
        this.type = type;
        this.position = position;
        this.rating = rating;
    }

    /** Collects events as they are read, in any order. Not thread-safe. */
    public static final class Builder {
        private final int coaches;
        private int n;
        private int[] coach = new int[1024];
        private long[] time = new long[1024];
        private byte[] type = new byte[1024];
        private int[] position = new int[1024];
        private float[] rating = new float[1024];

        public Builder(int coaches) {
            this.coaches = coaches;
        }

        /** Adds one event of coach {@code c} (an index into the data set's coaches). */
        public void add(int c, Instant at, FeedbackType t, Integer pos, Double stars) {
            if (n == coach.length) {
                int m = n * 2;
                coach = Arrays.copyOf(coach, m);
                time = Arrays.copyOf(time, m);
                type = Arrays.copyOf(type, m);
                position = Arrays.copyOf(position, m);
                rating = Arrays.copyOf(rating, m);
            }
            coach[n] = c;
            time[n] = at == null ? Long.MIN_VALUE : at.toEpochMilli();
            type[n] = (byte) t.ordinal();
            position[n] = pos == null ? 0 : pos;
            rating[n] = stars == null ? Float.NaN : stars.floatValue();
            n++;
        }

        public EventHistory build() {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    (a, b) -> coach[a] != coach[b]
                            ? Integer.compare(coach[a], coach[b])
                            : Long.compare(time[a], time[b]));
            int[] start = new int[coaches + 1];
            long[] t = new long[n];
            byte[] y = new byte[n];
            int[] p = new int[n];
            float[] r = new float[n];
            for (int i = 0; i < n; i++) {
                int e = order[i];
                start[coach[e] + 1]++;
                t[i] = time[e];
                y[i] = type[e];
                p[i] = position[e];
                r[i] = rating[e];
            }
            for (int c = 0; c < coaches; c++) {
                start[c + 1] += start[c];
            }
            return new EventHistory(coaches, start, t, y, p, r);
        }
    }

    public int events() {
        return time.length;
    }

    /** The time of the latest event, or null when there is none with a time. */
    public Instant lastTime() {
        long last = Long.MIN_VALUE;
        for (long t : time) {
            last = Math.max(last, t);
        }
        return last == Long.MIN_VALUE ? null : Instant.ofEpochMilli(last);
    }

    /** The counts of every coach after each of its events, weighted by one table's propensities. */
    public Counts counts(CoachBehaviour weights) {
        double[] prefix = new double[(time.length + coaches) * CoachBehaviour.COUNTS];
        // coach c's prefixes sit at rows start[c] + c .. start[c+1] + c: a row of zeros, then one per event
        double[] e = new double[CoachBehaviour.COUNTS];
        for (int c = 0; c < coaches; c++) {
            Arrays.fill(e, 0);
            int row = start[c] + c;
            System.arraycopy(e, 0, prefix, row * CoachBehaviour.COUNTS, e.length);
            for (int i = start[c]; i < start[c + 1]; i++) {
                weights.add(
                        e,
                        TYPES[type[i]],
                        position[i] == 0 ? null : position[i],
                        Float.isNaN(rating[i]) ? null : (double) rating[i]);
                row++;
                System.arraycopy(e, 0, prefix, row * CoachBehaviour.COUNTS, e.length);
            }
        }
        return new Counts(prefix);
    }

    /** Coaches' counts as of any moment. Immutable; thread-safe. */
    public final class Counts {
        private final double[] prefix;

        private Counts(double[] prefix) {
            this.prefix = prefix;
        }

        /** Writes into {@code out} coach {@code c}'s counts over its events strictly before {@code before}. */
        public void at(int c, Instant before, double[] out) {
            long t = before == null ? Long.MAX_VALUE : before.toEpochMilli();
            int lo = start[c];
            int hi = start[c + 1];
            // the number of events of c before t
            int a = lo;
            int b = hi;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (time[mid] < t) {
                    a = mid + 1;
                } else {
                    b = mid;
                }
            }
            int row = a + c;
            System.arraycopy(prefix, row * CoachBehaviour.COUNTS, out, 0, CoachBehaviour.COUNTS);
        }

        /** Coach {@code c}'s counts over all its events. */
        public void last(int c, double[] out) {
            int row = start[c + 1] + c;
            System.arraycopy(prefix, row * CoachBehaviour.COUNTS, out, 0, CoachBehaviour.COUNTS);
        }
    }
}
