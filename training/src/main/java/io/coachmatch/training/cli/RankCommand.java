package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.LoadReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rank}: batch ranking of requests against a catalog with a stored model or the rules. */
@Command(
        name = "rank",
        mixinStandardHelpOptions = true,
        description = "Batch ranking: build the catalog index once, rank every request against it and write one line"
                + " {\"request_id\": ..., \"coach_ids\": [...], \"scores\": [...]} per request, in input order;"
                + " with --explain, the answer serving would give (the contract's matching response: every match with its"
                + " score breakdown, model score and reason) per request instead.")
public final class RankCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** One output line. */
    public record Ranked(String requestId, List<String> coachIds, List<Double> scores) {}

    @Option(names = "--coaches", required = true, description = "Coach profiles (.jsonl, .jsonl.gz or a JSON array).")
    Path coaches;

    @Option(
            names = "--requests",
            required = true,
            description = "Requests (.jsonl, .jsonl.gz, a JSON array or one JSON object).")
    Path requests;

    @Option(
            names = "--model",
            defaultValue = "production",
            description = "A version, an alias, or 'rules' (default ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--top",
            defaultValue = "10",
            description = "Coaches per request, 1..100 (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-score", description = "Drop matches below this score (default: the matcher's, 0.6).")
    Double minScore;

    @Option(names = "--out", required = true, description = "Output file (.jsonl, or .jsonl.gz to compress).")
    Path out;

    @Option(names = "--strict", description = "Stop at the first bad input line instead of skipping and counting it.")
    boolean strict;

    @Option(
            names = "--explain",
            description = "Write each request's full matching response (breakdown and reason per coach) instead of"
                    + " ids and scores.")
    boolean explain;

    @Mixin
    RegistryOption registry;

    @Override
    public Integer call() throws Exception {
        if (top < 1 || top > MatchingSettings.MAX_RESULTS_LIMIT) {
            throw new IllegalArgumentException("--top must be within 1.." + MatchingSettings.MAX_RESULTS_LIMIT);
        }
        MatchingSettings settings = MatchingSettings.defaults();
        if (minScore != null) {
            settings = settings.withMinMatchScore(minScore);
        }
        LoadedModel loaded =
                MatchingEngine.RULES_ONLY.equals(model) ? null : registry.open().load(model);
        DataLoader loader =
                new DataLoader(settings.rates(), strict, spec.commandLine().getErr()::println);
        LoadReport report = new LoadReport(spec.commandLine().getErr()::println);
        List<CoachProfile> cs = loader.readCoaches(coaches, report);
        List<MatchingRequest> rs = loader.readRequests(requests, report);

        long b0 = System.nanoTime();
        CatalogIndex catalog = CatalogIndex.build(cs, settings.rates());
        double buildMs = (System.nanoTime() - b0) / 1e6;
        long m0 = System.nanoTime();
        if (loaded != null) {
            loaded.prepare(catalog);
        }
        double prepareMs = (System.nanoTime() - m0) / 1e6;
        MatchingEngine engine = new MatchingEngine(settings);
        long[] nanos = new long[rs.size()];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = threads.isCurrentThreadCpuTimeSupported();
        long cpuNanos = 0;
        long matched = 0;
        try (JsonLines.LineWriter w = JsonLines.writer(out);
                Progress p = Progress.start("rank", rs.size(), "requests")) {
            for (int i = 0; i < rs.size(); i++) {
                MatchingRequest r = rs.get(i);
                long c0 = cpuTimed ? threads.getCurrentThreadCpuTime() : 0;
                long t0 = System.nanoTime();
                MatchQuery q = engine.compile(r.withMaxResults(top));
                MatchOutcome o = engine.match(q, catalog, loaded, null);
                nanos[i] = System.nanoTime() - t0;
                cpuNanos += cpuTimed ? threads.getCurrentThreadCpuTime() - c0 : 0;
                List<String> ids = new ArrayList<>(o.top().size());
                List<Double> scores = new ArrayList<>(o.top().size());
                for (ScoredCoach sc : o.top()) {
                    ids.add(sc.coach().id());
                    scores.add(sc.matchScore());
                }
                matched += ids.size();
                if (explain) {
                    w.write(engine.toResponse(q, o, loaded, t0));
                } else {
                    w.write(new Ranked(r.requestId(), ids, scores));
                }
                if ((i & 1023) == 0) {
                    p.stepTo(i);
                }
            }
            p.stepTo(rs.size());
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (long n : nanos) {
            total += n;
        }
        Table t = new Table("RANK", "VALUE");
        t.row("model", loaded == null ? MatchingEngine.RULES_ONLY : loaded.version());
        t.row("coaches", cs.size());
        t.row("requests", rs.size());
        t.row(
                "bad lines skipped",
                report.counts().get("coaches_bad_lines") + report.counts().get("requests_bad_lines"));
        t.row("matches written", matched);
        t.row("index build ms", String.format("%.1f", buildMs));
        t.row("model prepare ms", String.format("%.1f", prepareMs));
        if (rs.size() > 0) {
            t.row("ms per request (mean)", String.format("%.3f", total / rs.size() / 1e6));
            t.row("ms per request (p50)", String.format("%.3f", sorted[sorted.length / 2] / 1e6));
            if (cpuTimed) {
                t.row("CPU ms per request (mean)", String.format("%.3f", cpuNanos / (double) rs.size() / 1e6));
            }
            t.row(
                    "ms per request (p99)",
                    String.format(
                            "%.3f",
                            sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6));
        }
        t.row("output", out);
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
