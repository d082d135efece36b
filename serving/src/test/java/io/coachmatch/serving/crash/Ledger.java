package io.coachmatch.serving.crash;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the crash test sent and what came back, per request index: when it was sent, to which partition of
 * {@code matching-requests}, when its first answer arrived, how many answers arrived, and whether the first was an
 * error. Times are {@link System#nanoTime()}; 0 means "not yet". Thread-safe.
 */
final class Ledger {

    private final AtomicLongArray sentAt;
    private final AtomicIntegerArray partition;
    private final AtomicLongArray answeredAt;
    private final AtomicIntegerArray answers;
    private final AtomicIntegerArray error;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger duplicated = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();

    Ledger(int n) {
        sentAt = new AtomicLongArray(n);
        partition = new AtomicIntegerArray(n);
        answeredAt = new AtomicLongArray(n);
        answers = new AtomicIntegerArray(n);
        error = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            partition.set(i, -1);
        }
    }

    int size() {
        return sentAt.length();
    }

    void sent(int i, long nanos) {
        sentAt.set(i, nanos);
        sent.incrementAndGet();
    }

    void partition(int i, int p) {
        partition.set(i, p);
    }

    void answer(int i, long nanos, boolean isError) {
        int n = answers.incrementAndGet(i);
        if (n == 1) {
            answeredAt.set(i, nanos);
            error.set(i, isError ? 1 : 0);
            answered.incrementAndGet();
            if (isError) {
                errors.incrementAndGet();
            }
        } else if (n == 2) {
            duplicated.incrementAndGet();
        }
    }

    long sentAt(int i) {
        return sentAt.get(i);
    }

    int partition(int i) {
        return partition.get(i);
    }

    long answeredAt(int i) {
        return answeredAt.get(i);
    }

    int sent() {
        return sent.get();
    }

    int answered() {
        return answered.get();
    }

    int errors() {
        return errors.get();
    }

    /** Requests with more than one answer. */
    int duplicated() {
        return duplicated.get();
    }
}
