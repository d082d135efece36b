package io.coachmatch.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AssignmentTests {

    static final int UNITS = 100_000;

    static Experiment split(String salt, double... shares) {
        String[] names = {"control", "treatment", "third"};
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < shares.length; i++) {
            variants.add(new Variant(names[i], i == 0 ? "production" : "v000" + (i + 3), shares[i]));
        }
        return Experiment.running("ranker-dec", salt, variants);
    }

    static String unit(int i) {
        return "user_" + i;
    }

    @Nested
    class Stickiness {

        @Test
        void bucketIsTheDocumentedSha256OfSaltColonUnit() {
            // Expected values from coreutils, outside Java:
            //   printf 'dec-2026:user_42' | sha256sum  ->  117d7741c24eae73...  ->  0x117d7741c24eae73 mod 10000 = 2867
            //   printf 'dec-2026:user_7'  | sha256sum  ->  f35174fbfbde854b...  ->  unsigned mod 10000 = 9227
            //   printf 'dec-2026:Zoë'     | sha256sum  ->  f5e6c3302a2303fa...  ->  unsigned mod 10000 = 9578 (UTF-8)
            assertThat(Assignment.bucket("dec-2026", "user_42")).isEqualTo(2867);
            assertThat(Assignment.bucket("dec-2026", "user_7")).isEqualTo(9227);
            assertThat(Assignment.bucket("dec-2026", "Zoë")).isEqualTo(9578);
        }

        @Test
        void sameUnitGetsTheSameVariantFromEveryInstanceAndAfterAReload() {
            Experiment experiment = split("dec-2026", 0.5, 0.5);
            Assignment first = Assignment.of(experiment);
            Assignment reloaded = Assignment.of(Json.read(Json.bytes(experiment), Experiment.class));
            for (int i = 0; i < 10_000; i++) {
                Variant v = first.variantFor(unit(i));
                assertThat(first.variantFor(unit(i))).isEqualTo(v);
                assertThat(reloaded.variantFor(unit(i))).isEqualTo(v);
            }
            // bucket 2867 of user_42 lies in control's [0, 5000), bucket 9227 of user_7 in treatment's [5000, 10000)
            assertThat(first.variantFor("user_42").name()).isEqualTo("control");
            assertThat(first.variantFor("user_7").name()).isEqualTo("treatment");
        }

        @Test
        void variantsOwnContiguousRangesInDeclarationOrder() {
            assertThat(Assignment.of(split("s", 0.5, 0.3, 0.2)).ranges())
                    .containsExactly(
                            new Assignment.BucketRange("control", 0, 5000),
                            new Assignment.BucketRange("treatment", 5000, 8000),
                            new Assignment.BucketRange("third", 8000, 10_000));
            // thirds: cumulative shares round to 3333 and 6667, the last range always ends at 10000
            assertThat(Assignment.of(split("s", 1.0 / 3, 1.0 / 3, 1.0 / 3)).ranges())
                    .extracting(Assignment.BucketRange::to)
                    .containsExactly(3333, 6667, 10_000);
        }

        @Test
        void refusesAnInvalidExperiment() {
            assertThatThrownBy(() -> Assignment.of(split("s", 0.5, 0.6)))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageContaining("variants shares sum to 1.1");
        }
    }

    @Nested
    class Shares {

        @Test
        void hundredThousandUnitsMatchTheConfiguredSharesWithinFourSigma() {
            double[] shares = {0.5, 0.3, 0.2};
            Assignment assignment = Assignment.of(split("dec-2026", shares));
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < UNITS; i++) {
                counts.merge(assignment.variantFor(unit(i)).name(), 1L, Long::sum);
            }
            long[] observed = {counts.get("control"), counts.get("treatment"), counts.get("third")};
            for (int i = 0; i < shares.length; i++) {
                double expected = UNITS * shares[i];
                double sigma = Math.sqrt(UNITS * shares[i] * (1 - shares[i]));
                assertThat((double) observed[i])
                        .as("variant %d", i)
                        .isBetween(expected - 4 * sigma, expected + 4 * sigma);
            }
            assertThat(ExperimentStatistics.chiSquarePValue(observed, shares)).isGreaterThan(0.001);
        }

        @Test
        void bucketsAreUniform() {
            long[] tenths = new long[10];
            for (int i = 0; i < UNITS; i++) {
                tenths[Assignment.bucket("uniformity", unit(i)) / 1000]++;
            }
            double[] equal = new double[10];
            Arrays.fill(equal, 0.1);
            assertThat(ExperimentStatistics.chiSquarePValue(tenths, equal)).isGreaterThan(0.001);
        }
    }

    @Nested
    class ShareChanges {

        @Test
        void goingFromFiftyFiftyToSeventyThirtyMovesExactlyTheBucketsThatChangeHands() {
            Assignment before = Assignment.of(split("dec-2026", 0.5, 0.5));
            Assignment after = Assignment.of(split("dec-2026", 0.7, 0.3));
            int moved = 0;
            for (int i = 0; i < UNITS; i++) {
                String u = unit(i);
                int bucket = Assignment.bucket("dec-2026", u);
                boolean inChangedRange = bucket >= 5000 && bucket < 7000;
                String was = before.variantFor(u).name();
                String is = after.variantFor(u).name();
                assertThat(!was.equals(is))
                        .as("unit %s in bucket %d", u, bucket)
                        .isEqualTo(inChangedRange);
                if (inChangedRange) {
                    assertThat(was).isEqualTo("treatment");
                    assertThat(is).isEqualTo("control");
                    moved++;
                }
            }
            // about a fifth of the units, within 4 sigma
            assertThat((double) moved)
                    .isBetween(UNITS * 0.2 - 4 * Math.sqrt(UNITS * 0.16), UNITS * 0.2 + 4 * Math.sqrt(UNITS * 0.16));
        }

        @Test
        void changingOnlyTheModelOfAVariantMovesNobody() {
            Assignment before = Assignment.of(split("dec-2026", 0.5, 0.5));
            Experiment e = split("dec-2026", 0.5, 0.5);
            Assignment after = Assignment.of(new Experiment(
                    e.name(),
                    e.unit(),
                    e.salt(),
                    List.of(new Variant("control", "v0001", 0.5), new Variant("treatment", "rules", 0.5)),
                    null,
                    null,
                    null));
            for (int i = 0; i < 10_000; i++) {
                assertThat(after.variantFor(unit(i)).name())
                        .isEqualTo(before.variantFor(unit(i)).name());
            }
        }
    }

    @Nested
    class Salts {

        @Test
        void twoSaltsSplitTheSameUnitsIndependently() {
            Assignment a = Assignment.of(split("salt-a", 0.5, 0.5));
            Assignment b = Assignment.of(split("salt-b", 0.5, 0.5));
            long[][] table = new long[2][2];
            for (int i = 0; i < UNITS; i++) {
                int x = a.variantFor(unit(i)).name().equals("control") ? 0 : 1;
                int y = b.variantFor(unit(i)).name().equals("control") ? 0 : 1;
                table[x][y]++;
            }
            // chi-square test of independence of the 2x2 table, 1 degree of freedom
            double statistic = 0;
            for (int x = 0; x < 2; x++) {
                for (int y = 0; y < 2; y++) {
                    double expected = (double) (table[x][0] + table[x][1]) * (table[0][y] + table[1][y]) / UNITS;
                    statistic += Math.pow(table[x][y] - expected, 2) / expected;
                }
            }
            assertThat(ExperimentStatistics.chiSquareUpperTail(statistic, 1)).isGreaterThan(0.001);
            // every cell holds about a quarter
            for (long[] row : table) {
                for (long cell : row) {
                    assertThat((double) cell)
                            .isBetween(
                                    UNITS / 4.0 - 4 * Math.sqrt(UNITS * 0.1875),
                                    UNITS / 4.0 + 4 * Math.sqrt(UNITS * 0.1875));
                }
            }
        }
    }
}
