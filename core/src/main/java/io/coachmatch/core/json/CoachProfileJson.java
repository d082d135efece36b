package io.coachmatch.core.json;

import io.coachmatch.core.contract.CoachProfile;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a coach profile nested in another value (the {@code coach} of every match in an answer) from a copy of
 * its JSON kept from the last time the same profile object was written. Profiles are immutable records that serving
 * keeps for as long as the catalog lives and writes again in answer after answer: the profiles are most of an
 * answer's bytes, and writing them field by field was most of the time spent writing it.
 *
 * <p>The copy is exactly what the plain mapper writes, so the output does not change (tested byte for byte). Kept in
 * a fixed number of slots chosen by identity hash, a newer profile replacing an older one in its slot, so memory
 * stays bounded (a few MB) whatever the catalog size. Root values, pretty-printed output and anything but JSON text
 * (trees, token buffers) are written by the plain mapper directly. Thread-safe: a slot holds an immutable entry and
 * a race only costs a second copy.
 */
final class CoachProfileJson extends StdSerializer<CoachProfile> {

    private static final int SLOTS = 1 << 13;

    private record Entry(CoachProfile profile, SerializedString json) {}

    private final JsonMapper plain;
    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    CoachProfileJson(JsonMapper plain) {
        super(CoachProfile.class);
        this.plain = plain;
    }

    @Override
    public void serialize(CoachProfile value, JsonGenerator gen, SerializationContext ctxt) {
        boolean jsonText = gen instanceof JsonGeneratorBase && gen.getPrettyPrinter() == null;
        if (!jsonText || gen.streamWriteContext().inRoot()) {
            plain.writeValue(gen, value);
            return;
        }
        int slot = System.identityHashCode(value) & (SLOTS - 1);
        Entry e = slots.get(slot);
        if (e == null || e.profile() != value) {
            e = new Entry(value, new SerializedString(plain.writeValueAsString(value)));
            slots.set(slot, e);
        }
        gen.writeRawValue(e.json());
    }
}
