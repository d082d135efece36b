package io.coachmatch.core.artifact;

import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.money.CurrencyRates;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A verified model version, ready to score. Per request it vectorises the request text once
 * ({@link #forRequest}); per coach it computes the coach's TF-IDF vector and request-independent
 * features the first time the coach is scored, and keeps them for as long as the catalog index
 * lives (the cache is keyed weakly by the index, so a replaced catalog is let go). Thread-safe.
 */
public final class LoadedModel implements ModelScorer {

    private final String version;
    private final Manifest manifest;
    private final CompiledModel compiled;
    private final CurrencyRates rates;
    private final Map<CatalogIndex, AtomicReferenceArray<FeatureExtractor.CoachSide>> cache = new WeakHashMap<>();

    /**
     * @param rates the currency table the catalog's rates are converted with
     */
    public LoadedModel(String version, Manifest manifest, CompiledModel compiled, CurrencyRates rates) {
        this.version = version;
        this.manifest = manifest;
        this.compiled = compiled;
        this.rates = rates;
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
        FeatureExtractor extractor = compiled.extractor();
        FeatureExtractor.RequestSide request = extractor.request(query);
        AtomicReferenceArray<FeatureExtractor.CoachSide> coaches = coachesOf(catalog);
        double[] x = new double[FeatureExtractor.SIZE];
        return (coachIndex, rules) -> {
            FeatureExtractor.CoachSide c = coaches.get(coachIndex);
            if (c == null) {
                c = extractor.coach(CoachFacts.of(catalog.coach(coachIndex), rates));
                coaches.lazySet(coachIndex, c);
            }
            extractor.extract(request, c, rules, x);
            return compiled.score(x);
        };
    }

    private AtomicReferenceArray<FeatureExtractor.CoachSide> coachesOf(CatalogIndex catalog) {
        synchronized (cache) {
            return cache.computeIfAbsent(catalog, c -> new AtomicReferenceArray<>(c.size()));
        }
    }

    @Override
    public String toString() {
        return "LoadedModel[" + version + ", " + compiled.definition().algorithm() + ", blend "
                + compiled.blendWeight() + "]";
    }
}
