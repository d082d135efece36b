package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.ModelEvaluator;
import io.coachmatch.training.eval.RankingMetrics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare}: two stored versions side by side on the same test slice. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Two versions side by side on the same data's test slice, with the rules as the common baseline.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The first version or alias.")
    String first;

    @Parameters(index = "1", description = "The second version or alias.")
    String second;

    @Mixin
    DataOptions data;

    @Mixin
    RegistryOption registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry reg = registry.open();
        String v1 = reg.load(first).version();
        String v2 = reg.load(second).version();
        DataSet d = data.load();
        ModelEvaluator ev = new ModelEvaluator(d, data.testShare, data.validationShare, Progress::start);
        Evaluation.Report a = ev.model(reg, v1);
        Evaluation.Report b = ev.model(reg, v2);
        Table t = new Table("RANKER (test slice)", "NDCG@10", "MRR", "P@10", "vs RULES NDCG@10");
        row(t, "rules", a.rules(), a.rules());
        row(t, v1 + " model", a.model(), a.rules());
        row(t, v1 + " blend (b=" + reg.load(v1).blendWeight() + ")", a.blend(), a.rules());
        row(t, v2 + " model", b.model(), b.rules());
        row(t, v2 + " blend (b=" + reg.load(v2).blendWeight() + ")", b.blend(), b.rules());
        t.print(out);
        double diff = b.blend().ndcgAt10() - a.blend().ndcgAt10();
        out.printf(
                "%s blend vs %s blend NDCG@10: %+.4f (%+.1f%%) on %d test requests%n",
                v2, v1, diff, 100 * diff / a.blend().ndcgAt10(), a.blend().requests());
        return 0;
    }

    private static void row(Table t, String name, RankingMetrics m, RankingMetrics rules) {
        t.row(
                name,
                m.ndcgAt10(),
                m.mrr(),
                m.precisionAt10(),
                String.format("%+.1f%%", 100 * (m.ndcgAt10() / rules.ndcgAt10() - 1)));
    }
}
