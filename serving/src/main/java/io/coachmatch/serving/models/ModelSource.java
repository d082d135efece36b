package io.coachmatch.serving.models;

import io.coachmatch.core.matching.ModelScorer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model registry as serving sees it: versions, aliases, and verified loading. */
public interface ModelSource {

    List<String> versions();

    Map<String, String> aliases();

    Optional<String> resolve(String versionOrAlias);

    /**
     * Loads and verifies one version.
     *
     * @throws RuntimeException naming the problem for a missing, tampered or unsupported artifact
     */
    ModelScorer load(String version);
}
