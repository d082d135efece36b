package io.coachmatch.core.time;

/**
 * Wall-clock times of the contract, {@code HH:MM} from {@code 00:00} to {@code 24:00}, and the
 * time ranges {@code HH:MM-HH:MM} built from them.
 */
public final class ClockTime {

    private ClockTime() {}

    /**
     * Minutes since midnight of {@code HH:MM}; {@code 24:00} gives 1440.
     *
     * @throws IllegalArgumentException naming the text when it is not a time of day
     */
    public static int parseMinutes(String text) {
        if (text == null || text.length() != 5 || text.charAt(2) != ':') {
            throw new IllegalArgumentException("'" + text + "' is not a time HH:MM");
        }
        int h = digits(text, 0);
        int m = digits(text, 3);
        if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a time HH:MM between 00:00 and 24:00");
        }
        return h * 60 + m;
    }

    /**
     * Parses {@code HH:MM-HH:MM} into {start, end} minutes. An end before the start runs past
     * midnight; an end equal to the start is rejected, since it names no time at all.
     */
    public static int[] parseRange(String text) {
        if (text == null) {
            throw new IllegalArgumentException("time slot is empty");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a range HH:MM-HH:MM");
        }
        int start = parseMinutes(text.substring(0, dash).trim());
        int end = parseMinutes(text.substring(dash + 1).trim());
        checkSpan(start, end);
        return new int[] {start, end};
    }

    /** Length in minutes of the slot from {@code start} to {@code end}, past midnight when end &lt;= start. */
    public static int span(int start, int end) {
        checkSpan(start, end);
        return end > start ? end - start : end + 1440 - start;
    }

    private static void checkSpan(int start, int end) {
        if (start == end || (start == 1440 && end == 0)) {
            throw new IllegalArgumentException("a slot from " + format(start) + " to " + format(end) + " is empty");
        }
        if (start == 1440) {
            throw new IllegalArgumentException("a slot cannot start at 24:00");
        }
    }

    static String format(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    private static int digits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }
}
