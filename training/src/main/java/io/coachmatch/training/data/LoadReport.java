package io.coachmatch.training.data;

import io.coachmatch.core.json.JsonLines;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a load read, skipped and could not join: counts by name, in the order they were taken (for the summary
 * table and the manifest), and one warning line per bad record, up to {@value #MAX_REPORTED}, or other problem.
 */
public final class LoadReport {

    /** Reports at most this many bad lines one by one; the rest only as counts. */
    public static final int MAX_REPORTED = 20;

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Consumer<String> warnings;
    private int skipped;

    /** @param warnings receives each warning as one line */
    public LoadReport(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    /** Records a count under its name (a later count of the same name replaces it). */
    public void count(String name, long value) {
        counts.put(name, value);
    }

    /** The counts taken so far, in the order they were first taken. */
    public Map<String, Long> counts() {
        return counts;
    }

    /** A bad line that was skipped: reported one by one up to {@value #MAX_REPORTED}, then only counted. */
    void skipped(JsonLines.LineError e) {
        skipped++;
        if (skipped <= MAX_REPORTED) {
            warnings.accept(e + " (skipped)");
        } else if (skipped == MAX_REPORTED + 1) {
            warnings.accept("... more bad lines; see the counts in the summary");
        }
    }

    /** A problem worth a line of its own, such as repeated ids. */
    void warn(String line) {
        warnings.accept(line);
    }
}
