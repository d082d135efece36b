package io.coachmatch.training.cli;

import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of verbs that read a data directory. */
public final class DataOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--data",
            required = true,
            description = "Directory with coaches, requests and feedback (.jsonl, .jsonl.gz or .json).")
    Path data;

    @Option(names = "--strict", description = "Stop at the first bad line instead of skipping and counting it.")
    boolean strict;

    @Option(
            names = "--test-share",
            defaultValue = "0.2",
            description = "Share of the most recent requests held out for testing (default ${DEFAULT-VALUE}).")
    double testShare;

    @Option(
            names = "--validation-share",
            defaultValue = "0.1",
            description =
                    "Share of requests just before the test slice used to choose the blend weight (default ${DEFAULT-VALUE}).")
    double validationShare;

    DataSet load() {
        if (!(testShare > 0 && validationShare > 0 && testShare + validationShare < 1)) {
            throw new IllegalArgumentException(
                    "--test-share and --validation-share must be positive and sum to less than 1");
        }
        return new DataLoader(
                        MatchingSettings.defaults().rates(),
                        strict,
                        mixee.commandLine().getErr()::println,
                        Progress::start)
                .load(data);
    }

    /** Prints what was read, including what was skipped or could not be joined. */
    void printCounts(DataSet d) {
        PrintWriter out = mixee.commandLine().getOut();
        Table t = new Table("DATA", "COUNT");
        for (Map.Entry<String, Long> e : d.counts().entrySet()) {
            t.row(e.getKey(), e.getValue());
        }
        t.print(out);
        long unknown = d.counts().getOrDefault("feedback_unknown_request", 0L)
                + d.counts().getOrDefault("feedback_unknown_coach", 0L);
        if (unknown > 0) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println("warning: " + unknown + " feedback events name a request or coach not in the data ("
                    + d.counts().get("feedback_unknown_request") + " unknown requests, "
                    + d.counts().get("feedback_unknown_coach") + " unknown coaches); they were not used");
        }
    }
}
