package io.coachmatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins what the features are: their names in order (what an artifact records) and the SHA-256 of the
 * exact bits of every feature vector and every feature range of seeded pairs. The hashes were recorded
 * before the feature indices were named (commit ba33596), so the named indices must write exactly
 * what the literal ones did.
 */
class FeatureDigestTests {

    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final ScoreWeights WEIGHTS = ScoreWeights.defaults();

    @Test
    void theFeatureNamesAndTheirOrderAreUnchanged() {
        assertThat(FeatureExtractor.FEATURES)
                .containsExactly(
                        "rule_skill",
                        "rule_experience",
                        "rule_rating",
                        "rule_availability",
                        "rule_price",
                        "rule_total",
                        "tfidf_cosine",
                        "skill_coverage",
                        "mandatory_coverage",
                        "level_shortfall",
                        "level_surplus",
                        "skill_years",
                        "skill_certifications",
                        "experience_log",
                        "review_count_log",
                        "shrunk_rating",
                        "sessions_log",
                        "success_rate",
                        "response_speed",
                        "repeat_client_rate",
                        "price_ratio",
                        "price_ratio_low",
                        "price_ratio_high",
                        "has_budget",
                        "availability_coverage",
                        "overlap_hours_log",
                        "language_fit",
                        "language_breadth",
                        "session_type_fit",
                        "session_type_breadth",
                        "capacity_headroom",
                        "skill_breadth",
                        "flexibility",
                        "bio_skill_coverage",
                        "related_skill_match",
                        "click_rate",
                        "contact_rate",
                        "booking_rate",
                        "good_rating_rate",
                        "history_count",
                        "skill_fit");
        assertThat(FeatureExtractor.SIZE).isEqualTo(41);
        assertThat(Feature.FORMAT_1_COUNT).isEqualTo(33);
    }

    @Test
    void featureVectorsAndRangesOfSeededPairsAreUnchanged() throws Exception {
        FeatureExtractor fx = ModelRegistry.open(Path.of("..", "models"))
                .load("v0001")
                .compiled()
                .extractor();
        List<CoachProfile> coaches = SyntheticCatalog.coaches(5, 400);
        List<CoachFacts> facts =
                coaches.stream().map(c -> CoachFacts.of(c, RATES)).toList();
        CoachTable table = fx.table(facts);
        List<MatchingRequest> requests = SyntheticCatalog.requests(6, 80, START);
        int n = FeatureExtractor.SIZE;
        MessageDigest vectors = sha256();
        MessageDigest ranges = sha256();
        double[] x = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (MatchingRequest r : requests) {
            MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
            RequestSide side = fx.request(q, table);
            FeatureBounds.requestRanges(side, lo, hi);
            update(ranges, lo);
            update(ranges, hi);
            for (int c = 0; c < facts.size(); c++) {
                RuleComponents rules = RuleScorer.score(q, facts.get(c), WEIGHTS);
                fx.extract(side, table, c, rules, x);
                update(vectors, x);
                double[] point = new double[n];
                FeatureBounds.coachOnly(table, c, point);
                FeatureBounds.coachExact(side, table, c, point);
                update(ranges, point);
                double[] l = lo.clone();
                double[] h = hi.clone();
                FeatureBounds.narrowToRules(
                        side, rules.skill(), rules.total(), c % 3 == 0 ? Double.NaN : rules.coverage(), l, h);
                update(ranges, l);
                update(ranges, h);
            }
        }
        update(ranges, FeatureBounds.COACH_ONLY);
        update(ranges, FeatureBounds.COACH_EXACT);
        update(ranges, FeatureBounds.RULE_DEPENDENT);
        assertThat(List.of(hex(vectors), hex(ranges)))
                .containsExactly(
                        "64dfef8c311dff776dc9294497ade0abff2e7b643bed6270b7f6435a5480fb5b",
                        "f99faa71cb72f76a580832ff64bff677922c2a1f89f65ca3c5e8975e21428f3d");
    }

    /** Hashes the format-1 features only: the digests were taken with 33 features, appended ones come after. */
    private static void update(MessageDigest md, double[] values) {
        int n = Math.min(values.length, Feature.FORMAT_1_COUNT);
        ByteBuffer b = ByteBuffer.allocate(n * Double.BYTES);
        for (int i = 0; i < n; i++) {
            b.putLong(Double.doubleToRawLongBits(values[i]));
        }
        md.update(b.array());
    }

    /** Hashes the indices of format-1 features only (later ones were appended to the lists). */
    private static void update(MessageDigest md, int[] values) {
        int[] old =
                Arrays.stream(values).filter(v -> v < Feature.FORMAT_1_COUNT).toArray();
        ByteBuffer b = ByteBuffer.allocate(old.length * Integer.BYTES);
        for (int v : old) {
            b.putInt(v);
        }
        md.update(b.array());
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
