package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataFiles;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.LoadReport;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.ModelEvaluator;
import io.coachmatch.training.eval.PairLabels;
import io.coachmatch.training.eval.RankingMetrics;
import io.coachmatch.training.eval.ReportPage;
import io.coachmatch.training.eval.TruthEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: a stored model (or the rules) on the test slice of a data set. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "NDCG@10, MRR and precision@10 of a stored model (or of the rules) on the data's test slice."
                + " With --truth DIR (a holdout written by generate --holdout): of each ranker named by --model (comma-separated,"
                + " 'rules' for the rules alone) on the holdout's later requests, ranked over every candidate of the data's"
                + " coaches and scored against the world's truth, with the world's own ranking as 'oracle'."
                + " --report also writes the evaluation report (an HTML page with charts, and its numbers as JSON),"
                + " and --pairs every graded pair with the label and slice train gives it.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RegistryOption registry;

    @Option(
            names = "--model",
            defaultValue = "production",
            description = "A version, an alias, or 'rules' (default ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = "--truth",
            description = "A holdout directory with requests.jsonl and truth.jsonl (from generate --holdout).")
    Path truth;

    @Option(
            names = "--blend",
            description = "With --truth: rank with this blend weight instead of each model's own (what-if).")
    Double blend;

    @Option(
            names = "--report",
            paramLabel = "FILE.html",
            description = "Also write the evaluation report: one self-contained HTML page with charts, and its numbers"
                    + " as JSON beside it (FILE.json).")
    Path report;

    @Option(
            names = "--pairs",
            paramLabel = "FILE.csv",
            description = "Also write every graded pair of the data with the label and slice train gives it"
                    + " (request_id, coach_id, position, grade, slice), as CSV (.csv.gz to compress).")
    Path pairs;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seeds the report's bootstrap intervals and permutations (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (truth != null) {
            if (report != null || pairs != null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--report and --pairs describe the data's test slice; leave out --truth");
            }
            return againstTruth(out);
        }
        if (report != null && MatchingEngine.RULES_ONLY.equals(model)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--report needs a model version or alias, not 'rules'");
        }
        DataSet d = data.load();
        data.printCounts(d);
        ModelEvaluator ev = new ModelEvaluator(d, data.testShare, data.validationShare, Progress::start);
        if (pairs != null) {
            PairLabels.write(d, ev.split(), pairs);
            out.println("wrote " + pairs);
        }
        if (MatchingEngine.RULES_ONLY.equals(model)) {
            RankingMetrics r = ev.rules();
            Table t = new Table("RANKER (test slice)", "NDCG@10", "MRR", "P@10", "REQUESTS");
            t.row("rules", r.ndcgAt10(), r.mrr(), r.precisionAt10(), r.requests());
            t.print(out);
            return 0;
        }
        String version = registry.open().resolve(model).orElse(model);
        Evaluation.Report r = ev.model(registry.open(), model);
        out.println("model " + version + " on " + ev.split().test().size() + " test requests:");
        TrainCommand.printReport(r, registry.open().load(version).blendWeight(), out);
        out.printf("blend vs rules NDCG@10: %+.1f%%%n", 100 * r.blendGain());
        if (report != null) {
            ReportPage.write(ev.report(registry.open(), version, seed), report);
            out.println("wrote " + report + " and " + ReportPage.jsonBeside(report));
        }
        return 0;
    }

    private int againstTruth(PrintWriter out) {
        MatchingSettings settings = MatchingSettings.defaults();
        DataLoader loader =
                new DataLoader(settings.rates(), data.strict, spec.commandLine().getErr()::println);
        LoadReport report = new LoadReport(spec.commandLine().getErr()::println);
        List<CoachProfile> coaches = loader.readCoaches(DataFiles.find(data.data, "coaches"), report);
        List<MatchingRequest> requests = loader.readRequests(DataFiles.find(truth, "requests"), report);
        TruthEvaluation eval = TruthEvaluation.of(requests, truth.resolve("truth.jsonl"));
        CatalogIndex catalog = CatalogIndex.build(coaches, settings.rates());
        Table t = new Table("RANKER (truth)", "NDCG@10", "MRR", "P@10", "REQUESTS");
        for (String name : model.split(",")) {
            String m = name.trim();
            LoadedModel loaded =
                    MatchingEngine.RULES_ONLY.equals(m) ? null : registry.open().load(m);
            RankingMetrics r;
            try (Progress p = Progress.start("rank (" + m + ")", 1, "rankers")) {
                r = eval.score(TruthEvaluation.served(catalog, loaded, blend, null));
                p.stepTo(1);
            }
            t.row(
                    loaded == null ? m : m + " (" + loaded.version() + ")",
                    r.ndcgAt10(),
                    r.mrr(),
                    r.precisionAt10(),
                    r.requests());
        }
        RankingMetrics v = eval.observableOracle();
        RankingMetrics o = eval.oracle();
        t.row("oracle (observable fields)", v.ndcgAt10(), v.mrr(), v.precisionAt10(), v.requests());
        t.row("oracle", o.ndcgAt10(), o.mrr(), o.precisionAt10(), o.requests());
        t.print(out);
        for (String name : model.split(",")) {
            String m = name.trim();
            if (!MatchingEngine.RULES_ONLY.equals(m)) {
                phasing(out, eval, catalog, registry.open().load(m));
            }
        }
        return 0;
    }

    /** Rerank counts the phasing report tries, largest first. */
    static final int[] RERANK_COUNTS = {1000, 500, 300, 200, 100, 50, 30, 20};

    /** Quality a smaller rerank count may lose before the report calls it too small. */
    static final double PHASING_TOLERANCE = 0.002;

    /**
     * What ranking in phases costs a tree model with a first phase: NDCG@10 with every candidate scored by the
     * trees against phased at each of {@link #RERANK_COUNTS}, and the smallest count within
     * {@value #PHASING_TOLERANCE} of full reranking.
     */
    private void phasing(PrintWriter out, TruthEvaluation eval, CatalogIndex catalog, LoadedModel loaded) {
        if (loaded.firstPhase() == null) {
            return;
        }
        Table t = new Table("PHASING (" + loaded.version() + ")", "NDCG@10", "VS FULL");
        double full;
        try (Progress p = Progress.start("phasing (" + loaded.version() + ")", RERANK_COUNTS.length + 1, "runs")) {
            full = eval.score(TruthEvaluation.served(catalog, loaded, blend, 0)).ndcgAt10();
            p.stepTo(1);
            t.row("every candidate by the trees", full, 0.0);
            int smallest = -1;
            boolean within = true;
            for (int i = 0; i < RERANK_COUNTS.length; i++) {
                int n = RERANK_COUNTS[i];
                double v = eval.score(TruthEvaluation.served(catalog, loaded, blend, n))
                        .ndcgAt10();
                p.stepTo(i + 2);
                String label = "rerank " + n + (n == loaded.rerankCount() ? " (the model's)" : "");
                t.row(label, v, v - full);
                within &= v >= full - PHASING_TOLERANCE;
                if (within) {
                    smallest = n;
                }
            }
            t.print(out);
            out.println(
                    smallest < 0
                            ? "every rerank count tried loses more than " + PHASING_TOLERANCE + " NDCG@10"
                            : "smallest rerank count within " + PHASING_TOLERANCE + " NDCG@10 of full reranking: "
                                    + smallest);
        }
    }
}
