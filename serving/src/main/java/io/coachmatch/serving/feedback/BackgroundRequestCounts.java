package io.coachmatch.serving.feedback;

import io.coachmatch.core.experiments.VariantCounts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts answered requests off the answering thread: {@link #request} only offers the count to a bounded queue
 * (never waits; a full queue drops the count, counted in {@code coachmatch_experiments_counting_dropped_total}), and
 * one background thread sends the queued counts to the store. A circuit breaker (Resilience4j) stops calling a slow
 * or absent store: while it is open the thread waits, keeping the queue, and retries when it half-opens, so counts
 * made during an outage arrive when the store returns (as long as they fit the queue). A retried count is never
 * counted twice: the store counts a request once per request id ({@link RedisCountStore}).
 *
 * <p>Feedback and counts go to the store directly. The link of a request whose count is still queued is answered
 * from the queue, so feedback that overtakes its request's count on this instance is still attributed.
 */
public final class BackgroundRequestCounts implements CountStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BackgroundRequestCounts.class);

    private record Pending(String experiment, String variant, String unit, String requestId) {}

    private final CountStore store;
    private final BlockingQueue<Pending> queue;
    private final Map<String, Link> pending = new ConcurrentHashMap<>();
    private final CircuitBreaker breaker;
    private final Counter dropped;
    private final Thread sender;
    private volatile boolean closed;

    /**
     * @param capacity the most counts waiting to be sent
     * @param slowCall a call slower than this counts as a failure for the breaker
     * @param openFor  how long the open breaker keeps the store from being called
     */
    public BackgroundRequestCounts(
            CountStore store, int capacity, Duration slowCall, Duration openFor, MeterRegistry meters) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.breaker = CircuitBreaker.of(
                "experiment-counts",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(3)
                        .failureRateThreshold(50)
                        .slowCallDurationThreshold(slowCall)
                        .slowCallRateThreshold(50)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        this.dropped = Counter.builder("coachmatch.experiments.counting.dropped")
                .description("Experiment request counts dropped because the queue to the counter store was full")
                .register(meters);
        Gauge.builder("coachmatch.experiments.counting.queued", queue, BlockingQueue::size)
                .description("Experiment request counts waiting to be sent to the counter store")
                .register(meters);
        Gauge.builder(
                        "coachmatch.experiments.counting.breaker.open",
                        breaker,
                        b -> b.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the circuit breaker keeps experiment counting away from the counter store")
                .register(meters);
        this.sender = new Thread(this::send, "experiment-counts");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues the count; never blocks. */
    @Override
    public void request(String experiment, String variant, String unit, String requestId) {
        Link link = new Link(experiment, variant);
        pending.put(requestId, link);
        if (!queue.offer(new Pending(experiment, variant, unit, requestId))) {
            pending.remove(requestId, link);
            dropped.increment();
        }
    }

    private void send() {
        Pending next = null;
        while (!closed || next != null || !queue.isEmpty()) {
            try {
                if (next == null) {
                    next = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (next == null) {
                        continue;
                    }
                }
                if (!breaker.tryAcquirePermission()) {
                    if (closed) {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                    continue;
                }
                long start = System.nanoTime();
                try {
                    store.request(next.experiment(), next.variant(), next.unit(), next.requestId());
                    breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    pending.remove(next.requestId());
                    next = null;
                } catch (RuntimeException e) {
                    breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                    log.debug("Counting request {} failed, retrying: {}", next.requestId(), e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int left = queue.size() + (next == null ? 0 : 1);
        if (left > 0) {
            log.warn("{} experiment request counts not sent at shutdown", left);
        }
    }

    /** Whether the breaker currently lets counts reach the store. */
    public boolean storeReachable() {
        return breaker.getState() == CircuitBreaker.State.CLOSED;
    }

    @Override
    public boolean feedback(String eventId, Link link, VariantCounts delta, String firstKey, VariantCounts firstDelta) {
        return store.feedback(eventId, link, delta, firstKey, firstDelta);
    }

    @Override
    public Optional<Link> link(String requestId) {
        Link queued = pending.get(requestId);
        return queued != null ? Optional.of(queued) : store.link(requestId);
    }

    @Override
    public Map<String, VariantCounts> counts(String experiment) {
        return store.counts(experiment);
    }

    @Override
    public void stopped(String experiment) {
        store.stopped(experiment);
    }

    @Override
    public void started(String experiment) {
        store.started(experiment);
    }

    @Override
    public String mode() {
        return store.mode();
    }

    /** Sends what is queued for up to five seconds, then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
