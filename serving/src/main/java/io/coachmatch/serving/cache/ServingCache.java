package io.coachmatch.serving.cache;

import java.util.Map;
import java.util.Optional;

/**
 * What the service keeps outside a single request: answers by request_id (so a duplicate is
 * answered identically without recomputing), the catalog as last fetched from the backend, and
 * statistics shared between instances. Implementations never throw and never block longer than
 * their configured timeout; an unreachable store reports {@code available == false} instead.
 */
public interface ServingCache extends AutoCloseable {

    /** A lookup: {@code value} is null on a miss; {@code available} is false when the store could not be asked. */
    record Read(boolean available, byte[] value) {}

    /** Reads the stored answer of a request id. */
    Read getResult(String requestId);

    /**
     * Stores an answer unless one is already stored; returns the stored one (this or the earlier
     * one), or empty when the store is unavailable.
     */
    Optional<byte[]> putResultIfAbsent(String requestId, byte[] answer);

    Optional<byte[]> getCatalog();

    void putCatalog(byte[] catalog);

    /** Adds counters to the shared statistics (best effort). */
    void addStats(Map<String, Long> deltas);

    /** The shared statistics, summed over every instance; empty when unavailable. */
    Map<String, Long> sharedStats();

    /** {@code redis} or {@code in_process}. */
    String mode();

    /** Whether the last call to the store succeeded. */
    boolean available();

    @Override
    void close();
}
