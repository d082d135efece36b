package io.coachmatch.core.contract;

import java.util.Locale;

/** Shared helpers for enums whose wire form is a lower-case word of the contract. */
final class WireEnum {
    private WireEnum() {}

    static <E extends Enum<E>> E parse(Class<E> type, String wire) {
        if (wire == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(wire)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown value '" + wire + "'");
    }

    static String wire(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(wire(constant));
        }
        return sb.toString();
    }
}
