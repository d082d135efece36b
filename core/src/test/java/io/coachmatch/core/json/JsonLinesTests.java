package io.coachmatch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.ValidationLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesTests {

    @TempDir
    Path dir;

    final CoachValidator validator = new CoachValidator(ValidationLimits.defaults(), CurrencyRates.defaults());

    String coachLine() {
        return Json.string(Json.read(SharedExamples.bytes("coach.json"), CoachProfile.class));
    }

    @Test
    void writesAndReadsBackGzipAndPlainFiles() throws IOException {
        CoachProfile coach = Json.read(SharedExamples.bytes("coach.json"), CoachProfile.class);
        for (String name : List.of("coaches.jsonl", "coaches.jsonl.gz")) {
            Path file = dir.resolve(name);
            try (JsonLines.LineWriter w = JsonLines.writer(file)) {
                w.write(coach);
                w.write(coach);
            }
            List<CoachProfile> read = new ArrayList<>();
            JsonLines.ReadStats stats = JsonLines.read(file, CoachProfile.class, read::add, e -> {}, true);
            assertThat(stats.records()).isEqualTo(2);
            assertThat(read).containsExactly(coach, coach);
        }
        assertThat(Files.readAllBytes(dir.resolve("coaches.jsonl.gz"))).startsWith((byte) 0x1f, (byte) 0x8b);
    }

    @Test
    void readsAJsonArrayFileToo() throws IOException {
        Path file = dir.resolve("coaches.json");
        Files.writeString(file, "[\n" + coachLine() + ",\n" + coachLine().replace("coach_0001", "coach_0002") + "\n]");
        List<CoachProfile> read = new ArrayList<>();
        JsonLines.read(file, CoachProfile.class, validator::validate, read::add, e -> {}, true);
        assertThat(read).extracting(CoachProfile::id).containsExactly("coach_0001", "coach_0002");
    }

    @Test
    void skipsAndCountsBadLinesNamingFileLineAndField() throws IOException {
        Path file = dir.resolve("coaches.jsonl");
        Files.writeString(
                file,
                coachLine() + "\n\n{broken\n" + coachLine().replace("\"USD\"", "\"XYZ\"") + "\n"
                        + coachLine().replace("\"hourly_rate\":140.0", "\"hourly_rate\":\"cheap\"") + "\n",
                StandardCharsets.UTF_8);
        List<JsonLines.LineError> errors = new ArrayList<>();
        List<CoachProfile> read = new ArrayList<>();
        JsonLines.ReadStats stats =
                JsonLines.read(file, CoachProfile.class, validator::validate, read::add, errors::add, false);
        assertThat(stats.records()).isEqualTo(1);
        assertThat(stats.skipped()).isEqualTo(3);
        assertThat(errors).extracting(JsonLines.LineError::line).containsExactly(3L, 4L, 5L);
        assertThat(errors.get(1).field()).isEqualTo("currency");
        assertThat(errors.get(2).field()).isEqualTo("hourly_rate");
        assertThat(errors.get(2).toString()).startsWith(file + ":5: hourly_rate: must be a number");
    }

    @Test
    void strictModeStopsAtTheFirstBadLine() throws IOException {
        Path file = dir.resolve("feedback.jsonl");
        Files.writeString(file, "{\"event_id\":\"e1\",\"type\":\"click\"}\n{\"event_id\":\"e2\",\"type\":\"nope\"}\n");
        assertThatThrownBy(() -> JsonLines.read(file, FeedbackEvent.class, e -> {}, e -> {}, true))
                .isInstanceOf(JsonLines.DataFileException.class)
                .hasMessageStartingWith(file + ":2: type:");
    }
}
