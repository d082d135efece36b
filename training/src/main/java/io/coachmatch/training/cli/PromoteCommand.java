package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ModelRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Point an alias at a version (atomically); the version must verify first.")
public final class PromoteCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The version, such as v0002.")
    String version;

    @Option(names = "--alias", defaultValue = "production", description = "The alias to point (default ${DEFAULT-VALUE}).")
    String alias;

    @Mixin
    RegistryOption registry;

    @Override
    public Integer call() {
        ModelRegistry reg = registry.open();
        String before = reg.aliases().get(alias);
        reg.promote(version, alias);
        System.out.println(alias + ": " + (before == null ? "(none)" : before) + " -> " + version);
        return 0;
    }
}
