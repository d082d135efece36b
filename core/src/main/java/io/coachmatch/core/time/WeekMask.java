package io.coachmatch.core.time;

/**
 * A set of quarter hours of the week, as a circular bit set of {@value #CELLS} cells (Monday 00:00
 * is cell 0, Sunday 23:45 is the last), packed in {@value #WORDS} longs. Times that do not fall on
 * a quarter hour are widened to the enclosing quarter hours; every real timezone offset is a whole
 * number of quarter hours, so shifting between zones is exact.
 *
 * <p>The week is circular: a slot that starts on Sunday evening and ends after midnight continues
 * on Monday. Masks are plain {@code long[]} so that a catalog can keep a million of them packed in
 * one array.
 */
public final class WeekMask {

    public static final int MINUTES_PER_WEEK = 7 * 1440;
    public static final int CELL_MINUTES = 15;
    public static final int CELLS = MINUTES_PER_WEEK / CELL_MINUTES;
    public static final int WORDS = (CELLS + 63) / 64;

    private WeekMask() {}

    public static long[] empty() {
        return new long[WORDS];
    }

    /**
     * Adds the minutes {@code [startMinuteOfWeek, startMinuteOfWeek + lengthMinutes)}, shifted by
     * {@code shiftMinutes} and wrapped around the week.
     */
    public static void addRange(long[] mask, int startMinuteOfWeek, int lengthMinutes, int shiftMinutes) {
        if (lengthMinutes <= 0) {
            return;
        }
        if (lengthMinutes >= MINUTES_PER_WEEK) {
            fill(mask);
            return;
        }
        int start = Math.floorMod(startMinuteOfWeek + shiftMinutes, MINUTES_PER_WEEK);
        int end = start + lengthMinutes;
        int firstCell = start / CELL_MINUTES;
        int endCell = (end + CELL_MINUTES - 1) / CELL_MINUTES;
        if (endCell - firstCell >= CELLS) {
            fill(mask);
            return;
        }
        if (endCell <= CELLS) {
            setCells(mask, firstCell, endCell);
        } else {
            setCells(mask, firstCell, CELLS);
            setCells(mask, 0, endCell - CELLS);
        }
    }

    private static void fill(long[] mask) {
        setCells(mask, 0, CELLS);
    }

    private static void setCells(long[] mask, int from, int to) {
        for (int cell = from; cell < to; ) {
            int word = cell >>> 6;
            int bit = cell & 63;
            int n = Math.min(64 - bit, to - cell);
            long bits = n == 64 ? -1L : ((1L << n) - 1) << bit;
            mask[word] |= bits;
            cell += n;
        }
    }

    public static int count(long[] mask) {
        int c = 0;
        for (long w : mask) {
            c += Long.bitCount(w);
        }
        return c;
    }

    /** Cells set in both {@code a} and the mask stored at {@code b[offset..offset+WORDS)}. */
    public static int overlap(long[] a, long[] b, int offset) {
        int c = 0;
        for (int i = 0; i < WORDS; i++) {
            c += Long.bitCount(a[i] & b[offset + i]);
        }
        return c;
    }

    /** Whether {@code a} and the mask stored at {@code b[offset..)} share any cell. */
    public static boolean intersects(long[] a, long[] b, int offset) {
        for (int i = 0; i < WORDS; i++) {
            if ((a[i] & b[offset + i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Cells set in both masks. */
    public static int overlapCount(long[] a, long[] b) {
        return overlap(a, b, 0);
    }

    public static boolean contains(long[] mask, int cell) {
        return (mask[cell >>> 6] & (1L << (cell & 63))) != 0;
    }
}
