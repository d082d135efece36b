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
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private volatile AnswerHooks hooks = AnswerHooks.NONE;

    /**
     * @param maxAnswerBytes the largest answer (JSON bytes) that may be sent; a larger one keeps only the best
     *                       matches that fit, with the warning {@value #ANSWER_TRIMMED}
     */
    public MatchingService(MatchingEngine engine, RequestParser parser, CoachCatalog catalog, ModelService models,
            ServingCache cache, ServingStats stats, int maxAttempts, long backoffMs, int maxAnswerBytes, Clock clock) {
        this.engine = engine;
        this.parser = parser;
        this.catalog = catalog;
        this.models = models;
        this.cache = cache;
        this.stats = stats;
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
    public static String resultKey(String channel, MatchingRequest request) {
        MessageDigest sha = SHA256.get();
        sha.reset();
        byte[] digest = sha.digest(Json.bytes(request));
        return channel + ":" + request.requestId() + ":" + HexFormat.of().formatHex(digest, 0, 16);
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    });

    /** Installs the experiment routing and after-answer hooks. */
    public void setHooks(AnswerHooks hooks) {
        this.hooks = hooks == null ? AnswerHooks.NONE : hooks;
    }

    /** Reads untrusted bytes (the Kafka path) and answers them. */
    public Answer answer(byte[] payload, ErrorSource source, String channel) {
        return answer(payload, source, channel, true);
    }

    /**
     * Reads untrusted bytes (the Kafka path) and answers them; never throws.
     *
     * @param useCache false to neither read nor store the cache (the batch has spent its time budget for it)
     */
    public Answer answer(byte[] payload, ErrorSource source, String channel, boolean useCache) {
        long t0 = System.nanoTime();
        try {
            ParseResult parsed = parser.parse(payload, true);
            if (parsed instanceof ParseResult.Rejected r) {
                MatchingError e = r.error().withSource(source);
                stats.failed(channel, e.errorCode(), System.nanoTime() - t0);
                return new Answer.Error(e, Json.bytes(e));
            }
            return answer(((ParseResult.Parsed) parsed).request(), source, channel, t0, useCache);
        } catch (RuntimeException e) {
            log.error("Answering the record at {} failed unexpectedly", source, e);
            return error(null, ErrorCode.INTERNAL_ERROR, "the request could not be answered", source, channel, t0);
        }
    }

    /**
     * The answer of a record that could not be answered after every attempt: {@code INTERNAL_ERROR}, retryable, with
     * the request_id taken from the record's key when it is a valid one.
     */
    public Answer unanswerable(String key, ErrorSource source, String channel, int attempts) {
        String id = key != null && key.matches("[A-Za-z0-9_.:-]{1,128}") ? key : null;
        return error(id, ErrorCode.INTERNAL_ERROR, "the request could not be answered after " + attempts
                + " attempts", source, channel, System.nanoTime());
    }

    /** Parses for the REST endpoint, where the request_id may be absent. */
    public ParseResult parseRest(byte[] payload) {
        return parser.parse(payload, false);
    }

    /** Counts a request the REST endpoint rejected before answering it. */
    public void recordRejected(String channel, MatchingError error, long t0) {
        stats.failed(channel, error.errorCode(), System.nanoTime() - t0);
    }

    /** Answers a validated request. */
    public Answer answer(MatchingRequest request, ErrorSource source, String channel, long t0) {
        return answer(request, source, channel, t0, true);
    }

    private Answer answer(MatchingRequest request, ErrorSource source, String channel, long t0, boolean useCache) {
        String id = request.requestId();
        String key = resultKey(channel, request);
        ServingCache.Read cached = useCache ? cache.getResult(key) : new ServingCache.Read(false, null);
        MatchingResponse hit = cached.value() == null ? null : readCached(cached.value(), id);
        if (hit != null) {
            stats.cacheHit();
            stats.answered(channel, hit.modelVersion() == null ? "unknown" : hit.modelVersion(),
                    System.nanoTime() - t0);
            hooks.answered(new AnswerHooks.Answered(request, hit, false, channel, null, partitionOf(source)));
            return new Answer.Response(hit, cached.value(), true);
        }
        if (cached.available()) {
            stats.cacheMiss();
        }
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                CatalogSnapshot snapshot = catalog.snapshot();
                if (snapshot.size() == 0) {
                    return error(id, ErrorCode.NO_COACHES_AVAILABLE, "the coach catalog is empty", source, channel, t0);
                }
                return compute(request, key, snapshot, cached.available(), channel, source, t0);
            } catch (RuntimeException e) {
                last = e;
                log.warn("Matching request {} failed (attempt {} of {}): {}", id, attempt, maxAttempts, e.toString());
                if (attempt < maxAttempts && backoffMs > 0) {
                    try {
                        Thread.sleep(backoffMs << (attempt - 1));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        log.error("Matching request {} failed after {} attempts", id, maxAttempts, last);
        return error(id, ErrorCode.INTERNAL_ERROR, "matching failed after " + maxAttempts + " attempts: "
                + (last == null ? "interrupted" : last.getClass().getSimpleName()), source, channel, t0);
    }

    /** A cached answer, or null when the entry no longer reads as one (it is then treated as a miss). */
    private static MatchingResponse readCached(byte[] json, String requestId) {
        try {
            return Json.read(json, MatchingResponse.class);
        } catch (RuntimeException e) {
            log.warn("The cached answer of request {} is unreadable, answering afresh: {}", requestId,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private Answer compute(MatchingRequest request, String key, CatalogSnapshot snapshot, boolean cacheAvailable,
            String channel, ErrorSource source, long t0) {
        AnswerHooks.Route route = hooks.route(request, models.current());
        ModelScorer model = route.model();
        Matched matched = match(request, snapshot, model, t0);
        MatchOutcome outcome = matched.outcome();
        MatchingResponse response = matched.response();
        if (route.experiment() != null) {
            response = response.withExperiment(route.experiment(), route.variant(), response.modelVersion());
        }
        List<String> warnings = new ArrayList<>(2);
        if (model == null && !route.rulesByDesign()) {
            warnings.add(MODEL_UNAVAILABLE);
        }
        if (!cacheAvailable) {
            warnings.add(CACHE_UNAVAILABLE);
        }
        response = response.withWarnings(warnings);
        byte[] json = Json.bytes(response);
        if (json.length > maxAnswerBytes) {
            response = trimmed(response, json.length);
            json = Json.bytes(response);
        }
        boolean fromCache = false;
        if (cacheAvailable) {
            Optional<byte[]> stored = cache.putResultIfAbsent(key, json);
            MatchingResponse earlier = stored.isEmpty() || stored.get() == json ? null
                    : readCached(stored.get(), request.requestId());
            if (stored.isEmpty()) {
                response = response.withWarnings(List.of(CACHE_UNAVAILABLE));
                json = Json.bytes(response);
            } else if (earlier != null) {
                json = stored.get();
                response = earlier;
                fromCache = true;
            }
        }
        stats.answered(channel, response.modelVersion(), System.nanoTime() - t0);
        List<double[]> features = fromCache ? null : featuresOf(outcome);
        if (features != null && response.matches() != null && features.size() > response.matches().size()) {
            features = features.subList(0, response.matches().size());
        }
        hooks.answered(new AnswerHooks.Answered(request, response, !fromCache, channel, features,
                partitionOf(source)));
        return new Answer.Response(response, json, fromCache);
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
        log.warn("The answer of request {} was {} matches over {} bytes: kept the best {} that fit", response.requestId(),
                shown, maxAnswerBytes, keep);
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
                .map(Json::bytes).toList();
        long deadline = System.nanoTime() + budget.toNanos();
        AtomicInteger done = new AtomicInteger();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int first = t * 101;
            Thread worker = new Thread(() -> {
                try {
                    for (int i = first; System.nanoTime() < deadline; i++) {
                        if (parser.parse(payloads.get(i % payloads.size()), true) instanceof ParseResult.Parsed p) {
                            MatchingRequest request = p.request();
                            ModelScorer model = hooks.route(request, models.current()).model();
                            Matched m = match(request, snapshot, model, System.nanoTime());
                            Json.bytes(m.response());
                            hooks.warmUp(new AnswerHooks.Answered(request, m.response(), true, "warm-up",
                                    featuresOf(m.outcome()), null));
                        }
                        done.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    log.warn("Warm-up stopped early: {}", e.toString());
                }
            }, "warm-up-" + t);
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
    private record Matched(MatchOutcome outcome, MatchingResponse response) {
    }

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

    private Answer error(String id, ErrorCode code, String message, ErrorSource source, String channel, long t0) {
        MatchingError e = new MatchingError(id, code, message, List.of(), code.retryable(), clock.instant(), source);
        stats.failed(channel, code, System.nanoTime() - t0);
        return new Answer.Error(e, Json.bytes(e));
    }
}
