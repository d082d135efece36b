package io.coachmatch.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class ContractRoundTripTests {

    static final Map<String, Class<?>> TYPES = Map.of(
            "coach.json", CoachProfile.class,
            "feedback-event.json", FeedbackEvent.class,
            "kafka-request.json", MatchingRequest.class,
            "seed-request.json", MatchingRequest.class,
            "matching-response.json", MatchingResponse.class,
            "matching-error.json", MatchingError.class);

    /** Numbers compare by value (150 equals 150.0); everything else exactly. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return 1;
    };

    static Stream<Path> examples() throws IOException {
        return Files.list(SharedExamples.dir())
                .filter(p -> p.toString().endsWith(".json"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleReadsAndWritesBackEqual(Path file) throws IOException {
        Class<?> type = TYPES.get(file.getFileName().toString());
        assertThat(type).as("a contract type for %s", file.getFileName()).isNotNull();
        byte[] bytes = Files.readAllBytes(file);
        Object value = Json.read(bytes, type);
        JsonNode original = Json.tree(bytes);
        JsonNode written = Json.tree(Json.bytes(value));
        assertThat(written.equals(NUMERIC, original))
                .as("%s written back: %s", file.getFileName(), written)
                .isTrue();
    }

    @Test
    void readsTheKafkaRequestIntoTypedFields() {
        MatchingRequest r = Json.read(SharedExamples.bytes("kafka-request.json"), MatchingRequest.class);
        assertThat(r.requestId()).isEqualTo("match_1703123456789_abc123");
        assertThat(r.sessionType()).isEqualTo(SessionType.GROUP);
        assertThat(r.effectivePriority()).isEqualTo(Priority.NORMAL);
        assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(r.skillsRequired()).containsExactly(new SkillRequirement("React", SkillLevel.EXPERT, 1.0, true));
        assertThat(r.budgetConstraints().maxHourlyRate()).isEqualTo(150.0);
        assertThat(r.availabilityRequirements().daysOfWeek()).containsExactly(1, 2, 3);
        assertThat(r.effectiveParticipantsCount()).isEqualTo(5);
    }

    @Test
    void appliesTheContractsDefaultsToAbsentFields() {
        MatchingRequest r = Json.read(
                "{\"request_id\":\"r1\",\"session_type\":\"individual\"," + "\"skills_required\":[{\"name\":\"Go\"}]}",
                MatchingRequest.class);
        assertThat(r.effectivePriority()).isEqualTo(Priority.NORMAL);
        assertThat(r.skillsRequired().get(0).effectiveLevel()).isEqualTo(SkillLevel.INTERMEDIATE);
        assertThat(r.skillsRequired().get(0).effectiveWeight()).isEqualTo(1.0);
        assertThat(r.skillsRequired().get(0).isMandatory()).isFalse();
        assertThat(r.effectiveParticipantsCount()).isEqualTo(1);
        assertThat(r.effectiveTotalSessions()).isEqualTo(1);
        assertThat(r.effectiveRequesterId()).isEqualTo("r1");
        assertThat(r.maxResults()).isNull();
    }

    @Test
    void writesBackAbsentBooleansAsAbsent() {
        String coach = "{\"id\":\"c1\",\"hourly_rate\":50.0}";
        assertThat(Json.string(Json.read(coach, CoachProfile.class))).isEqualTo(coach);
        String skill = "{\"name\":\"Go\"}";
        assertThat(Json.string(Json.read(skill, SkillRequirement.class))).isEqualTo(skill);
    }

    @Test
    void ignoresUnknownFields() {
        MatchingRequest r = Json.read(
                "{\"request_id\":\"r1\",\"session_type\":\"group\",\"x_new\":{\"a\":[1]},"
                        + "\"skills_required\":[{\"name\":\"Go\",\"future\":true}]}",
                MatchingRequest.class);
        assertThat(r.skillsRequired()).hasSize(1);
    }

    @Test
    void writesSnakeCaseAndOmitsAbsentFields() {
        FeedbackEvent e = new FeedbackEvent(
                "fb_1",
                "r1",
                null,
                "coach_1",
                FeedbackType.CLICK,
                2,
                null,
                null,
                null,
                Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(Json.string(e))
                .isEqualTo("{\"event_id\":\"fb_1\",\"request_id\":\"r1\",\"coach_id\":\"coach_1\","
                        + "\"type\":\"click\",\"position\":2,\"occurred_at\":\"2026-11-28T11:00:00Z\"}");
    }

    @Test
    void writesErrorsWithTheirCodeAndSource() {
        MatchingError e = new MatchingError(
                null,
                ErrorCode.MALFORMED_JSON,
                "bad",
                List.of(),
                false,
                Instant.parse("2026-11-28T10:00:00Z"),
                new ErrorSource("matching-requests", 0, 42L));
        JsonNode n = Json.toTree(e);
        assertThat(n.get("error_code").stringValue()).isEqualTo("MALFORMED_JSON");
        assertThat(n.has("request_id")).isFalse();
        assertThat(n.get("source").get("offset").longValue()).isEqualTo(42L);
        assertThat(n.get("retryable").booleanValue()).isFalse();
    }
}
