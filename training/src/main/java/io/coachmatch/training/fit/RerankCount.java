package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.AdjustedScorer;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.training.data.DataSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many of its first phase's best candidates a tree model must rescore, chosen without labels: on some of the
 * validation requests, ranked over every candidate of the data's catalog, the share of the trees' own top ten
 * (every candidate rescored) that phased ranking with {@code n} also puts in its top ten. The recommendation is the
 * smallest count tried whose share is at least {@value #RECALL}; the cost of phasing on labelled data is what
 * {@code evaluate --truth} reports.
 */
public final class RerankCount {

    /** The counts tried, smallest first. */
    static final int[] COUNTS = {20, 30, 50, 100, 200, 300};

    /** The share of the full ranking's top ten a recommended count must keep. */
    static final double RECALL = 0.99;

    /** The most validation requests looked at. */
    static final int SAMPLE = 300;

    /**
     * The recommendation and the share kept at each count tried.
     *
     * @param count  the smallest count keeping {@value #RECALL} of the top ten, or {@code max} when none does
     * @param recall top-ten recall by count
     */
    public record Choice(int count, Map<Integer, Double> recall) {}

    private RerankCount() {}

    /** Chooses for a definition with a first phase, counts up to {@code max}. */
    public static Choice choose(
            DataSet data, List<Integer> validation, ModelDefinition definition, MatchingSettings settings, int max) {
        CatalogIndex catalog = CatalogIndex.build(data.coaches(), settings.rates());
        LoadedModel model =
                new LoadedModel("new model", null, CompiledModel.of(definition, "new model"), settings.rates());
        model.prepare(catalog);
        double b = model.blendWeight();
        ModelScorer full = new AdjustedScorer(model, b, null, 0);
        ModelScorer first = new AdjustedScorer(model.firstPhase(), b, null, 0);
        MatchingEngine engine = new MatchingEngine(settings.withMinMatchScore(0.0));
        int step = Math.max(1, validation.size() / SAMPLE);
        Map<Integer, Double> recall = new LinkedHashMap<>();
        long[] kept = new long[COUNTS.length];
        long wanted = 0;
        for (int k = 0; k < validation.size(); k += step) {
            MatchingRequest r = data.requests().get(validation.get(k)).withMaxResults(10);
            Set<String> best =
                    ids(engine.match(engine.compile(r), catalog, full, null).top());
            wanted += best.size();
            for (int c = 0; c < COUNTS.length; c++) {
                if (COUNTS[c] > max) {
                    continue;
                }
                ModelScorer phased = new AdjustedScorer(model, b, first, COUNTS[c]);
                Set<String> got = ids(
                        engine.match(engine.compile(r), catalog, phased, null).top());
                got.retainAll(best);
                kept[c] += got.size();
            }
        }
        int choice = max;
        for (int c = COUNTS.length - 1; c >= 0; c--) {
            if (COUNTS[c] > max) {
                continue;
            }
            double share = wanted == 0 ? 1.0 : kept[c] / (double) wanted;
            recall.put(COUNTS[c], share);
        }
        for (int c = 0; c < COUNTS.length; c++) {
            if (COUNTS[c] <= max && recall.get(COUNTS[c]) >= RECALL) {
                choice = COUNTS[c];
                break;
            }
        }
        return new Choice(choice, recall);
    }

    private static Set<String> ids(List<ScoredCoach> top) {
        Set<String> ids = new HashSet<>();
        for (ScoredCoach s : top) {
            ids.add(s.coach().id());
        }
        return ids;
    }
}
