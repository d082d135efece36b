package io.coachmatch.core.synthetic;

import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLOCK;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLUSTERS;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLUSTER_CDF;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.REGIONS;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.REGION_CDF;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.pad;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.pick;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.popularSkill;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.synthetic.SyntheticVocabulary.Cluster;
import io.coachmatch.core.synthetic.SyntheticVocabulary.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic matching requests ({@link SyntheticCatalog#requests(long, int, Instant)}): one split of
 * the seed's {@link SplittableRandom} per request, drawn from the {@link SyntheticVocabulary}.
 */
final class SyntheticRequests {

    private SyntheticRequests() {}

    /** {@code n} requests with ids {@code req_000001} ..., created one after another from {@code start}. */
    static List<MatchingRequest> requests(long seed, int n, Instant start) {
        if (n < 0) {
            throw new IllegalArgumentException("number of requests must be >= 0, was " + n);
        }
        SplittableRandom root = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int pool = Math.max(20, n / 3);
        List<MatchingRequest> out = new ArrayList<>(n);
        Instant at = start;
        for (int i = 1; i <= n; i++) {
            SplittableRandom r = root.split();
            if (i > 1) {
                at = at.plusSeconds(1 + (long) (-Math.log(1.0 - r.nextDouble()) * 300));
            }
            out.add(request(r, i, at, pool));
        }
        return out;
    }

    private static MatchingRequest request(SplittableRandom r, int i, Instant at, int pool) {
        String id = "req_" + pad(i, 6);
        double pu = r.nextDouble();
        String requester = "user_" + pad(1 + (int) (pu * pu * pool), 5);
        int c = pick(r, CLUSTER_CDF);
        Cluster cluster = CLUSTERS[c];

        double su = r.nextDouble();
        int wanted = su < 0.35 ? 1 : su < 0.7 ? 2 : su < 0.9 ? 3 : 4;
        List<SkillRequirement> skills = new ArrayList<>(wanted);
        List<String> names = new ArrayList<>(wanted);
        boolean mandatoryFirst = r.nextDouble() < 0.5;
        for (int attempt = 0; skills.size() < wanted && attempt < 20; attempt++) {
            Cluster from = attempt > 0 && r.nextDouble() < 0.1 ? CLUSTERS[pick(r, CLUSTER_CDF)] : cluster;
            String name = popularSkill(r, from);
            if (names.contains(name)) {
                continue;
            }
            names.add(name);
            double lu = r.nextDouble();
            SkillLevel level = lu < 0.1
                    ? null
                    : lu < 0.25
                            ? SkillLevel.BEGINNER
                            : lu < 0.6 ? SkillLevel.INTERMEDIATE : lu < 0.88 ? SkillLevel.ADVANCED : SkillLevel.EXPERT;
            double[] weights = {0.5, 1.0, 1.5, 2.0, 3.0};
            Double weight = r.nextDouble() < 0.4 ? null : weights[r.nextInt(weights.length)];
            // always explicit: Jackson writes isMandatory() back, so an absent flag would not round-trip
            Boolean mandatory = skills.isEmpty() && mandatoryFirst;
            skills.add(new SkillRequirement(name, level, weight, mandatory));
        }

        double tu = r.nextDouble();
        SessionType type = tu < 0.5
                ? SessionType.INDIVIDUAL
                : tu < 0.7 ? SessionType.MENTORING : tu < 0.9 ? SessionType.GROUP : SessionType.WORKSHOP;
        Integer participants = switch (type) {
            case INDIVIDUAL, MENTORING -> r.nextDouble() < 0.5 ? null : 1;
            case GROUP -> 2 + r.nextInt(7);
            case WORKSHOP -> 6 + r.nextInt(25);
        };

        BudgetConstraints budget = null;
        if (r.nextDouble() >= 0.25) {
            double bu = r.nextDouble();
            String currency = bu < 0.7 ? "USD" : bu < 0.88 ? "EUR" : "GBP";
            double max = Math.round((60 + 340 * Math.pow(r.nextDouble(), 1.3)) / 10.0) * 10.0;
            budget = new BudgetConstraints(max, r.nextDouble() < 0.1 && currency.equals("USD") ? null : currency);
        }

        AvailabilityRequirements availability = null;
        if (r.nextDouble() >= 0.15) {
            Region region = REGIONS[pick(r, REGION_CDF)];
            availability = new AvailabilityRequirements(
                    days(r), timeSlots(r), r.nextDouble() < 0.05 ? null : region.timezone(), flexibility(r));
        }

        List<String> languages;
        double lu = r.nextDouble();
        if (lu < 0.2) {
            languages = null;
        } else if (lu < 0.8) {
            languages = List.of("en");
        } else {
            String[][] options = {{"es"}, {"en", "es"}, {"de"}, {"fr"}, {"pt"}, {"hi", "en"}, {"ja"}, {"zh", "en"}};
            languages = List.of(options[r.nextInt(options.length)]);
        }

        double mu = r.nextDouble();
        int[] others = {1, 3, 5, 20, 50, 100};
        Integer maxResults = mu < 0.75 ? Integer.valueOf(10) : mu < 0.85 ? null : others[r.nextInt(others.length)];
        double pr = r.nextDouble();
        Priority priority = pr < 0.3 ? null : pr < 0.7 ? Priority.NORMAL : pr < 0.85 ? Priority.HIGH : Priority.LOW;
        Integer totalSessions = r.nextDouble() < 0.2 ? null : 1 + r.nextInt(12);

        String lead = names.get(0);
        String[] titleForms = {
            " coaching", " mentoring for my team", " training", " deep dive", " interview practice", " help needed"
        };
        String title = lead + titleForms[r.nextInt(titleForms.length)];
        StringBuilder d = new StringBuilder(120);
        d.append("Looking for a ").append(cluster.noun()).append(" who knows ").append(String.join(", ", names));
        d.append(
                switch (type) {
                    case INDIVIDUAL -> " for one-on-one sessions.";
                    case MENTORING -> " as a long-term mentor.";
                    case GROUP -> " to coach a small group.";
                    case WORKSHOP -> " to run a workshop for the team.";
                });
        return new MatchingRequest(
                id,
                requester,
                at,
                title,
                d.toString(),
                type,
                priority,
                List.copyOf(skills),
                budget,
                availability,
                languages,
                participants,
                totalSessions,
                maxResults);
    }

    private static List<Integer> days(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.15) {
            return null;
        }
        if (u < 0.55) {
            return List.of(1, 2, 3, 4, 5);
        }
        if (u < 0.65) {
            return List.of(6, 7);
        }
        List<Integer> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            if (r.nextDouble() < (d <= 5 ? 0.5 : 0.15)) {
                days.add(d);
            }
        }
        if (days.isEmpty()) {
            days.add(1 + r.nextInt(5));
        }
        return List.copyOf(days);
    }

    private static List<String> timeSlots(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.15) {
            return null;
        }
        if (u < 0.45) {
            return List.of("09:00-17:00");
        }
        if (u < 0.6) {
            return List.of("18:00-21:00");
        }
        if (u < 0.65) {
            return List.of("22:00-02:00");
        }
        if (u < 0.75) {
            return List.of("08:00-10:00", "16:00-18:00");
        }
        int start = 24 + 2 * r.nextInt(30); // 06:00 .. 20:30
        int end = Math.min(96, start + 4 + 2 * r.nextInt(10)); // 1h .. 5.5h
        return List.of(CLOCK[start] + "-" + CLOCK[end]);
    }

    private static Double flexibility(SplittableRandom r) {
        double u = r.nextDouble();
        if (u < 0.15) {
            return null;
        }
        if (u < 0.6) {
            return 0.0;
        }
        double[] values = {0.2, 0.3, 0.5, 0.8, 1.0};
        return values[r.nextInt(values.length)];
    }
}
