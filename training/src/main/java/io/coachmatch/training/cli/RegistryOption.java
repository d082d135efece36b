package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.ModelRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --registry DIR}, shared by every verb that reads or writes models. */
public final class RegistryOption {

    @Option(
            names = "--registry",
            defaultValue = "models",
            description = "Model registry directory (default ${DEFAULT-VALUE}).")
    Path registry;

    ModelRegistry open() {
        return ModelRegistry.open(registry);
    }
}
