package io.coachmatch.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins what the index answers for seeded catalogs and requests: the SHA-256 of every outcome's counts
 * per filter reason, totals, and top list (ids and the exact bits of every score), rules only, with a
 * model blended in, and with excluded coaches. The hashes were recorded before the index was split
 * into builder, filters and scratch (commit ba33596).
 */
class MatchDigestTests {

    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final MatchingSettings SETTINGS = MatchingSettings.defaults();
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(21, 3_000);
    private static final CatalogIndex INDEX = CatalogIndex.build(COACHES, RATES);
    private static final List<MatchingRequest> REQUESTS = SyntheticCatalog.requests(22, 400, START);

    @Test
    void rulesOnlyOutcomesAreUnchanged() throws Exception {
        assertThat(digest(null, null)).isEqualTo("6403af2efc89c2501b843216617147bbefdd1c366af80ee54e6f9fefc7c73005");
    }

    @Test
    void outcomesWithExcludedCoachesAreUnchanged() throws Exception {
        long[] excluded = INDEX.newBitSet();
        for (int c = 0; c < INDEX.size(); c += 7) {
            excluded[c >>> 6] |= 1L << (c & 63);
        }
        assertThat(digest(null, excluded))
                .isEqualTo("d76c8b1be7e1f6422b8b30aafac66cacfcc06cb49f9e08b720f500ef112d9bfa");
    }

    @Test
    void outcomesWithTheShippedModelAreUnchanged() throws Exception {
        LoadedModel model = ModelRegistry.open(Path.of("..", "models")).load("v0001");
        model.prepare(INDEX);
        assertThat(digest(model, null)).isEqualTo("d4e2d14c2f5e2f0443739ce28965209413dd0998fc5d6de15b1e59b862f4843c");
    }

    private static String digest(ModelScorer model, long[] excluded) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        ByteBuffer b = ByteBuffer.allocate(128);
        for (MatchingRequest r : REQUESTS) {
            MatchQuery q = MatchQuery.compile(r, SETTINGS, START);
            MatchOutcome o = INDEX.match(q, SETTINGS.weights(), SETTINGS.minMatchScore(), model, excluded);
            b.clear();
            b.putInt(o.totalMatches()).putInt(o.candidatesConsidered());
            for (FilterReason reason : FilterReason.values()) {
                b.putInt(o.filteredOut().get(reason));
            }
            md.update(b.array(), 0, b.position());
            for (ScoredCoach s : o.top()) {
                md.update(s.coach().id().getBytes(StandardCharsets.UTF_8));
                RuleComponents rc = s.rules();
                double[] values = {
                    s.matchScore(),
                    s.modelScore() == null ? -1.0 : s.modelScore(),
                    rc.skill(),
                    rc.experience(),
                    rc.rating(),
                    rc.availability(),
                    rc.price(),
                    rc.total(),
                    rc.coverage()
                };
                b.clear();
                for (double v : values) {
                    b.putLong(Double.doubleToRawLongBits(v));
                }
                md.update(b.array(), 0, b.position());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
