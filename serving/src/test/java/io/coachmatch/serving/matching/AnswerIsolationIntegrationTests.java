package io.coachmatch.serving.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.json.Json;
import io.coachmatch.serving.support.ServingIntegrationTest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a request_id can reach: a REST caller can neither read a Kafka request's answer by its id nor decide what a
 * Kafka request with that id later gets, in either order; and an answer too large for one Kafka record is trimmed
 * to fit instead of failing its transaction for ever.
 */
class AnswerIsolationIntegrationTests extends ServingIntegrationTest {

    private static String pythonRequest(String id) {
        return """
                {"request_id":"%s","session_type":"individual","skills_required":[{"name":"Python","mandatory":true}],
                 "availability_requirements":{"flexibility":1.0}}
                """.formatted(id);
    }

    private static List<String> skillsShown(String answer) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : Json.tree(answer.getBytes()).path("matches")) {
            m.path("matching_skills").forEach(s -> out.add(s.asString()));
        }
        return out;
    }

    @Nested
    class RestAndKafkaIdsAreApart {

        @Test
        void aRestCallerSendingAKafkaRequestsIdGetsItsOwnAnswerNotTheKafkaOne() {
            String id = "isolation-kafka-first";
            kafka().send(kafkaSettings.topics().requests(), id, seedRequest(id), null);
            String kafkaAnswer = kafka().awaitAnswer(id).value();
            assertThat(skillsShown(kafkaAnswer)).contains("React");

            var rest = post("/api/match", pythonRequest(id), null);

            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(rest.body()).isNotEqualTo(kafkaAnswer);
            assertThat(skillsShown(rest.body())).isNotEmpty().containsOnly("Python");
        }

        @Test
        void aRestCallerWhoSendsAnIdFirstDoesNotDecideWhatTheKafkaRequestGets() {
            String id = "isolation-rest-first";
            var planted = post("/api/match", pythonRequest(id), null);
            assertThat(planted.statusCode()).isEqualTo(200);

            kafka().send(kafkaSettings.topics().requests(), id, seedRequest(id), null);
            String kafkaAnswer = kafka().awaitAnswer(id).value();

            assertThat(kafkaAnswer).isNotEqualTo(planted.body());
            assertThat(skillsShown(kafkaAnswer)).isNotEmpty().containsOnly("React");
        }
    }

    @Test
    void anAnswerLargerThanARecordIsTrimmedToFitAndThePartitionMovesOn() throws Exception {
        // 30 coaches of ~45 KB each (long certification lists and bios): all 30 would be ~1.3 MB of answer
        CoachProfile base = Json.read(Files.readAllLines(COACHES).get(0), CoachProfile.class);
        String certs = String.join(
                ",",
                Collections.nCopies(40, "\"" + "Certified Fortran Numerical Methods Professional ".repeat(2) + "\""));
        String skills = "["
                + String.join(
                        ",",
                        java.util.stream.IntStream.range(0, 8)
                                .mapToObj(i -> "{\"name\":\"" + (i == 0 ? "Fortran" : "Fortran dialect " + i)
                                        + "\",\"level\":\"expert\",\"years\":9,\"certifications\":[" + certs + "]}")
                                .toList())
                + "]";
        String bio = "x".repeat(4_000);
        for (int i = 0; i < 30; i++) {
            String id = "coach_big_%02d".formatted(i);
            String json = Json.string(base).replace("\"id\":\"coach_0001\"", "\"id\":\"" + id + "\"");
            JsonNode tree = Json.tree(json.getBytes());
            ((tools.jackson.databind.node.ObjectNode) tree).set("skills", Json.tree(skills.getBytes()));
            ((tools.jackson.databind.node.ObjectNode) tree).put("bio", bio);
            kafka().send(kafkaSettings.topics().coachProfiles(), id, Json.bytes(tree), null);
        }
        Awaitility.await("the big coaches are in the catalog")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var r = post("/api/match", """
                            {"session_type":"individual","skills_required":[{"name":"Fortran","mandatory":true}],
                             "availability_requirements":{"flexibility":1.0},"max_results":100}""", null);
                    return Json.tree(r.body().getBytes()).path("total_matches").asInt() >= 30;
                });

        String big = "record-limit-big";
        kafka().send(kafkaSettings.topics().requests(), big, """
                {"request_id":"%s","session_type":"individual","skills_required":[{"name":"Fortran","mandatory":true}],
                 "availability_requirements":{"flexibility":1.0},"max_results":100}""".formatted(big), null);
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            after.add("record-limit-after-" + i);
            kafka().send(kafkaSettings.topics().requests(), after.get(i), seedRequest(after.get(i)), null);
        }

        var answer = kafka().awaitAnswer(big);
        assertThat(answer.topic()).isEqualTo(kafkaSettings.topics().responses());
        JsonNode r = Json.tree(answer.value().getBytes());
        assertThat(answer.value().getBytes().length).isLessThanOrEqualTo(kafkaSettings.maxAnswerBytes());
        assertThat(r.path("warnings").toString()).contains(MatchingService.ANSWER_TRIMMED);
        assertThat(r.path("matches").size()).isBetween(1, 29);
        assertThat(r.path("total_matches").asInt()).isGreaterThanOrEqualTo(30);
        after.forEach(id -> assertThat(kafka().awaitAnswer(id).topic())
                .isEqualTo(kafkaSettings.topics().responses()));

        for (int i = 0; i < 30; i++) {
            kafka().send(kafkaSettings.topics().coachProfiles(), "coach_big_%02d".formatted(i), (byte[]) null, null);
        }
    }
}
