package io.coachmatch.core.synthetic;

import io.coachmatch.core.contract.SessionType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * The vocabulary synthetic coaches and requests are drawn from: skill clusters with their titles and
 * certifications, regions with their timezone, language and currency, names, companies, clock times
 * and session-type subsets, and the draws over them that coaches and requests share. Constant; the
 * order of every table is part of what a seed generates.
 */
final class SyntheticVocabulary {

    record Cluster(
            String name, String noun, double popularity, String[] skills, String[] titles, String[] certifications) {}

    record Region(String timezone, double weight, String localLanguage, String currency) {}

    static final Cluster[] CLUSTERS = {
        new Cluster(
                "frontend",
                "frontend engineer",
                12,
                new String[] {
                    "React",
                    "TypeScript",
                    "JavaScript",
                    "CSS",
                    "HTML",
                    "Vue",
                    "Angular",
                    "Next.js",
                    "Svelte",
                    "Redux",
                    "Webpack",
                    "Tailwind CSS",
                    "Web Accessibility",
                    "GraphQL",
                    "Jest",
                    "Frontend Performance"
                },
                new String[] {"Frontend Engineer", "UI Engineer", "Web Developer", "Frontend Architect"},
                new String[] {"Meta Front-End Developer", "W3C Front-End Web Developer", "Vue.js Certified Developer"}),
        new Cluster(
                "backend",
                "backend engineer",
                12,
                new String[] {
                    "Java",
                    "Spring Boot",
                    "Go",
                    "Kotlin",
                    "Node.js",
                    "C#",
                    ".NET",
                    "PostgreSQL",
                    "Microservices",
                    "REST API Design",
                    "System Design",
                    "Redis",
                    "Kafka",
                    "Rust",
                    "Ruby on Rails",
                    "PHP"
                },
                new String[] {"Backend Engineer", "Software Engineer", "Platform Engineer", "Software Architect"},
                new String[] {"Oracle Certified Professional Java", "Spring Professional", "Confluent Kafka Developer"
                }),
        new Cluster(
                "data",
                "data scientist",
                12,
                new String[] {
                    "Python",
                    "SQL",
                    "Machine Learning",
                    "Pandas",
                    "Statistics",
                    "Deep Learning",
                    "PyTorch",
                    "NumPy",
                    "Data Visualization",
                    "TensorFlow",
                    "Spark",
                    "Data Engineering",
                    "Airflow",
                    "dbt",
                    "NLP",
                    "Computer Vision",
                    "R"
                },
                new String[] {"Data Scientist", "Machine Learning Engineer", "Data Engineer", "Analytics Lead"},
                new String[] {
                    "TensorFlow Developer Certificate",
                    "Google Professional Data Engineer",
                    "Databricks Certified Data Engineer",
                    "AWS Machine Learning Specialty"
                }),
        new Cluster(
                "cloud",
                "cloud engineer",
                10,
                new String[] {
                    "AWS",
                    "Kubernetes",
                    "Docker",
                    "Terraform",
                    "Linux",
                    "CI/CD",
                    "Azure",
                    "Google Cloud",
                    "Site Reliability Engineering",
                    "Observability",
                    "Prometheus",
                    "Helm",
                    "Ansible",
                    "GitHub Actions",
                    "Jenkins",
                    "Serverless"
                },
                new String[] {
                    "DevOps Engineer", "Cloud Architect", "Site Reliability Engineer", "Infrastructure Engineer"
                },
                new String[] {
                    "AWS Solutions Architect",
                    "Certified Kubernetes Administrator",
                    "HashiCorp Terraform Associate",
                    "Azure Administrator Associate"
                }),
        new Cluster(
                "leadership",
                "leadership coach",
                10,
                new String[] {
                    "Leadership", "Communication", "Public Speaking", "Team Building", "Conflict Resolution",
                    "Delegation", "Executive Presence", "Change Management", "Strategic Thinking",
                            "Emotional Intelligence",
                    "Negotiation", "Coaching Skills", "Feedback Culture", "Remote Team Management", "Decision Making"
                },
                new String[] {"Leadership Coach", "Executive Coach", "Engineering Manager", "VP of Engineering"},
                new String[] {"ICF Professional Certified Coach", "ICF Associate Certified Coach", "Toastmasters DTM"}),
        new Cluster(
                "product",
                "product manager",
                7,
                new String[] {
                    "Product Management", "Product Strategy", "Roadmapping", "User Research", "A/B Testing",
                    "Product Analytics", "Go-to-Market", "Stakeholder Management", "OKRs", "Product Discovery",
                    "Pricing Strategy", "Growth Marketing", "SEO", "Content Strategy"
                },
                new String[] {"Product Manager", "Head of Product", "Product Lead", "Growth Lead"},
                new String[] {
                    "Pragmatic Institute PMC", "Certified Scrum Product Owner", "Google Analytics Certification"
                }),
        new Cluster(
                "design",
                "product designer",
                6,
                new String[] {
                    "UX Design",
                    "Figma",
                    "UI Design",
                    "Design Systems",
                    "Interaction Design",
                    "Prototyping",
                    "Usability Testing",
                    "Visual Design",
                    "Information Architecture",
                    "Design Thinking",
                    "Motion Design",
                    "Service Design",
                    "Sketch",
                    "Adobe XD"
                },
                new String[] {"Product Designer", "UX Designer", "Design Lead", "UX Researcher"},
                new String[] {"Nielsen Norman UX Certification", "Google UX Design Certificate"}),
        new Cluster(
                "mobile",
                "mobile developer",
                6,
                new String[] {
                    "iOS",
                    "Swift",
                    "Android",
                    "React Native",
                    "Flutter",
                    "SwiftUI",
                    "Jetpack Compose",
                    "Dart",
                    "Mobile Architecture",
                    "Mobile Testing",
                    "Objective-C",
                    "App Store Optimization",
                    "Kotlin Multiplatform"
                },
                new String[] {"iOS Engineer", "Android Engineer", "Mobile Developer", "Mobile Architect"},
                new String[] {"Associate Android Developer", "Apple Swift Certification", "Flutter Certified Developer"
                }),
        new Cluster(
                "security",
                "security engineer",
                5,
                new String[] {
                    "Application Security", "Cloud Security", "Penetration Testing", "Network Security",
                            "Threat Modeling",
                    "OWASP", "Identity and Access Management", "Incident Response", "Cryptography",
                            "Security Compliance",
                    "SOC 2", "Zero Trust", "Secure Code Review", "Malware Analysis"
                },
                new String[] {"Security Engineer", "Security Architect", "Penetration Tester", "CISO"},
                new String[] {"CISSP", "OSCP", "CEH", "CISM"}),
        new Cluster(
                "career",
                "career coach",
                8,
                new String[] {
                    "Career Coaching", "Interview Preparation", "Resume Writing", "Salary Negotiation",
                            "Career Transition",
                    "Technical Interviews", "Personal Branding", "Networking", "Job Search Strategy",
                            "LinkedIn Optimization",
                    "Mentoring", "Time Management", "Work-Life Balance", "Productivity"
                },
                new String[] {"Career Coach", "Talent Partner", "Recruiting Lead", "Career Strategist"},
                new String[] {
                    "Certified Career Coach", "ICF Associate Certified Coach", "Certified Professional Resume Writer"
                }),
        new Cluster(
                "agile",
                "agile coach",
                5,
                new String[] {
                    "Agile",
                    "Scrum",
                    "Kanban",
                    "Project Management",
                    "Agile Coaching",
                    "SAFe",
                    "Jira",
                    "Lean",
                    "Sprint Planning",
                    "Retrospectives",
                    "Program Management",
                    "Risk Management",
                    "Estimation",
                    "PMP"
                },
                new String[] {"Agile Coach", "Scrum Master", "Delivery Manager", "Program Manager"},
                new String[] {
                    "Certified ScrumMaster", "Professional Scrum Master I", "SAFe Agilist", "PMP Certification"
                }),
        new Cluster(
                "finance",
                "finance professional",
                4,
                new String[] {
                    "Financial Modeling", "Excel", "Accounting", "Budgeting", "Corporate Finance", "Valuation",
                    "Fundraising", "Venture Capital", "Investment Analysis", "Financial Planning", "FP&A",
                            "Tax Planning",
                    "Bookkeeping", "Personal Finance"
                },
                new String[] {"Finance Coach", "CFO", "Financial Analyst", "Startup Advisor"},
                new String[] {"CFA Charterholder", "CPA", "Financial Modeling and Valuation Analyst"}),
        new Cluster(
                "testing",
                "quality engineer",
                3,
                new String[] {
                    "Test Automation",
                    "Unit Testing",
                    "Selenium",
                    "Cypress",
                    "Playwright",
                    "TDD",
                    "API Testing",
                    "Performance Testing",
                    "QA Strategy",
                    "BDD",
                    "Contract Testing",
                    "Manual Testing"
                },
                new String[] {"QA Engineer", "SDET", "Test Architect", "Quality Lead"},
                new String[] {"ISTQB Foundation", "ISTQB Advanced Test Automation Engineer"}),
    };

    static final Region[] REGIONS = {
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

    static final String[] FIRST_NAMES = {
        "Grace", "Alan", "Ada", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Guido", "Radia",
        "James", "Sophie", "Lucas", "Amara", "Mateo", "Priya", "Arjun", "Yuki", "Hiroshi", "Mei", "Wei",
        "Fatima", "Omar", "Chloe", "Noah", "Emma", "Liam", "Olivia", "Ethan", "Isabella", "Diego", "Camila",
        "Sofia", "Luca", "Elena", "Tomasz", "Agnieszka", "Kwame", "Ngozi", "Ines", "Pierre", "Claire", "Hannah",
        "Jonas", "Lea", "Ravi", "Ananya", "Carlos", "Valentina", "Daniel", "Sarah", "Michael", "Aisha"
    };

    static final String[] LAST_NAMES = {
        "Hopper",
        "Turing",
        "Lovelace",
        "Torvalds",
        "Hamilton",
        "Ritchie",
        "Liskov",
        "Thompson",
        "Allen",
        "van Rossum",
        "Perlman",
        "Gosling",
        "Martin",
        "Garcia",
        "Okafor",
        "Silva",
        "Sharma",
        "Patel",
        "Tanaka",
        "Sato",
        "Chen",
        "Wang",
        "Haddad",
        "Khan",
        "Dubois",
        "Smith",
        "Johnson",
        "Brown",
        "Miller",
        "Davis",
        "Rodriguez",
        "Lopez",
        "Rossi",
        "Novak",
        "Kowalski",
        "Mensah",
        "Adeyemi",
        "Moreau",
        "Schmidt",
        "Muller",
        "Fischer",
        "Iyer",
        "Reddy",
        "Santos",
        "Costa",
        "Murphy",
        "Kim",
        "Nguyen",
        "Ali",
        "Cohen",
        "Andersen"
    };

    static final String[] COMPANIES = {
        "Acme Corp",
        "Globex",
        "Initech",
        "Umbrella Labs",
        "Stark Industries",
        "Wayne Enterprises",
        "Hooli",
        "Pied Piper",
        "Soylent",
        "Vandelay Industries",
        "Cyberdyne",
        "Tyrell Corp",
        "Massive Dynamic",
        "Aperture Science",
        "Wonka Industries",
        "Oscorp",
        "Gringotts",
        "Monsters Inc",
        "Dunder Mifflin",
        "Nakatomi Trading",
        "Blue Sun",
        "Weyland-Yutani",
        "Black Mesa",
        "Virtucon",
        "Independent",
        "Freelance",
        "Self-employed",
        "Northwind Traders",
        "Contoso",
        "Fabrikam"
    };

    static final String[] SENIORITY = {"", "Senior ", "Lead ", "Principal "};

    /** "HH:MM" for every quarter hour from 00:00 to 24:00, shared so that a million slots share 97 strings. */
    static final String[] CLOCK = new String[97];

    private static final SessionType[] SESSION_TYPES = SessionType.values();
    /** Every non-empty subset of session types, by bit mask, shared between coaches. */
    static final List<List<SessionType>> SESSION_SUBSETS = new ArrayList<>();

    static final double[] CLUSTER_CDF;
    static final double[] REGION_CDF;
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

    private SyntheticVocabulary() {}

    /**
     * The skill clusters, most popular first within each cluster: skills in one cluster are related
     * (a coach or a request mostly draws from one), so a latent preference over clusters makes
     * plausible feedback.
     */
    static List<List<String>> skillClusters() {
        return CLUSTER_SKILLS;
    }

    /** The name of each cluster, parallel to {@link #skillClusters()}, such as {@code frontend}. */
    static List<String> clusterNames() {
        List<String> names = new ArrayList<>(CLUSTERS.length);
        for (Cluster c : CLUSTERS) {
            names.add(c.name());
        }
        return List.copyOf(names);
    }

    /** A skill of the cluster, the first (most popular) ones far more often than the last. */
    static String popularSkill(SplittableRandom r, Cluster cluster) {
        String[] skills = cluster.skills();
        return skills[(int) (skills.length * Math.pow(r.nextDouble(), 1.8))];
    }

    /** An index drawn with the weights whose cumulative sums {@code cdf} holds. */
    static int pick(SplittableRandom r, double[] cdf) {
        double u = r.nextDouble() * cdf[cdf.length - 1];
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }

    private static double[] cdf(int n, IntToDoubleFunction weight) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weight.applyAsDouble(i);
            cdf[i] = sum;
        }
        return cdf;
    }

    /** {@code v} rounded to two decimals. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** {@code v} in decimal, zero-padded to {@code width} digits. */
    static String pad(int v, int width) {
        String s = Integer.toString(v);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }
}
