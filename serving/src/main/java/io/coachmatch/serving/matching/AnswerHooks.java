package io.coachmatch.serving.matching;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.matching.ModelScorer;
import java.util.List;

/**
 * Where experiments plug into {@link MatchingService}: which model answers a request (and under which experiment
 * and variant), and what happens after an answer (impression logging, request counting). Called on the thread
 * that answers, so a Kafka send joins the listener's transaction.
 */
public interface AnswerHooks {

    /** Serves {@code production} and does nothing after answering. */
    AnswerHooks NONE = new AnswerHooks() {
        @Override
        public Route route(MatchingRequest request, ModelScorer production) {
            return Route.production(production);
        }

        @Override
        public void answered(Answered answered) {}
    };

    /**
     * The model for one request.
     *
     * @param model         null for the rules only
     * @param experiment    null outside an experiment
     * @param rulesByDesign the variant asks for {@code rules}, so a null model is no degradation
     */
    record Route(ModelScorer model, String experiment, String variant, boolean rulesByDesign) {
        public static Route production(ModelScorer model) {
            return new Route(model, null, null, false);
        }
    }

    Route route(MatchingRequest request, ModelScorer production);

    /**
     * A response that was decided.
     *
     * @param fresh     true when computed and stored now, false when it came from the cache (a duplicate request,
     *                  or another instance answered first)
     * @param channel   the way the request came in
     * @param features  the feature vector the model scored for each of the response's matches, in their order;
     *                  null when not recorded (rules only, or an answer from the cache)
     * @param partition the partition the request was read from, so what is written about it can go to the same
     *                  partition number; null for a request that did not come over Kafka
     */
    record Answered(
            MatchingRequest request,
            MatchingResponse response,
            boolean fresh,
            Channel channel,
            List<double[]> features,
            Integer partition) {}

    /** After a response was decided. */
    void answered(Answered answered);

    /** Does the work of {@link #answered} that has no effect outside this process (building logs), for warming up. */
    default void warmUp(Answered answered) {}
}
