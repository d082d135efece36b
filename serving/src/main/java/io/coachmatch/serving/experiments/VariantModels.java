package io.coachmatch.serving.experiments;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.models.ModelService;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models variants name: {@code rules}, a version or an alias of the registry {@link ModelService} serves from.
 * The version {@code production} serves is shared with it; other versions are loaded (verified) once, prepared for
 * the current catalog, and kept.
 */
public class VariantModels {

    /** A variant's model: {@code scorer} null means the rules only. */
    public record Resolved(String name, String version, ModelScorer scorer) {
        public boolean rules() {
            return Experiment.RULES.equals(name);
        }
    }

    private final ModelService models;
    private final CoachCatalog catalog;
    private final Map<String, ModelScorer> loaded = new ConcurrentHashMap<>();

    public VariantModels(ModelService models, CoachCatalog catalog) {
        this.models = models;
        this.catalog = catalog;
        if (catalog != null) {
            // a variant's model is ready for a new catalog before it serves, as production's is
            catalog.addPreparer(index -> loaded.values().forEach(m -> ModelService.prepare(m, index)));
        }
    }

    /** Whether the name is {@code rules} or resolves in the registry now. */
    public boolean known(String model) {
        return Experiment.RULES.equals(model) || version(model).isPresent();
    }

    private Optional<String> version(String model) {
        if (!Files.isDirectory(models.directory())) {
            return Optional.empty();
        }
        return ModelRegistry.open(models.directory()).resolve(model);
    }

    /** The version a model name resolves to now ({@code rules} for rules), or null; loads nothing. */
    public String versionOf(String model) {
        if (Experiment.RULES.equals(model)) {
            return Experiment.RULES;
        }
        try {
            return version(model).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Resolves and loads a variant's model.
     *
     * @throws RuntimeException naming the problem when the model is unknown or does not load
     */
    public Resolved resolve(String model) {
        if (Experiment.RULES.equals(model)) {
            return new Resolved(model, Experiment.RULES, null);
        }
        String version = version(model)
                .orElseThrow(() -> new IllegalStateException("model '" + model + "' is not in the registry at "
                        + models.directory()));
        return new Resolved(model, version, byVersion(version));
    }

    /** The scorer of a version, loading it on first use; null for {@code rules} or when it cannot load. */
    public ModelScorer byVersion(String version) {
        if (version == null || Experiment.RULES.equals(version)) {
            return null;
        }
        if (version.equals(models.currentVersion())) {
            return models.current();
        }
        return loaded.computeIfAbsent(version, v -> {
            ModelScorer m = ModelRegistry.open(models.directory()).load(v);
            for (CatalogIndex index : catalog.snapshot().indexes()) {
                ModelService.prepare(m, index);
            }
            return m;
        });
    }

    /** The model serving {@code production} now, or null. */
    public ModelScorer production() {
        return models.current();
    }
}
