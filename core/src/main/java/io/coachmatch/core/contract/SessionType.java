package io.coachmatch.core.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of session a request asks for and a coach offers. Written on the wire as the lower-case name. */
public enum SessionType {
    INDIVIDUAL,
    GROUP,
    WORKSHOP,
    MENTORING;

    /** The lower-case word the contract uses. */
    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    /** Parses the contract's word; throws {@link IllegalArgumentException} naming the bad value. */
    @JsonCreator
    public static SessionType fromWire(String wire) {
        return WireEnum.parse(SessionType.class, wire);
    }

    /** The allowed words, comma-separated, for error messages. */
    public static String allowedValues() {
        return WireEnum.allowed(SessionType.class);
    }
}
