package io.coachmatch.core.time;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the contract's timezones: IANA names ({@code America/Los_Angeles}) and fixed offsets
 * written {@code UTC}, {@code UTC-8}, {@code UTC+05:30} or {@code GMT+2}. Results are cached, since
 * a catalog names few distinct zones and requests repeat them.
 */
public final class Timezones {

    private static final Pattern FIXED = Pattern.compile("(?:UTC|GMT)([+-])(\\d{1,2})(?::?(\\d{2}))?");
    private static final ConcurrentHashMap<String, ZoneId> CACHE = new ConcurrentHashMap<>();

    private Timezones() {}

    /**
     * The zone a contract string names.
     *
     * @throws IllegalArgumentException naming the value when it is neither an IANA name nor an offset
     */
    public static ZoneId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("timezone is empty");
        }
        ZoneId cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        ZoneId zone = parseUncached(text.trim());
        if (CACHE.size() < 10_000) {
            CACHE.put(text, zone);
        }
        return zone;
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ZoneId parseUncached(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("UTC") || upper.equals("GMT") || upper.equals("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = FIXED.matcher(upper);
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
                throw new IllegalArgumentException("offset out of range in timezone '" + text + "'");
            }
            int sign = m.group(1).equals("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        if (!text.contains("/")) {
            throw new IllegalArgumentException("unknown timezone '" + text + "'");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown timezone '" + text + "'");
        }
    }
}
