package io.coachmatch.serving.experiments;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.experiments.Assignment;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.experiments.InvalidExperimentException;
import io.coachmatch.core.experiments.Variant;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.matching.AnswerHooks;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experiments as this instance serves them: the definitions from the {@link ExperimentStore} (re-read every
 * poll interval, so a change made on any instance takes effect everywhere within seconds), the running
 * experiment's {@link Assignment}, and each variant's model. Outside an experiment {@code production} serves.
 */
public class Experiments {

    private static final Logger log = LoggerFactory.getLogger(Experiments.class);

    private record State(ExperimentsFile file, Assignment running, Map<String, VariantModels.Resolved> models) {}

    private final ExperimentStore store;
    private final VariantModels models;
    private final Clock clock;
    private volatile State state = new State(ExperimentsFile.empty(), null, Map.of());
    private volatile String lastError;

    public Experiments(ExperimentStore store, VariantModels models, Clock clock) {
        this.store = store;
        this.models = models;
        this.clock = clock;
    }

    /** Re-reads the definitions and re-resolves the running experiment's models (aliases may have moved). */
    public synchronized void refresh() {
        try {
            apply(store.load());
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(lastError)) {
                log.error(
                        "Cannot read the experiments ({}); the last good definitions keep serving: {}",
                        store.mode(),
                        why);
            }
            lastError = why;
        }
    }

    private void apply(ExperimentsFile file) {
        Assignment running = file.running().map(Assignment::of).orElse(null);
        Map<String, VariantModels.Resolved> resolved = new HashMap<>();
        Set<String> versions = new HashSet<>();
        if (running != null) {
            for (Variant v : running.experiment().variants()) {
                String version = models.versionOf(v.model());
                if (version != null) {
                    versions.add(version);
                }
            }
        }
        models.retainOnly(versions);
        if (running != null) {
            for (Variant v : running.experiment().variants()) {
                try {
                    resolved.put(v.name(), models.resolve(v.model()));
                } catch (RuntimeException e) {
                    String why = "variant '" + v.name() + "' of experiment '"
                            + running.experiment().name() + "' cannot serve: " + e.getMessage();
                    if (!why.equals(lastError)) {
                        log.error("{}; production answers its requests", why);
                    }
                    lastError = why;
                }
            }
        }
        State previous = state;
        state = new State(file, running, Map.copyOf(resolved));
        if (!file.equals(previous.file())) {
            log.info(
                    "Experiments now: {}",
                    running == null
                            ? "none running"
                            : "'" + running.experiment().name() + "' running with " + running.ranges());
        }
    }

    /** The route of one request: its variant's model inside the running experiment, else production. */
    public AnswerHooks.Route route(MatchingRequest request, ModelScorer production) {
        State s = state;
        if (s.running() == null) {
            return AnswerHooks.Route.production(production);
        }
        Experiment e = s.running().experiment();
        Variant v = s.running().variantFor(unitOf(e, request));
        VariantModels.Resolved m = s.models().get(v.name());
        if (m == null) {
            return new AnswerHooks.Route(production, e.name(), v.name(), false);
        }
        return new AnswerHooks.Route(m.scorer(), e.name(), v.name(), m.rules());
    }

    /** The value the experiment randomises on: requester_id (else request_id), or request_id. */
    public static String unitOf(Experiment e, MatchingRequest request) {
        if (Experiment.DEFAULT_UNIT.equals(e.effectiveUnit())
                && request.requesterId() != null
                && !request.requesterId().isBlank()) {
            return request.requesterId();
        }
        return request.requestId();
    }

    /**
     * Starts or changes an experiment from a {@code PUT} body.
     *
     * @throws InvalidExperimentException naming every bad field
     */
    public synchronized Experiment put(String name, byte[] body) {
        Experiment e = Experiment.parse(body, name, models::known);
        ExperimentsFile next = store.load().put(e, clock.instant());
        store.save(next);
        apply(next);
        return next.find(name).orElseThrow();
    }

    /** Stops an experiment; empty when there is none of that name. */
    public synchronized Optional<Experiment> stop(String name) {
        Optional<ExperimentsFile> next = store.load().stop(name, clock.instant());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        store.save(next.get());
        apply(next.get());
        return next.get().find(name);
    }

    public List<Experiment> all() {
        return state.file().experiments();
    }

    public Optional<Experiment> find(String name) {
        return state.file().find(name);
    }

    public Optional<Experiment> running() {
        State s = state;
        return s.running() == null ? Optional.empty() : Optional.of(s.running().experiment());
    }

    /** The version a variant's model resolves to now (for results), or null. */
    public String versionOf(String model) {
        return models.versionOf(model);
    }

    public String mode() {
        return store.mode();
    }
}
