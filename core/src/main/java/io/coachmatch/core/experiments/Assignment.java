package io.coachmatch.core.experiments;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic assignment of units (requesters) to the variants of one experiment.
 *
 * <p>The bucket of a unit is {@code SHA-256(UTF-8(salt + ":" + unit))}, its first 8 bytes read as an unsigned
 * big-endian 64-bit integer, modulo {@value #BUCKETS}. It depends on nothing but the salt and the unit (no JVM
 * hash, no seed, no instance state), so every instance, every restart and any other language computing the same
 * digest puts a unit in the same bucket. The modulo bias is below 10<sup>-15</sup>.
 *
 * <p>Variants own contiguous bucket ranges in declaration order: variant {@code i} owns
 * {@code [round(B * (s_0 + ... + s_{i-1})), round(B * (s_0 + ... + s_i)))} with the last range ending at
 * {@code B = }{@value #BUCKETS}. Changing shares therefore moves only the units whose buckets change hands; going
 * from 50/50 to 70/30 moves exactly buckets 5000 to 6999 from the second variant to the first. Shares are
 * effectively rounded to multiples of 1/{@value #BUCKETS}. Changing the salt reshuffles everything, and two
 * experiments with different salts split the same units independently.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Assignment {

    /** Number of buckets; shares are resolved to 1/BUCKETS. */
    public static final int BUCKETS = 10_000;

    private final Experiment experiment;
    private final List<Variant> variants;
    private final int[] ends;

    private Assignment(Experiment experiment) {
        this.experiment = experiment;
        this.variants = experiment.variants();
        this.ends = bucketEnds(variants);
    }

    /**
     * The assignment of a valid experiment.
     *
     * @throws InvalidExperimentException if the experiment is not valid
     */
    public static Assignment of(Experiment experiment) {
        var errors = experiment.validate();
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException("experiment '" + experiment.name() + "'", errors);
        }
        return new Assignment(experiment);
    }

    public Experiment experiment() {
        return experiment;
    }

    /** The variant this unit gets; the same for the same salt and unit, everywhere and always. */
    public Variant variantFor(String unit) {
        return variantOfBucket(bucket(experiment.salt(), unit));
    }

    /** The variant owning this bucket (0 to {@value #BUCKETS} - 1). */
    public Variant variantOfBucket(int bucket) {
        if (bucket < 0 || bucket >= BUCKETS) {
            throw new IllegalArgumentException("bucket " + bucket + " is outside 0.." + (BUCKETS - 1));
        }
        for (int i = 0; i < ends.length; i++) {
            if (bucket < ends[i]) {
                return variants.get(i);
            }
        }
        throw new IllegalStateException("bucket ranges do not cover " + bucket);
    }

    /** The bucket ranges, one per variant in declaration order, together covering 0 to {@value #BUCKETS}. */
    public List<BucketRange> ranges() {
        List<BucketRange> out = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            out.add(new BucketRange(variants.get(i).name(), i == 0 ? 0 : ends[i - 1], ends[i]));
        }
        return List.copyOf(out);
    }

    /**
     * The bucket of a unit under a salt: SHA-256 of {@code salt + ":" + unit} in UTF-8, first 8 bytes as an
     * unsigned big-endian long, modulo {@value #BUCKETS}.
     */
    public static int bucket(String salt, String unit) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(unit, "unit");
        byte[] digest = sha256().digest((salt + ":" + unit).getBytes(StandardCharsets.UTF_8));
        long first8 = ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        return (int) Long.remainderUnsigned(first8, BUCKETS);
    }

    /** Exclusive end bucket of each variant, by cumulative share; the last is always {@value #BUCKETS}. */
    static int[] bucketEnds(List<Variant> variants) {
        int[] ends = new int[variants.size()];
        double cumulative = 0;
        for (int i = 0; i < ends.length; i++) {
            cumulative += variants.get(i).share();
            ends[i] = i == ends.length - 1 ? BUCKETS : (int) Math.min(BUCKETS, Math.round(cumulative * BUCKETS));
        }
        return ends;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Buckets {@code [from, to)} belong to the variant named {@code variant}. */
    public record BucketRange(String variant, int from, int to) {
        public boolean contains(int bucket) {
            return bucket >= from && bucket < to;
        }
    }
}
