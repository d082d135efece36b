package io.coachmatch.serving.matching;

/** The ways a request reaches {@link MatchingService}; each has its own cache namespace and its own statistics. */
public enum Channel {
    /** A record of {@code matching-requests}. */
    KAFKA("kafka"),
    /** {@code POST /api/match}. */
    REST("rest"),
    /** The synthetic requests matched at start-up so that the JIT has compiled the path; nothing is stored. */
    WARM_UP("warm-up");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The name in cache keys, metrics tags and logs. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
