package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.CoachValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the catalog current from the compacted {@code coach-profiles} topic: every instance reads
 * all partitions from the beginning (no consumer group), applies each profile as an upsert and each
 * tombstone as a removal. A bad profile is logged and skipped.
 *
 * <p>At start the feed reads the end offsets of every partition ({@code read_committed}: the last
 * stable offsets) and completes {@link #caughtUp()} once its position reaches them, so that nothing
 * answers from a partial catalog; a missing or empty topic is caught up at once. Any unexpected
 * failure of the reading thread (a consumer that cannot be created, a poll that throws) restarts it
 * after a back-off that doubles from {@code restart-backoff} to {@code max-restart-backoff}, resuming
 * from the positions already applied; {@link #describe()} reports the state for {@code /health}.
 */
public class CoachProfilesFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CoachProfilesFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What the reading thread is doing, as {@code /health} shows it. */
    public enum State {
        STARTING,
        WAITING_FOR_TOPIC,
        CATCHING_UP,
        RUNNING,
        RESTARTING,
        STOPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final CoachCatalog catalog;
    private final CoachValidator validator;
    private final Duration restartBackoff;
    private final Duration maxRestartBackoff;

    private volatile Thread thread;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile CountDownLatch stopSignal = new CountDownLatch(0);
    private volatile CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile State state = State.STOPPED;
    private volatile long applied;
    private volatile long lag = -1;
    private volatile int restarts;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile long startedNanos;

    // Touched by the reading thread only.
    private Map<TopicPartition, Long> catchUpTargets;
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    public CoachProfilesFeed(
            Supplier<Consumer<String, byte[]>> consumers,
            String topic,
            CoachCatalog catalog,
            CoachValidator validator,
            CoachProfilesSettings settings) {
        this.consumers = consumers;
        this.topic = topic;
        this.catalog = catalog;
        this.validator = validator;
        this.restartBackoff = settings.restartBackoff();
        this.maxRestartBackoff = settings.maxRestartBackoff();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        CountDownLatch signal = new CountDownLatch(1);
        stopSignal = signal;
        if (caughtUp.isCompletedExceptionally()) {
            caughtUp = new CompletableFuture<>();
        }
        state = State.STARTING;
        startedNanos = System.nanoTime();
        Thread t = new Thread(() -> run(signal), "coach-profiles-feed");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Reads until stopped, restarting the reading after any unexpected failure. */
    private void run(CountDownLatch signal) {
        int failures = 0;
        try {
            while (running) {
                long began = System.nanoTime();
                try {
                    read(signal);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return; // a wakeup or interrupt from stop()
                    }
                    // A run that stayed up longer than the longest back-off starts the sequence again.
                    failures = System.nanoTime() - began >= maxRestartBackoff.toNanos() ? 1 : failures + 1;
                    long delay = backoffMillis(failures, restartBackoff, maxRestartBackoff);
                    restarts++;
                    lastError = oneLine(e);
                    lastErrorAt = Instant.now();
                    state = State.RESTARTING;
                    log.warn(
                            "The coach-profiles feed on topic {} failed ({}); restart {} in {} ms",
                            topic,
                            lastError,
                            restarts,
                            delay);
                    try {
                        if (signal.await(delay, TimeUnit.MILLISECONDS)) {
                            return;
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } catch (Error e) {
            lastError = oneLine(e);
            lastErrorAt = Instant.now();
            log.error(
                    "The coach-profiles feed on topic {} stopped for good ({}); the catalog gets no more updates",
                    topic,
                    lastError);
            throw e;
        } finally {
            state = State.STOPPED;
        }
    }

    /** One consumer's life: find the partitions, resume or start from the beginning, read until stopped. */
    private void read(CountDownLatch signal) throws InterruptedException {
        try (Consumer<String, byte[]> c = consumers.get()) {
            consumer = c;
            if (!running) {
                return;
            }
            List<TopicPartition> parts = awaitPartitions(c, signal);
            if (parts == null) {
                return;
            }
            c.assign(parts);
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : parts) {
                Long next = positions.get(tp);
                if (next == null) {
                    fresh.add(tp);
                } else {
                    c.seek(tp, next);
                }
            }
            if (!fresh.isEmpty()) {
                c.seekToBeginning(fresh);
            }
            if (!caughtUp.isDone()) {
                state = State.CATCHING_UP;
                if (catchUpTargets == null) {
                    catchUpTargets = Map.copyOf(c.endOffsets(parts));
                    log.info(
                            "The coach-profiles feed reads topic {} ({} partitions) up to its end offsets {} before "
                                    + "the request listener starts",
                            topic,
                            parts.size(),
                            describeOffsets(catchUpTargets));
                }
            }
            track(c, parts);
            while (running) {
                apply(c.poll(POLL));
                track(c, parts);
            }
        } finally {
            consumer = null;
        }
    }

    private List<TopicPartition> awaitPartitions(Consumer<String, byte[]> c, CountDownLatch signal)
            throws InterruptedException {
        boolean logged = false;
        while (running) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition))
                        .toList();
            }
            if (!caughtUp.isDone()) {
                markCaughtUp("the topic does not exist yet, so there is nothing to read");
            }
            state = State.WAITING_FOR_TOPIC;
            if (!logged) {
                log.info("The topic {} does not exist yet; the coach-profiles feed looks for it every second", topic);
                logged = true;
            }
            if (signal.await(1, TimeUnit.SECONDS)) {
                return null;
            }
        }
        return null;
    }

    /** Notes the positions reached (a restart resumes there), the lag, and whether the end offsets are reached. */
    private void track(Consumer<String, byte[]> c, List<TopicPartition> parts) {
        boolean catchingUp = !caughtUp.isDone();
        long behind = 0;
        boolean known = true;
        for (TopicPartition tp : parts) {
            long position = c.position(tp);
            positions.put(tp, position);
            if (catchingUp) {
                Long end = catchUpTargets.get(tp);
                if (end != null) {
                    behind += Math.max(0, end - position);
                }
            } else {
                OptionalLong l = c.currentLag(tp);
                if (l.isPresent()) {
                    behind += l.getAsLong();
                } else {
                    known = false;
                }
            }
        }
        lag = known ? behind : -1;
        if (caughtUp.isDone() || catchingUp && behind == 0) {
            // the state first, so that whoever sees the catch-up complete also sees the feed running
            state = State.RUNNING;
        }
        if (catchingUp && behind == 0) {
            markCaughtUp("read every partition to its end offset");
        }
    }

    private void markCaughtUp(String how) {
        log.info(
                "The coach-profiles feed caught up on topic {} in {} ms ({}): {} profiles and tombstones applied, "
                        + "{} coaches in the catalog",
                topic,
                (System.nanoTime() - startedNanos) / 1_000_000,
                how,
                applied,
                catalog.snapshot().size());
        caughtUp.complete(null);
    }

    /** Applies one poll's records to the catalog as one change (the last record of a coach wins). */
    void apply(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, CoachProfile> changes = new LinkedHashMap<>();
        long n = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (read(r, changes)) {
                n++;
            }
        }
        try {
            catalog.applyAll(changes);
        } catch (RuntimeException e) {
            log.warn(
                    "coach-profiles: applying {} changes at once failed ({}); applying them one by one",
                    changes.size(),
                    oneLine(e));
            for (Map.Entry<String, CoachProfile> change : changes.entrySet()) {
                try {
                    if (change.getValue() == null) {
                        catalog.remove(change.getKey());
                    } else {
                        catalog.upsert(change.getValue());
                    }
                } catch (RuntimeException one) {
                    log.warn("coach-profiles: coach '{}' skipped: {}", change.getKey(), oneLine(one));
                    n--;
                }
            }
        }
        applied += n;
    }

    /** Adds a record's change (an upsert, or null for a tombstone) under the coach's id; false when skipped. */
    private boolean read(ConsumerRecord<String, byte[]> r, Map<String, CoachProfile> changes) {
        String where = r.topic() + "-" + r.partition() + "@" + r.offset();
        try {
            if (r.value() == null) {
                if (r.key() == null) {
                    return false;
                }
                changes.remove(r.key());
                changes.put(r.key(), null);
                return true;
            }
            JsonNode tree = Json.tree(r.value());
            List<ErrorDetail> problems = validator.validate(tree);
            if (!problems.isEmpty()) {
                log.warn(
                        "coach-profiles {}: skipped: {} {}",
                        where,
                        problems.get(0).field(),
                        problems.get(0).problem());
                return false;
            }
            CoachProfile p = Json.convert(tree, CoachProfile.class);
            if (r.key() != null && !r.key().equals(p.id())) {
                log.warn(
                        "coach-profiles {}: key '{}' differs from the profile's id '{}'; using the id",
                        where,
                        r.key(),
                        p.id());
            }
            changes.remove(p.id());
            changes.put(p.id(), p);
            return true;
        } catch (RuntimeException e) {
            log.warn("coach-profiles {}: skipped: {}", where, e.getMessage());
            return false;
        }
    }

    public long applied() {
        return applied;
    }

    /**
     * Completes once the feed has read every partition to the end offsets it found at start (at once
     * when the topic is missing or empty); completes exceptionally when the feed stops before that.
     */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isCaughtUp() {
        CompletableFuture<Void> f = caughtUp;
        return f.isDone() && !f.isCompletedExceptionally();
    }

    public State state() {
        return state;
    }

    public int restarts() {
        return restarts;
    }

    /**
     * Waits for {@link #caughtUp()}, logging progress every {@code progressInterval} and a warning
     * once {@code timeout} has passed; it keeps waiting after that. Returns false when the feed stopped
     * first (the application is shutting down) or the thread was interrupted.
     */
    public boolean awaitCaughtUp(Duration timeout, Duration progressInterval) {
        long t0 = System.nanoTime();
        boolean warned = false;
        while (true) {
            long waited = System.nanoTime() - t0;
            long step = progressInterval.toNanos();
            if (!warned) {
                step = Math.max(1, Math.min(step, timeout.toNanos() - waited));
            }
            try {
                caughtUp.get(step, TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9);
                String error = lastError == null ? "" : ", last error: " + lastError;
                if (!warned && System.nanoTime() - t0 >= timeout.toNanos()) {
                    warned = true;
                    log.warn(
                            "The coach-profiles feed has not caught up on topic {} within {} s (feed {}, {} applied, "
                                    + "{} records behind, {} restarts{}); the request listener stays stopped and /health DOWN "
                                    + "until it does",
                            topic,
                            seconds,
                            state.label(),
                            applied,
                            lagText(),
                            restarts,
                            error);
                } else {
                    log.info(
                            "Waiting for the coach-profiles feed to catch up on topic {}: {} s, feed {}, {} applied, "
                                    + "{} records behind, {} restarts{}",
                            topic,
                            seconds,
                            state.label(),
                            applied,
                            lagText(),
                            restarts,
                            error);
                }
            } catch (ExecutionException | CancellationException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private String lagText() {
        long l = lag;
        return l < 0 ? "unknown" : Long.toString(l);
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            stopSignal.countDown();
            caughtUp.completeExceptionally(
                    new CancellationException("the coach-profiles feed stopped before it caught up"));
            t = thread;
        }
        Consumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The feed's section of {@code /health}. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        State s = state;
        out.put("topic", topic);
        out.put("status", s.label());
        out.put("caught_up", isCaughtUp());
        out.put("applied", applied);
        long l = lag;
        if (l >= 0) {
            out.put("lag", l);
        }
        out.put("restarts", restarts);
        if (lastError != null) {
            out.put("last_error", lastError);
            out.put("last_error_at", String.valueOf(lastErrorAt));
        }
        if (!isCaughtUp()) {
            out.put("warning", "catching_up_listener_not_started");
        } else if (s == State.RESTARTING) {
            out.put("warning", "feed_restarting_catalog_not_updated");
        } else if (s == State.STOPPED && running) {
            out.put("warning", "feed_stopped_catalog_not_updated");
        }
        return out;
    }

    /** The pause before restart number {@code failures} in a row: doubling from {@code initial}, at most {@code max}. */
    static long backoffMillis(int failures, Duration initial, Duration max) {
        long delay = initial.toMillis();
        for (int i = 1; i < failures && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        return Math.min(delay, max.toMillis());
    }

    private static String oneLine(Throwable e) {
        StringBuilder b =
                new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            b.append(" (caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage())
                    .append(')');
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    private static String describeOffsets(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> byPartition = new TreeMap<>();
        offsets.forEach((tp, o) -> byPartition.put(tp.partition(), o));
        return byPartition.toString();
    }
}
