package io.coachmatch.serving;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Checks the settings records make in their constructors that Bean Validation cannot express for durations and
 * sizes; each message names the property, so a bad value stops start-up with one readable line.
 */
public final class SettingsChecks {

    private SettingsChecks() {}

    public static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    public static void requirePositive(DataSize d, String name) {
        if (d == null || d.toBytes() <= 0) {
            throw new IllegalArgumentException(name + " must be a positive size, was " + d);
        }
    }
}
