package io.coachmatch.core.matching;

import io.coachmatch.core.contract.FeedbackEvent;
import java.util.List;

/**
 * A model scored as another is, with its blend weight, its first phase and its rerank count replaced: what would
 * another blend, or another phasing, have done (evaluation, tests). Scoring, bounds and learning go to the base.
 *
 * @param firstPhase null to score every candidate with the base, without phases
 */
public record AdjustedScorer(ModelScorer base, double blendWeight, ModelScorer firstPhase, int rerankCount)
        implements ModelScorer {

    @Override
    public String version() {
        return base.version();
    }

    @Override
    public RequestScorer forRequest(MatchQuery query, CatalogIndex catalog) {
        return base.forRequest(query, catalog);
    }

    @Override
    public void prepare(CatalogIndex catalog) {
        base.prepare(catalog);
    }

    @Override
    public List<double[]> features(MatchQuery query, List<CoachFacts> coaches, ScoreWeights weights) {
        return base.features(query, coaches, weights);
    }

    @Override
    public boolean record(FeedbackEvent event) {
        return base.record(event);
    }

    @Override
    public void refresh() {
        base.refresh();
    }

    @Override
    public SkillEvidence skillEvidence() {
        return base.skillEvidence();
    }
}
