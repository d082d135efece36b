package io.coachmatch.core.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How urgent a request is; it shifts how much price matters (see the price score). Written on the wire as the lower-case name. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH;

    /** The lower-case word the contract uses. */
    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    /** Parses the contract's word; throws {@link IllegalArgumentException} naming the bad value. */
    @JsonCreator
    public static Priority fromWire(String wire) {
        return WireEnum.parse(Priority.class, wire);
    }

    /** The allowed words, comma-separated, for error messages. */
    public static String allowedValues() {
        return WireEnum.allowed(Priority.class);
    }
}
