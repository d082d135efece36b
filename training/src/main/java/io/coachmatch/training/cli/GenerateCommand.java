package io.coachmatch.training.cli;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import io.coachmatch.core.synthetic.World;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.fit.Training;
import io.coachmatch.training.simulate.FeedbackSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: a synthetic data set of coaches, requests and simulated feedback. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description =
                "Write synthetic coaches.jsonl, requests.jsonl and feedback.jsonl: coaches and requests from the seeded"
                        + " synthetic catalog, feedback simulated from a latent user preference with position bias over answers ranked by"
                        + " the rules (see FeedbackSimulator). About 25 feedback events per request with --shown 20."
                        + " --world picks whose people react: 'classic' (the shipped data/) or a richer world with latent coach quality,"
                        + " related skills, skills named only in bios and interactions (see core's World). --holdout N also writes N later"
                        + " requests to holdout/requests.jsonl and their truth to holdout/truth.jsonl, for evaluate --truth.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--coaches", defaultValue = "2000", description = "Number of coaches (default ${DEFAULT-VALUE}).")
    int coaches;

    @Option(
            names = "--requests",
            defaultValue = "10000",
            description = "Number of requests (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(
            names = "--shown",
            defaultValue = "20",
            description = "Coaches shown per answer (default ${DEFAULT-VALUE}).")
    int shown;

    @Option(
            names = "--start",
            defaultValue = "2026-09-01T00:00:00Z",
            description = "created_at of the first request (default ${DEFAULT-VALUE}).")
    Instant start;

    @Option(
            names = "--gzip",
            description = "Write requests and feedback gzip-compressed (.jsonl.gz); coaches stay plain.")
    boolean gzip;

    @Option(
            names = "--world",
            defaultValue = World.CLASSIC,
            description = "Whose people react: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = WorldNames.class)
    String world;

    @Option(
            names = "--holdout",
            defaultValue = "0",
            description = "Later requests written with their truth to holdout/ (default ${DEFAULT-VALUE}).")
    int holdout;

    /** The world names, for the help text. */
    static final class WorldNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return World.NAMES.iterator();
        }
    }

    @Option(names = "--out", required = true, description = "Directory to write into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (coaches < 1 || requests < 1 || shown < 1 || shown > 100 || holdout < 0) {
            throw new IllegalArgumentException(
                    "--coaches and --requests must be positive, --holdout not negative and --shown within 1..100");
        }
        World people = World.named(world);
        long t0 = System.nanoTime();
        List<CoachProfile> cs;
        try (Progress p = Progress.start("coaches", coaches, "coaches")) {
            cs = SyntheticCatalog.coaches(seed, coaches, p::stepTo).stream()
                    .map(people::dress)
                    .toList();
        }
        List<MatchingRequest> all = SyntheticCatalog.requests(seed, requests + holdout, start);
        List<MatchingRequest> rs = all.subList(0, requests);
        List<MatchingRequest> later = all.subList(requests, all.size());
        MatchingSettings settings = MatchingSettings.defaults();
        CatalogIndex catalog = CatalogIndex.build(cs, settings.rates());
        FeatureExtractor extractor = PairFeatures.extractorFor(cs, Training.DEFAULT_MAX_TERMS);
        PairFeatures.Coaches table = PairFeatures.Coaches.of(cs, extractor, settings.rates());
        FeedbackSimulator sim = new FeedbackSimulator(people, catalog, extractor, table.table(), settings, shown);

        String ext = gzip ? ".jsonl.gz" : ".jsonl";
        try (JsonLines.LineWriter w = JsonLines.writer(out.resolve("coaches.jsonl"))) {
            for (CoachProfile c : cs) {
                w.write(c);
            }
        }
        try (JsonLines.LineWriter w = JsonLines.writer(out.resolve("requests" + ext))) {
            for (MatchingRequest r : rs) {
                w.write(r);
            }
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x6A09E667F3BCC909L);
        SplittableRandom[] streams = new SplittableRandom[rs.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = root.split();
        }
        long events = 0;
        long[] byType = new long[FeedbackType.values().length];
        int chunk = 2000;
        try (JsonLines.LineWriter w = JsonLines.writer(out.resolve("feedback" + ext));
                Progress p = Progress.start("feedback", rs.size(), "requests")) {
            for (int from = 0; from < rs.size(); from += chunk) {
                int f = from;
                List<List<FeedbackEvent>> batch = IntStream.range(from, Math.min(rs.size(), from + chunk))
                        .parallel()
                        .mapToObj(i -> sim.simulate(rs.get(i), streams[i]))
                        .toList();
                for (List<FeedbackEvent> list : batch) {
                    for (FeedbackEvent e : list) {
                        events++;
                        byType[e.type().ordinal()]++;
                        w.write(new FeedbackEvent(
                                String.format("fb_%08d", events),
                                e.requestId(),
                                e.requesterId(),
                                e.coachId(),
                                e.type(),
                                e.position(),
                                e.rating(),
                                e.modelVersion(),
                                e.variant(),
                                e.occurredAt()));
                    }
                }
                p.stepTo(Math.min(rs.size(), f + chunk));
            }
        }
        if (holdout > 0) {
            writeHoldout(sim, later);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Table t = new Table("FILE", "RECORDS");
        t.row(out.resolve("coaches.jsonl"), cs.size());
        t.row(out.resolve("requests" + ext), rs.size());
        t.row(out.resolve("feedback" + ext), events);
        for (var type : FeedbackType.values()) {
            t.row("  " + type.wire(), byType[type.ordinal()]);
        }
        if (holdout > 0) {
            t.row(out.resolve("holdout").resolve("requests.jsonl"), later.size());
            t.row(out.resolve("holdout").resolve("truth.jsonl"), later.size());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        t.print(stdout);
        stdout.printf("generated %d feedback events in %.1f s (world %s, seed %d)%n", events, seconds, world, seed);
        return 0;
    }

    private void writeHoldout(FeedbackSimulator sim, List<MatchingRequest> later) throws IOException {
        Path dir = out.resolve("holdout");
        Files.createDirectories(dir);
        try (JsonLines.LineWriter w = JsonLines.writer(dir.resolve("requests.jsonl"))) {
            for (MatchingRequest r : later) {
                w.write(r);
            }
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x3C6EF372FE94F82BL);
        SplittableRandom[] streams = new SplittableRandom[later.size()];
        for (int i = 0; i < streams.length; i++) {
            streams[i] = root.split();
        }
        List<FeedbackSimulator.Truth> truths;
        try (Progress p = Progress.start("truth", later.size(), "requests")) {
            AtomicInteger done = new AtomicInteger();
            truths = IntStream.range(0, later.size())
                    .parallel()
                    .mapToObj(i -> {
                        FeedbackSimulator.Truth t = sim.truth(later.get(i), streams[i]);
                        int d = done.incrementAndGet();
                        if (d % 100 == 0) {
                            synchronized (p) {
                                p.stepTo(d);
                            }
                        }
                        return t;
                    })
                    .toList();
            p.stepTo(later.size());
        }
        try (JsonLines.LineWriter w = JsonLines.writer(dir.resolve("truth.jsonl"))) {
            for (FeedbackSimulator.Truth t : truths) {
                w.write(t);
            }
        }
    }
}
