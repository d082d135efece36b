package io.coachmatch.serving.experiments;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.catalog.CatalogIndexBuilt;
import io.coachmatch.serving.catalog.CoachCatalog;
import io.coachmatch.serving.models.ModelService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * The models variants name: {@code rules}, a version or an alias of the registry {@link ModelService} serves from.
 * The version {@code production} serves is shared with it; other versions are loaded (verified) once, prepared for
 * the current catalog, and kept only while the running experiment names them ({@link #retainOnly}): a version no
 * current variant names is evicted and no longer prepared on catalog changes, nor loaded again on request.
 */
public class VariantModels implements MeterBinder {

    /** A variant's model: {@code scorer} null means the rules only. */
    public record Resolved(String name, String version, ModelScorer scorer) {
        public boolean rules() {
            return Experiment.RULES.equals(name);
        }
    }

    private final ModelService models;
    private final CoachCatalog catalog;
    private final Map<String, ModelScorer> loaded = new ConcurrentHashMap<>();
    private volatile Set<String> retained = Set.of();

    public VariantModels(ModelService models, CoachCatalog catalog) {
        this.models = models;
        this.catalog = catalog;
    }

    /** A variant's model is ready for a new catalog before it serves, as production's is. */
    @EventListener
    public void onCatalogIndexBuilt(CatalogIndexBuilt built) {
        loaded.values().forEach(m -> ModelService.prepare(m, built.index()));
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
                .orElseThrow(() -> new IllegalStateException(
                        "model '" + model + "' is not in the registry at " + models.directory()));
        return new Resolved(model, version, byVersion(version));
    }

    /**
     * The scorer of a version: production's, or one a current variant names (loaded on first use); null for
     * {@code rules} and for versions no current variant names.
     */
    public ModelScorer byVersion(String version) {
        if (version == null || Experiment.RULES.equals(version)) {
            return null;
        }
        if (version.equals(models.currentVersion())) {
            return models.current();
        }
        ModelScorer kept = loaded.get(version);
        if (kept != null) {
            return kept;
        }
        if (!retained.contains(version)) {
            return null;
        }
        return loaded.computeIfAbsent(version, v -> {
            ModelScorer m = ModelRegistry.open(models.directory()).load(v);
            for (CatalogIndex index : catalog.snapshot().indexes()) {
                ModelService.prepare(m, index);
            }
            return m;
        });
    }

    /**
     * Keeps only the versions the current experiments name (and allows loading those), evicting every other loaded
     * model.
     */
    public synchronized void retainOnly(Set<String> versions) {
        retained = Set.copyOf(versions);
        loaded.keySet().retainAll(retained);
    }

    /** How many variant models are loaded now (production's not counted). */
    public int loadedCount() {
        return loaded.size();
    }

    /** Registers {@code coachmatch_variant_models_loaded}. */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("coachmatch.variant.models.loaded", this, VariantModels::loadedCount)
                .description("Variant models loaded besides production's")
                .register(meters);
    }

    /** The model serving {@code production} now, or null. */
    public ModelScorer production() {
        return models.current();
    }
}
