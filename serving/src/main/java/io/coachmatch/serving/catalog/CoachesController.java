package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.serving.web.ProblemDetails;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog for operators and testers: {@code GET /api/coaches}, filtered and paged. */
@Validated
@RestController
class CoachesController {

    private final CoachCatalog catalog;

    CoachesController(CoachCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/coaches")
    Map<String, Object> coaches(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
            @RequestParam(required = false) String skill,
            @RequestParam(required = false) String language,
            @RequestParam(name = "session_type", required = false) String sessionType,
            @RequestParam(required = false) Boolean active,
            @RequestParam(name = "max_rate", required = false) Double maxRate,
            @RequestParam(required = false) String q) {
        CatalogSnapshot s = catalog.snapshot();
        Predicate<CoachProfile> filter = c -> true;
        if (skill != null && !skill.isBlank()) {
            String k = skill.trim().toLowerCase(Locale.ROOT);
            filter = filter.and(c -> c.effectiveSkills().stream()
                    .anyMatch(sk -> sk.name() != null
                            && sk.name().trim().toLowerCase(Locale.ROOT).equals(k)));
        }
        if (language != null && !language.isBlank()) {
            filter =
                    filter.and(c -> c.effectiveLanguages().stream().anyMatch(l -> l.equalsIgnoreCase(language.trim())));
        }
        if (sessionType != null && !sessionType.isBlank()) {
            SessionType t = parseSessionType(sessionType);
            filter = filter.and(c -> c.effectiveSessionTypes().contains(t));
        }
        if (active != null) {
            filter = filter.and(c -> c.isActive() == active);
        }
        if (maxRate != null) {
            CurrencyRates rates = CurrencyRates.defaults();
            filter = filter.and(c -> c.hourlyRate() != null
                    && rates.isKnown(c.effectiveCurrency())
                    && rates.toUsd(c.hourlyRate(), c.effectiveCurrency()) <= maxRate + 1e-9);
        }
        if (q != null && !q.isBlank()) {
            String needle = q.toLowerCase(Locale.ROOT);
            filter = filter.and(c -> (c.name() + " " + c.title() + " " + c.bio())
                    .toLowerCase(Locale.ROOT)
                    .contains(needle));
        }
        List<CoachProfile> all = s.coaches().stream().filter(filter).toList();
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", all.subList(from, to));
        out.put("page", page);
        out.put("size", size);
        out.put("total", all.size());
        out.put("catalog_size", s.size());
        return out;
    }

    private static SessionType parseSessionType(String v) {
        for (SessionType t : SessionType.values()) {
            if (t.name().equalsIgnoreCase(v.trim())) {
                return t;
            }
        }
        throw ProblemDetails.exception(ProblemDetails.of(
                HttpStatus.BAD_REQUEST,
                "session_type must be one of individual, group, workshop, mentoring; was '" + v + "'"));
    }
}
