package io.coachmatch.core.matching;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.time.ClockTime;
import io.coachmatch.core.time.Timezones;
import io.coachmatch.core.time.WeekMask;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validated request compiled once into the primitive form the matcher works on: the budget in US
 * dollars, skill names normalised, the requested hours as minutes of the week, and the timezone
 * offset fixed at the request's time. Not thread-safe (it caches the requested hours per coach
 * timezone offset); one query serves one matching call.
 */
public final class MatchQuery {

    private static final int MAX_SHIFT_CELLS = 2 * 18 * 60 / WeekMask.CELL_MINUTES;

    private final MatchingRequest request;
    private final Instant at;
    private final SessionType sessionType;
    private final double budgetUsd;
    private final int participants;
    private final String[] languages;
    private final String[] skillKeys;
    private final String[] skillNames;
    private final int[] skillLevels;
    private final double[] skillWeights;
    private final boolean[] mandatory;
    private final double totalSkillWeight;
    private final int highestLevel;
    private final int[] slotStarts;
    private final int[] slotLengths;
    private final int offsetMinutes;
    private final double flexibility;
    private final int maxResults;
    private final long[][] masksByShift = new long[2 * MAX_SHIFT_CELLS + 1][];
    private int requestedCells = -1;

    private MatchQuery(MatchingRequest request, MatchingSettings settings, Instant fallbackNow) {
        this.request = request;
        this.at = request.createdAt() != null ? request.createdAt() : fallbackNow;
        this.sessionType = request.sessionType();
        BudgetConstraints budget = request.budgetConstraints();
        this.budgetUsd = budget == null || budget.maxHourlyRate() == null
                ? Double.POSITIVE_INFINITY
                : settings.rates().toUsd(budget.maxHourlyRate(), budget.effectiveCurrency());
        this.participants = request.effectiveParticipantsCount();
        this.languages = request.effectiveLanguages().stream()
                .map(l -> l.trim().toLowerCase(Locale.ROOT))
                .distinct()
                .toArray(String[]::new);

        Map<String, SkillRequirement> unique = new LinkedHashMap<>();
        for (SkillRequirement s : request.effectiveSkills()) {
            unique.putIfAbsent(skillKey(s.name()), s);
        }
        int n = unique.size();
        skillKeys = new String[n];
        skillNames = new String[n];
        skillLevels = new int[n];
        skillWeights = new double[n];
        mandatory = new boolean[n];
        double total = 0;
        int highest = 0;
        int i = 0;
        for (Map.Entry<String, SkillRequirement> e : unique.entrySet()) {
            SkillRequirement s = e.getValue();
            skillKeys[i] = e.getKey();
            skillNames[i] = s.name().trim();
            skillLevels[i] = s.effectiveLevel().rank();
            skillWeights[i] = s.effectiveWeight();
            mandatory[i] = s.isMandatory();
            total += skillWeights[i];
            highest = Math.max(highest, skillLevels[i]);
            i++;
        }
        if (!(total > 0)) {
            Arrays.fill(skillWeights, 1.0);
            total = n;
        }
        this.totalSkillWeight = total;
        this.highestLevel = n == 0 ? 1 : highest;

        AvailabilityRequirements av = request.availabilityRequirements();
        ZoneId zone = Timezones.parse(av == null ? "UTC" : av.effectiveTimezone());
        this.offsetMinutes = roundToCell(zone.getRules().getOffset(at).getTotalSeconds() / 60);
        this.flexibility = av == null ? 0.0 : av.effectiveFlexibility();
        List<Integer> days =
                av == null || av.daysOfWeek() == null || av.daysOfWeek().isEmpty()
                        ? List.of(1, 2, 3, 4, 5, 6, 7)
                        : av.daysOfWeek();
        List<int[]> ranges = new ArrayList<>();
        if (av == null || av.timeSlots() == null || av.timeSlots().isEmpty()) {
            ranges.add(new int[] {0, 1440});
        } else {
            for (String slot : av.timeSlots()) {
                ranges.add(ClockTime.parseRange(slot));
            }
        }
        int[] starts = new int[days.size() * ranges.size()];
        int[] lengths = new int[starts.length];
        int k = 0;
        for (int day : days.stream().distinct().toList()) {
            for (int[] r : ranges) {
                starts[k] = (day - 1) * 1440 + r[0];
                lengths[k] = ClockTime.span(r[0], r[1]);
                k++;
            }
        }
        this.slotStarts = Arrays.copyOf(starts, k);
        this.slotLengths = Arrays.copyOf(lengths, k);

        Integer max = request.maxResults();
        this.maxResults =
                Math.min(MatchingSettings.MAX_RESULTS_LIMIT, max == null ? settings.defaultMaxResults() : max);
    }

    /**
     * Compiles a validated request.
     *
     * @param fallbackNow the instant used for timezone offsets when the request has no created_at
     * @throws IllegalArgumentException for an unknown currency or timezone (validation reports these first)
     */
    public static MatchQuery compile(MatchingRequest request, MatchingSettings settings, Instant fallbackNow) {
        return new MatchQuery(request, settings, fallbackNow);
    }

    /** The key under which skills compare: trimmed, inner white space folded, lower case. */
    public static String skillKey(String name) {
        return name == null ? "" : name.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static int roundToCell(int minutes) {
        return Math.round(minutes / (float) WeekMask.CELL_MINUTES) * WeekMask.CELL_MINUTES;
    }

    /**
     * The requested hours expressed in the local time of a coach whose zone is at {@code coachOffsetMinutes}
     * from UTC at the request's time; cached per offset.
     */
    long[] requestedMaskAtOffset(int coachOffsetMinutes) {
        int shift = coachOffsetMinutes - offsetMinutes;
        int idx = shift / WeekMask.CELL_MINUTES + MAX_SHIFT_CELLS;
        long[] mask = masksByShift[idx];
        if (mask == null) {
            mask = WeekMask.empty();
            for (int i = 0; i < slotStarts.length; i++) {
                WeekMask.addRange(mask, slotStarts[i], slotLengths[i], shift);
            }
            masksByShift[idx] = mask;
        }
        return mask;
    }

    /** The requested hours in UTC. */
    public long[] requestedMaskUtc() {
        return requestedMaskAtOffset(0).clone();
    }

    /** Number of requested quarter hours (the same in every zone, since offsets are whole quarter hours). */
    public int requestedCells() {
        if (requestedCells < 0) {
            requestedCells = WeekMask.count(requestedMaskAtOffset(offsetMinutes));
        }
        return requestedCells;
    }

    public MatchingRequest request() {
        return request;
    }

    /** The instant at which timezone offsets are taken. */
    public Instant at() {
        return at;
    }

    public SessionType sessionType() {
        return sessionType;
    }

    public double budgetUsd() {
        return budgetUsd;
    }

    public int participants() {
        return participants;
    }

    String[] languages() {
        return languages;
    }

    public int skillCount() {
        return skillKeys.length;
    }

    public String skillKey(int i) {
        return skillKeys[i];
    }

    public String skillName(int i) {
        return skillNames[i];
    }

    public int skillLevel(int i) {
        return skillLevels[i];
    }

    public double skillWeight(int i) {
        return skillWeights[i];
    }

    public boolean isMandatory(int i) {
        return mandatory[i];
    }

    public double totalSkillWeight() {
        return totalSkillWeight;
    }

    /** The highest level among the required skills, as a rank 0..3. */
    public int highestLevel() {
        return highestLevel;
    }

    public double flexibility() {
        return flexibility;
    }

    public int maxResults() {
        return maxResults;
    }

    public List<String> languageList() {
        return List.of(languages);
    }
}
