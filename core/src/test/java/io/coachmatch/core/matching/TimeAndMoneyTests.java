package io.coachmatch.core.matching;

import static io.coachmatch.core.matching.CoachBuilder.coach;
import static io.coachmatch.core.matching.CoachBuilder.slot;
import static io.coachmatch.core.matching.RequestBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.WeekMask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeAndMoneyTests {

    static final MatchingSettings SETTINGS = MatchingSettings.defaults();

    static MatchQuery query(RequestBuilder r) {
        return MatchQuery.compile(r.build(), SETTINGS, Instant.parse("2026-11-28T10:00:00Z"));
    }

    static double coverage(RequestBuilder r, CoachBuilder c) {
        return RuleScorer.coverage(query(r), CoachFacts.of(c.build(), CurrencyRates.defaults()));
    }

    @Nested
    class Timezones {

        @Test
        void mondayEveningInUtcMinus8IsTuesdayMorningInUtc() {
            long[] utc = query(request().availability(List.of(1), List.of("22:00-02:00"), "UTC-8", 0.0))
                    .requestedMaskUtc();
            long[] expected = WeekMask.empty();
            WeekMask.addRange(expected, 1440 + 6 * 60, 4 * 60, 0);
            assertThat(utc).containsExactly(expected);
        }

        @Test
        void aCoachInUtcCoveringTuesdayMorningCoversTheRequest() {
            RequestBuilder r = request().availability(List.of(1), List.of("22:00-02:00"), "UTC-8", 0.0);
            assertThat(coverage(r, coach("x").slots(slot(2, "06:00", "10:00")))).isEqualTo(1.0);
            assertThat(coverage(r, coach("x").slots(slot(1, "22:00", "02:00")))).isEqualTo(0.0);
            assertThat(coverage(r, coach("x").slots(slot(2, "08:00", "12:00")))).isEqualTo(0.5);
        }

        @Test
        void halfHourOffsetsConvertExactly() {
            // 09:00-10:00 at UTC+05:30 is 03:30-04:30 UTC
            RequestBuilder r = request().availability(List.of(3), List.of("09:00-10:00"), "UTC+05:30", 0.0);
            assertThat(coverage(r, coach("x").slots(slot(3, "03:30", "04:30")))).isEqualTo(1.0);
            assertThat(coverage(r, coach("x").slots(slot(3, "03:00", "04:00")))).isEqualTo(0.5);
        }

        @Test
        void ianaZonesFollowDaylightSavingAtTheRequestsTime() {
            // A Los Angeles coach works Monday 09:00-17:00 local; the request asks Monday 17:00-01:00 UTC.
            CoachBuilder la = coach("x").timezone("America/Los_Angeles").slots(slot(1, "09:00", "17:00"));
            RequestBuilder winter = request()
                    .availability(List.of(1), List.of("17:00-01:00"), "UTC", 0.0)
                    .createdAt("2026-01-15T12:00:00Z");
            RequestBuilder summer = request()
                    .availability(List.of(1), List.of("17:00-01:00"), "UTC", 0.0)
                    .createdAt("2026-07-15T12:00:00Z");
            assertThat(coverage(winter, la))
                    .as("PST, UTC-8: 17:00-01:00 UTC exactly")
                    .isEqualTo(1.0);
            assertThat(coverage(summer, la)).as("PDT, UTC-7: 16:00-00:00 UTC").isEqualTo(7.0 / 8);
        }

        @Test
        void sundayNightRunsIntoMonday() {
            RequestBuilder r = request().availability(List.of(7), List.of("23:00-01:00"), "UTC", 0.0);
            assertThat(coverage(r, coach("x").slots(slot(1, "00:00", "01:00")))).isEqualTo(0.5);
            assertThat(coverage(r, coach("x").slots(slot(7, "22:00", "02:00")))).isEqualTo(1.0);
        }

        @Test
        void theIndexAgreesWithThePairwiseRulesAcrossZones() {
            RequestBuilder r = request().availability(List.of(1, 2), List.of("22:00-02:00"), "UTC-8", 0.0);
            CoachBuilder tokyo = coach("tokyo").timezone("Asia/Tokyo").slots(slot(2, "15:00", "19:00"));
            CoachBuilder utc = coach("utc").slots(slot(2, "06:00", "08:00"));
            CatalogIndex index = CatalogIndex.build(List.of(tokyo.build(), utc.build()), CurrencyRates.defaults());
            MatchOutcome out = index.match(query(r), SETTINGS.weights(), 0.0, null, null);
            assertThat(out.top()).extracting(s -> s.coach().id()).containsExactlyInAnyOrder("tokyo", "utc");
            for (ScoredCoach s : out.top()) {
                CoachBuilder b = s.coach().id().equals("tokyo") ? tokyo : utc;
                assertThat(s.rules().coverage()).isEqualTo(coverage(r, b));
            }
            // Tokyo is UTC+9: Tuesday 15:00-19:00 there is Tuesday 06:00-10:00 UTC, half of the 8 requested hours
            assertThat(coverage(r, tokyo)).isEqualTo(0.5);
        }
    }

    @Nested
    class Currencies {

        @Test
        void convertsThroughTheConfiguredTable() {
            CurrencyRates rates = CurrencyRates.defaults();
            assertThat(rates.toUsd(100, "EUR")).isCloseTo(108, within(1e-9));
            assertThat(rates.toUsd(100, "gbp")).isCloseTo(127, within(1e-9));
            CurrencyRates custom = new CurrencyRates(Map.of("USD", 1.0, "CHF", 1.10));
            assertThat(custom.toUsd(10, "CHF")).isCloseTo(11, within(1e-9));
            assertThat(custom.isKnown("EUR")).isFalse();
        }

        @Test
        void anUnknownCodeIsAnErrorThatNamesIt() {
            assertThatThrownBy(() -> CurrencyRates.defaults().toUsd(1, "JPY")).hasMessageContaining("'JPY'");
            assertThatThrownBy(() -> new CurrencyRates(Map.of("EUR", -1.0))).hasMessageContaining("EUR");
        }

        @Test
        void comparesACoachsRateAndABudgetInDifferentCurrencies() {
            MatchQuery q = query(request().budget(130, "EUR"));
            CoachFacts gbp = CoachFacts.of(coach("x").rate(110, "GBP").build(), CurrencyRates.defaults());
            // 110 GBP = 139.70 USD, 130 EUR = 140.40 USD
            assertThat(q.budgetUsd()).isCloseTo(140.4, within(1e-9));
            assertThat(RuleScorer.filter(q, gbp)).isEmpty();
            MatchQuery tight = query(request().budget(129, "EUR"));
            assertThat(RuleScorer.filter(tight, gbp)).contains(FilterReason.BUDGET);
        }
    }
}
