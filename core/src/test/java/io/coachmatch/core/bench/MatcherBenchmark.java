package io.coachmatch.core.bench;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of matching one request against a seeded synthetic catalog, single-threaded, rules only
 * ({@code -p model=rules}, the default) or blended with a model of the registry in {@code models/} ({@code -p
 * model=v0001}). Each invocation compiles the next request of a fixed pool of 1,000 and matches it, as
 * serving does; the index is built once per trial. SampleTime mode reports the percentiles.
 *
 * <pre>
 *   ./mvnw -B -pl core -Pbench test-compile exec:exec -Djmh.args="MatcherBenchmark -p coaches=100000"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Threads(1)
public class MatcherBenchmark {

    static final long CATALOG_SEED = 20261128L;
    static final long REQUEST_SEED = 7L;
    static final int REQUEST_POOL = 1_000;
    static final Instant REQUESTS_START = Instant.parse("2026-11-28T08:00:00Z");

    @Param({"10000", "100000", "1000000"})
    int coaches;

    @Param({"rules"})
    String model;

    private final MatchingSettings settings = MatchingSettings.defaults();
    private CatalogIndex index;
    private ModelScorer scorer;
    private List<MatchingRequest> requests;
    private int next;

    @Setup(Level.Trial)
    public void buildIndex() {
        long t0 = System.nanoTime();
        List<CoachProfile> catalog = SyntheticCatalog.coaches(
                CATALOG_SEED,
                coaches,
                done -> System.out.printf("  generated %,d / %,d coaches (%.1f s)%n", done, coaches, seconds(t0)));
        long t1 = System.nanoTime();
        index = CatalogIndex.build(catalog, settings.rates());
        System.out.printf(
                "  built the index of %,d coaches and %d skills in %.1f s%n",
                index.size(), index.skillCount(), seconds(t1));
        if (!"rules".equals(model)) {
            LoadedModel loaded = ModelRegistry.open(registry()).load(model);
            long t2 = System.nanoTime();
            loaded.prepare(index);
            scorer = loaded;
            System.out.printf("  prepared model %s for the catalog in %.1f s%n", model, seconds(t2));
        }
        requests = SyntheticCatalog.requests(REQUEST_SEED, REQUEST_POOL, REQUESTS_START);
        long matches = 0;
        for (MatchingRequest r : requests) {
            matches += match(r).totalMatches();
        }
        System.out.printf(
                "  %,d requests, on average %.1f matches each%n", requests.size(), matches / (double) requests.size());
    }

    @Benchmark
    public MatchOutcome matchOneRequest() {
        MatchingRequest r = requests.get(next);
        next = next + 1 == requests.size() ? 0 : next + 1;
        return match(r);
    }

    private MatchOutcome match(MatchingRequest r) {
        MatchQuery q = MatchQuery.compile(r, settings, REQUESTS_START);
        return index.match(q, settings.weights(), settings.minMatchScore(), scorer, null);
    }

    /** The model registry: {@code models/} of the repository, whether run from the root or from {@code core/}. */
    private static Path registry() {
        Path here = Path.of("models");
        return Files.isDirectory(here) ? here : Path.of("..", "models");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
