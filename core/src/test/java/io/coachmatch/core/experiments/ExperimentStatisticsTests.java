package io.coachmatch.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExperimentStatisticsTests {

    @Nested
    class AgainstPublishedAndHandWorkedValues {

        @Test
        void wilsonIntervalsMatchNewcombesTable() {
            // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
            // methods", Statistics in Medicine 17:857-872, Table I, method 3 (score interval without continuity
            // correction), published to 4 decimals.
            assertInterval(ExperimentStatistics.wilson(81, 263), 81.0 / 263, 0.2553, 0.3662);
            assertInterval(ExperimentStatistics.wilson(15, 148), 15.0 / 148, 0.0624, 0.1605);
            assertInterval(ExperimentStatistics.wilson(0, 20), 0.0, 0.0, 0.1611);
            assertInterval(ExperimentStatistics.wilson(1, 29), 1.0 / 29, 0.0061, 0.1718);
        }

        @Test
        void zTestOfTwelveAgainstTenPercentOfAThousand() {
            // By hand: pooled p = 220/2000 = 0.11; se = sqrt(0.11 * 0.89 * (1/1000 + 1/1000)) = sqrt(0.0001958)
            // = 0.0139929; z = (0.12 - 0.10) / 0.0139929 = 1.42930; two-sided p = 2 * (1 - Phi(1.4293)) = 0.15292
            // (Phi(1.43) = 0.9236 in a printed normal table gives 0.1528).
            assertThat(ExperimentStatistics.twoProportionZ(120, 1000, 100, 1000))
                    .isCloseTo(1.42930, within(1e-5));
            assertThat(ExperimentStatistics.twoProportionPValue(120, 1000, 100, 1000))
                    .isCloseTo(0.15292, within(1e-5));
            assertThat(ExperimentStatistics.twoProportionPValue(100, 1000, 120, 1000))
                    .isCloseTo(0.15292, within(1e-5));
            assertThat(ExperimentStatistics.twoProportionPValue(0, 10, 0, 10)).isEqualTo(1.0);
            assertThat(ExperimentStatistics.twoProportionPValue(1, 0, 0, 10)).isNull();
        }

        @Test
        void liftIntervalIsTheDeltaMethodOnTheLogRatio() {
            // By hand: ratio 0.12 / 0.10 = 1.2, ln 1.2 = 0.182322;
            // se = sqrt(1/120 - 1/1000 + 1/100 - 1/1000) = sqrt(0.0163333) = 0.127802;
            // ln bounds 0.182322 -/+ 1.959964 * 0.127802 = -0.068166 and 0.432810; exp(.) - 1 = -0.065894 and 0.541581
            Estimate lift = ExperimentStatistics.relativeLift(120, 1000, 100, 1000);
            assertThat(lift.value()).isCloseTo(0.2, within(1e-12));
            assertThat(lift.ciLow()).isCloseTo(-0.065894, within(1e-6));
            assertThat(lift.ciHigh()).isCloseTo(0.541581, within(1e-6));
        }

        @Test
        void liftIsUndefinedWithoutAControlBookingAndHasNoIntervalWithoutATreatmentBooking() {
            assertThat(ExperimentStatistics.relativeLift(5, 100, 0, 100)).isNull();
            assertThat(ExperimentStatistics.relativeLift(0, 100, 5, 100)).isEqualTo(new Estimate(-1.0, null, null));
        }

        @Test
        void chiSquareOfMendelsPeas() {
            // Mendel's dihybrid cross (315 round yellow, 108 round green, 101 wrinkled yellow, 32 wrinkled green)
            // against 9:3:3:1, the classic goodness-of-fit example of statistics textbooks: chi-square = 0.470 with
            // 3 degrees of freedom, p = 0.925. By hand: expected 312.75, 104.25, 104.25, 34.75; 2.25^2/312.75 +
            // 3.75^2/104.25 + 3.25^2/104.25 + 2.75^2/34.75 = 0.016187 + 0.134892 + 0.101319 + 0.217626 = 0.470024.
            long[] peas = {315, 108, 101, 32};
            double[] ratio = {9.0 / 16, 3.0 / 16, 3.0 / 16, 1.0 / 16};
            assertThat(ExperimentStatistics.chiSquareStatistic(peas, ratio)).isCloseTo(0.470024, within(1e-6));
            assertThat(ExperimentStatistics.chiSquarePValue(peas, ratio)).isCloseTo(0.9254, within(1e-4));
        }

        @Test
        void chiSquareTailOfOneDegreeOfFreedomIsTheNormalTail() {
            // chi-square(1) = Z^2, so P(X > 1.959964^2) = 0.05 and P(X > 3.290527^2) = 0.001
            assertThat(ExperimentStatistics.chiSquareUpperTail(Math.pow(1.959964, 2), 1))
                    .isCloseTo(0.05, within(1e-6));
            assertThat(ExperimentStatistics.chiSquareUpperTail(Math.pow(3.290527, 2), 1))
                    .isCloseTo(0.001, within(1e-7));
        }

        private void assertInterval(Estimate e, double value, double low, double high) {
            assertThat(e.value()).isCloseTo(value, within(1e-12));
            assertThat(e.ciLow()).isCloseTo(low, within(5e-5));
            assertThat(e.ciHigh()).isCloseTo(high, within(5e-5));
        }
    }

    @Nested
    class SimulatedExperiments {

        static final Experiment FIFTY_FIFTY = Experiment.running(
                "sim",
                "sim-2026",
                List.of(new Variant("control", "production", 0.5), new Variant("treatment", "v0004", 0.5)));

        /** One request per simulated requester; each books with its variant's true rate. */
        Map<String, VariantCounts> simulate(long seed, int requesters, double controlRate, double treatmentRate) {
            Assignment assignment = Assignment.of(FIFTY_FIFTY);
            SplittableRandom random = new SplittableRandom(seed);
            long[] requests = new long[2];
            long[] bookings = new long[2];
            for (int i = 0; i < requesters; i++) {
                int v = assignment
                                .variantFor("sim_user_" + seed + "_" + i)
                                .name()
                                .equals("control")
                        ? 0
                        : 1;
                requests[v]++;
                if (random.nextDouble() < (v == 0 ? controlRate : treatmentRate)) {
                    bookings[v]++;
                }
            }
            return Map.of(
                    "control", new VariantCounts(requests[0], requests[0], 0, 0, 0, bookings[0], 0, 0),
                    "treatment", new VariantCounts(requests[1], requests[1], 0, 0, 0, bookings[1], 0, 0));
        }

        @Test
        void twelveAgainstTenPercentIsASignificantLiftWithoutAnSrmFlag() {
            ExperimentResults results = ExperimentResults.compute(FIFTY_FIFTY, simulate(42, 40_000, 0.10, 0.12), null);
            ExperimentResults.VariantResult treatment = results.variant("treatment");
            assertThat(treatment.pValue()).isLessThan(0.05);
            assertThat(treatment.lift().ciLow()).isGreaterThan(0);
            assertThat(treatment.lift().covers(0.2)).isTrue();
            assertThat(results.variant("control").bookingRate().covers(0.10)).isTrue();
            assertThat(treatment.bookingRate().covers(0.12)).isTrue();
            assertThat(results.srm().flagged()).isFalse();
        }

        @Test
        void anAaComparisonIsRarelySignificant() {
            int runs = 200;
            int significant = 0;
            int liftExcludesZero = 0;
            for (int run = 0; run < runs; run++) {
                ExperimentResults.VariantResult t = ExperimentResults.compute(
                                FIFTY_FIFTY, simulate(1000 + run, 4_000, 0.10, 0.10), null)
                        .variant("treatment");
                if (t.pValue() < 0.05) {
                    significant++;
                }
                if (!t.lift().covers(0)) {
                    liftExcludesZero++;
                }
            }
            // expected 5% of 200 = 10 (sd 3.1); 20 would be more than 3 sd above, and none at all would mean the
            // test never rejects (seeded: 9 of 200 here)
            assertThat(significant).isBetween(1, 19);
            assertThat(liftExcludesZero).isBetween(1, 19);
        }
    }

    @Nested
    class SampleRatioMismatch {

        static final Experiment FIFTY_FIFTY = SimulatedExperiments.FIFTY_FIFTY;

        ExperimentResults withUnits(long control, long treatment) {
            return ExperimentResults.compute(
                    FIFTY_FIFTY,
                    Map.of(
                            "control", new VariantCounts(control, control, 0, 0, 0, 0, 0, 0),
                            "treatment", new VariantCounts(treatment, treatment, 0, 0, 0, 0, 0, 0)),
                    null);
        }

        @Test
        void fiftyTwoToFortyEightOnAHundredThousandUnitsIsFlagged() {
            // chi-square = 2 * 2000^2 / 50000 = 160 with 1 degree of freedom: p = 1.13e-36
            ExperimentResults.Srm srm = withUnits(52_000, 48_000).srm();
            assertThat(srm.flagged()).isTrue();
            assertThat(srm.pValue()).isCloseTo(1.1315e-36, within(1e-39));
        }

        @Test
        void theAssignmentsOwnSplitOfAHundredThousandUnitsIsNotFlagged() {
            Assignment assignment = Assignment.of(FIFTY_FIFTY);
            long control = 0;
            for (int i = 0; i < 100_000; i++) {
                if (assignment.variantFor("user_" + i).name().equals("control")) {
                    control++;
                }
            }
            assertThat(withUnits(control, 100_000 - control).srm().flagged()).isFalse();
            // chi-square = 2 * 100^2 / 50000 = 0.4, p = P(|Z| > 0.632) = 0.5271
            assertThat(withUnits(50_100, 49_900).srm().pValue()).isCloseTo(0.5271, within(1e-4));
        }

        @Test
        void noUnitsYetIsNoMismatch() {
            assertThat(withUnits(0, 0).srm()).isEqualTo(new ExperimentResults.Srm(null, false));
        }
    }
}
