package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.ModelEvaluator;
import io.coachmatch.training.eval.ReportPage;
import io.coachmatch.training.fit.GbtFitter;
import io.coachmatch.training.fit.LambdaMartFitter;
import io.coachmatch.training.fit.LinearFitter;
import io.coachmatch.training.fit.Training;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fits a ranker on a data set and publishes it as a new version of the registry. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description =
                "Join requests, impressions and outcomes into graded pairs, split by time, fit a ranker, choose its"
                        + " blend with the rule score on the validation slice, evaluate on the test slice and write a new version.")
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    RegistryOption registry;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--algorithm",
            defaultValue = "lambdamart",
            description =
                    "lambdamart (XGBoost4J, unbiased LambdaMART), linear (Tribuo LinearSGDTrainer) or gbt (Smile GradientTreeBoost) (default ${DEFAULT-VALUE}).")
    Training.Algorithm algorithm;

    @Option(
            names = "--epochs",
            defaultValue = "3",
            description = "linear: passes over the data (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--learning-rate",
            defaultValue = "0.05",
            description = "linear: AdaGrad learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(
            names = "--minibatch",
            defaultValue = "16",
            description = "linear: minibatch size (default ${DEFAULT-VALUE}).")
    int minibatch;

    @Option(
            names = "--centred",
            defaultValue = "true",
            negatable = true,
            fallbackValue = "true",
            description =
                    "linear: fit within requests (features and grades minus the request's mean) (default ${DEFAULT-VALUE}).")
    boolean centred;

    @Option(
            names = "--position-weighted",
            defaultValue = "true",
            negatable = true,
            fallbackValue = "true",
            description =
                    "linear: weight engaged pairs by their position's inverse examination propensity (default ${DEFAULT-VALUE}).")
    boolean positionWeighted;

    @Option(names = "--trees", defaultValue = "100", description = "gbt: number of trees (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(
            names = "--max-depth",
            defaultValue = "6",
            description = "gbt, lambdamart: maximum tree depth (default ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(
            names = "--max-nodes",
            defaultValue = "16",
            description = "gbt: maximum leaves per tree (default ${DEFAULT-VALUE}).")
    int maxNodes;

    @Option(names = "--shrinkage", defaultValue = "0.1", description = "gbt: learning rate (default ${DEFAULT-VALUE}).")
    double shrinkage;

    @Option(
            names = "--subsample",
            defaultValue = "0.7",
            description = "gbt: share of rows per tree (default ${DEFAULT-VALUE}).")
    double subsample;

    @Option(
            names = "--max-rows",
            defaultValue = "300000",
            description = "gbt: fit on at most this many training pairs, the most recent (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(
            names = "--rounds",
            defaultValue = "400",
            description =
                    "lambdamart: most trees, fewer when validation NDCG@10 stops improving (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--early-stopping",
            defaultValue = "30",
            description = "lambdamart: rounds without improvement before stopping (default ${DEFAULT-VALUE}).")
    int earlyStopping;

    @Option(
            names = "--eta",
            defaultValue = "0.08",
            description = "lambdamart: learning rate (default ${DEFAULT-VALUE}).")
    double eta;

    @Option(
            names = "--xgboost-param",
            paramLabel = "NAME=VALUE",
            description =
                    "lambdamart: a further XGBoost parameter, over the ones set above (repeatable), such as min_child_weight=20.")
    Map<String, String> xgboostParams = new LinkedHashMap<>();

    @Option(
            names = "--rerank-count",
            defaultValue = "auto",
            description =
                    "gbt, lambdamart: the trees rescore this many of a linear first phase's best candidates; 'auto' (the default) recommends the smallest of 20, 30, 50, 100, 200, 300 that keeps 99%% of the trees' own top ten on validation requests; 0 scores every candidate with the trees.")
    String rerankCount;

    @Option(
            names = "--max-terms",
            defaultValue = "20000",
            description = "TF-IDF vocabulary size cap (default ${DEFAULT-VALUE}).")
    int maxTerms;

    @Option(
            names = "--promote",
            description = "Point this alias at the new version when it beats the rules on the test slice.")
    String promote;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        DataSet d = data.load();
        data.printCounts(d);
        Training.Settings s = new Training.Settings(
                algorithm,
                seed,
                data.testShare,
                data.validationShare,
                maxTerms,
                new LinearFitter.Settings(epochs, learningRate, minibatch, seed, centred, positionWeighted),
                new GbtFitter.Settings(trees, maxDepth, maxNodes, 5, shrinkage, subsample, maxRows, seed),
                new LambdaMartFitter.Settings(
                        rounds,
                        earlyStopping,
                        maxDepth,
                        eta,
                        1.0,
                        0.8,
                        0.8,
                        Runtime.getRuntime().availableProcessors(),
                        seed,
                        xgboostParams),
                "auto".equalsIgnoreCase(rerankCount) ? Training.AUTO_RERANK_COUNT : Integer.parseInt(rerankCount));
        Training.Result result = Training.run(d, s, MatchingSettings.defaults(), Progress::start);

        ModelRegistry reg = registry.open();
        String parent = reg.aliases().get("production");
        String version = reg.publish(
                result.definition(), result.manifest(parent, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        double seconds = (System.nanoTime() - t0) / 1e9;

        printReport(result.test(), result.definition().blendWeight(), out);
        out.printf(
                "train %d pairs (%d requests), validation %d, test %d; %.1f s%n",
                result.sliceCounts().get("train_pairs"),
                result.sliceCounts().get("train_requests"),
                result.sliceCounts().get("validation_pairs"),
                result.sliceCounts().get("test_pairs"),
                seconds);
        long logged = result.sliceCounts().get("features_logged_rows");
        long computed = result.sliceCounts().get("features_computed_rows");
        out.printf(
                "features: %d pairs from logs (%s), %d computed%n",
                logged, logged > 0 ? "features.jsonl" : "no logged vectors", computed);
        out.printf("blend vs rules NDCG@10: %+.1f%%%n", 100 * result.test().blendGain());
        if (promote != null) {
            if (result.test().blendGain() > 0) {
                reg.promote(version, promote);
                out.println("promoted " + version + " to " + promote);
            } else {
                out.println("not promoted: the blend does not beat the rules on the test slice");
            }
        }
        Path report = reg.directory().resolve(version).resolve(REPORT_FILE);
        ModelEvaluator evaluator = new ModelEvaluator(d, data.testShare, data.validationShare, Progress::start);
        ReportPage.write(evaluator.report(reg, version, seed), report);
        out.println("wrote " + reg.directory().resolve(version) + " (evaluation report: " + report + ")");
        out.println(version);
        return 0;
    }

    /** The evaluation report written beside each new version, with its numbers as {@code report.json}. */
    static final String REPORT_FILE = "report.html";

    static void printReport(Evaluation.Report r, double blend, PrintWriter out) {
        Table t = new Table("RANKER (test slice)", "NDCG@10", "MRR", "P@10", "REQUESTS");
        t.row(
                "rules",
                r.rules().ndcgAt10(),
                r.rules().mrr(),
                r.rules().precisionAt10(),
                r.rules().requests());
        t.row(
                "model",
                r.model().ndcgAt10(),
                r.model().mrr(),
                r.model().precisionAt10(),
                r.model().requests());
        t.row(
                String.format("blend (b=%.2f)", blend),
                r.blend().ndcgAt10(),
                r.blend().mrr(),
                r.blend().precisionAt10(),
                r.blend().requests());
        t.print(out);
    }
}
