package io.coachmatch.core.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns skill names and free text into comparable terms, so that {@code "React.js"},
 * {@code "reactjs"} and {@code "React"} are one skill and {@code "K8s"} is {@code "kubernetes"}.
 *
 * <p>A name is normalised in this order: lower case; {@code c++}, {@code c#}, {@code f#} and
 * {@code .net} spelled out as {@code cpp}, {@code csharp}, {@code fsharp} and {@code dotnet};
 * the joiners {@code . - _ / ' ’} deleted inside a word ({@code node.js} becomes {@code nodejs});
 * any other character that is not a letter or digit becomes a space; white space folded; then the
 * synonym table is applied to the whole name and, failing that, word by word. Free text is split
 * into words and each word normalised the same way, with stop words dropped.
 *
 * <p>The table travels inside every model artifact, so a model keeps tokenising as it was trained
 * even when the defaults here grow. Instances are immutable and thread-safe.
 */
public final class TextNormalizer {

    /** The default synonym table: variant spelling to canonical name (both already normalised). */
    public static final Map<String, String> DEFAULT_SYNONYMS = Collections.unmodifiableMap(new TreeMap<>(Map.ofEntries(
            Map.entry("reactjs", "react"),
            Map.entry("react js", "react"),
            Map.entry("vuejs", "vue"),
            Map.entry("vue js", "vue"),
            Map.entry("angularjs", "angular"),
            Map.entry("js", "javascript"),
            Map.entry("ecmascript", "javascript"),
            Map.entry("es6", "javascript"),
            Map.entry("ts", "typescript"),
            Map.entry("node", "nodejs"),
            Map.entry("node js", "nodejs"),
            Map.entry("k8s", "kubernetes"),
            Map.entry("kube", "kubernetes"),
            Map.entry("golang", "go"),
            Map.entry("py", "python"),
            Map.entry("python3", "python"),
            Map.entry("postgres", "postgresql"),
            Map.entry("psql", "postgresql"),
            Map.entry("mongo", "mongodb"),
            Map.entry("ml", "machine learning"),
            Map.entry("machinelearning", "machine learning"),
            Map.entry("dl", "deep learning"),
            Map.entry("ai", "artificial intelligence"),
            Map.entry("nlp", "natural language processing"),
            Map.entry("aws", "amazon web services"),
            Map.entry("gcp", "google cloud"),
            Map.entry("tf", "tensorflow"),
            Map.entry("sklearn", "scikitlearn"),
            Map.entry("cicd", "continuous delivery"),
            Map.entry("ci cd", "continuous delivery"),
            Map.entry("ux", "user experience"),
            Map.entry("ui", "user interface"),
            Map.entry("pm", "product management"),
            Map.entry("springboot", "spring boot"),
            Map.entry("dotnet core", "dotnet"),
            Map.entry("csharp dotnet", "csharp"),
            Map.entry("tailwindcss", "tailwind"),
            Map.entry("nextjs", "next"),
            Map.entry("gql", "graphql"))));

    /** Words too common to tell documents apart. */
    public static final Set<String> DEFAULT_STOP_WORDS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "i",
            "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "that", "the", "their",
            "them", "they", "this", "to", "us", "was", "we", "were", "who", "will", "with", "you", "your")));

    private static final TextNormalizer DEFAULTS = new TextNormalizer(DEFAULT_SYNONYMS, DEFAULT_STOP_WORDS);

    private final Map<String, String> synonyms;
    private final Set<String> stopWords;

    public TextNormalizer(Map<String, String> synonyms, Set<String> stopWords) {
        this.synonyms = Collections.unmodifiableMap(new TreeMap<>(synonyms));
        this.stopWords = Collections.unmodifiableSet(new TreeSet<>(stopWords));
    }

    public static TextNormalizer defaults() {
        return DEFAULTS;
    }

    public Map<String, String> synonyms() {
        return synonyms;
    }

    public Set<String> stopWords() {
        return stopWords;
    }

    /** The canonical form of a skill name; empty for a blank or null name. */
    public String skill(String name) {
        String base = fold(name);
        if (base.isEmpty()) {
            return base;
        }
        String whole = synonyms.get(base);
        if (whole != null) {
            return whole;
        }
        if (base.indexOf(' ') < 0) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base.length());
        for (String w : base.split(" ")) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(synonyms.getOrDefault(w, w));
        }
        return sb.toString();
    }

    /** The words of a skill name, normalised, for text similarity (stop words kept: a name is short). */
    public List<String> skillTerms(String name) {
        String s = skill(name);
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    /** The terms of free text: words normalised like skill names, synonyms applied, stop words dropped. */
    public List<String> terms(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int n = lower.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSeparator(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                String word = skill(lower.substring(start, i));
                if (word.isEmpty()) {
                    continue;
                }
                for (String t : word.split(" ")) {
                    if (!t.isEmpty() && !stopWords.contains(t)) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    private static boolean isSeparator(char ch) {
        return Character.isWhitespace(ch)
                || ch == ','
                || ch == ';'
                || ch == ':'
                || ch == '!'
                || ch == '?'
                || ch == '('
                || ch == ')'
                || ch == '['
                || ch == ']'
                || ch == '{'
                || ch == '}'
                || ch == '"'
                || ch == '&'
                || ch == '|';
    }

    /** Lower case, spelled-out symbols, joiners deleted, other punctuation to spaces, spaces folded. */
    static String fold(String name) {
        if (name == null) {
            return "";
        }
        String s = name.toLowerCase(Locale.ROOT)
                .replace("c++", "cpp")
                .replace("c#", "csharp")
                .replace("f#", "fsharp");
        if (s.startsWith(".net")) {
            s = "dotnet" + s.substring(4);
        }
        s = s.replace(" .net", " dotnet").replace(".net", " dotnet");
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.' || ch == '-' || ch == '_' || ch == '/' || ch == '\'' || ch == '\u2019') {
                continue;
            }
            if (Character.isLetterOrDigit(ch)) {
                sb.append(ch);
                space = false;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == ' ') {
            sb.setLength(len - 1);
        }
        return sb.toString();
    }
}
