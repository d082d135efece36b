package io.coachmatch.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ConfigurationValidationTests {

    private static String startupFailure(String... properties) {
        SpringApplication app = new SpringApplicationBuilder(ServingApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .build();
        // Command-line arguments outrank application.properties; the seed's variable names, given as
        // default properties above, feed its placeholders like environment variables would.
        Throwable t = catchThrowable(() -> app.run(
                        "--coachmatch.kafka.bootstrap-servers=127.0.0.1:1",
                        "--coachmatch.kafka.early-start=false",
                        "--coachmatch.kafka.listener-enabled=false",
                        "--coachmatch.catalog.coaches-file=target/no-such-file.jsonl",
                        "--coachmatch.models.registry-dir=target/no-such-registry",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=OFF")
                .close());
        assertThat(t).as("startup should fail").isNotNull();
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }

    @ParameterizedTest(name = "{0}={1} names {2}")
    @CsvSource({
        "MAX_MATCHES_PER_REQUEST, 0, max-matches-per-request",
        "MAX_MATCHES_PER_REQUEST, lots, max-matches-per-request",
        "MIN_MATCH_SCORE, 1.5, min-match-score",
        "RATING_WEIGHT, -1, weights.rating",
        "REDIS_PORT, 70000, redis-port",
        "EMBEDDED_KAFKA_PORT, -5, embedded-port",
        "BACKEND_API_URL, ftp://nowhere, backend-api-url",
        "MATCHING_REQUESTS_TOPIC, 'bad topic!', topics.requests",
        "MATCHING_WARMUP, -1s, matching.warmup",
        "MATCHING_WARMUP, 2h, matching.warmup",
        "KAFKA_COMPRESSION, brotli, compression",
        "KAFKA_GROUP_PROTOCOL, eager, group-protocol"
    })
    void nonsenseConfigurationStopsStartupNamingTheSetting(String variable, String value, String property) {
        String failure = startupFailure(variable + "=" + value);
        assertThat(failure).containsAnyOf(variable, property);
    }

    @ParameterizedTest(name = "{0} of 15 characters stops startup")
    @CsvSource({"ADMIN_TOKEN", "FEEDBACK_TOKEN"})
    void aShortTokenStopsStartupNamingTheVariableButNotTheValue(String variable) {
        String failure = startupFailure(variable + "=fifteen-chars-x");
        assertThat(failure)
                .contains(variable + " is too short: use at least 16 characters")
                .doesNotContain("fifteen-chars-x");
    }

    @Test
    void allWeightsZeroStopsStartup() {
        String failure = startupFailure(
                "SKILL_MATCH_WEIGHT=0",
                "EXPERIENCE_WEIGHT=0",
                "RATING_WEIGHT=0",
                "AVAILABILITY_WEIGHT=0",
                "PRICE_WEIGHT=0");
        assertThat(failure).contains("at least one score weight must be positive");
    }
}
