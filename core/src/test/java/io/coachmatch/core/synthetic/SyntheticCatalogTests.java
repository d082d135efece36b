package io.coachmatch.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.ClockTime;
import io.coachmatch.core.time.Timezones;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SyntheticCatalogTests {

    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(42, 2_000);
    private static final List<MatchingRequest> REQUESTS = SyntheticCatalog.requests(42, 500, START);

    @Nested
    class Determinism {

        @Test
        void sameSeedGivesEqualCoachesAndRequests() {
            assertThat(SyntheticCatalog.coaches(42, 2_000)).isEqualTo(COACHES);
            assertThat(SyntheticCatalog.requests(42, 500, START)).isEqualTo(REQUESTS);
        }

        @Test
        void differentSeedGivesDifferentData() {
            List<CoachProfile> other = SyntheticCatalog.coaches(43, 2_000);
            long same = 0;
            for (int i = 0; i < other.size(); i++) {
                same += other.get(i).equals(COACHES.get(i)) ? 1 : 0;
            }
            assertThat(same).isZero();
            assertThat(SyntheticCatalog.requests(43, 500, START)).isNotEqualTo(REQUESTS);
        }

        @Test
        void aShorterCatalogIsAPrefixOfALongerOne() {
            assertThat(SyntheticCatalog.coaches(42, 100)).isEqualTo(COACHES.subList(0, 100));
        }
    }

    @Nested
    class Validity {

        @Test
        void everyCoachIndexesAndHasContractValues() {
            CatalogIndex index = CatalogIndex.build(COACHES, CurrencyRates.defaults());
            assertThat(index.size()).isEqualTo(COACHES.size());
            assertThat(COACHES.get(0).id()).isEqualTo("coach_000001");
            assertThat(COACHES.get(1999).id()).isEqualTo("coach_002000");
            for (CoachProfile c : COACHES) {
                assertThat(c.skills()).hasSizeBetween(2, 7);
                assertThat(c.skills().stream()
                                .map(s -> s.name().toLowerCase(Locale.ROOT))
                                .distinct()
                                .count())
                        .isEqualTo(c.skills().size());
                for (CoachSkill s : c.skills()) {
                    assertThat(s.level()).isNotNull();
                    assertThat(s.years()).isBetween(0.5, c.experienceYears());
                }
                assertThat(c.hourlyRate()).isBetween(30.0, 400.0);
                assertThat(c.currency()).isIn("USD", "EUR", "GBP");
                assertThat(Timezones.isValid(c.timezone())).isTrue();
                assertThat(c.sessionTypes()).isNotEmpty();
                assertThat(c.maxParticipants()).isBetween(1, 1000);
                assertThat(c.languages()).isNotEmpty().allMatch(l -> l.matches("[a-z]{2}"));
                assertThat(c.bio()).contains(c.skills().get(0).name());
                for (AvailabilitySlot slot : c.effectiveAvailability()) {
                    assertThat(slot.dayOfWeek()).isBetween(1, 7);
                    assertThat(ClockTime.span(ClockTime.parseMinutes(slot.start()), ClockTime.parseMinutes(slot.end())))
                            .isPositive();
                }
                if (c.rating() != null && c.rating().average() != null) {
                    assertThat(c.rating().average()).isBetween(1.0, 5.0);
                    assertThat(c.rating().count()).isPositive();
                }
                if (c.metrics() != null) {
                    assertThat(c.metrics().successRate()).isBetween(0.0, 1.0);
                    assertThat(c.metrics().repeatClientRate()).isBetween(0.0, 1.0);
                    assertThat(c.metrics().sessionsCompleted())
                            .isGreaterThanOrEqualTo(
                                    c.rating() == null ? 0 : c.rating().effectiveCount());
                }
            }
        }

        @Test
        void everyRequestCompilesAndHasContractValues() {
            MatchingSettings settings = MatchingSettings.defaults();
            Instant previous = Instant.MIN;
            for (MatchingRequest r : REQUESTS) {
                MatchQuery.compile(r, settings, START);
                assertThat(r.requestId()).matches("[A-Za-z0-9_.:-]{1,128}");
                assertThat(r.createdAt()).isAfter(previous);
                previous = r.createdAt();
                assertThat(r.sessionType()).isNotNull();
                assertThat(r.skillsRequired()).hasSizeBetween(1, 4);
                assertThat(r.skillsRequired().stream()
                                .filter(SkillRequirement::isMandatory)
                                .count())
                        .isLessThanOrEqualTo(1);
                for (SkillRequirement s : r.skillsRequired()) {
                    if (s.weight() != null) {
                        assertThat(s.weight()).isBetween(0.0, 10.0);
                    }
                }
                assertThat(r.effectiveParticipantsCount()).isBetween(1, 1000);
                assertThat(r.effectiveTotalSessions()).isBetween(1, 1000);
                if (r.maxResults() != null) {
                    assertThat(r.maxResults()).isBetween(1, 100);
                }
                if (r.availabilityRequirements() != null) {
                    assertThat(r.availabilityRequirements().effectiveFlexibility())
                            .isBetween(0.0, 1.0);
                    if (r.availabilityRequirements().daysOfWeek() != null) {
                        assertThat(r.availabilityRequirements().daysOfWeek()).allMatch(d -> d >= 1 && d <= 7);
                    }
                }
                if (r.budgetConstraints() != null) {
                    assertThat(r.budgetConstraints().maxHourlyRate()).isPositive();
                    assertThat(CurrencyRates.defaults()
                                    .isKnown(r.budgetConstraints().effectiveCurrency()))
                            .isTrue();
                }
            }
            assertThat(REQUESTS.get(0).requestId()).isEqualTo("req_000001");
            assertThat(REQUESTS.get(0).createdAt()).isEqualTo(START);
        }

        @Test
        void coachesAndRequestsSurviveAJsonRoundTrip() {
            for (CoachProfile c : COACHES.subList(0, 50)) {
                assertThat(Json.read(Json.bytes(c), CoachProfile.class)).isEqualTo(c);
            }
            for (MatchingRequest r : REQUESTS.subList(0, 50)) {
                assertThat(Json.read(Json.bytes(r), MatchingRequest.class)).isEqualTo(r);
            }
        }
    }

    @Nested
    class Distributions {

        @Test
        void skillsComeFromAboutADozenClustersOfRelatedSkills() {
            List<List<String>> clusters = SyntheticCatalog.skillClusters();
            assertThat(clusters).hasSizeBetween(10, 16);
            Set<String> all = new HashSet<>();
            int total = 0;
            for (List<String> cluster : clusters) {
                total += cluster.size();
                cluster.forEach(s -> all.add(s.toLowerCase(Locale.ROOT)));
            }
            assertThat(all).hasSize(total).hasSizeBetween(150, 300);
            Set<String> used = new HashSet<>();
            COACHES.forEach(c -> c.skills().forEach(s -> used.add(s.name().toLowerCase(Locale.ROOT))));
            assertThat(used.size()).isGreaterThan(140);
        }

        @Test
        void aboutThreePercentOfCoachesAreInactive() {
            long inactive = COACHES.stream().filter(c -> !c.isActive()).count();
            assertThat(inactive / (double) COACHES.size()).isBetween(0.015, 0.05);
        }

        @Test
        void reviewCountsAreLongTailed() {
            int[] counts = COACHES.stream()
                    .mapToInt(c -> c.effectiveRating().effectiveCount())
                    .sorted()
                    .toArray();
            int median = counts[counts.length / 2];
            int p99 = counts[(int) (counts.length * 0.99)];
            assertThat(median).isBetween(1, 10);
            assertThat(p99).isGreaterThan(20 * Math.max(1, median));
            assertThat(Arrays.stream(counts).filter(n -> n == 0).count()).isGreaterThan(COACHES.size() / 20);
        }

        @Test
        void englishDominatesButOtherLanguagesAppear() {
            long english =
                    COACHES.stream().filter(c -> c.languages().contains("en")).count();
            assertThat(english / (double) COACHES.size()).isBetween(0.7, 0.97);
            Set<String> langs = new HashSet<>();
            COACHES.forEach(c -> langs.addAll(c.languages()));
            assertThat(langs).contains("es", "fr", "de", "pt", "hi", "ja", "zh");
        }

        @Test
        void mostRatesAreInDollarsAndSomeZonesAreFixedOffsets() {
            long usd = COACHES.stream().filter(c -> c.currency().equals("USD")).count();
            assertThat(usd / (double) COACHES.size()).isBetween(0.6, 0.9);
            assertThat(COACHES)
                    .anyMatch(
                            c -> c.timezone().startsWith("UTC+") || c.timezone().startsWith("UTC-"));
            assertThat(COACHES)
                    .anyMatch(c -> c.effectiveAvailability().stream()
                            .anyMatch(s -> ClockTime.parseMinutes(s.end()) < ClockTime.parseMinutes(s.start())));
        }

        @Test
        void aboutHalfTheRequestsHaveAMandatorySkillAndRequestersRepeat() {
            long mandatory = REQUESTS.stream()
                    .filter(r -> r.skillsRequired().stream().anyMatch(SkillRequirement::isMandatory))
                    .count();
            assertThat(mandatory / (double) REQUESTS.size()).isBetween(0.4, 0.6);
            long requesters = REQUESTS.stream()
                    .map(MatchingRequest::requesterId)
                    .distinct()
                    .count();
            assertThat(requesters).isLessThan(REQUESTS.size() / 2);
            assertThat(REQUESTS).anyMatch(r -> r.budgetConstraints() == null);
            assertThat(REQUESTS)
                    .anyMatch(r -> r.availabilityRequirements() != null
                            && r.availabilityRequirements().effectiveFlexibility() > 0);
        }

        @Test
        void requestsMatchAReasonableNumberOfCoaches() {
            CatalogIndex index = CatalogIndex.build(COACHES, CurrencyRates.defaults());
            MatchingSettings settings = MatchingSettings.defaults();
            int withMatches = 0;
            int[] totals = new int[REQUESTS.size()];
            for (int i = 0; i < REQUESTS.size(); i++) {
                MatchQuery q = MatchQuery.compile(REQUESTS.get(i), settings, START);
                MatchOutcome o = index.match(q, settings.weights(), settings.minMatchScore(), null, null);
                totals[i] = o.totalMatches();
                withMatches += o.totalMatches() > 0 ? 1 : 0;
            }
            Arrays.sort(totals);
            int median = totals[totals.length / 2];
            // most requests find someone in 2,000 coaches, but the filters and the minimum score keep it selective
            assertThat(withMatches / (double) REQUESTS.size()).isGreaterThan(0.6);
            assertThat(median).isBetween(3, 400);
        }
    }
}
