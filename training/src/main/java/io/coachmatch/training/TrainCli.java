package io.coachmatch.training;

import io.coachmatch.core.artifact.ArtifactException;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.training.cli.CompareCommand;
import io.coachmatch.training.cli.EvaluateCommand;
import io.coachmatch.training.cli.ExportCommand;
import io.coachmatch.training.cli.GenerateCommand;
import io.coachmatch.training.cli.ListCommand;
import io.coachmatch.training.cli.PromoteCommand;
import io.coachmatch.training.cli.RankCommand;
import io.coachmatch.training.cli.TrainCommand;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coachmatch-train} command line: one subcommand per verb. */
@Command(
        name = "coachmatch-train",
        mixinStandardHelpOptions = true,
        version = "coachmatch-train 0.1.0",
        description =
                "Generate data, train and evaluate rankers, rank requests in batch, and manage the model registry.",
        subcommands = {
            GenerateCommand.class,
            TrainCommand.class,
            ExportCommand.class,
            EvaluateCommand.class,
            RankCommand.class,
            ListCommand.class,
            PromoteCommand.class,
            CompareCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TrainCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommandLine cl = commandLine();
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        System.exit(code);
    }

    /** The command line with the error handling every verb shares: a clear message and exit code 2 for bad input. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TrainCli());
        // enum options such as --algorithm take their values in any case: linear, LINEAR, gbt
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ArtifactException
                    || e instanceof JsonLines.DataFileException
                    || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }
}
