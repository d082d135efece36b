package io.coachmatch.serving.experiments;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.experiments.Experiment;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.serving.feedback.CountStore;
import io.coachmatch.serving.matching.AnswerHooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects experiments to the matching service: routes each request to its variant, counts fresh answers per
 * variant (a duplicate answered from the cache is not counted again) and publishes the impression log of every
 * answer. With Redis the count only joins the queue of {@link io.coachmatch.serving.feedback.BackgroundRequestCounts}:
 * the answering thread, inside its transaction, never waits on Redis.
 */
public class ExperimentHooks implements AnswerHooks {

    private static final Logger log = LoggerFactory.getLogger(ExperimentHooks.class);

    private final Experiments experiments;
    private final CountStore counts;
    private final ImpressionPublisher impressions;

    /** @param impressions null when impression logging is off */
    public ExperimentHooks(Experiments experiments, CountStore counts, ImpressionPublisher impressions) {
        this.experiments = experiments;
        this.counts = counts;
        this.impressions = impressions;
    }

    @Override
    public Route route(MatchingRequest request, ModelScorer production) {
        return experiments.route(request, production);
    }

    @Override
    public void answered(Answered answered) {
        MatchingRequest request = answered.request();
        MatchingResponse response = answered.response();
        if (answered.fresh() && response.experiment() != null) {
            try {
                Experiment e = experiments.find(response.experiment()).orElse(null);
                String unit = e == null ? request.requestId() : Experiments.unitOf(e, request);
                counts.request(response.experiment(), response.variant(), unit, request.requestId());
            } catch (RuntimeException ex) {
                log.warn(
                        "Request {} not counted for experiment {}: {}",
                        request.requestId(),
                        response.experiment(),
                        ex.toString());
            }
        }
        if (impressions != null) {
            impressions.publish(request, response, !answered.fresh(), answered.features(), answered.partition());
        }
    }

    @Override
    public void warmUp(Answered answered) {
        if (impressions != null) {
            Json.bytes(impressions.log(answered.request(), answered.response(), false, answered.features()));
        }
    }
}
