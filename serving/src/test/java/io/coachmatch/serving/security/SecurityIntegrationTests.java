package io.coachmatch.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import io.coachmatch.core.validation.ValidationLimits;
import io.coachmatch.serving.ServingApplication;
import io.coachmatch.serving.support.RawHttp;
import io.coachmatch.serving.support.ServingIntegrationTest;
import io.coachmatch.serving.support.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Who may call what, over the real HTTP port of a running service. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityIntegrationTests extends ServingIntegrationTest {

    private static final String ADMIN = "Bearer " + ADMIN_TOKEN;
    private static final String FEEDBACK = "Bearer " + FEEDBACK_TOKEN;
    private static final int LIMIT = ValidationLimits.defaults().maxPayloadBytes();

    private static final String EVENT = """
            {"event_id":"security_evt_1","request_id":"security_req_1","requester_id":"security_user",
             "coach_id":"coach_001","type":"click","position":1}
            """;

    private RawHttp.Response call(String method, String path, String authorization, String body) {
        return RawHttp.send(port, method, path, authorization, body);
    }

    @Nested
    class Feedback {

        @Test
        void feedbackWithoutATokenIsRefusedNamingTheFeedbackToken() {
            RawHttp.Response r = call("POST", "/api/feedback", null, EVENT);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"coachmatch-feedback\"");
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("FEEDBACK_TOKEN");
            assertThat(call("POST", "/api/feedback", "Bearer " + FEEDBACK_TOKEN + "x", EVENT)
                            .status())
                    .isEqualTo(401);
            assertThat(call("POST", "/api/feedback", "Basic " + FEEDBACK_TOKEN, EVENT)
                            .status())
                    .isEqualTo(401);
            assertThat(call("POST", "/api/feedback/", null, EVENT).status()).isIn(401, 404);
        }

        @Test
        void theFeedbackTokenOrTheAdminTokenOpensFeedback(CapturedOutput output) {
            // Past the guard, whatever the feedback handler then makes of the event.
            for (String token : List.of(FEEDBACK, ADMIN)) {
                RawHttp.Response r = call("POST", "/api/feedback", token, EVENT);
                assertThat(r.status()).as(r.body()).isNotIn(401, 403);
                assertThat(r.header("WWW-Authenticate")).isNull();
            }
            assertThat(output.getAll()).doesNotContain(FEEDBACK_TOKEN, ADMIN_TOKEN);
        }

        @Test
        void theFeedbackTokenOpensNothingElse() {
            RawHttp.Response r = call("POST", "/admin/models/reload", FEEDBACK, null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"coachmatch-admin\"");
            assertThat(call("GET", "/actuator/metrics", FEEDBACK, null).status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class Actuator {

        @Test
        void onlyHealthAndPrometheusArePublic() {
            assertThat(call("GET", "/actuator/health", null, null).status()).isEqualTo(200);
            assertThat(call("GET", "/actuator/health/liveness", null, null).status())
                    .isEqualTo(200);
            assertThat(call("GET", "/actuator/prometheus", null, null).status()).isEqualTo(200);
            for (String path :
                    List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/metrics/jvm.memory.used")) {
                RawHttp.Response r = call("GET", path, null, null);
                assertThat(r.status()).as(path).isEqualTo(401);
                assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
                assertThat(call("GET", path, ADMIN, null).status()).as(path).isEqualTo(200);
            }
        }

        @Test
        void actuatorPathSpellingsNeedTheTokenToo() {
            for (String path : List.of(
                    "/%61ctuator/metrics",
                    "/actuator/%6detrics",
                    "/actuator;x/metrics",
                    "/actuator/metrics;x",
                    "/actuator//metrics",
                    "/actuator/./metrics",
                    "/x/../actuator/metrics",
                    "/ACTUATOR/metrics",
                    "/actuator/metrics/",
                    "/actuator/%69nfo",
                    "/actuator/info/")) {
                assertThat(call("GET", path, null, null).status()).as(path).isIn(400, 401, 404);
            }
        }
    }

    @Nested
    class BodyLimits {

        @Test
        void feedbackBodiesPastTheRequestLimitAre413() {
            RawHttp.Response r = RawHttp.send(
                    port, "POST", "/api/feedback", FEEDBACK, "application/json", jsonArrayOfSize(LIMIT + 1));
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).contains("\"status\":413", String.valueOf(LIMIT));
            assertThat(RawHttp.send(port, "POST", "/api/feedback", FEEDBACK, "application/json", jsonArrayOfSize(LIMIT))
                            .status())
                    .isNotEqualTo(413);
        }

        @Test
        void matchBodiesPastTheRequestLimitAre413() {
            RawHttp.Response r =
                    RawHttp.send(port, "POST", "/api/match", null, "application/json", jsonArrayOfSize(LIMIT + 1));
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(Json.tree(r.body().getBytes(StandardCharsets.UTF_8))
                            .path("error_code")
                            .asString())
                    .isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(RawHttp.send(port, "POST", "/api/match", null, "application/json", jsonArrayOfSize(LIMIT))
                            .status())
                    .isNotEqualTo(413);
        }

        /**
         * Sends one byte past the limit of a body that declares 4 MiB and waits: the 413 must come without the
         * rest, so neither endpoint reads more than that.
         */
        @Test
        void neitherEndpointReadsMoreThanOneBytePastTheLimit() {
            for (long declared : new long[] {4L << 20}) {
                RawHttp.Response match = RawHttp.send(
                        port, "POST", "/api/match", null, "application/json", jsonArrayOfSize(LIMIT + 1), declared);
                assertThat(match.status()).as("declared %d", declared).isEqualTo(413);
                RawHttp.Response feedback = RawHttp.send(
                        port,
                        "POST",
                        "/api/feedback",
                        FEEDBACK,
                        "application/json",
                        jsonArrayOfSize(LIMIT + 1),
                        declared);
                assertThat(feedback.status()).as("declared %d", declared).isEqualTo(413);
            }
        }

        private static byte[] jsonArrayOfSize(int bytes) {
            return ("[" + " ".repeat(bytes - 2) + "]").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A second instance with neither token: admin, actuator and feedback calls are all refused, and it says so. */
    @Nested
    class WithoutTokens {

        @Test
        void everyGuardedCallIsRefusedAndStartupSaysWhichVariableToSet(CapturedOutput output) {
            try (ConfigurableApplicationContext instance = new SpringApplicationBuilder(ServingApplication.class)
                    .run(
                            "--server.port=0",
                            "--coachmatch.kafka.early-start=false",
                            "--coachmatch.kafka.listener-enabled=false",
                            "--coachmatch.experiments.feedback-enabled=false",
                            "--coachmatch.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                            "--coachmatch.kafka.partitions=4",
                            "--coachmatch.kafka.concurrency=2",
                            "--coachmatch.cache.redis-host=127.0.0.1",
                            "--coachmatch.cache.redis-port=" + TestInfrastructure.redisPort(),
                            "--coachmatch.catalog.coaches-file=" + COACHES,
                            "--coachmatch.models.registry-dir=" + MODELS,
                            "--coachmatch.admin.token=",
                            "--coachmatch.feedback.token=",
                            "--spring.main.banner-mode=off")) {
                int other =
                        ((WebServerApplicationContext) instance).getWebServer().getPort();
                RawHttp.Response admin = RawHttp.send(other, "POST", "/admin/models/reload", ADMIN, null);
                assertThat(admin.status()).isEqualTo(401);
                assertThat(admin.body()).contains("set ADMIN_TOKEN");
                RawHttp.Response feedback = RawHttp.send(other, "POST", "/api/feedback", FEEDBACK, EVENT);
                assertThat(feedback.status()).isEqualTo(401);
                assertThat(feedback.header("Content-Type")).startsWith("application/problem+json");
                assertThat(feedback.body()).contains("set FEEDBACK_TOKEN");
                assertThat(RawHttp.send(other, "GET", "/actuator/metrics", ADMIN, null)
                                .status())
                        .isEqualTo(401);
                assertThat(RawHttp.send(other, "GET", "/actuator/health", null, null)
                                .status())
                        .isEqualTo(200);
                assertThat(RawHttp.send(other, "GET", "/api/models", null, null).status())
                        .isEqualTo(200);
            }
            assertThat(output.getAll())
                    .contains(
                            "ADMIN_TOKEN is unset",
                            "Set ADMIN_TOKEN=",
                            "FEEDBACK_TOKEN and ADMIN_TOKEN are unset",
                            "Set FEEDBACK_TOKEN=")
                    .doesNotContain("Using generated security password");
        }
    }

    /** What anyone may read names no file path and quotes no exception: the log has those. */
    @Nested
    class PublicAnswers {

        @Test
        void publicAnswersShowNoFilePathsOrExceptionTexts() {
            List<RawHttp.Response> answers = List.of(
                    call("GET", "/health", null, null),
                    call("GET", "/api/models", null, null),
                    call("GET", "/api/stats", null, null),
                    call("GET", "/api/experiments", null, null),
                    call("GET", "/api/experiments/no-such-experiment", null, null),
                    call("GET", "/api/coaches?session_type=party", null, null),
                    call("GET", "/api/coaches?page=x", null, null),
                    call("GET", "/actuator/health", null, null),
                    call("GET", "/no/such/path", null, null),
                    call("POST", "/api/match", null, "{"),
                    call("POST", "/api/match", null, "[1, 2]"),
                    call("PUT", "/api/match", null, "{}"),
                    call("POST", "/admin;x/models/reload", null, null),
                    call("POST", "/admin\\models\\reload", null, null),
                    call("POST", "/%2561dmin/models/reload", null, null),
                    call("POST", "/admin/models/reload", null, null),
                    call("POST", "/api/feedback", null, "{}"));
            for (RawHttp.Response r : answers) {
                assertThat(r.body())
                        .as(r.status() + " " + r.body())
                        .doesNotContain(
                                WORK_DIR.toString(),
                                MODELS.toString(),
                                COACHES.toString(),
                                System.getProperty("java.io.tmpdir"),
                                System.getProperty("user.dir"))
                        .doesNotContainPattern("\\b[A-Za-z]+(Exception|Error)\\b")
                        .doesNotContain("\tat ", "Apache Tomcat/");
            }
        }
    }

    @Test
    void noLoginPageNoSessionCookie() {
        assertThat(call("GET", "/login", null, null).status()).isEqualTo(404);
        assertThat(call("POST", "/admin/models/reload", null, null).header("Set-Cookie"))
                .isNull();
        assertThat(call("POST", "/admin/models/reload", ADMIN, null).header("Set-Cookie"))
                .isNull();
        assertThat(call("GET", "/api/models", null, null).header("Set-Cookie")).isNull();
    }
}
