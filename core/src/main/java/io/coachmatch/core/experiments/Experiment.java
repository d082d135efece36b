package io.coachmatch.core.experiments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An A/B test of model versions: which unit is randomised, the salt of its hash, and the variants with their
 * shares. Read from and written to JSON by {@link io.coachmatch.core.json.Json} in snake_case, e.g.
 * {@code {"name": "ranker-dec", "unit": "requester_id", "salt": "dec-2026", "variants": [{"name": "control",
 * "model": "production", "share": 0.5}, {"name": "treatment", "model": "v0004", "share": 0.5}], "status": "running",
 * "started_at": "2026-11-28T10:00:00Z"}}.
 *
 * <p>Invariants of a valid experiment ({@link #validate}): the name matches {@value #NAME_PATTERN}; the unit is one
 * of {@link #UNITS}; the salt is 1 to {@value #MAX_SALT_LENGTH} characters; there are 2 to {@value #MAX_VARIANTS}
 * variants with unique names, each share in (0, 1], owning at least one of the {@value Assignment#BUCKETS} buckets,
 * and the shares sum to 1 within {@value #SHARE_TOLERANCE}; each model is a version ({@code v0004}), an alias
 * ({@code production}) or {@code rules}. The variant named {@code control}, or else the first, is the baseline
 * every other variant is compared with.
 *
 * @param unit      the field of the request whose value is hashed; null means {@value #DEFAULT_UNIT}
 * @param salt      mixed into the hash so that two experiments split the same units independently
 * @param status    null means {@link ExperimentStatus#RUNNING}
 * @param startedAt when it was (last) started; null if unknown
 * @param stoppedAt when it was stopped; null while it runs
 */
public record Experiment(
        String name,
        String unit,
        String salt,
        List<Variant> variants,
        ExperimentStatus status,
        Instant startedAt,
        Instant stoppedAt) {

    public static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,64}";
    public static final String DEFAULT_UNIT = "requester_id";
    /** The request fields an experiment can randomise on. */
    public static final List<String> UNITS = List.of("requester_id", "request_id");

    public static final String CONTROL = "control";
    /** The model name that means the rule-based scorer only (same as {@code MatchingEngine.RULES_ONLY}). */
    public static final String RULES = "rules";

    public static final double SHARE_TOLERANCE = 1e-9;
    public static final int MAX_VARIANTS = 20;
    public static final int MAX_SALT_LENGTH = 128;

    static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    /** A version ({@code v0004}) or alias ({@code production}, {@code candidate-2}); {@code rules} matches too. */
    static final Pattern MODEL = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public Experiment {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A running experiment with the default unit, started now or at an unknown time. */
    public static Experiment running(String name, String salt, List<Variant> variants) {
        return new Experiment(name, DEFAULT_UNIT, salt, variants, ExperimentStatus.RUNNING, null, null);
    }

    /**
     * Reads and validates one experiment, such as the body of {@code PUT /admin/experiments/{name}}.
     *
     * @param json         the document; its {@code name} may be absent, else it must equal nameFromPath
     * @param nameFromPath the name from the URL, or null when the document must name itself
     * @param modelKnown   whether a version or alias exists; null checks the form only
     * @throws InvalidExperimentException naming every bad field, for malformed JSON too
     */
    public static Experiment parse(byte[] json, String nameFromPath, Predicate<String> modelKnown) {
        List<ErrorDetail> errors = new ArrayList<>();
        JsonNode tree;
        try {
            tree = Json.tree(json);
        } catch (JacksonException e) {
            errors.add(new ErrorDetail("$", "malformed JSON: " + e.getOriginalMessage()));
            throw new InvalidExperimentException(context(nameFromPath), errors);
        }
        Experiment e = ExperimentReader.read(tree, "", errors);
        if (e != null) {
            if (nameFromPath != null && e.name() != null && !e.name().equals(nameFromPath)) {
                errors.add(new ErrorDetail(
                        "name",
                        "'" + abbreviate(e.name()) + "' differs from the name in the path '" + abbreviate(nameFromPath)
                                + "'"));
            } else if (e.name() == null && nameFromPath != null) {
                e = new Experiment(
                        nameFromPath, e.unit(), e.salt(), e.variants(), e.status(), e.startedAt(), e.stoppedAt());
            }
            e.validateInto("", modelKnown, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException(context(nameFromPath), errors);
        }
        return e;
    }

    private static String context(String name) {
        return name == null ? "experiment" : "experiment '" + abbreviate(name) + "'";
    }

    /** The unit, with the default applied. */
    public String effectiveUnit() {
        return unit == null ? DEFAULT_UNIT : unit;
    }

    /** The status, with the default applied. */
    public ExperimentStatus effectiveStatus() {
        return status == null ? ExperimentStatus.RUNNING : status;
    }

    @JsonIgnore
    public boolean isRunning() {
        return effectiveStatus() == ExperimentStatus.RUNNING;
    }

    /** The baseline: the variant named {@value #CONTROL}, else the first. */
    public Variant control() {
        for (Variant v : variants) {
            if (CONTROL.equals(v.name())) {
                return v;
            }
        }
        return variants.get(0);
    }

    /** The variant of that name, or null. */
    public Variant variant(String variantName) {
        for (Variant v : variants) {
            if (v.name().equals(variantName)) {
                return v;
            }
        }
        return null;
    }

    /** A copy with another status and times. */
    public Experiment withStatus(ExperimentStatus newStatus, Instant newStartedAt, Instant newStoppedAt) {
        return new Experiment(name, unit, salt, variants, newStatus, newStartedAt, newStoppedAt);
    }

    /** Every broken invariant, as (field, problem); empty when valid. Models are only checked for their form. */
    public List<ErrorDetail> validate() {
        return validate(null);
    }

    /**
     * Every broken invariant, as (field, problem); empty when valid.
     *
     * @param modelKnown says whether a model version or alias exists (serving asks its model registry);
     *                   null checks the form only. {@value #RULES} is always known.
     */
    public List<ErrorDetail> validate(Predicate<String> modelKnown) {
        List<ErrorDetail> errors = new ArrayList<>();
        validateInto("", modelKnown, errors);
        return List.copyOf(errors);
    }

    void validateInto(String prefix, Predicate<String> modelKnown, List<ErrorDetail> errors) {
        if (name == null) {
            errors.add(new ErrorDetail(prefix + "name", "is required"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new ErrorDetail(prefix + "name", "'" + abbreviate(name) + "' must match " + NAME_PATTERN));
        }
        if (unit != null && !UNITS.contains(unit)) {
            errors.add(new ErrorDetail(
                    prefix + "unit", "unknown unit '" + abbreviate(unit) + "'; allowed: " + String.join(", ", UNITS)));
        }
        if (salt == null || salt.isEmpty()) {
            errors.add(new ErrorDetail(prefix + "salt", "is required"));
        } else if (salt.length() > MAX_SALT_LENGTH) {
            errors.add(new ErrorDetail(
                    prefix + "salt",
                    "is " + salt.length() + " characters long; at most " + MAX_SALT_LENGTH + " are allowed"));
        }
        if (variants.size() < 2 || variants.size() > MAX_VARIANTS) {
            errors.add(new ErrorDetail(
                    prefix + "variants",
                    "has " + variants.size() + " variants; an experiment needs 2 to " + MAX_VARIANTS));
        }
        Set<String> names = new HashSet<>();
        double sum = 0;
        boolean sharesOk = true;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            String at = prefix + "variants[" + i + "].";
            if (v.name() == null) {
                errors.add(new ErrorDetail(at + "name", "is required"));
            } else if (!NAME.matcher(v.name()).matches()) {
                errors.add(new ErrorDetail(at + "name", "'" + abbreviate(v.name()) + "' must match " + NAME_PATTERN));
            } else if (!names.add(v.name())) {
                errors.add(new ErrorDetail(at + "name", "'" + v.name() + "' is used by an earlier variant"));
            }
            if (v.model() == null) {
                errors.add(new ErrorDetail(at + "model", "is required"));
            } else if (!MODEL.matcher(v.model()).matches()) {
                errors.add(new ErrorDetail(
                        at + "model",
                        "'" + abbreviate(v.model())
                                + "' is not a model version (v0004), an alias (production) or rules"));
            } else if (modelKnown != null && !RULES.equals(v.model()) && !modelKnown.test(v.model())) {
                errors.add(new ErrorDetail(at + "model", "no model version or alias '" + v.model() + "'"));
            }
            double share = v.share();
            if (!(share > 0 && share <= 1)) {
                errors.add(new ErrorDetail(at + "share", "is " + share + "; must be in (0, 1]"));
                sharesOk = false;
            }
            sum += share;
        }
        if (sharesOk && !variants.isEmpty()) {
            if (Math.abs(sum - 1.0) > SHARE_TOLERANCE) {
                errors.add(new ErrorDetail(prefix + "variants", "shares sum to " + sum + "; they must sum to 1"));
            } else {
                int[] ends = Assignment.bucketEnds(variants);
                for (int i = 0; i < ends.length; i++) {
                    int from = i == 0 ? 0 : ends[i - 1];
                    if (ends[i] == from) {
                        errors.add(new ErrorDetail(
                                prefix + "variants[" + i + "].share",
                                "is " + variants.get(i).share() + ", less than one of " + Assignment.BUCKETS
                                        + " buckets"));
                    }
                }
            }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
