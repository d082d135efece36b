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
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.fit.Training;
import io.coachmatch.training.simulate.FeedbackSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code generate}: a synthetic data set of coaches, requests and simulated feedback. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write synthetic coaches.jsonl, requests.jsonl and feedback.jsonl: coaches and requests from the seeded",
            "synthetic catalog, feedback simulated from a latent user preference with position bias over answers ranked by",
            "the rules (see FeedbackSimulator). About 25 feedback events per request with --shown 20."
        })
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

    @Option(names = "--out", required = true, description = "Directory to write into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (coaches < 1 || requests < 1 || shown < 1 || shown > 100) {
            throw new IllegalArgumentException("--coaches and --requests must be positive and --shown within 1..100");
        }
        long t0 = System.nanoTime();
        List<CoachProfile> cs;
        try (Progress p = Progress.start("coaches", coaches, "coaches")) {
            cs = SyntheticCatalog.coaches(seed, coaches, p::stepTo);
        }
        List<MatchingRequest> rs = SyntheticCatalog.requests(seed, requests, start);
        MatchingSettings settings = MatchingSettings.defaults();
        CatalogIndex catalog = CatalogIndex.build(cs, settings.rates());
        FeatureExtractor extractor = PairFeatures.extractorFor(cs, Training.DEFAULT_MAX_TERMS);
        PairFeatures.Coaches table = PairFeatures.Coaches.of(cs, extractor, settings.rates());
        FeedbackSimulator sim = new FeedbackSimulator(catalog, extractor, table.table(), settings, shown);

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
        double seconds = (System.nanoTime() - t0) / 1e9;
        Table t = new Table("FILE", "RECORDS");
        t.row(out.resolve("coaches.jsonl"), cs.size());
        t.row(out.resolve("requests" + ext), rs.size());
        t.row(out.resolve("feedback" + ext), events);
        for (var type : FeedbackType.values()) {
            t.row("  " + type.wire(), byType[type.ordinal()]);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        t.print(stdout);
        stdout.printf("generated %d feedback events in %.1f s (seed %d)%n", events, seconds, seed);
        return 0;
    }
}
