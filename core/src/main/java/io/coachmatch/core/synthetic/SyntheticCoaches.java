package io.coachmatch.core.synthetic;

import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLOCK;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLUSTERS;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.CLUSTER_CDF;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.COMPANIES;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.FIRST_NAMES;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.LAST_NAMES;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.REGIONS;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.REGION_CDF;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.SENIORITY;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.SESSION_SUBSETS;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.pad;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.pick;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.popularSkill;
import static io.coachmatch.core.synthetic.SyntheticVocabulary.round2;

import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.synthetic.SyntheticVocabulary.Cluster;
import io.coachmatch.core.synthetic.SyntheticVocabulary.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Synthetic coaches ({@link SyntheticCatalog#coaches(long, int, IntConsumer)}): one split of the
 * seed's {@link SplittableRandom} per coach, drawn from the {@link SyntheticVocabulary}.
 */
final class SyntheticCoaches {

    private static final Instant CATALOG_EPOCH = Instant.parse("2026-11-27T00:00:00Z");

    private SyntheticCoaches() {}

    /**
     * {@code n} coaches with ids {@code coach_000001} ... {@code coach_<n>}, telling {@code progress}
     * every {@link SyntheticCatalog#PROGRESS_STEP} coaches and at the end.
     */
    static List<CoachProfile> coaches(long seed, int n, IntConsumer progress) {
        if (n < 0) {
            throw new IllegalArgumentException("number of coaches must be >= 0, was " + n);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<CoachProfile> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(coach(root.split(), i));
            if (i % SyntheticCatalog.PROGRESS_STEP == 0 && i < n) {
                progress.accept(i);
            }
        }
        progress.accept(n);
        return out;
    }

    private static CoachProfile coach(SplittableRandom r, int i) {
        String id = "coach_" + pad(i, 6);
        int primary = pick(r, CLUSTER_CDF);
        Cluster cluster = CLUSTERS[primary];
        Region region = REGIONS[pick(r, REGION_CDF)];

        double experience = Math.min(40, Math.max(1, Math.round(Math.exp(1.9 + 0.6 * r.nextGaussian()))));
        int seniority = experience < 4 ? 0 : experience < 8 ? 1 : experience < 14 ? 2 : 3;

        int skillCount = 2 + Math.min(5, (int) Math.floor(-Math.log(1.0 - r.nextDouble()) * 1.6));
        int secondary = r.nextDouble() < 0.45 ? pick(r, CLUSTER_CDF) : primary;
        List<CoachSkill> skills = new ArrayList<>(skillCount);
        List<String> names = new ArrayList<>(skillCount);
        for (int attempt = 0; skills.size() < skillCount && attempt < skillCount * 4; attempt++) {
            int from = attempt > 0 && secondary != primary && r.nextDouble() < 0.3 ? secondary : primary;
            String name = popularSkill(r, CLUSTERS[from]);
            if (names.contains(name)) {
                continue;
            }
            names.add(name);
            skills.add(coachSkill(r, CLUSTERS[from], name, experience));
        }

        String first = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)];
        String last = LAST_NAMES[r.nextInt(LAST_NAMES.length)];
        String role = cluster.titles()[r.nextInt(cluster.titles().length)];
        String title = role.matches(".*(Lead|Head|VP|CFO|CISO|Coach|Advisor|Strategist|Partner|Manager|Master).*")
                ? role
                : SENIORITY[seniority] + role;
        String company = COMPANIES[r.nextInt(COMPANIES.length)];

        int sessionMask = 0;
        if (r.nextDouble() < 0.85) {
            sessionMask |= 1 << SessionType.INDIVIDUAL.ordinal();
        }
        if (r.nextDouble() < 0.5) {
            sessionMask |= 1 << SessionType.MENTORING.ordinal();
        }
        if (r.nextDouble() < 0.35 + 0.02 * seniority) {
            sessionMask |= 1 << SessionType.GROUP.ordinal();
        }
        if (r.nextDouble() < 0.2 + 0.05 * seniority) {
            sessionMask |= 1 << SessionType.WORKSHOP.ordinal();
        }
        if (sessionMask == 0) {
            sessionMask = 1 << SessionType.INDIVIDUAL.ordinal();
        }
        boolean groups =
                (sessionMask & ((1 << SessionType.GROUP.ordinal()) | (1 << SessionType.WORKSHOP.ordinal()))) != 0;
        int maxParticipants = groups
                ? 4
                        + (int) (r.nextDouble()
                                * r.nextDouble()
                                * ((sessionMask & (1 << SessionType.WORKSHOP.ordinal())) != 0 ? 80 : 20))
                : 1 + (r.nextDouble() < 0.2 ? 1 : 0);

        double premium = switch (cluster.name()) {
            case "security", "cloud", "data" -> 1.2;
            case "career", "agile", "testing" -> 0.85;
            default -> 1.0;
        };
        double usd = 38 * premium * Math.exp(0.075 * Math.min(experience, 25) + 0.35 * r.nextGaussian());
        String currency = region.currency().equals("USD") || r.nextDouble() < 0.15 ? "USD" : region.currency();
        double perUnit = switch (currency) {
            case "EUR" -> 1.08;
            case "GBP" -> 1.27;
            default -> 1.0;
        };
        double rate = Math.max(30, Math.min(400, Math.round(usd / perUnit / 5.0) * 5.0));

        List<String> languages = languages(r, region);
        List<AvailabilitySlot> availability = availability(r);

        double latentQuality = Math.max(2.5, Math.min(5.0, 4.4 + 0.35 * r.nextGaussian()));
        Rating rating;
        int reviews;
        double u = r.nextDouble();
        if (u < 0.04) {
            rating = null;
            reviews = 0;
        } else if (u < 0.12) {
            rating = new Rating(null, 0);
            reviews = 0;
        } else {
            reviews = (int) Math.min(
                    5000, Math.floor(Math.pow(1.0 - r.nextDouble(), -1 / 0.75) * (0.6 + experience / 12.0)));
            if (reviews == 0) {
                rating = new Rating(null, 0);
            } else {
                double avg = latentQuality + r.nextGaussian() * 0.6 / Math.sqrt(reviews);
                avg = Math.max(1.0, Math.min(5.0, avg));
                avg = reviews == 1 ? Math.round(avg) : Math.round(avg * 10) / 10.0;
                rating = new Rating(avg, reviews);
            }
        }
        CoachMetrics metrics = null;
        if (r.nextDouble() >= 0.05) {
            int completed =
                    reviews + (int) (reviews * (1 + 3 * r.nextDouble())) + (int) (experience * 8 * r.nextDouble());
            double success =
                    round2(Math.max(0.3, Math.min(1.0, 0.55 + 0.1 * (latentQuality - 3.5) + 0.25 * r.nextDouble())));
            double response = Math.round(Math.exp(1.2 + 0.9 * r.nextGaussian()) * 10) / 10.0;
            double repeat = round2(Math.min(0.9, r.nextDouble() * 0.5 + 0.05 * (latentQuality - 3.5)));
            metrics = new CoachMetrics(
                    completed, success, Math.max(0.1, Math.min(168.0, response)), Math.max(0.0, repeat));
        }

        // always explicit: Jackson writes isActive() back, so an absent flag would not round-trip
        Boolean active = r.nextDouble() >= 0.03;
        Instant updated = CATALOG_EPOCH.minusSeconds((long) (r.nextDouble() * 400 * 86400));

        String bio = bio(r, cluster, names, (int) experience, sessionMask, company);
        return new CoachProfile(
                id,
                first + " " + last,
                title,
                company,
                bio,
                List.copyOf(skills),
                experience,
                languages,
                SESSION_SUBSETS.get(sessionMask),
                maxParticipants,
                rate,
                currency,
                region.timezone(),
                availability,
                rating,
                metrics,
                active,
                updated);
    }

    private static CoachSkill coachSkill(SplittableRandom r, Cluster cluster, String name, double experience) {
        double base = Math.min(3.2, experience / 4.0) + 0.7 * r.nextGaussian();
        int level = (int) Math.max(0, Math.min(3, Math.round(base)));
        double years = Math.max(0.5, Math.min(experience, Math.round(experience * (0.3 + 0.7 * r.nextDouble()))));
        double certChance = 0.1 + 0.15 * level;
        List<String> certs;
        if (r.nextDouble() >= certChance) {
            certs = List.of();
        } else {
            String[] all = cluster.certifications();
            int first = r.nextInt(all.length);
            if (r.nextDouble() < 0.25 && all.length > 1) {
                certs = List.of(all[first], all[(first + 1) % all.length]);
            } else {
                certs = List.of(all[first]);
            }
        }
        return new CoachSkill(name, SkillLevel.ofRank(level), years, certs);
    }

    private static List<String> languages(SplittableRandom r, Region region) {
        String local = region.localLanguage();
        double u = r.nextDouble();
        if (local.equals("en")) {
            if (u < 0.84) {
                return List.of("en");
            }
            String[] extra = {"es", "fr", "de", "pt", "hi", "zh"};
            return List.of("en", extra[r.nextInt(extra.length)]);
        }
        if (u < 0.6) {
            return List.of("en", local);
        }
        if (u < 0.88) {
            return List.of(local);
        }
        return List.of("en");
    }

    private static List<AvailabilitySlot> availability(SplittableRandom r) {
        double u = r.nextDouble();
        List<AvailabilitySlot> slots = new ArrayList<>();
        if (u < 0.01) {
            return List.of();
        } else if (u < 0.55) {
            // business hours on most weekdays
            int start = 28 + r.nextInt(12); // 07:00 .. 09:45
            int length = 16 + r.nextInt(21); // 4h .. 9h
            for (int day = 1; day <= 5; day++) {
                if (r.nextDouble() < 0.8) {
                    slots.add(slot(day, start, start + length));
                }
            }
        } else if (u < 0.75) {
            // evenings, some past midnight
            int start = 68 + 2 * r.nextInt(9); // 17:00 .. 21:00
            int length = 8 + 2 * r.nextInt(7); // 2h .. 5h
            for (int day = 1; day <= 7; day++) {
                if (r.nextDouble() < 0.55) {
                    slots.add(slot(day, start, start + length));
                }
            }
        } else if (u < 0.85) {
            // weekends
            int start = 32 + 2 * r.nextInt(8);
            int length = 12 + 2 * r.nextInt(8);
            slots.add(slot(6, start, start + length));
            if (r.nextDouble() < 0.8) {
                slots.add(slot(7, start, start + length));
            }
            if (r.nextDouble() < 0.4) {
                slots.add(slot(5, 72, 88));
            }
        } else {
            // scattered slots
            int k = 2 + r.nextInt(6);
            for (int j = 0; j < k; j++) {
                int start = r.nextInt(96);
                int length = 4 + r.nextInt(29);
                slots.add(slot(1 + r.nextInt(7), start, start + length));
            }
        }
        if (slots.isEmpty()) {
            slots.add(slot(1 + r.nextInt(5), 36, 68));
        }
        return List.copyOf(slots);
    }

    /** A slot from quarter hour {@code start} to {@code end} of the day; an end past 96 wraps past midnight. */
    private static AvailabilitySlot slot(int day, int start, int end) {
        int e = end == 96 ? 96 : end % 96;
        return new AvailabilitySlot(day, CLOCK[start % 96], CLOCK[e]);
    }

    private static String bio(
            SplittableRandom r, Cluster cluster, List<String> skills, int years, int sessionMask, String company) {
        StringBuilder b = new StringBuilder(180);
        String[] openings = {"Experienced", "Hands-on", "Pragmatic", "Friendly", "Seasoned", "Patient"};
        b.append(openings[r.nextInt(openings.length)])
                .append(' ')
                .append(cluster.noun())
                .append(" with ")
                .append(years)
                .append(years == 1 ? " year" : " years")
                .append(" of experience in ");
        int shown = Math.min(3, skills.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(i == shown - 1 ? " and " : ", ");
            }
            b.append(skills.get(i));
        }
        b.append('.');
        if ((sessionMask & (1 << SessionType.WORKSHOP.ordinal())) != 0) {
            b.append(" Runs hands-on workshops for teams.");
        } else if ((sessionMask & (1 << SessionType.GROUP.ordinal())) != 0) {
            b.append(" Enjoys coaching small groups.");
        } else if ((sessionMask & (1 << SessionType.MENTORING.ordinal())) != 0) {
            b.append(" Offers long-term one-on-one mentoring.");
        } else {
            b.append(" Focused one-on-one sessions.");
        }
        if (!company.equals("Independent")
                && !company.equals("Freelance")
                && !company.equals("Self-employed")
                && r.nextDouble() < 0.5) {
            b.append(" Currently at ").append(company).append('.');
        }
        return b.toString();
    }
}
