package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.ErrorSource;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.RequestParser;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.cache.LocalServingCache;
import io.coachmatch.serving.cache.Redis;
import io.coachmatch.serving.cache.RedisServingCache;
import io.coachmatch.serving.cache.ServingCache;
import io.coachmatch.serving.catalog.CatalogSettings;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.models.ModelService;
import io.coachmatch.serving.models.ModelSettings;
import io.coachmatch.serving.models.ModelSource;
import io.coachmatch.serving.stats.ServingStats;
import io.coachmatch.serving.support.TestCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingServiceTests {

    private static final String SEED = """
            {"request_id":"%s","session_type":"group",
             "skills_required":[{"name":"React","level":"expert","mandatory":true}],
             "budget_constraints":{"max_hourly_rate":150,"currency":"USD"},
             "availability_requirements":{"days_of_week":[1,2,3],"time_slots":["09:00-17:00"],"timezone":"UTC-8"},
             "participants_count":5}
            """;

    @TempDir
    Path registry;

    /** A model that fails its first {@code failures} requests, then scores 0.5. */
    static final class FlakyModel implements ModelSource, ModelScorer {
        final AtomicInteger failuresLeft;

        FlakyModel(int failures) {
            failuresLeft = new AtomicInteger(failures);
        }

        public String version() {
            return "v0042";
        }

        public double blendWeight() {
            return 0.2;
        }

        public RequestScorer forRequest(MatchQuery q, CatalogIndex c) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("transient failure");
            }
            return (i, r) -> 0.5;
        }

        public List<String> versions() {
            return List.of("v0042");
        }

        public Map<String, String> aliases() {
            return Map.of("production", "v0042");
        }

        public Optional<String> resolve(String a) {
            return Optional.of("v0042");
        }

        public ModelScorer load(String v) {
            return this;
        }
    }

    private MatchingService service(ModelSource model, boolean withCoaches, ServingCache cache) {
        return service(model, withCoaches, cache, 1 << 20);
    }

    private MatchingService service(ModelSource model, boolean withCoaches, ServingCache cache, int maxAnswerBytes) {
        CoachCatalog catalog = new CoachCatalog(
                new CatalogSettings("x", null, Duration.ofMinutes(30), 100, Duration.ofSeconds(1)),
                CurrencyRates.defaults());
        if (withCoaches) {
            catalog.replaceAll(TestCatalog.coaches(), "test");
        }
        ModelService models = new ModelService(
                new ModelSettings(registry.toString(), "production", Duration.ofSeconds(1)), dir -> model);
        models.reload();
        return new MatchingService(
                new MatchingEngine(MatchingSettings.defaults()),
                new RequestParser(ValidationLimits.defaults(), CurrencyRates.defaults()),
                catalog,
                models,
                cache,
                new ServingStats(new SimpleMeterRegistry(), cache),
                AnswerHooks.NONE,
                3,
                1,
                maxAnswerBytes,
                Clock.systemUTC());
    }

    private static LocalServingCache cache() {
        return new LocalServingCache(Duration.ofHours(1), Duration.ofHours(1), 100);
    }

    private static byte[] seed(String id) {
        return SEED.formatted(id).getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Failures {

        @Test
        void aTransientFailureIsRetriedAndAnswered() {
            FlakyModel model = new FlakyModel(2);
            Answer a = service(model, true, cache()).answer(seed("t1"), null, Channel.KAFKA);
            assertThat(a).isInstanceOf(Answer.Response.class);
            assertThat(((Answer.Response) a).response().modelVersion()).isEqualTo("v0042");
        }

        @Test
        void aFailureThatOutlastsTheRetriesIsAnsweredWithInternalError() {
            Answer a = service(new FlakyModel(3), true, cache())
                    .answer(seed("t2"), new ErrorSource("matching-requests", 1, 7L), Channel.KAFKA);
            assertThat(a).isInstanceOf(Answer.Error.class);
            var e = ((Answer.Error) a).error();
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(e.retryable()).isTrue();
            assertThat(e.requestId()).isEqualTo("t2");
            assertThat(e.source()).isEqualTo(new ErrorSource("matching-requests", 1, 7L));
        }

        @Test
        void anEmptyCatalogIsAnsweredWithNoCoachesAvailable() {
            Answer a = service(new FlakyModel(0), false, cache()).answer(seed("t3"), null, Channel.KAFKA);
            assertThat(((Answer.Error) a).error().errorCode()).isEqualTo(ErrorCode.NO_COACHES_AVAILABLE);
        }
    }

    @Nested
    class Warnings {

        @Test
        void noModelMeansRulesOnlyWithAWarning() throws Exception {
            Files.deleteIfExists(registry);
            Answer a = service(new FlakyModel(0), true, cache()).answer(seed("w1"), null, Channel.KAFKA);
            var r = ((Answer.Response) a).response();
            assertThat(r.modelVersion()).isEqualTo(MatchingEngine.RULES_ONLY);
            assertThat(r.warnings()).containsExactly(MatchingService.MODEL_UNAVAILABLE);
        }

        @Test
        void anUnreachableRedisIsNamedInTheAnswer() throws Exception {
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try (Redis redis = new Redis("127.0.0.1", port, Duration.ofMillis(100));
                    ServingCache down = new RedisServingCache(redis, Duration.ofHours(1), Duration.ofHours(1))) {
                Answer a = service(new FlakyModel(0), true, down).answer(seed("w2"), null, Channel.KAFKA);
                assertThat(((Answer.Response) a).response().warnings()).contains(MatchingService.CACHE_UNAVAILABLE);
                assertThat(down.available()).isFalse();
            }
        }
    }

    @Test
    void aDuplicateRequestIdGetsTheIdenticalBytes() {
        MatchingService s = service(new FlakyModel(0), true, cache());
        Answer first = s.answer(seed("d1"), null, Channel.KAFKA);
        Answer second = s.answer(seed("d1"), null, Channel.KAFKA);
        assertThat(((Answer.Response) second).fromCache()).isTrue();
        assertThat(second.json()).isEqualTo(first.json());
        assertThat(Json.tree(second.json()).path("request_id").asString()).isEqualTo("d1");
    }

    @Test
    void warmingUpMatchesSyntheticRequestsWithoutLeavingATrace() {
        CoachCatalog catalog = new CoachCatalog(
                new CatalogSettings("x", null, Duration.ofMinutes(30), 100, Duration.ofSeconds(1)),
                CurrencyRates.defaults());
        catalog.replaceAll(TestCatalog.coaches(), "test");
        ModelService models = new ModelService(
                new ModelSettings(registry.toString(), "production", Duration.ofSeconds(1)), dir -> new FlakyModel(0));
        models.reload();
        LocalServingCache cache = cache();
        ServingStats stats = new ServingStats(new SimpleMeterRegistry(), cache);
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger warmed = new AtomicInteger();
        List<String> warmedIds = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AnswerHooks hooks = new AnswerHooks() {
            public Route route(io.coachmatch.core.contract.MatchingRequest r, ModelScorer production) {
                return Route.production(production);
            }

            public void answered(Answered a) {
                answered.incrementAndGet();
            }

            public void warmUp(Answered a) {
                assertThat(a.response().modelVersion()).isEqualTo("v0042");
                warmed.incrementAndGet();
                warmedIds.add(a.request().requestId());
            }
        };
        MatchingService s = new MatchingService(
                new MatchingEngine(MatchingSettings.defaults()),
                new RequestParser(ValidationLimits.defaults(), CurrencyRates.defaults()),
                catalog,
                models,
                cache,
                stats,
                hooks,
                3,
                1,
                1 << 20,
                Clock.systemUTC());

        int n = s.warmUp(Duration.ofMillis(300), 2);

        assertThat(n).isPositive().isEqualTo(warmed.get());
        assertThat(answered).hasValue(0);
        assertThat(stats.local().values()).allMatch(v -> v == 0L);
        assertThat(warmedIds).isNotEmpty();
        assertThat(cache.putResultIfAbsent("probe", new byte[] {1})).hasValue(new byte[] {1});
        // and the service answers normally afterwards
        assertThat(s.answer(seed("after-warm-up"), null, Channel.KAFKA)).isInstanceOf(Answer.Response.class);
        assertThat(answered).hasValue(1);
    }

    @Nested
    class CachedAnswersAreBoundToTheirRequest {

        private static final String OTHER = """
                {"request_id":"%s","session_type":"individual","skills_required":[{"name":"Python"}],
                 "availability_requirements":{"flexibility":1.0}}
                """;

        private static byte[] other(String id) {
            return OTHER.formatted(id).getBytes(StandardCharsets.UTF_8);
        }

        private static String skillOf(Answer a) {
            return ((Answer.Response) a)
                    .response().matches().stream()
                            .findFirst()
                            .map(m -> String.join(",", m.matchingSkills()))
                            .orElse("");
        }

        @Test
        void aRestCallerCannotReadTheAnswerOfAKafkaRequestByItsId() {
            MatchingService s = service(new FlakyModel(0), true, cache());
            Answer kafka = s.answer(seed("victim-1"), null, Channel.KAFKA);
            Answer rest = s.answer(other("victim-1"), null, Channel.REST);
            assertThat(((Answer.Response) rest).fromCache()).isFalse();
            assertThat(rest.json()).isNotEqualTo(kafka.json());
            assertThat(skillOf(kafka)).isEqualTo("React");
            assertThat(skillOf(rest)).isEqualTo("Python");
        }

        @Test
        void aRestCallerCannotDecideWhatALaterKafkaRequestGets() {
            MatchingService s = service(new FlakyModel(0), true, cache());
            Answer planted = s.answer(other("victim-2"), null, Channel.REST);
            Answer kafka = s.answer(seed("victim-2"), null, Channel.KAFKA);
            assertThat(((Answer.Response) kafka).fromCache()).isFalse();
            assertThat(skillOf(kafka)).isEqualTo("React");
            assertThat(kafka.json()).isNotEqualTo(planted.json());
        }

        @Test
        void theSameContentOnTheSameChannelIsAnsweredFromTheCache() {
            MatchingService s = service(new FlakyModel(0), true, cache());
            Answer first = s.answer(seed("again-1"), null, Channel.REST);
            Answer second = s.answer(seed("again-1"), null, Channel.REST);
            assertThat(((Answer.Response) second).fromCache()).isTrue();
            assertThat(second.json()).isEqualTo(first.json());
        }

        @Test
        void anotherContentUnderAKnownIdIsAnsweredAfresh() {
            MatchingService s = service(new FlakyModel(0), true, cache());
            s.answer(seed("again-2"), null, Channel.KAFKA);
            Answer changed = s.answer(other("again-2"), null, Channel.KAFKA);
            assertThat(((Answer.Response) changed).fromCache()).isFalse();
            assertThat(skillOf(changed)).isEqualTo("Python");
        }

        @Test
        void anUnreadableCacheEntryIsAMiss() {
            LocalServingCache cache = cache();
            MatchingService s = service(new FlakyModel(0), true, cache);
            var request = Json.read(seed("garbled-1"), io.coachmatch.core.contract.MatchingRequest.class);
            cache.putResultIfAbsent(MatchingService.resultKey(Channel.KAFKA, request), "{not an answer".getBytes());

            Answer a = s.answer(seed("garbled-1"), null, Channel.KAFKA);

            assertThat(a).isInstanceOf(Answer.Response.class);
            assertThat(((Answer.Response) a).response().requestId()).isEqualTo("garbled-1");
            assertThat(((Answer.Response) a).response().matches()).isNotEmpty();
        }
    }

    @Nested
    class AnswersThatWouldNotFitInARecord {

        @Test
        void keepTheBestMatchesThatFitWithAWarning() {
            String wide = """
                    {"request_id":"%s","session_type":"individual","skills_required":[{"name":"React"}],
                     "availability_requirements":{"flexibility":1.0},"max_results":100}
                    """;
            Answer full = service(new FlakyModel(0), true, cache())
                    .answer(wide.formatted("wide-1").getBytes(StandardCharsets.UTF_8), null, Channel.KAFKA);
            int fullSize = full.json().length;
            int limit = fullSize / 3;
            Answer trimmed = service(new FlakyModel(0), true, cache(), limit)
                    .answer(wide.formatted("wide-1").getBytes(StandardCharsets.UTF_8), null, Channel.KAFKA);

            var all = ((Answer.Response) full).response();
            var kept = ((Answer.Response) trimmed).response();
            assertThat(all.matches()).hasSizeGreaterThan(3);
            assertThat(trimmed.json().length).isLessThanOrEqualTo(limit);
            assertThat(kept.warnings()).contains(MatchingService.ANSWER_TRIMMED);
            assertThat(kept.matches())
                    .isNotEmpty()
                    .hasSizeLessThan(all.matches().size());
            assertThat(kept.matches())
                    .extracting(m -> m.coach().id())
                    .containsExactlyElementsOf(
                            all.matches().subList(0, kept.matches().size()).stream()
                                    .map(m -> m.coach().id())
                                    .toList());
            assertThat(kept.totalMatches()).isEqualTo(all.totalMatches());
        }

        @Test
        void thatFitAreLeftAlone() {
            Answer a = service(new FlakyModel(0), true, cache(), 1 << 20).answer(seed("narrow-1"), null, Channel.KAFKA);
            assertThat(((Answer.Response) a).response().warnings()).doesNotContain(MatchingService.ANSWER_TRIMMED);
        }
    }

    @Test
    void aZeroWarmUpDoesNothing() {
        assertThat(service(new FlakyModel(0), true, cache()).warmUp(Duration.ZERO, 2))
                .isZero();
    }
}
