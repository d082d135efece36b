package io.coachmatch.core.artifact;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.LinearBound;
import io.coachmatch.core.features.RequestSide;
import io.coachmatch.core.features.SkillRelatedness;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.matching.SkillEvidence;
import io.coachmatch.core.money.CurrencyRates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A verified model version, ready to score. Per request it vectorises the request text once
 * ({@link #forRequest}); per catalog it builds a table of every coach's TF-IDF vector and
 * request-independent features once (on first use, or ahead of time with {@link #prepare}) and
 * keeps it for as long as the catalog index lives (the cache is keyed weakly by the index, so a
 * replaced catalog is let go). Thread-safe.
 */
public final class LoadedModel implements ModelScorer {

    private final String version;
    private final Manifest manifest;
    private final CompiledModel compiled;
    /** {@link CoachBehaviour#updates()} when the tables were last refreshed. */
    private volatile long refreshedAt;
    /** One table per catalog, built once by the first thread that needs it while others wait for that catalog only. */
    private final Map<CatalogIndex, FutureTask<Prepared>> cache = new WeakHashMap<>();

    /**
     * What a model keeps per catalog: the feature table and, for a linear model or a tree model's linear first
     * phase, what bounding its score needs.
     */
    private record Prepared(CoachTable table, LinearBound linearBound, LinearBound firstBound) {}

    /**
     * @param rates not used since catalog tables convert rates with the index's own table
     *              ({@link CatalogIndex#rates()}), so that features and score bounds see the rates
     *              the matcher saw; kept for existing callers
     */
    public LoadedModel(String version, Manifest manifest, CompiledModel compiled, CurrencyRates rates) {
        this.version = version;
        this.manifest = manifest;
        this.compiled = compiled;
    }

    @Override
    public String version() {
        return version;
    }

    public Manifest manifest() {
        return manifest;
    }

    public ModelDefinition definition() {
        return compiled.definition();
    }

    public CompiledModel compiled() {
        return compiled;
    }

    @Override
    public double blendWeight() {
        return compiled.blendWeight();
    }

    @Override
    public RequestScorer forRequest(MatchQuery query, CatalogIndex catalog) {
        Prepared prepared = tableOf(catalog);
        return scorer(compiled, prepared.table(), prepared.linearBound(), query);
    }

    /**
     * The linear first phase of a tree model (see {@link ModelDefinition.FirstPhase}), scoring over the same table,
     * or null for a model without one.
     */
    @Override
    public ModelScorer firstPhase() {
        CompiledModel first = compiled.firstPhase();
        if (first == null) {
            return null;
        }
        LoadedModel parent = this;
        return new ModelScorer() {
            @Override
            public String version() {
                return parent.version();
            }

            @Override
            public double blendWeight() {
                return parent.blendWeight();
            }

            @Override
            public RequestScorer forRequest(MatchQuery query, CatalogIndex catalog) {
                Prepared prepared = tableOf(catalog);
                return scorer(first, prepared.table(), prepared.firstBound(), query);
            }
        };
    }

    @Override
    public int rerankCount() {
        return compiled.rerankCount();
    }

    /**
     * What the model's learned tables say of a requested skill a coach does not list: that the coach names it in its
     * title or bio, else its listed skill most related to it (relatedness at least {@value #STAND_IN}); null for a
     * model without learned relatedness.
     */
    @Override
    public SkillEvidence skillEvidence() {
        SkillRelatedness relatedness = compiled.extractor().relatedness();
        if (relatedness == null) {
            return null;
        }
        TextNormalizer normalizer = compiled.extractor().documents().normalizer();
        return (q, i, coach) -> {
            String wanted = normalizer.skill(q.skillName(i));
            String text = " "
                    + normalizer.skill((coach.profile().title() == null
                                    ? ""
                                    : coach.profile().title()) + " . "
                            + (coach.profile().bio() == null
                                    ? ""
                                    : coach.profile().bio()))
                    + " ";
            if (!wanted.isEmpty() && text.contains(" " + wanted + " ")) {
                return "names " + q.skillName(i) + " in its bio";
            }
            String best = null;
            double top = STAND_IN;
            for (CoachFacts.SkillFact f : coach.skills().values()) {
                double v = relatedness.get(wanted, normalizer.skill(f.name()));
                if (v >= top) {
                    top = v;
                    best = f.name();
                }
            }
            return best == null ? null : "strong in " + best;
        };
    }

    /** The least learned relatedness for a coach's skill to be named as standing in for a requested one. */
    static final double STAND_IN = 0.5;

    /** Counts one feedback event into the model's coach engagement (when it keeps any); see {@link #refresh}. */
    @Override
    public boolean record(FeedbackEvent event) {
        CoachBehaviour behaviour = compiled.extractor().behaviour();
        return behaviour != null && behaviour.record(event);
    }

    /**
     * Rebuilds the behaviour features (and the score bounds that read them) of every catalog table this model
     * keeps, when events were recorded since the last refresh; the rest of each table is shared, so this is cheap.
     * Requests already running keep the tables they started with.
     */
    @Override
    public void refresh() {
        CoachBehaviour behaviour = compiled.extractor().behaviour();
        if (behaviour == null) {
            return;
        }
        long updates = behaviour.updates();
        if (updates == refreshedAt) {
            return;
        }
        List<Map.Entry<CatalogIndex, FutureTask<Prepared>>> entries;
        synchronized (cache) {
            entries = new ArrayList<>(cache.entrySet());
        }
        for (Map.Entry<CatalogIndex, FutureTask<Prepared>> e : entries) {
            if (!e.getValue().isDone()) {
                continue;
            }
            Prepared old;
            try {
                old = e.getValue().get();
            } catch (InterruptedException | ExecutionException ex) {
                continue;
            }
            CoachTable table = old.table().withBehaviour(behaviour);
            CompiledModel first = compiled.firstPhase();
            Prepared fresh =
                    new Prepared(table, compiled.linearBound(table), first == null ? null : first.linearBound(table));
            FutureTask<Prepared> done = new FutureTask<>(() -> fresh);
            done.run();
            synchronized (cache) {
                if (cache.get(e.getKey()) == e.getValue()) {
                    cache.put(e.getKey(), done);
                }
            }
        }
        refreshedAt = updates;
    }

    /** The request side last computed on this thread, with what it was computed for. */
    private record LastRequest(MatchQuery query, CoachTable table, FeatureExtractor extractor, RequestSide side) {}

    private final ThreadLocal<LastRequest> lastRequest = new ThreadLocal<>();

    /**
     * The request's side of the features against a table: computed once per request and thread, so that the two
     * phases of a tree model (which share one extractor and one table) vectorise the request and take its TF-IDF
     * cosine with every coach once.
     */
    private RequestSide requestSide(FeatureExtractor extractor, MatchQuery query, CoachTable table) {
        LastRequest last = lastRequest.get();
        if (last != null && last.query() == query && last.table() == table && last.extractor() == extractor) {
            return last.side();
        }
        RequestSide side = extractor.request(query, table);
        lastRequest.set(new LastRequest(query, table, extractor, side));
        return side;
    }

    private RequestScorer scorer(CompiledModel model, CoachTable table, LinearBound linear, MatchQuery query) {
        FeatureExtractor extractor = model.extractor();
        RequestSide request = requestSide(extractor, query, table);
        double[] x = new double[FeatureExtractor.SIZE];
        // built on first use: the trees of a phased model rescore without asking for bounds
        CompiledModel.Bound[] bound = new CompiledModel.Bound[1];
        Supplier<CompiledModel.Bound> bounds = () -> {
            if (bound[0] == null) {
                bound[0] = model.bound(request, table, linear);
            }
            return bound[0];
        };
        return new RequestScorer() {
            @Override
            public double score(int coachIndex, RuleComponents rules) {
                extractor.extract(request, table, coachIndex, rules, x);
                return model.score(x);
            }

            @Override
            public double[] features(int coachIndex, RuleComponents rules) {
                double[] out = new double[FeatureExtractor.SIZE];
                extractor.extract(request, table, coachIndex, rules, out);
                return out;
            }

            /**
             * Valid for the rule components the matcher computes for the pair (experience, rating and
             * price follow from the coach and the request; skill, availability and total may be
             * anything in [0, 1]).
             */
            @Override
            public double upperBound(int coachIndex) {
                return bounds.get().upper(coachIndex);
            }

            @Override
            public double upperBound(int coachIndex, double skill, double totalAtMost, double coverage) {
                return bounds.get().upper(coachIndex, skill, totalAtMost, coverage);
            }

            @Override
            public double lowerBound(
                    int coachIndex, double skill, double totalAtLeast, double totalAtMost, double coverage) {
                return bounds.get().lower(coachIndex, skill, totalAtLeast, totalAtMost, coverage);
            }
        };
    }

    /**
     * Builds the per-coach table (TF-IDF vectors, normalised skills, request-independent features)
     * for a catalog now, in parallel, rather than on the first request that uses the catalog. Call it
     * after building an index and before serving from it, so that no request pays for the warm-up.
     */
    @Override
    public void prepare(CatalogIndex catalog) {
        tableOf(catalog);
    }

    @Override
    public List<double[]> features(MatchQuery query, List<CoachFacts> coaches, ScoreWeights weights) {
        return compiled.extractor().extractAll(query, coaches, weights);
    }

    /** Whether the table of this catalog is built (or being built): a request against it will not build one. */
    public boolean isPrepared(CatalogIndex catalog) {
        synchronized (cache) {
            return cache.containsKey(catalog);
        }
    }

    private Prepared tableOf(CatalogIndex catalog) {
        FutureTask<Prepared> task;
        boolean mine = false;
        synchronized (cache) {
            task = cache.get(catalog);
            if (task == null) {
                task = new FutureTask<>(() -> buildTable(catalog));
                cache.put(catalog, task);
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing model " + version + " for a catalog", e);
        } catch (ExecutionException e) {
            synchronized (cache) {
                cache.remove(catalog);
            }
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot prepare model " + version + " for a catalog", cause);
        }
    }

    private Prepared buildTable(CatalogIndex catalog) {
        List<CoachFacts> facts = new ArrayList<>(catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            facts.add(null);
        }
        IntStream.range(0, catalog.size())
                .parallel()
                .forEach(i -> facts.set(i, CoachFacts.of(catalog.coach(i), catalog.rates())));
        CoachTable table = compiled.extractor().table(facts);
        CompiledModel first = compiled.firstPhase();
        return new Prepared(table, compiled.linearBound(table), first == null ? null : first.linearBound(table));
    }

    @Override
    public String toString() {
        return "LoadedModel[" + version + ", " + compiled.definition().algorithm() + ", blend " + compiled.blendWeight()
                + "]";
    }
}
