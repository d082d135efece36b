package io.coachmatch.serving.support;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 40 coaches of {@code catalog/coaches.jsonl} (coach_0001 is the contract's example coach). */
public final class TestCatalog {

    private TestCatalog() {}

    public static List<CoachProfile> coaches() {
        List<CoachProfile> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                TestCatalog.class.getResourceAsStream("/catalog/coaches.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(Json.read(line, CoachProfile.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A copy of a coach with another id and first skill name. */
    public static CoachProfile variant(CoachProfile c, String id, String skill) {
        String json = Json.string(c).replace("\"id\":\"" + c.id() + "\"", "\"id\":\"" + id + "\"");
        if (skill != null && !c.effectiveSkills().isEmpty()) {
            json = json.replace("\"name\":\"" + c.effectiveSkills().get(0).name() + "\"", "\"name\":\"" + skill + "\"");
        }
        return Json.read(json, CoachProfile.class);
    }
}
