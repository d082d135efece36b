package io.coachmatch.core.synthetic;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Realistic synthetic coaches and matching requests, generated from a seed.
 *
 * <p>Invariants: the output depends only on the arguments (one {@link SplittableRandom} per seed,
 * split once per item, so {@code coaches(s, n)} is a prefix of {@code coaches(s, n + k)}); every
 * coach and request is valid under the contract (known enums, currencies and timezones, values in
 * range, non-empty slots), so it can be indexed and compiled without validation errors.
 *
 * <p>The shape follows what a coaching marketplace looks like: skills come in related clusters
 * ({@link #skillClusters()}) and a coach lists 2-7 skills mostly from one or two clusters; levels,
 * years, certifications and rates grow with experience; English dominates but the language follows
 * the coach's region, as do timezone and currency; review counts are long-tailed (most coaches have
 * a handful, a few have thousands); about 3% of coaches are inactive. Requests ask for 1-4 skills
 * mostly from one cluster, about half with one mandatory skill, with or without a budget, in many
 * timezones and with varied flexibility.
 */
public final class SyntheticCatalog {

    private record Cluster(String name, String noun, double popularity, String[] skills, String[] titles,
            String[] certifications) {
    }

    private record Region(String timezone, double weight, String localLanguage, String currency) {
    }

    private static final Cluster[] CLUSTERS = {
        new Cluster("frontend", "frontend engineer", 12, new String[] {
            "React", "TypeScript", "JavaScript", "CSS", "HTML", "Vue", "Angular", "Next.js", "Svelte", "Redux",
            "Webpack", "Tailwind CSS", "Web Accessibility", "GraphQL", "Jest", "Frontend Performance"},
            new String[] {"Frontend Engineer", "UI Engineer", "Web Developer", "Frontend Architect"},
            new String[] {"Meta Front-End Developer", "W3C Front-End Web Developer", "Vue.js Certified Developer"}),
        new Cluster("backend", "backend engineer", 12, new String[] {
            "Java", "Spring Boot", "Go", "Kotlin", "Node.js", "C#", ".NET", "PostgreSQL", "Microservices",
            "REST API Design", "System Design", "Redis", "Kafka", "Rust", "Ruby on Rails", "PHP"},
            new String[] {"Backend Engineer", "Software Engineer", "Platform Engineer", "Software Architect"},
            new String[] {"Oracle Certified Professional Java", "Spring Professional", "Confluent Kafka Developer"}),
        new Cluster("data", "data scientist", 12, new String[] {
            "Python", "SQL", "Machine Learning", "Pandas", "Statistics", "Deep Learning", "PyTorch", "NumPy",
            "Data Visualization", "TensorFlow", "Spark", "Data Engineering", "Airflow", "dbt", "NLP",
            "Computer Vision", "R"},
            new String[] {"Data Scientist", "Machine Learning Engineer", "Data Engineer", "Analytics Lead"},
            new String[] {"TensorFlow Developer Certificate", "Google Professional Data Engineer",
                "Databricks Certified Data Engineer", "AWS Machine Learning Specialty"}),
        new Cluster("cloud", "cloud engineer", 10, new String[] {
            "AWS", "Kubernetes", "Docker", "Terraform", "Linux", "CI/CD", "Azure", "Google Cloud",
            "Site Reliability Engineering", "Observability", "Prometheus", "Helm", "Ansible", "GitHub Actions",
            "Jenkins", "Serverless"},
            new String[] {"DevOps Engineer", "Cloud Architect", "Site Reliability Engineer", "Infrastructure Engineer"},
            new String[] {"AWS Solutions Architect", "Certified Kubernetes Administrator",
                "HashiCorp Terraform Associate", "Azure Administrator Associate"}),
        new Cluster("leadership", "leadership coach", 10, new String[] {
            "Leadership", "Communication", "Public Speaking", "Team Building", "Conflict Resolution",
            "Delegation", "Executive Presence", "Change Management", "Strategic Thinking", "Emotional Intelligence",
            "Negotiation", "Coaching Skills", "Feedback Culture", "Remote Team Management", "Decision Making"},
            new String[] {"Leadership Coach", "Executive Coach", "Engineering Manager", "VP of Engineering"},
            new String[] {"ICF Professional Certified Coach", "ICF Associate Certified Coach", "Toastmasters DTM"}),
        new Cluster("product", "product manager", 7, new String[] {
            "Product Management", "Product Strategy", "Roadmapping", "User Research", "A/B Testing",
            "Product Analytics", "Go-to-Market", "Stakeholder Management", "OKRs", "Product Discovery",
            "Pricing Strategy", "Growth Marketing", "SEO", "Content Strategy"},
            new String[] {"Product Manager", "Head of Product", "Product Lead", "Growth Lead"},
            new String[] {"Pragmatic Institute PMC", "Certified Scrum Product Owner", "Google Analytics Certification"}),
        new Cluster("design", "product designer", 6, new String[] {
            "UX Design", "Figma", "UI Design", "Design Systems", "Interaction Design", "Prototyping",
            "Usability Testing", "Visual Design", "Information Architecture", "Design Thinking", "Motion Design",
            "Service Design", "Sketch", "Adobe XD"},
            new String[] {"Product Designer", "UX Designer", "Design Lead", "UX Researcher"},
            new String[] {"Nielsen Norman UX Certification", "Google UX Design Certificate"}),
        new Cluster("mobile", "mobile developer", 6, new String[] {
            "iOS", "Swift", "Android", "React Native", "Flutter", "SwiftUI", "Jetpack Compose", "Dart",
            "Mobile Architecture", "Mobile Testing", "Objective-C", "App Store Optimization", "Kotlin Multiplatform"},
            new String[] {"iOS Engineer", "Android Engineer", "Mobile Developer", "Mobile Architect"},
            new String[] {"Associate Android Developer", "Apple Swift Certification", "Flutter Certified Developer"}),
        new Cluster("security", "security engineer", 5, new String[] {
            "Application Security", "Cloud Security", "Penetration Testing", "Network Security", "Threat Modeling",
            "OWASP", "Identity and Access Management", "Incident Response", "Cryptography", "Security Compliance",
            "SOC 2", "Zero Trust", "Secure Code Review", "Malware Analysis"},
            new String[] {"Security Engineer", "Security Architect", "Penetration Tester", "CISO"},
            new String[] {"CISSP", "OSCP", "CEH", "CISM"}),
        new Cluster("career", "career coach", 8, new String[] {
            "Career Coaching", "Interview Preparation", "Resume Writing", "Salary Negotiation", "Career Transition",
            "Technical Interviews", "Personal Branding", "Networking", "Job Search Strategy", "LinkedIn Optimization",
            "Mentoring", "Time Management", "Work-Life Balance", "Productivity"},
            new String[] {"Career Coach", "Talent Partner", "Recruiting Lead", "Career Strategist"},
            new String[] {"Certified Career Coach", "ICF Associate Certified Coach", "Certified Professional Resume Writer"}),
        new Cluster("agile", "agile coach", 5, new String[] {
            "Agile", "Scrum", "Kanban", "Project Management", "Agile Coaching", "SAFe", "Jira", "Lean",
            "Sprint Planning", "Retrospectives", "Program Management", "Risk Management", "Estimation", "PMP"},
            new String[] {"Agile Coach", "Scrum Master", "Delivery Manager", "Program Manager"},
            new String[] {"Certified ScrumMaster", "Professional Scrum Master I", "SAFe Agilist", "PMP Certification"}),
        new Cluster("finance", "finance professional", 4, new String[] {
            "Financial Modeling", "Excel", "Accounting", "Budgeting", "Corporate Finance", "Valuation",
            "Fundraising", "Venture Capital", "Investment Analysis", "Financial Planning", "FP&A", "Tax Planning",
            "Bookkeeping", "Personal Finance"},
            new String[] {"Finance Coach", "CFO", "Financial Analyst", "Startup Advisor"},
            new String[] {"CFA Charterholder", "CPA", "Financial Modeling and Valuation Analyst"}),
        new Cluster("testing", "quality engineer", 3, new String[] {
            "Test Automation", "Unit Testing", "Selenium", "Cypress", "Playwright", "TDD", "API Testing",
            "Performance Testing", "QA Strategy", "BDD", "Contract Testing", "Manual Testing"},
            new String[] {"QA Engineer", "SDET", "Test Architect", "Quality Lead"},
            new String[] {"ISTQB Foundation", "ISTQB Advanced Test Automation Engineer"}),
    };

    private static final Region[] REGIONS = {
        new Region("America/Los_Angeles", 12, "en", "USD"),
        new Region("America/Denver", 3, "en", "USD"),
        new Region("America/Chicago", 7, "en", "USD"),
        new Region("America/New_York", 14, "en", "USD"),
        new Region("America/Toronto", 3, "fr", "USD"),
        new Region("America/Mexico_City", 3, "es", "USD"),
        new Region("America/Bogota", 2, "es", "USD"),
        new Region("America/Sao_Paulo", 4, "pt", "USD"),
        new Region("Europe/London", 9, "en", "GBP"),
        new Region("Europe/Dublin", 1, "en", "EUR"),
        new Region("Europe/Berlin", 5, "de", "EUR"),
        new Region("Europe/Paris", 4, "fr", "EUR"),
        new Region("Europe/Madrid", 3, "es", "EUR"),
        new Region("Europe/Amsterdam", 2, "nl", "EUR"),
        new Region("Europe/Warsaw", 2, "pl", "EUR"),
        new Region("Asia/Kolkata", 8, "hi", "USD"),
        new Region("Asia/Singapore", 2, "zh", "USD"),
        new Region("Asia/Shanghai", 2, "zh", "USD"),
        new Region("Asia/Tokyo", 2, "ja", "USD"),
        new Region("Asia/Dubai", 1, "ar", "USD"),
        new Region("Australia/Sydney", 3, "en", "USD"),
        new Region("Africa/Lagos", 1, "en", "USD"),
        new Region("UTC", 1, "en", "USD"),
        new Region("UTC+05:30", 1, "hi", "USD"),
        new Region("UTC-8", 0.5, "en", "USD"),
        new Region("UTC+1", 0.5, "de", "EUR"),
        new Region("UTC-5", 0.5, "es", "USD"),
    };

    private static final String[] FIRST_NAMES = {
        "Grace", "Alan", "Ada", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Guido", "Radia",
        "James", "Sophie", "Lucas", "Amara", "Mateo", "Priya", "Arjun", "Yuki", "Hiroshi", "Mei", "Wei",
        "Fatima", "Omar", "Chloe", "Noah", "Emma", "Liam", "Olivia", "Ethan", "Isabella", "Diego", "Camila",
        "Sofia", "Luca", "Elena", "Tomasz", "Agnieszka", "Kwame", "Ngozi", "Ines", "Pierre", "Claire", "Hannah",
        "Jonas", "Lea", "Ravi", "Ananya", "Carlos", "Valentina", "Daniel", "Sarah", "Michael", "Aisha"};

    private static final String[] LAST_NAMES = {
        "Hopper", "Turing", "Lovelace", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen",
        "van Rossum", "Perlman", "Gosling", "Martin", "Garcia", "Okafor", "Silva", "Sharma", "Patel", "Tanaka",
        "Sato", "Chen", "Wang", "Haddad", "Khan", "Dubois", "Smith", "Johnson", "Brown", "Miller", "Davis",
        "Rodriguez", "Lopez", "Rossi", "Novak", "Kowalski", "Mensah", "Adeyemi", "Moreau", "Schmidt", "Muller",
        "Fischer", "Iyer", "Reddy", "Santos", "Costa", "Murphy", "Kim", "Nguyen", "Ali", "Cohen", "Andersen"};

    private static final String[] COMPANIES = {
        "Acme Corp", "Globex", "Initech", "Umbrella Labs", "Stark Industries", "Wayne Enterprises", "Hooli",
        "Pied Piper", "Soylent", "Vandelay Industries", "Cyberdyne", "Tyrell Corp", "Massive Dynamic",
        "Aperture Science", "Wonka Industries", "Oscorp", "Gringotts", "Monsters Inc", "Dunder Mifflin",
        "Nakatomi Trading", "Blue Sun", "Weyland-Yutani", "Black Mesa", "Virtucon", "Independent",
        "Freelance", "Self-employed", "Northwind Traders", "Contoso", "Fabrikam"};

    private static final String[] SENIORITY = {"", "Senior ", "Lead ", "Principal "};

    /** "HH:MM" for every quarter hour from 00:00 to 24:00, shared so that a million slots share 97 strings. */
    private static final String[] CLOCK = new String[97];

    private static final SessionType[] SESSION_TYPES = SessionType.values();
    /** Every non-empty subset of session types, by bit mask, shared between coaches. */
    private static final List<List<SessionType>> SESSION_SUBSETS = new ArrayList<>();

    /** How often {@link #coaches(long, int, IntConsumer)} reports progress. */
    public static final int PROGRESS_STEP = 100_000;

    private static final Instant CATALOG_EPOCH = Instant.parse("2026-11-27T00:00:00Z");

    private static final double[] CLUSTER_CDF;
    private static final double[] REGION_CDF;
    private static final List<List<String>> CLUSTER_SKILLS;

    static {
        for (int i = 0; i < CLOCK.length; i++) {
            int minutes = i * 15;
            CLOCK[i] = two(minutes / 60) + ":" + two(minutes % 60);
        }
        for (int mask = 0; mask < 16; mask++) {
            List<SessionType> subset = new ArrayList<>();
            for (SessionType t : SESSION_TYPES) {
                if ((mask & (1 << t.ordinal())) != 0) {
                    subset.add(t);
                }
            }
            SESSION_SUBSETS.add(List.copyOf(subset));
        }
        CLUSTER_CDF = cdf(CLUSTERS.length, i -> CLUSTERS[i].popularity());
        REGION_CDF = cdf(REGIONS.length, i -> REGIONS[i].weight());
        List<List<String>> skills = new ArrayList<>();
        for (Cluster c : CLUSTERS) {
            skills.add(List.of(c.skills()));
        }
        CLUSTER_SKILLS = List.copyOf(skills);
    }

    private SyntheticCatalog() {
    }

    /**
     * The skill clusters, most popular first within each cluster: skills in one cluster are related
     * (a coach or a request mostly draws from one), so a latent preference over clusters makes
     * plausible feedback.
     */
    public static List<List<String>> skillClusters() {
        return CLUSTER_SKILLS;
    }

    /** The name of each cluster, parallel to {@link #skillClusters()}, such as {@code frontend}. */
    public static List<String> clusterNames() {
        List<String> names = new ArrayList<>(CLUSTERS.length);
        for (Cluster c : CLUSTERS) {
            names.add(c.name());
        }
        return List.copyOf(names);
    }

    /**
     * {@code n} coaches with ids {@code coach_000001} ... {@code coach_<n>}.
     *
     * @param seed any value; equal seeds give equal catalogs
     */
    public static List<CoachProfile> coaches(long seed, int n) {
        return coaches(seed, n, done -> { });
    }

    /**
     * {@link #coaches(long, int)}, telling {@code progress} how many coaches are done every
     * {@value #PROGRESS_STEP} coaches and at the end, for callers that generate millions.
     */
    public static List<CoachProfile> coaches(long seed, int n, IntConsumer progress) {
        if (n < 0) {
            throw new IllegalArgumentException("number of coaches must be >= 0, was " + n);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<CoachProfile> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(coach(root.split(), i));
            if (i % PROGRESS_STEP == 0 && i < n) {
                progress.accept(i);
            }
        }
        progress.accept(n);
        return out;
    }

    /**
     * {@code n} requests with ids {@code req_000001} ..., created one after another from {@code start}
     * (strictly increasing {@code created_at}), by requesters drawn with repeats from a pool.
     *
     * @param seed any value; equal seeds give equal requests
     */
    public static List<MatchingRequest> requests(long seed, int n, Instant start) {
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

    // ---------------------------------------------------------------- coaches

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
                ? role : SENIORITY[seniority] + role;
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
        boolean groups = (sessionMask & ((1 << SessionType.GROUP.ordinal()) | (1 << SessionType.WORKSHOP.ordinal()))) != 0;
        int maxParticipants = groups
                ? 4 + (int) (r.nextDouble() * r.nextDouble() * ((sessionMask & (1 << SessionType.WORKSHOP.ordinal())) != 0 ? 80 : 20))
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
            reviews = (int) Math.min(5000, Math.floor(Math.pow(1.0 - r.nextDouble(), -1 / 0.75) * (0.6 + experience / 12.0)));
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
            int completed = reviews + (int) (reviews * (1 + 3 * r.nextDouble())) + (int) (experience * 8 * r.nextDouble());
            double success = round2(Math.max(0.3, Math.min(1.0, 0.55 + 0.1 * (latentQuality - 3.5) + 0.25 * r.nextDouble())));
            double response = Math.round(Math.exp(1.2 + 0.9 * r.nextGaussian()) * 10) / 10.0;
            double repeat = round2(Math.min(0.9, r.nextDouble() * 0.5 + 0.05 * (latentQuality - 3.5)));
            metrics = new CoachMetrics(completed, success, Math.max(0.1, Math.min(168.0, response)), Math.max(0.0, repeat));
        }

        // always explicit: Jackson writes isActive() back, so an absent flag would not round-trip
        Boolean active = r.nextDouble() >= 0.03;
        Instant updated = CATALOG_EPOCH.minusSeconds((long) (r.nextDouble() * 400 * 86400));

        String bio = bio(r, cluster, names, (int) experience, sessionMask, company);
        return new CoachProfile(id, first + " " + last, title, company, bio, List.copyOf(skills), experience,
                languages, SESSION_SUBSETS.get(sessionMask), maxParticipants, rate, currency, region.timezone(),
                availability, rating, metrics, active, updated);
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
            int start = 28 + r.nextInt(12);            // 07:00 .. 09:45
            int length = 16 + r.nextInt(21);           // 4h .. 9h
            for (int day = 1; day <= 5; day++) {
                if (r.nextDouble() < 0.8) {
                    slots.add(slot(day, start, start + length));
                }
            }
        } else if (u < 0.75) {
            // evenings, some past midnight
            int start = 68 + 2 * r.nextInt(9);         // 17:00 .. 21:00
            int length = 8 + 2 * r.nextInt(7);         // 2h .. 5h
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

    private static String bio(SplittableRandom r, Cluster cluster, List<String> skills, int years, int sessionMask,
            String company) {
        StringBuilder b = new StringBuilder(180);
        String[] openings = {"Experienced", "Hands-on", "Pragmatic", "Friendly", "Seasoned", "Patient"};
        b.append(openings[r.nextInt(openings.length)]).append(' ').append(cluster.noun()).append(" with ")
                .append(years).append(years == 1 ? " year" : " years").append(" of experience in ");
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
        if (!company.equals("Independent") && !company.equals("Freelance") && !company.equals("Self-employed")
                && r.nextDouble() < 0.5) {
            b.append(" Currently at ").append(company).append('.');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- requests

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
            SkillLevel level = lu < 0.1 ? null
                    : lu < 0.25 ? SkillLevel.BEGINNER
                    : lu < 0.6 ? SkillLevel.INTERMEDIATE
                    : lu < 0.88 ? SkillLevel.ADVANCED : SkillLevel.EXPERT;
            double[] weights = {0.5, 1.0, 1.5, 2.0, 3.0};
            Double weight = r.nextDouble() < 0.4 ? null : weights[r.nextInt(weights.length)];
            // always explicit: Jackson writes isMandatory() back, so an absent flag would not round-trip
            Boolean mandatory = skills.isEmpty() && mandatoryFirst;
            skills.add(new SkillRequirement(name, level, weight, mandatory));
        }

        double tu = r.nextDouble();
        SessionType type = tu < 0.5 ? SessionType.INDIVIDUAL
                : tu < 0.7 ? SessionType.MENTORING
                : tu < 0.9 ? SessionType.GROUP : SessionType.WORKSHOP;
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
            availability = new AvailabilityRequirements(days(r), timeSlots(r),
                    r.nextDouble() < 0.05 ? null : region.timezone(), flexibility(r));
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
        String[] titleForms = {" coaching", " mentoring for my team", " training", " deep dive", " interview practice",
            " help needed"};
        String title = lead + titleForms[r.nextInt(titleForms.length)];
        StringBuilder d = new StringBuilder(120);
        d.append("Looking for a ").append(cluster.noun()).append(" who knows ").append(String.join(", ", names));
        d.append(switch (type) {
            case INDIVIDUAL -> " for one-on-one sessions.";
            case MENTORING -> " as a long-term mentor.";
            case GROUP -> " to coach a small group.";
            case WORKSHOP -> " to run a workshop for the team.";
        });
        return new MatchingRequest(id, requester, at, title, d.toString(), type, priority, List.copyOf(skills), budget,
                availability, languages, participants, totalSessions, maxResults);
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
        int start = 24 + 2 * r.nextInt(30);                  // 06:00 .. 20:30
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

    // ---------------------------------------------------------------- helpers

    /** A skill of the cluster, the first (most popular) ones far more often than the last. */
    private static String popularSkill(SplittableRandom r, Cluster cluster) {
        String[] skills = cluster.skills();
        return skills[(int) (skills.length * Math.pow(r.nextDouble(), 1.8))];
    }

    private static int pick(SplittableRandom r, double[] cdf) {
        double u = r.nextDouble() * cdf[cdf.length - 1];
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }

    private static double[] cdf(int n, java.util.function.IntToDoubleFunction weight) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weight.applyAsDouble(i);
            cdf[i] = sum;
        }
        return cdf;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
