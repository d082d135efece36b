package io.coachmatch.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Answers are written with the coach profiles' JSON copied from earlier writes; what comes out must be exactly what
 * the plain mapper writes, on the first write and every later one, from several threads, and a changed profile must
 * never come out as its older self.
 */
class CoachProfileJsonTests {

    private static final Instant AT = Instant.parse("2026-11-28T08:00:00Z");
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(11, 400);
    private static final CatalogIndex INDEX =
            CatalogIndex.build(COACHES, MatchingSettings.defaults().rates());
    private static final MatchingEngine ENGINE =
            new MatchingEngine(MatchingSettings.defaults().withMinMatchScore(0.0));

    private static List<MatchingResponse> answers(long seed, int n) {
        List<MatchingResponse> out = new ArrayList<>();
        for (MatchingRequest r : SyntheticCatalog.requests(seed, n, AT)) {
            out.add(ENGINE.respond(r, INDEX, null, null));
        }
        return out;
    }

    @Test
    void answersAreWrittenByteForByteAsThePlainMapperWritesThem() {
        List<MatchingResponse> answers = answers(3, 60);
        assertThat(answers.stream().mapToInt(a -> a.matches().size()).sum()).isGreaterThan(200);
        for (int round = 0; round < 3; round++) { // first writes fill the copies, later ones use them
            for (MatchingResponse a : answers) {
                assertThat(Json.bytes(a)).isEqualTo(Json.plain().writeValueAsBytes(a));
            }
        }
    }

    @Test
    void rootValuesTreesAndPrettyOutputAreUnchanged() {
        MatchingResponse a = answers(5, 1).get(0);
        CoachProfile c = a.matches().get(0).coach();
        Json.bytes(a); // the profile's copy exists now
        assertThat(Json.bytes(c)).isEqualTo(Json.plain().writeValueAsBytes(c));
        // a tree keeps the profile as an object to navigate, not as raw text
        assertThat(Json.toTree(a)
                        .path("matches")
                        .get(0)
                        .path("coach")
                        .path("id")
                        .asString())
                .isEqualTo(c.id());
        assertThat(Json.toTree(a).toString())
                .isEqualTo(Json.plain().valueToTree(a).toString());
        assertThat(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(a))
                .isEqualTo(Json.plain().writerWithDefaultPrettyPrinter().writeValueAsString(a));
    }

    @Test
    void aChangedProfileIsWrittenAsItIsNow() {
        MatchingResponse a = answers(9, 1).get(0);
        Json.bytes(a);
        CoachProfile old = a.matches().get(0).coach();
        CoachProfile renamed = Json.read(Json.bytes(old), CoachProfile.class);
        assertThat(renamed).isNotSameAs(old);
        String json = new String(Json.bytes(List.of(new Wrapper(renamed))), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(Json.plain().writeValueAsString(List.of(new Wrapper(renamed))));
        CoachProfile changed = Json.read(
                Json.string(old).replace("\"name\":\"" + old.name() + "\"", "\"name\":\"Someone Else\""),
                CoachProfile.class);
        assertThat(Json.string(new Wrapper(changed))).contains("Someone Else").doesNotContain(old.name());
    }

    private record Wrapper(CoachProfile coach) {}

    @Test
    void threadsWritingTheSameProfilesAtOnceAllGetThePlainBytes() throws Exception {
        List<MatchingResponse> answers = answers(13, 40);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    int checked = 0;
                    for (int round = 0; round < 5; round++) {
                        for (int i = 0; i < answers.size(); i++) {
                            MatchingResponse a = answers.get((i + offset * 7) % answers.size());
                            assertThat(Json.bytes(a)).isEqualTo(Json.plain().writeValueAsBytes(a));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
