package io.coachmatch.serving.catalog;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.ModelScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of the catalog: a large base index, the base coaches hidden since it was
 * built ({@code excluded}), and a small overlay index of the coaches changed since. Matching reads
 * both and merges the outcomes, so one update costs an overlay rebuild, not a base rebuild.
 */
public final class CatalogSnapshot {

    private final CatalogIndex base;
    private final long[] excluded;
    private final int excludedCount;
    private final CatalogIndex overlay;
    private final Map<String, CoachProfile> overlayProfiles;
    private final String source;
    private final Instant loadedAt;
    private final long version;

    CatalogSnapshot(
            CatalogIndex base,
            long[] excluded,
            CatalogIndex overlay,
            Map<String, CoachProfile> overlayProfiles,
            String source,
            Instant loadedAt,
            long version) {
        this.base = base;
        this.excluded = excluded;
        this.overlay = overlay;
        this.overlayProfiles = Collections.unmodifiableMap(new LinkedHashMap<>(overlayProfiles));
        this.source = source;
        this.loadedAt = loadedAt;
        this.version = version;
        int n = 0;
        if (excluded != null) {
            for (long w : excluded) {
                n += Long.bitCount(w);
            }
        }
        this.excludedCount = n;
    }

    /** Matches a compiled query against base and overlay as if they were one catalog. */
    public MatchOutcome match(MatchingEngine engine, MatchQuery query, ModelScorer model) {
        MatchOutcome a = engine.match(query, base, model, excludedCount == 0 ? null : excluded);
        if (overlay == null || overlay.size() == 0) {
            return a;
        }
        MatchOutcome b = engine.match(query, overlay, model, null);
        return MatchOutcome.merge(a, b, query.maxResults());
    }

    /** Coaches in the catalog (base minus hidden, plus overlay). */
    public int size() {
        return base.size() - excludedCount + (overlay == null ? 0 : overlay.size());
    }

    public int overlaySize() {
        return overlay == null ? 0 : overlay.size();
    }

    public int excludedCount() {
        return excludedCount;
    }

    public String source() {
        return source;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public long version() {
        return version;
    }

    /** The indexes matched against (base, and the overlay when there is one). */
    public List<CatalogIndex> indexes() {
        return overlay == null ? List.of(base) : List.of(base, overlay);
    }

    CatalogIndex base() {
        return base;
    }

    long[] excludedBits() {
        return excluded;
    }

    Map<String, CoachProfile> overlayProfiles() {
        return overlayProfiles;
    }

    boolean isHidden(int baseIndex) {
        return excluded != null && (excluded[baseIndex >>> 6] & (1L << (baseIndex & 63))) != 0;
    }

    /** Every coach, base first then overlay, in a stable order (for paging). */
    public List<CoachProfile> coaches() {
        List<CoachProfile> all = new ArrayList<>(size());
        for (int i = 0; i < base.size(); i++) {
            if (!isHidden(i)) {
                all.add(base.coach(i));
            }
        }
        all.addAll(overlayProfiles.values());
        return all;
    }

    /** The coach with this id, wherever it lives now. */
    public CoachProfile find(String id) {
        CoachProfile p = overlayProfiles.get(id);
        if (p != null) {
            return p;
        }
        var i = base.indexOf(id);
        return i.isPresent() && !isHidden(i.getAsInt()) ? base.coach(i.getAsInt()) : null;
    }
}
