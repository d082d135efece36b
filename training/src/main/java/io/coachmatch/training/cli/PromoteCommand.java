package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ModelRegistry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code promote}: points an alias at a version that verifies. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = "Point an alias at a version (atomically); the version must verify first.")
public final class PromoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "The version, such as v0002.")
    String version;

    @Option(
            names = "--alias",
            defaultValue = "production",
            description = "The alias to point (default ${DEFAULT-VALUE}).")
    String alias;

    @Mixin
    RegistryOption registry;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry reg = registry.open();
        String before = reg.aliases().get(alias);
        reg.promote(version, alias);
        out.println(alias + ": " + (before == null ? "(none)" : before) + " -> " + version);
        return 0;
    }
}
