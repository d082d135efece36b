package io.coachmatch.core.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a coach shown in an answer. Written on the wire as the lower-case name. */
public enum FeedbackType {
    IMPRESSION,
    CLICK,
    CONTACT,
    BOOKED,
    DECLINED,
    RATED;

    /** The lower-case word the contract uses. */
    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    /** Parses the contract's word; throws {@link IllegalArgumentException} naming the bad value. */
    @JsonCreator
    public static FeedbackType fromWire(String wire) {
        return WireEnum.parse(FeedbackType.class, wire);
    }

    /** The allowed words, comma-separated, for error messages. */
    public static String allowedValues() {
        return WireEnum.allowed(FeedbackType.class);
    }
}
