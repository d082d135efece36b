package io.coachmatch.serving.matching;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.ErrorSource;
import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import io.coachmatch.core.validation.ParseResult;
import io.coachmatch.core.validation.RequestParser;
import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CatalogSnapshot;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.models.ModelService;
import io.coachmatch.serving.stats.ServingStats;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers one request, whichever way it came in: the cached answer of its request_id if there is
 * one, otherwise a match against the current catalog and model, stored for duplicates. Never
 * throws: bad input and failures that outlast the retries become {@link Answer.Error}s.
 */
public class MatchingService {

    public static final String CACHE_UNAVAILABLE = "cache_unavailable";
    public static final String MODEL_UNAVAILABLE = "model_unavailable_rules_only";
    /** The answer would not fit in one Kafka record, so only the best matches that fit were kept. */
    public static final String ANSWER_TRIMMED = "answer_trimmed";

    private static final Logger log = LoggerFactory.getLogger(MatchingService.class);
    private static final long WARM_UP_SEED = 20_261_128L;

    private final MatchingEngine engine;
    private final RequestParser parser;
    private final CoachCatalog catalog;
    private final ModelService models;
    private final ServingCache cache;
    private final ServingStats stats;
    private final int maxAttempts;
    private final long backoffMs;
    private final int maxAnswerBytes;
    private final Clock clock;
    private final AnswerHooks hooks;

    /**
     * @param hooks          which model answers a request, and what follows an answer (experiments)
     * @param maxAnswerBytes the largest answer (JSON bytes) that may be sent; a larger one keeps only the best
     *                       matches that fit, with the warning {@value #ANSWER_TRIMMED}
     */
    public MatchingService(
            MatchingEngine engine,
            RequestParser parser,
            CoachCatalog catalog,
            ModelService models,
            ServingCache cache,
            ServingStats stats,
            AnswerHooks hooks,
            int maxAttempts,
            long backoffMs,
            int maxAnswerBytes,
            Clock clock) {
        this.engine = engine;
        this.parser = parser;
        this.catalog = catalog;
        this.models = models;
        this.cache = cache;
        this.stats = stats;
        this.hooks = hooks;
        this.maxAttempts = maxAttempts;
        this.backoffMs = backoffMs;
        this.maxAnswerBytes = maxAnswerBytes;
        this.clock = clock;
    }

    /**
     * Where the answer of a request is cached: each channel has its own namespace, and the key binds the request_id
     * to a digest of the whole request, so a caller can neither read another request's answer by guessing its id nor
     * decide what a later request with that id gets. A redelivered or resent request (same channel, same content)
     * still finds its answer.
     */
    public static String resultKey(Channel channel, MatchingRequest request) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        byte[] digest = sha.digest(Json.bytes(request));
        return channel.label() + ":" + request.requestId() + ":"
                + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    });

    /** Reads untrusted bytes and answers them, using the cache; never throws. */
    public Answer answer(byte[] payload, ErrorSource source, Channel channel) {
        return answer(payload, source, channel, true);
    }

    /**
     * Reads untrusted bytes (a Kafka record: the request_id is required) and answers them; never throws.
     *
     * @param useCache false to neither read nor store the cache (the batch has spent its time budget for it)
     */
    public Answer answer(byte[] payload, ErrorSource source, Channel channel, boolean useCache) {
        long t0 = System.nanoTime();
        try {
            ParseResult parsed = parser.parse(payload, true);
            if (parsed instanceof ParseResult.Rejected r) {
                return rejected(r.error().withSource(source), channel, t0);
            }
            return answer(((ParseResult.Parsed) parsed).request(), source, channel, useCache, t0);
        } catch (RuntimeException e) {
            log.error("Answering the record at {} failed unexpectedly", source, e);
            return error(null, ErrorCode.INTERNAL_ERROR, "the request could not be answered", source, channel, t0);
        }
    }

    /** Reads the body of {@code POST /api/match}, where the request_id is optional (one is assigned); never throws. */
    public Answer answerRest(byte[] body) {
        long t0 = System.nanoTime();
        try {
            ParseResult parsed = parser.parse(body, false);
            if (parsed instanceof ParseResult.Rejected r) {
                return rejected(r.error(), Channel.REST, t0);
            }
            MatchingRequest request = ((ParseResult.Parsed) parsed).request();
            if (request.requestId() == null) {
                request = request.withRequestId("rest_" + UUID.randomUUID());
            }
            return answer(request, null, Channel.REST, true, t0);
        } catch (RuntimeException e) {
            log.error("Answering a REST request failed unexpectedly", e);
            return error(null, ErrorCode.INTERNAL_ERROR, "the request could not be answered", null, Channel.REST, t0);
        } finally {
            RequestMdc.clear();
        }
    }

    /**
     * The answer of a record that could not be answered after every attempt: {@code INTERNAL_ERROR}, retryable, with
     * the request_id taken from the record's key when it is a valid one.
     */
    public Answer unanswerable(String key, ErrorSource source, Channel channel, int attempts) {
        String id = key != null && key.matches("[A-Za-z0-9_.:-]{1,128}") ? key : null;
        return error(
                id,
                ErrorCode.INTERNAL_ERROR,
                "the request could not be answered after " + attempts + " attempts",
                source,
                channel,
                System.nanoTime());
    }

    /** Counts a request that was rejected before it reached the service (a body over the size limit). */
    public void recordRejected(Channel channel, MatchingError error, Duration spent) {
        stats.failed(channel.label(), error.errorCode(), spent.toNanos());
    }

    /**
     * What answering a valid request does: a request seen before (same channel, same content) gets the answer it
     * had; otherwise it is matched, with retries, and the first answer stored wins.
     */
    private Answer answer(MatchingRequest request, ErrorSource source, Channel channel, boolean useCache, long t0) {
        MDC.put(RequestMdc.REQUEST_ID, request.requestId());
        String key = resultKey(channel, request);
        ServingCache.Read cached = useCache ? cache.getResult(key) : new ServingCache.Read(false, null);
        MatchingResponse earlier = cached.value() == null ? null : readCached(cached.value(), request.requestId());
        if (earlier != null) {
            stats.cacheHit();
            return answered(request, earlier, cached.value(), true, source, channel, null, t0);
        }
        if (cached.available()) {
            stats.cacheMiss();
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return matchAndStore(request, key, cached.available(), source, channel, t0);
            } catch (RuntimeException e) {
                last = e;
                log.warn(
                        "Matching request {} failed (attempt {} of {}): {}",
                        request.requestId(),
                        attempt,
                        maxAttempts,
                        e.toString());
                if (!backOff(attempt)) {
                    break;
                }
            }
        }
        log.error("Matching request {} failed after {} attempts", request.requestId(), maxAttempts, last);
        return error(
                request.requestId(),
                ErrorCode.INTERNAL_ERROR,
                "matching failed after " + maxAttempts + " attempts: "
                        + (last == null ? "interrupted" : last.getClass().getSimpleName()),
                source,
                channel,
                t0);
    }

    /**
     * Matches a request against the current catalog with the model it is routed to, names its experiment and
     * warnings, fits it in a record, and stores it unless another answer for the same key was stored first.
     */
    private Answer matchAndStore(
            MatchingRequest request, String key, boolean cacheAvailable, ErrorSource source, Channel channel, long t0) {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (snapshot.size() == 0) {
            return error(
                    request.requestId(),
                    ErrorCode.NO_COACHES_AVAILABLE,
                    "the coach catalog is empty",
                    source,
                    channel,
                    t0);
        }
        AnswerHooks.Route route = hooks.route(request, models.current());
        Matched matched = match(request, snapshot, route.model(), t0);
        MatchingResponse response = labelled(matched.response(), route, cacheAvailable);
        byte[] json = Json.bytes(response);
        if (json.length > maxAnswerBytes) {
            response = trimmed(response, json.length);
            json = Json.bytes(response);
        }
        if (cacheAvailable) {
            Optional<byte[]> stored = cache.putResultIfAbsent(key, json);
            if (stored.isEmpty()) {
                response = response.withWarnings(List.of(CACHE_UNAVAILABLE));
                json = Json.bytes(response);
            } else if (stored.get() != json) {
                MatchingResponse first = readCached(stored.get(), request.requestId());
                if (first != null) {
                    return answered(request, first, stored.get(), true, source, channel, null, t0);
                }
            }
        }
        List<double[]> features = featuresOf(matched.outcome());
        if (features != null
                && response.matches() != null
                && features.size() > response.matches().size()) {
            features = features.subList(0, response.matches().size());
        }
        return answered(request, response, json, false, source, channel, features, t0);
    }

    /** The response with its experiment and variant, and the warnings of what it was computed without. */
    private static MatchingResponse labelled(
            MatchingResponse response, AnswerHooks.Route route, boolean cacheAvailable) {
        MatchingResponse r = response;
        if (route.experiment() != null) {
            r = r.withExperiment(route.experiment(), route.variant(), r.modelVersion());
        }
        List<String> warnings = new ArrayList<>(2);
        if (route.model() == null && !route.rulesByDesign()) {
            warnings.add(MODEL_UNAVAILABLE);
        }
        if (!cacheAvailable) {
            warnings.add(CACHE_UNAVAILABLE);
        }
        return r.withWarnings(warnings);
    }

    /** Counts the answer and tells the hooks (experiment counting, impression logging). */
    private Answer answered(
            MatchingRequest request,
            MatchingResponse response,
            byte[] json,
            boolean fromCache,
            ErrorSource source,
            Channel channel,
            List<double[]> features,
            long t0) {
        long nanos = System.nanoTime() - t0;
        stats.answered(channel.label(), response.modelVersion() == null ? "unknown" : response.modelVersion(), nanos);
        RequestMdc.answeredBy(response.modelVersion(), response.variant());
        if (log.isDebugEnabled()) {
            log.debug(
                    "Answered request {} over {}: {} of {} matches in {} ms{}",
                    response.requestId(),
                    channel.label(),
                    response.matches().size(),
                    response.totalMatches(),
                    nanos / 1_000_000,
                    fromCache ? " (from the cache)" : "");
        }
        hooks.answered(new AnswerHooks.Answered(request, response, !fromCache, channel, features, partitionOf(source)));
        return new Answer.Response(response, json, fromCache);
    }

    /** Sleeps before the next attempt; false when there is none or the thread was interrupted. */
    private boolean backOff(int attempt) {
        if (attempt >= maxAttempts) {
            return false;
        }
        if (backoffMs > 0) {
            try {
                Thread.sleep(backoffMs << (attempt - 1));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Answer rejected(MatchingError error, Channel channel, long t0) {
        stats.failed(channel.label(), error.errorCode(), System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug(
                    "Refused request {} over {}: {} {}",
                    error.requestId(),
                    channel.label(),
                    error.errorCode(),
                    error.message());
        }
        return new Answer.Error(error, Json.bytes(error));
    }

    /** A cached answer, or null when the entry no longer reads as one (it is then treated as a miss). */
    private static MatchingResponse readCached(byte[] json, String requestId) {
        try {
            return Json.read(json, MatchingResponse.class);
        } catch (RuntimeException e) {
            log.warn(
                    "The cached answer of request {} is unreadable, answering afresh: {}",
                    requestId,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Keeps the best matches whose answer fits in {@link #maxAnswerBytes} (the producer's record limit, less room
     * for the key and headers), with the warning {@value #ANSWER_TRIMMED}.
     */
    private MatchingResponse trimmed(MatchingResponse response, int size) {
        int shown = response.matches().size();
        MatchingResponse r = response.withWarnings(List.of(ANSWER_TRIMMED));
        int keep = shown;
        while (size > maxAnswerBytes && keep > 0) {
            // matches are of similar size: aim below the limit, then step down until it fits
            keep = Math.min(keep - 1, (int) (keep * 0.95 * maxAnswerBytes / size));
            keep = Math.max(keep, 0);
            size = Json.bytes(r.withFirstMatches(keep)).length;
        }
        log.warn(
                "The answer of request {} was {} matches over {} bytes: kept the best {} that fit",
                response.requestId(),
                shown,
                maxAnswerBytes,
                keep);
        return r.withFirstMatches(keep);
    }

    /**
     * Matches synthetic requests against the current catalog for about {@code budget} on {@code threads} threads,
     * so that the JIT has compiled the answering path (parsing, matching, explaining, writing, the hooks' logging)
     * before real requests arrive. Leaves no trace: no cache entry, no statistics, nothing sent.
     *
     * @return how many requests were answered
     */
    public int warmUp(Duration budget, int threads) {
        CatalogSnapshot snapshot = catalog.snapshot();
        if (budget.isZero() || snapshot.size() == 0) {
            return 0;
        }
        List<byte[]> payloads = SyntheticCatalog.requests(WARM_UP_SEED, 512, clock.instant()).stream()
                .map(Json::bytes)
                .toList();
        long deadline = System.nanoTime() + budget.toNanos();
        AtomicInteger done = new AtomicInteger();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int first = t * 101;
            Thread worker = new Thread(
                    () -> {
                        try {
                            for (int i = first; System.nanoTime() < deadline; i++) {
                                if (parser.parse(payloads.get(i % payloads.size()), true)
                                        instanceof ParseResult.Parsed p) {
                                    MatchingRequest request = p.request();
                                    ModelScorer model = hooks.route(request, models.current())
                                            .model();
                                    Matched m = match(request, snapshot, model, System.nanoTime());
                                    Json.bytes(m.response());
                                    hooks.warmUp(new AnswerHooks.Answered(
                                            request,
                                            m.response(),
                                            true,
                                            Channel.WARM_UP,
                                            featuresOf(m.outcome()),
                                            null));
                                }
                                done.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            log.warn("Warm-up stopped early: {}", e.toString());
                        }
                    },
                    "warm-up-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return done.get();
    }

    /** What matching a request produced, before experiment names and warnings are added. */
    private record Matched(MatchOutcome outcome, MatchingResponse response) {}

    private Matched match(MatchingRequest request, CatalogSnapshot snapshot, ModelScorer model, long t0) {
        MatchQuery query = engine.compile(request);
        MatchOutcome outcome = snapshot.match(engine, query, model);
        return new Matched(outcome, engine.toResponse(query, outcome, model, t0));
    }

    private static Integer partitionOf(ErrorSource source) {
        return source == null ? null : source.partition();
    }

    /** The feature vectors the model scored for the kept coaches, in ranking order; null unless all were recorded. */
    private static List<double[]> featuresOf(MatchOutcome outcome) {
        List<double[]> out = new ArrayList<>(outcome.top().size());
        for (ScoredCoach c : outcome.top()) {
            if (c.features() == null) {
                return null;
            }
            out.add(c.features());
        }
        return out;
    }

    private Answer error(String id, ErrorCode code, String message, ErrorSource source, Channel channel, long t0) {
        MatchingError e = new MatchingError(id, code, message, List.of(), code.retryable(), clock.instant(), source);
        return rejected(e, channel, t0);
    }
}
