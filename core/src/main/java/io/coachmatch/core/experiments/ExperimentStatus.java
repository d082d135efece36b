package io.coachmatch.core.experiments;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Whether an experiment assigns traffic. Written as the lower-case name; at most one experiment is running. */
public enum ExperimentStatus {
    /** Assigns units to variants; answers carry the experiment and variant. */
    RUNNING,
    /** Assigns nothing any more (production serves); its definition and results are kept. */
    STOPPED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the lower-case word; throws {@link IllegalArgumentException} naming the bad value. */
    @JsonCreator
    public static ExperimentStatus fromWire(String wire) {
        for (ExperimentStatus s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown value '" + wire + "'; allowed: running, stopped");
    }
}
