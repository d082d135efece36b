package io.coachmatch.serving.models;

import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.catalog.CatalogIndexBuilt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Serves the model version the configured alias points to. A change in the registry directory (a
 * new alias, a new version) or an explicit reload loads the new version; one that fails to load or
 * verify is refused and logged, and the version already loaded keeps serving. With no model at all,
 * matching runs on the rules alone.
 */
public class ModelService {

    private static final Logger log = LoggerFactory.getLogger(ModelService.class);

    /**
     * The outcome of one reload, as the admin endpoint reports it. Its message, like {@link #lastError()}, is
     * meant for answers: it names versions and aliases, never a file path or an exception's text, which go to
     * the log.
     */
    public record ReloadResult(String status, String version, String message) {}

    private record Loaded(String version, ModelScorer scorer, Instant loadedAt) {}

    private final Path dir;
    private final String alias;
    private final Function<Path, ModelSource> opener;
    private volatile Loaded current;
    private volatile String lastError;
    private volatile String fingerprint = "";
    private final Supplier<List<CatalogIndex>> servingIndexes;

    /** A service whose newly loaded models prepare for no catalog (for tests and tools). */
    public ModelService(ModelSettings settings, Function<Path, ModelSource> opener) {
        this(settings, opener, List::of);
    }

    /** @param servingIndexes the catalog indexes serving now, which a newly loaded model prepares for first */
    public ModelService(
            ModelSettings settings, Function<Path, ModelSource> opener, Supplier<List<CatalogIndex>> servingIndexes) {
        this.dir = Path.of(settings.registryDir()).toAbsolutePath().normalize();
        this.alias = settings.alias();
        this.opener = opener;
        this.servingIndexes = servingIndexes;
    }

    /** Prepares the serving model for a catalog index before it serves. */
    @EventListener
    public void onCatalogIndexBuilt(CatalogIndexBuilt built) {
        ModelScorer model = current();
        if (model != null) {
            prepare(model, built.index());
        }
    }

    /** Builds a model's per-catalog work ahead of requests; a failure only means it is done on first use. */
    public static void prepare(ModelScorer model, CatalogIndex index) {
        try {
            model.prepare(index);
        } catch (RuntimeException e) {
            log.warn(
                    "Preparing model {} for a new catalog index failed; it will be done on first use: {}",
                    model.version(),
                    e.toString());
        }
    }

    /** The model to blend in, or null for rules only. */
    public ModelScorer current() {
        Loaded l = current;
        return l == null ? null : l.scorer();
    }

    public String currentVersion() {
        Loaded l = current;
        return l == null ? null : l.version();
    }

    /** Why the last load or reload did not serve a (new) model, or null. */
    public String lastError() {
        return lastError;
    }

    public Path directory() {
        return dir;
    }

    /** Loads what the alias points to now, if it differs from what is served. */
    public synchronized ReloadResult reload() {
        fingerprint = fingerprint();
        if (!Files.isDirectory(dir)) {
            return unavailable("there is no model registry directory", "no model registry at " + dir);
        }
        ModelSource source;
        String version;
        try {
            source = opener.apply(dir);
            version = source.resolve(alias).orElse(null);
        } catch (RuntimeException e) {
            return refused(
                    null, "the model registry cannot be read", "cannot read the model registry at " + dir + ": " + e);
        }
        if (version == null) {
            return unavailable(
                    "the model registry has no '" + alias + "' alias",
                    "the registry at " + dir + " has no '" + alias + "' alias");
        }
        Loaded l = current;
        if (l != null && l.version().equals(version)) {
            return new ReloadResult("unchanged", version, "version " + version + " is already serving");
        }
        try {
            long t0 = System.nanoTime();
            ModelScorer scorer = source.load(version);
            for (CatalogIndex index : servingIndexes.get()) {
                prepare(scorer, index);
            }
            current = new Loaded(version, scorer, Instant.now());
            lastError = null;
            log.info(
                    "Model {} ('{}') loaded from {} in {} ms; blend weight {}",
                    version,
                    alias,
                    dir,
                    (System.nanoTime() - t0) / 1_000_000,
                    scorer.blendWeight());
            return new ReloadResult("loaded", version, "now serving " + version);
        } catch (RuntimeException e) {
            return refused(
                    version,
                    "model " + version + " refused: it does not load or verify",
                    "model " + version + " refused: " + e);
        }
    }

    /**
     * @param why    what answers say
     * @param detail what the log says: with the directory and the cause
     */
    private ReloadResult unavailable(String why, String detail) {
        if (current == null) {
            if (!why.equals(lastError)) {
                log.warn("{}: answering with the rules only (warning model_unavailable_rules_only)", detail);
            }
            lastError = why;
            return new ReloadResult("rules_only", null, why);
        }
        lastError = why;
        return new ReloadResult("unchanged", current.version(), why + "; " + current.version() + " keeps serving");
    }

    private ReloadResult refused(String version, String why, String detail) {
        if (!why.equals(lastError)) {
            log.error(
                    "{}; {}",
                    detail,
                    current == null
                            ? "answering with the rules only"
                            : "version " + current.version() + " keeps serving");
        }
        lastError = why;
        return new ReloadResult("refused", current == null ? null : current.version(), why);
    }

    /** Reloads when anything in the registry directory changed since the last look. */
    public void checkForChanges() {
        if (!fingerprint().equals(fingerprint)) {
            reload();
        }
    }

    /** Names, sizes and modification times of every file in the registry, cheap to compare. */
    private String fingerprint() {
        if (!Files.isDirectory(dir)) {
            return "absent";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                try {
                    sb.append(dir.relativize(f))
                            .append(':')
                            .append(Files.size(f))
                            .append(':')
                            .append(Files.getLastModifiedTime(f).toMillis())
                            .append(';');
                } catch (IOException e) {
                    sb.append(f).append(":gone;");
                }
            });
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
        return sb.toString();
    }

    /** What {@code /api/models} and {@code /health} show. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        Loaded l = current;
        // The directory's name only: a public answer shows no absolute path (the startup log has it).
        out.put("registry", dir.getFileName() == null ? "/" : dir.getFileName().toString());
        out.put("alias", alias);
        out.put("serving", l == null ? null : l.version());
        out.put("loaded_at", l == null ? null : l.loadedAt().toString());
        out.put("blend_weight", l == null ? null : l.scorer().blendWeight());
        out.put("mode", l == null ? "rules_only" : "model");
        try {
            if (Files.isDirectory(dir)) {
                ModelSource s = opener.apply(dir);
                out.put("versions", s.versions());
                out.put("aliases", s.aliases());
            } else {
                out.put("versions", List.of());
                out.put("aliases", Map.of());
            }
        } catch (RuntimeException e) {
            log.warn("Cannot list the model registry at {}: {}", dir, e.toString());
            out.put("registry_error", "the model registry cannot be read");
        }
        out.put("last_error", lastError);
        return out;
    }
}
