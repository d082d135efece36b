package io.coachmatch.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.contract.ErrorCode;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.MatchingError;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.money.CurrencyRates;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RequestParserTests {

    final RequestParser parser = new RequestParser(ValidationLimits.defaults(), CurrencyRates.defaults());

    MatchingRequest ok(String json, boolean requireId) {
        ParseResult r = parser.parse(json.getBytes(StandardCharsets.UTF_8), requireId);
        assertThat(r).as("%s", r).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) r).request();
    }

    MatchingError rejected(String json) {
        return rejected(json.getBytes(StandardCharsets.UTF_8));
    }

    MatchingError rejected(byte[] bytes) {
        ParseResult r = parser.parse(bytes, true);
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) r).error();
    }

    static String valid(String extra) {
        return "{\"request_id\":\"r-1\",\"session_type\":\"group\",\"skills_required\":[{\"name\":\"React\"}]"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Nested
    class Accepts {
        @Test
        void theKafkaExample() {
            MatchingRequest r =
                    ok(new String(SharedExamples.bytes("kafka-request.json"), StandardCharsets.UTF_8), true);
            assertThat(r.requestId()).isEqualTo("match_1703123456789_abc123");
        }

        @Test
        void theSeedExampleWithoutRequestIdWhenTheCallerAssignsOne() {
            MatchingRequest r =
                    ok(new String(SharedExamples.bytes("seed-request.json"), StandardCharsets.UTF_8), false);
            assertThat(r.requestId()).isNull();
            assertThat(r.title()).isEqualTo("React Development Training");
        }

        @Test
        void nullAsAbsentForOptionalFields() {
            MatchingRequest r = ok(valid("\"budget_constraints\":null,\"priority\":null,\"max_results\":null"), true);
            assertThat(r.budgetConstraints()).isNull();
        }

        @Test
        void wholeNumbersWrittenWithAFraction() {
            assertThat(ok(valid("\"participants_count\":5.0"), true).participantsCount())
                    .isEqualTo(5);
        }

        @Test
        void fixedOffsetsAndIanaZones() {
            ok(valid("\"availability_requirements\":{\"timezone\":\"UTC+05:30\"}"), true);
            ok(valid("\"availability_requirements\":{\"timezone\":\"America/Los_Angeles\"}"), true);
        }
    }

    @Nested
    class Rejects {
        @Test
        void theSeedExampleOnKafkaWhereRequestIdIsRequired() {
            MatchingError e = rejected(SharedExamples.bytes("seed-request.json"));
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.details()).containsExactly(new ErrorDetail("request_id", "is required"));
        }

        @Test
        void brokenJsonAsMalformedKeepingTheRequestIdItCanRead() {
            MatchingError e = rejected("{\"request_id\": \"r-77\", \"session_type\": ");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(e.requestId()).isEqualTo("r-77");
            assertThat(e.retryable()).isFalse();
            assertThat(e.message()).contains("not valid JSON");
        }

        @Test
        void garbageAndEmptyPayloadsAsMalformed() {
            assertThat(rejected("not json at all").errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(rejected(new byte[0]).errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(rejected(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}).errorCode())
                    .isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(rejected(valid("") + " trailing").errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
        }

        @Test
        void duplicateKeysAsMalformed() {
            assertThat(rejected("{\"request_id\":\"a\",\"request_id\":\"b\"}").errorCode())
                    .isEqualTo(ErrorCode.MALFORMED_JSON);
        }

        @Test
        void deeplyNestedDocumentsWithoutExhaustingTheStack() {
            String bomb = "{\"request_id\":\"r\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(rejected(bomb).errorCode()).isEqualTo(ErrorCode.MALFORMED_JSON);
        }

        @Test
        void oversizedPayloadsBeforeParsingThem() {
            String big = valid("\"description\":\"" + "x".repeat(70_000) + "\"");
            MatchingError e = rejected(big);
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(e.requestId()).isEqualTo("r-1");
        }

        @Test
        void aJsonValueThatIsNotAnObject() {
            MatchingError e = rejected("[1,2,3]");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.details()).extracting(ErrorDetail::field).containsExactly("$");
        }

        @Test
        void everyProblemAtOnceWithItsFieldPath() {
            MatchingError e = rejected("{\"request_id\":\"bad id!\",\"session_type\":\"seminar\",\"priority\":2,"
                    + "\"skills_required\":[{\"name\":\"React\",\"level\":\"guru\",\"weight\":11},{\"level\":\"expert\"},"
                    + "{\"name\":\"react\"}],\"budget_constraints\":{\"max_hourly_rate\":-1,\"currency\":\"XYZ\"},"
                    + "\"availability_requirements\":{\"days_of_week\":[0,8],\"time_slots\":[\"9-17\",\"10:00-10:00\"],"
                    + "\"timezone\":\"Mars/Olympus\",\"flexibility\":1.5},\"language_requirements\":[\"english!\"],"
                    + "\"participants_count\":0,\"total_sessions\":\"8\",\"max_results\":101}");
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.details())
                    .extracting(ErrorDetail::field)
                    .containsExactly(
                            "request_id",
                            "session_type",
                            "priority",
                            "skills_required[0].level",
                            "skills_required[0].weight",
                            "skills_required[1].name",
                            "skills_required[2].name",
                            "budget_constraints.max_hourly_rate",
                            "budget_constraints.currency",
                            "availability_requirements.days_of_week[0]",
                            "availability_requirements.days_of_week[1]",
                            "availability_requirements.time_slots[0]",
                            "availability_requirements.time_slots[1]",
                            "availability_requirements.timezone",
                            "availability_requirements.flexibility",
                            "language_requirements[0]",
                            "participants_count",
                            "total_sessions",
                            "max_results");
            assertThat(e.details().get(3).problem())
                    .isEqualTo("unknown value 'guru'; must be one of beginner, intermediate, advanced, expert");
            assertThat(e.message()).startsWith("request_id ").contains("(and 18 more)");
            assertThat(e.requestId()).isNull();
        }

        @Test
        void missingAndEmptySkillLists() {
            assertThat(rejected("{\"request_id\":\"r\",\"session_type\":\"group\"}")
                            .details())
                    .containsExactly(new ErrorDetail("skills_required", "is required"));
            assertThat(rejected("{\"request_id\":\"r\",\"session_type\":\"group\",\"skills_required\":[]}")
                            .details())
                    .containsExactly(new ErrorDetail("skills_required", "must have at least 1 entry"));
        }

        @Test
        void moreSkillsThanTheCap() {
            StringBuilder skills = new StringBuilder();
            for (int i = 0; i < 51; i++) {
                skills.append(i == 0 ? "" : ",")
                        .append("{\"name\":\"s")
                        .append(i)
                        .append("\"}");
            }
            MatchingError e =
                    rejected("{\"request_id\":\"r\",\"session_type\":\"group\",\"skills_required\":[" + skills + "]}");
            assertThat(e.details())
                    .containsExactly(new ErrorDetail("skills_required", "has 51 entries; at most 50 are allowed"));
        }

        @Test
        void anUnknownCurrencyAsAValidationErrorNotACrash() {
            MatchingError e = rejected(valid("\"budget_constraints\":{\"max_hourly_rate\":100,\"currency\":\"JPY\"}"));
            assertThat(e.details()).singleElement().satisfies(d -> {
                assertThat(d.field()).isEqualTo("budget_constraints.currency");
                assertThat(d.problem()).contains("unknown currency 'JPY'");
            });
        }

        @Test
        void overlongStrings() {
            MatchingError e = rejected(valid("\"title\":\"" + "t".repeat(300) + "\""));
            assertThat(e.details())
                    .containsExactly(new ErrorDetail("title", "is 300 characters long; at most 256 are allowed"));
        }
    }
}
