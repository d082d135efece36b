package io.coachmatch.training.cli;

import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.ModelEvaluator;
import io.coachmatch.training.eval.RankingMetrics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: a stored model (or the rules) on the test slice of a data set. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "NDCG@10, MRR and precision@10 of a stored model (or of the rules) on the data's test slice.")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DataSet d = data.load();
        data.printCounts(d);
        ModelEvaluator ev = new ModelEvaluator(d, data.testShare, data.validationShare, Progress::start);
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
        return 0;
    }
}
