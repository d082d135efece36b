package io.coachmatch.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.contract.ContractSchemas.Kind;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.ParseResult;
import io.coachmatch.core.validation.RequestParser;
import io.coachmatch.core.validation.ValidationLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas ({@code docs/schemas/}) are what the records generate, every example of
 * {@code docs/examples/} conforms to its schema, and the schemas refuse what the validators refuse.
 *
 * <p>After changing a contract record, regenerate the published files with
 * {@code ./mvnw -B -q -pl core test -Dtest=ContractSchemasTests -Dschemas.write=true} and commit them.
 */
class ContractSchemasTests {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void thePublishedSchemaIsWhatTheRecordsGenerate(Kind kind) throws Exception {
        String generated = ContractSchemaGenerator.generate(kind);
        if (Boolean.getBoolean("schemas.write")) {
            Files.createDirectories(ContractSchemas.dir());
            Files.writeString(ContractSchemas.file(kind), generated, StandardCharsets.UTF_8);
        }
        assertThat(ContractSchemas.file(kind)).exists();
        assertThat(Files.readString(ContractSchemas.file(kind)))
                .as(kind.fileName() + " is out of date: regenerate it with"
                        + " ./mvnw -B -q -pl core test -Dtest=ContractSchemasTests -Dschemas.write=true")
                .isEqualTo(generated);
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("kafka-request.json", Kind.MATCHING_REQUEST),
                Arguments.of("seed-request.json", Kind.MATCHING_REQUEST_BODY),
                Arguments.of("coach.json", Kind.COACH_PROFILE),
                Arguments.of("feedback-event.json", Kind.FEEDBACK_EVENT),
                Arguments.of("matching-response.json", Kind.MATCHING_RESPONSE),
                Arguments.of("matching-error.json", Kind.MATCHING_ERROR));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleConformsToItsSchema(String example, Kind kind) {
        String json = new String(SharedExamples.bytes(example), StandardCharsets.UTF_8);
        assertThat(ContractSchemas.problems(kind, json)).as(example).isEmpty();
    }

    @Test
    void theSchemasDescribeTheWireNotTheJavaNames() throws Exception {
        String request = Files.readString(ContractSchemas.file(Kind.MATCHING_REQUEST));
        assertThat(request)
                .contains("\"skills_required\"")
                .contains("\"session_type\"")
                .doesNotContain("skillsRequired")
                .contains("\"individual\", \"group\", \"workshop\", \"mentoring\"");
        assertThat(ContractSchemaGenerator.tree(request).path("required").toString())
                .isEqualTo("[\"request_id\",\"session_type\",\"skills_required\"]");
        assertThat(ContractSchemaGenerator.tree(Files.readString(ContractSchemas.file(Kind.MATCHING_REQUEST_BODY)))
                        .path("required")
                        .toString())
                .as("the REST endpoint assigns a request_id")
                .isEqualTo("[\"session_type\",\"skills_required\"]");
        String seed = new String(SharedExamples.bytes("seed-request.json"), StandardCharsets.UTF_8);
        assertThat(ContractSchemas.problems(Kind.MATCHING_REQUEST, seed))
                .as("the seed's body lacks the request_id Kafka requests need")
                .singleElement()
                .asString()
                .contains("request_id");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("an unknown level", r -> skill(r).put("level", "guru")),
                bad("a weight above 10", r -> skill(r).put("weight", 11)),
                bad("no skills", r -> r.putArray("skills_required")),
                bad("51 skills", r -> {
                    ArrayNode skills = r.putArray("skills_required");
                    for (int i = 0; i < 51; i++) {
                        skills.addObject().put("name", "Skill " + i);
                    }
                }),
                bad("a skill without a name", r -> skill(r).remove("name")),
                bad("no session type", r -> r.remove("session_type")),
                bad("an unknown session type", r -> r.put("session_type", "party")),
                bad("an unknown priority", r -> r.put("priority", "urgent")),
                bad("max_results 0", r -> r.put("max_results", 0)),
                bad("max_results 101", r -> r.put("max_results", 101)),
                bad("participants_count 1001", r -> r.put("participants_count", 1001)),
                bad("flexibility 1.5", r -> ((ObjectNode) r.get("availability_requirements")).put("flexibility", 1.5)),
                bad("a request_id with a space", r -> r.put("request_id", "bad id")),
                bad("no request_id", r -> r.remove("request_id")),
                bad("skills_required not a list", r -> r.put("skills_required", "React")));
    }

    private static Arguments bad(String what, Consumer<ObjectNode> edit) {
        return Arguments.of(what, edit);
    }

    private static ObjectNode skill(ObjectNode request) {
        return (ObjectNode) request.get("skills_required").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void theSchemaRefusesWhatTheValidatorRefuses(String what, Consumer<ObjectNode> edit) {
        ObjectNode request = (ObjectNode) ContractSchemaGenerator.tree(
                new String(SharedExamples.bytes("kafka-request.json"), StandardCharsets.UTF_8));
        assertThat(ContractSchemas.problems(Kind.MATCHING_REQUEST, request.toString()))
                .as("the example itself")
                .isEmpty();
        edit.accept(request);
        ParseResult parsed = new RequestParser(ValidationLimits.defaults(), CurrencyRates.defaults())
                .parse(request.toString().getBytes(StandardCharsets.UTF_8), true);
        assertThat(parsed).as("the service refuses " + what).isInstanceOf(ParseResult.Rejected.class);
        assertThat(ContractSchemas.problems(Kind.MATCHING_REQUEST, request.toString()))
                .as("the schema refuses " + what)
                .isNotEmpty();
    }

    @Test
    void aFeedbackEventOutsideItsRangesIsRefusedByBoth() {
        ObjectNode event = (ObjectNode) ContractSchemaGenerator.tree(
                new String(SharedExamples.bytes("feedback-event.json"), StandardCharsets.UTF_8));
        for (Consumer<ObjectNode> edit : List.<Consumer<ObjectNode>>of(
                e -> e.put("rating", 6.0),
                e -> e.put("position", 0),
                e -> e.put("type", "liked"),
                e -> e.remove("coach_id"))) {
            ObjectNode copy = event.deepCopy();
            edit.accept(copy);
            assertThat(new FeedbackValidator(ValidationLimits.defaults())
                            .validate(Json.tree(copy.toString().getBytes(StandardCharsets.UTF_8))))
                    .as(copy.toString())
                    .isNotEmpty();
            assertThat(ContractSchemas.problems(Kind.FEEDBACK_EVENT, copy.toString()))
                    .as(copy.toString())
                    .isNotEmpty();
        }
    }

    @Test
    void anAnswerTheEngineWritesConformsToTheResponseSchema() {
        MatchingResponse example = Json.read(SharedExamples.bytes("matching-response.json"), MatchingResponse.class);
        String written = Json.string(example);
        assertThat(ContractSchemas.problems(Kind.MATCHING_RESPONSE, written)).isEmpty();
        ObjectNode broken = ContractSchemaGenerator.tree(written);
        ((ObjectNode) broken.get("matches").get(0)).put("match_score", 1.5);
        broken.remove("served_at");
        assertThat(ContractSchemas.problems(Kind.MATCHING_RESPONSE, broken.toString()))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("match_score"))
                .anySatisfy(p -> assertThat(p).contains("served_at"));
    }
}
