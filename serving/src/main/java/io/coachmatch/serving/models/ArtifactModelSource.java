package io.coachmatch.serving.models;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.matching.ModelScorer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of core's artifact format: checksums and format versions are verified on load. */
final class ArtifactModelSource implements ModelSource {

    private final ModelRegistry registry;

    private ArtifactModelSource(ModelRegistry registry) {
        this.registry = registry;
    }

    static ModelSource open(Path dir) {
        return new ArtifactModelSource(ModelRegistry.open(dir));
    }

    @Override
    public List<String> versions() {
        return registry.versions();
    }

    @Override
    public Map<String, String> aliases() {
        return registry.aliases();
    }

    @Override
    public Optional<String> resolve(String versionOrAlias) {
        return registry.resolve(versionOrAlias);
    }

    @Override
    public ModelScorer load(String version) {
        return registry.load(version);
    }
}
