package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.serving.cache.RedisStrings;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances sharing experiments through a real redis-server (its database 3, apart from the running
 * service's), each with its own models directory, through Redis outages.
 */
class ExperimentStoreIntegrationTests extends ServingIntegrationTest {

    private static final int DATABASE = 3;
    private static final byte[] BODY = """
            {"salt":"store-salt","variants":[{"name":"control","model":"rules","share":0.5},
             {"name":"treatment","model":"rules","share":0.5}]}""".getBytes(StandardCharsets.UTF_8);

    @TempDir
    private Path dir;

    private final List<RedisStrings> connections = new ArrayList<>();

    private RedisStrings redis() {
        RedisStrings r = new RedisStrings("127.0.0.1", TestInfrastructure.redisPort(), DATABASE, Duration.ofSeconds(1));
        connections.add(r);
        return r;
    }

    private ExperimentStore.RedisStore store(String instance) {
        return new ExperimentStore.RedisStore(redis(), dir.resolve(instance).resolve(ExperimentsFile.FILE_NAME));
    }

    private static Experiments instance(ExperimentStore store) {
        return new Experiments(
                store,
                new VariantModels(null, null) {
                    @Override
                    public boolean known(String model) {
                        return true;
                    }

                    @Override
                    public Resolved resolve(String model) {
                        return new Resolved(model, model, null);
                    }
                },
                Clock.systemUTC());
    }

    @BeforeEach
    void emptyDatabase() {
        redis().call(c -> c.flushdb());
    }

    @AfterEach
    void close() {
        connections.forEach(RedisStrings::close);
    }

    private static void restartRedisEmpty() {
        TestInfrastructure.stopRedis();
        TestInfrastructure.startRedis();
    }

    private static void awaitRedis(RedisStrings redis) {
        Awaitility.await("Redis back")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> "PONG".equals(redis.call(c -> c.ping())));
    }

    @Nested
    class ThroughAnOutage {

        @Test
        void anInstanceKeepsServingTheDefinitionsItLastReadNotItsOwnOlderFile() {
            Experiments a = instance(store("a"));
            Experiments b = instance(store("b"));
            a.refresh();
            b.refresh();
            a.put("outage-x", BODY);
            b.refresh();
            assertThat(b.running()).map(Experiment::name).contains("outage-x");

            TestInfrastructure.stopRedis();
            try {
                b.refresh();
                assertThat(b.running()).map(Experiment::name).contains("outage-x");
            } finally {
                TestInfrastructure.startRedis();
            }
        }

        @Test
        void aStoppedExperimentIsNotRestartedWhenRedisComesBackEmptyAndAStaleFileCouldSeedIt() throws Exception {
            ExperimentStore.RedisStore storeA = store("a");
            Experiments a = instance(storeA);
            Experiments b = instance(store("b"));
            a.refresh();
            a.put("stale-x", BODY);
            // b's file is a copy of the definitions while stale-x still ran (say, b handled that change)
            Files.createDirectories(dir.resolve("b"));
            Files.copy(
                    dir.resolve("a").resolve(ExperimentsFile.FILE_NAME),
                    dir.resolve("b").resolve(ExperimentsFile.FILE_NAME),
                    StandardCopyOption.REPLACE_EXISTING);
            b.refresh();
            assertThat(a.stop("stale-x")).isPresent();
            b.refresh();
            assertThat(b.running()).isEmpty();

            restartRedisEmpty();
            RedisStrings probe = redis();
            awaitRedis(probe);
            b.refresh();
            a.refresh();
            Experiments fresh = instance(store("c"));
            fresh.refresh();
            assertThat(b.running()).isEmpty();
            assertThat(a.running()).isEmpty();
            assertThat(fresh.running()).isEmpty();
            assertThat(fresh.find("stale-x")).map(Experiment::isRunning).contains(false);
        }
    }

    @Nested
    class Versions {

        @Test
        void everyChangeIsANewerVersionAndAnOlderOneNeverReplacesIt() {
            ExperimentStore.RedisStore storeA = store("a");
            ExperimentStore.RedisStore storeB = store("b");
            Experiments a = instance(storeA);
            a.refresh();
            a.put("versioned-x", BODY);
            ExperimentsFile seenByB = storeB.load();
            assertThat(seenByB.version()).isEqualTo(1);
            a.stop("versioned-x");
            assertThat(storeA.load().version()).isEqualTo(2);

            // b, unaware of the stop, restarts it from the definitions it read before
            ExperimentsFile olderChange = seenByB.put(
                    Experiment.parse(BODY, "versioned-x", m -> true), Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(olderChange.version()).isEqualTo(2);
            assertThatThrownBy(() -> storeB.save(olderChange)).isInstanceOf(ExperimentStore.ConflictException.class);
            ExperimentsFile now = storeB.load();
            assertThat(now.version()).isEqualTo(2);
            assertThat(now.find("versioned-x")).map(Experiment::isRunning).contains(false);
        }
    }
}
